package dev.olympus.numpy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.Array;
import dev.olympus.DType;
import dev.olympus.Fn1;
import dev.olympus.Fn2;
import dev.olympus.Olympus;
import dev.olympus.errors.OlympusException;
import dev.olympus.lax.Lax;
import dev.olympus.primitive.GammaFunctions;
import org.junit.jupiter.api.Test;

/**
 * {@code Lax.lgamma}, {@code digamma}, {@code polygamma} and {@code zeta}: in double precision against closed
 * forms (1e-13 relative), and in float32 against the values JAX 0.10.2 prints
 * ({@code tracer/src/test/python/make_indexing_values.py}), eagerly, jitted and differentiated, with poles and
 * domains as XLA's. Olympus rounds a double value once, XLA evaluates in float32: they agree within 4 ulp, or
 * 1e-6 absolute where the value is near 0 (XLA's lgamma(1) is 4.8e-7).
 */
class GammaFunctionsTest {
  static final float INF = Float.POSITIVE_INFINITY, NAN = Float.NaN;
  static final Array XS = Jnp.array(new float[] {-2.5f, -1, -0.5f, 0, 1e-3f, 0.5f, 1, 1.5f, 2, 3.7f, 10, 150});
  static final float[] LGAMMA = {-0.056243896484375f, INF, 1.2655117511749268f, INF, 6.907177925109863f,
      0.5723648071289062f, 4.76837158203125e-07f, -0.12078189849853516f, 0, 1.428072452545166f, 12.801830291748047f,
      600.0093994140625f};
  static final float[] DIGAMMA = {1.1031562089920044f, NAN, 0.03648994490504265f, NAN, -1000.5755004882812f,
      -1.9635100364685059f, -0.5772153735160828f, 0.03649008274078369f, 0.42278462648391724f, 1.1671538352966309f,
      2.2517526149749756f, 5.007297992706299f};
  static final float[] TRIGAMMA = {9.539246559143066f, INF, 8.934802055358887f, INF, 1000001.5f, 4.934802055358887f,
      1.644934058189392f, 0.934802234172821f, 0.6449340581893921f, 0.31003785133361816f, 0.10516632348299026f,
      0.006688937544822693f};
  static final float[] POLYGAMMA_2 = {-0.1082041785120964f, NAN, -0.8287968635559082f, NAN, -2000000256.0f,
      -16.828798294067383f, -2.4041144847869873f, -0.828796923160553f, -0.40411391854286194f, -0.09539531916379929f,
      -0.011049838736653328f, -4.474174420465715e-05f};
  static final float[] ZETA_3 = {0.05410207808017731f, NAN, 0.41439834237098694f, NAN, 999999872.0f, 8.414397239685059f,
      1.2020570039749146f, 0.4143983721733093f, 0.2020569145679474f, 0.04769764840602875f, 0.005524917971342802f,
      2.2370866645360366e-05f};

  static void close(float[] want, Array got, String what) {
    float[] g = got.toFloatArray();
    for (int i = 0; i < want.length; i++) {
      if (Float.isNaN(want[i]) || Float.isInfinite(want[i])) {
        assertEquals(want[i], g[i], what + " [" + i + "]");
      } else {
        assertEquals(want[i], g[i], Math.max(4 * Math.ulp(want[i]), 1e-6), what + " [" + i + "]");
      }
    }
  }

  @Test
  void doublePrecisionAgainstClosedForms() {
    double gamma = 0.5772156649015329;
    rel(0.5723649429247001, GammaFunctions.lgamma(0.5));
    rel(-0.05624371649767405, GammaFunctions.lgamma(-2.5));
    rel(Math.log(362880), GammaFunctions.lgamma(10));
    rel(-gamma, GammaFunctions.digamma(1));
    rel(-gamma - 2 * Math.log(2), GammaFunctions.digamma(0.5));
    rel(1 - gamma + 0.5, GammaFunctions.digamma(3));
    rel(Math.PI * Math.PI / 6, GammaFunctions.polygamma(1, 1));
    rel(Math.PI * Math.PI / 2, GammaFunctions.polygamma(1, 0.5));
    rel(-2 * 1.2020569031595942, GammaFunctions.polygamma(2, 1));
    rel(Math.pow(Math.PI, 4) / 90, GammaFunctions.zeta(4, 1));
    assertEquals(Double.POSITIVE_INFINITY, GammaFunctions.lgamma(-3));
    assertTrue(Double.isNaN(GammaFunctions.digamma(-3)));
    assertTrue(Double.isNaN(GammaFunctions.polygamma(1.5, 2)));
    assertTrue(Double.isNaN(GammaFunctions.zeta(0.5, 2)));
  }

  private static void rel(double want, double got) {
    assertEquals(want, got, 1e-13 * Math.abs(want));
  }

  @Test
  void float32AsJaxEagerlyAndJitted() {
    for (Fn1<Array, Array> lgamma : java.util.List.<Fn1<Array, Array>>of(Lax::lgamma, Olympus.jit(Lax::lgamma))) {
      close(LGAMMA, lgamma.apply(XS), "lgamma");
    }
    close(DIGAMMA, Olympus.jit(Lax::digamma).apply(XS), "digamma");
    close(POLYGAMMA_2, Lax.polygamma(Jnp.literal(2.0), XS), "polygamma(2, x)");
    Fn2<Array, Array, Array> zeta = Lax::zeta;
    close(ZETA_3, Olympus.jit(zeta).apply(Jnp.literal(3.0), XS), "zeta(3, q)");
    assertEquals(DType.F64, Lax.lgamma(XS.astype(DType.F64)).dtype());
  }

  /** lgamma' = digamma and digamma' = polygamma(1, .), as JAX differentiates them. */
  @Test
  void derivativesChainThroughPolygamma() {
    Fn1<Array, Array> dLgamma = Olympus.vmap(Olympus.grad(Lax::lgamma));
    close(DIGAMMA, dLgamma.apply(XS), "grad lgamma");
    close(TRIGAMMA, Olympus.jit(Olympus.vmap(Olympus.grad(Lax::digamma))).apply(XS), "grad digamma");
    String ir = Olympus.makeIr(Olympus.grad(Lax::digamma), Jnp.literal(1.0)).toString();
    assertTrue(ir.contains("= polygamma 1.0:f32[] a"), ir);
    OlympusException e = assertThrows(OlympusException.class,
        () -> Olympus.grad((Array m) -> Lax.polygamma(m, Jnp.literal(2.0))).apply(Jnp.literal(1.0)));
    assertTrue(e.getMessage().contains("order m"), e.getMessage());
  }
}
