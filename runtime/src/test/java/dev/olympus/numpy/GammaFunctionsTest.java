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
 * forms (1e-13 relative), and in float32 against the values JAX 0.10.2 computes
 * ({@code tracer/src/test/python/make_indexing_values.py} writes {@code indexing/values.txt}), eagerly, jitted
 * and differentiated, with poles and domains as XLA's. Olympus rounds a double value once, XLA evaluates in
 * float32: they agree within 4 ulp, or 1e-6 absolute where the value is near 0 (XLA's lgamma(1) is 4.8e-7).
 */
class GammaFunctionsTest {
  static final JaxValues WANT = JaxValues.load("/dev/olympus/indexing/values.txt");
  static final Array XS = Jnp.array(new float[] {-2.5f, -1, -0.5f, 0, 1e-3f, 0.5f, 1, 1.5f, 2, 3.7f, 10, 150});
  static final float[] LGAMMA = WANT.floats("lgamma");
  static final float[] DIGAMMA = WANT.floats("digamma");
  /** JAX's derivative of lgamma (the same values as its digamma). */
  static final float[] GRAD_LGAMMA = WANT.floats("grad lgamma");
  /** JAX's derivative of digamma: polygamma(1, x). */
  static final float[] TRIGAMMA = WANT.floats("grad digamma");
  static final float[] POLYGAMMA_2 = WANT.floats("polygamma 2");
  static final float[] ZETA_3 = WANT.floats("zeta 3");

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
    close(GRAD_LGAMMA, dLgamma.apply(XS), "grad lgamma");
    close(TRIGAMMA, Olympus.jit(Olympus.vmap(Olympus.grad(Lax::digamma))).apply(XS), "grad digamma");
    String ir = Olympus.makeIr(Olympus.grad(Lax::digamma), Jnp.literal(1.0)).toString();
    assertTrue(ir.contains("= polygamma 1.0:f32[] a"), ir);
    OlympusException e = assertThrows(OlympusException.class,
        () -> Olympus.grad((Array m) -> Lax.polygamma(m, Jnp.literal(2.0))).apply(Jnp.literal(1.0)));
    assertTrue(e.getMessage().contains("order m"), e.getMessage());
  }
}
