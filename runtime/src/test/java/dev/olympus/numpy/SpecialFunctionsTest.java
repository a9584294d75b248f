package dev.olympus.numpy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.Array;
import dev.olympus.DType;
import dev.olympus.Fn1;
import dev.olympus.Olympus;
import dev.olympus.lax.Lax;
import dev.olympus.primitive.SpecialFunctions;
import org.junit.jupiter.api.Test;

/**
 * {@code Lax.erf} and {@code Lax.erfInv} against the values JAX 0.10.2 computes
 * ({@code tracer/src/test/python/make_indexing_values.py} writes {@code indexing/values.txt}), eagerly, jitted,
 * and their derivatives. Olympus
 * rounds a double-precision value once; XLA's float32 polynomials are within ~2 ulp (erf) and ~6 ulp (erf_inv
 * near ±1): values agree within 4 and 8 ulp.
 * Derivatives are a few float32 ops on those (relative 1e-5, the exp(erfinv(x)^2) near 1 amplifying 6 ulp).
 */
class SpecialFunctionsTest {
  static final JaxValues WANT = JaxValues.load("/dev/olympus/indexing/values.txt");
  static final float[] XS = {-3.5f, -1f, -0.25f, 0f, 0.1f, 0.5f, 1.5f, 2.9f, 3.1f, 5f};
  static final double[] ERF = WANT.doubles("erf");
  static final double[] ERF_GRAD = WANT.doubles("grad erf");
  static final float[] PS = {-0.999f, -0.5f, 0f, 0.3f, 0.9f, 0.99999f};
  static final double[] ERF_INV = WANT.doubles("erf_inv");
  static final double[] ERF_INV_GRAD = WANT.doubles("grad erf_inv");

  static void ulps(double[] want, Array got, int ulps, String what) {
    float[] g = got.toFloatArray();
    for (int i = 0; i < want.length; i++) {
      assertEquals(want[i], g[i], ulps * Math.ulp((float) want[i]) + 1e-30, what + " [" + i + "]");
    }
  }

  static void relative(double[] want, Array got, double tol, String what) {
    float[] g = got.toFloatArray();
    for (int i = 0; i < want.length; i++) assertEquals(want[i], g[i], tol * Math.abs(want[i]), what + " [" + i + "]");
  }

  @Test
  void erfAndItsDerivative() {
    Array x = Jnp.array(XS);
    ulps(ERF, Lax.erf(x), 4, "erf");
    ulps(ERF, Olympus.jit((Fn1<Array, Array>) Lax::erf).apply(x), 4, "jit erf");
    relative(ERF_GRAD, Olympus.vmap(Olympus.grad((Fn1<Array, Array>) Lax::erf)).apply(x), 1e-5, "grad erf");
  }

  @Test
  void erfInvAndItsDerivative() {
    Array p = Jnp.array(PS);
    // XLA's float32 erf_inv is off by up to ~6 ulp near ±1: at -0.999f it gives -2.3267577, where the true value
    // is -2.3267563 (erfinv(0.999) = 2.3267537655, plus 198.9 x the 1.29e-8 by which 0.999f exceeds 0.999).
    ulps(ERF_INV, Lax.erfInv(p), 8, "erfInv");
    ulps(ERF_INV, Olympus.jit((Fn1<Array, Array>) Lax::erfInv).apply(p), 8, "jit erfInv");
    assertEquals(-2.3267563f, Lax.erfInv(Jnp.array(new float[] {-0.999f})).toFloatArray()[0], 2 * Math.ulp(2.3267563f));
    relative(ERF_INV_GRAD, Olympus.vmap(Olympus.grad((Fn1<Array, Array>) Lax::erfInv)).apply(p), 1e-5, "grad erfInv");
    assertEquals("{ lambda ; a:f32[6]. let b:f32[6] = erf_inv a in (b,) }",
        Olympus.makeIr((Fn1<Array, Array>) Lax::erfInv, p).toString());
  }

  /** The double functions: odd, inverse of each other to double precision, and exact at the edges. */
  @Test
  void doublePrecisionIdentities() {
    for (double x = -5.5; x <= 5.5; x += 0.0625) {
      assertEquals(-SpecialFunctions.erf(x), SpecialFunctions.erf(-x), 0.0, "odd at " + x);
      double y = SpecialFunctions.erf(x);
      // erf carries a few ulp of rounding (a sum of up to ~60 terms and an exp), and each ulp of y moves x by
      // ulp(y) / erf'(x): the round trip is as close as 16 such ulps.
      double conditioned = 16 * Math.ulp(y) / (1.1283791670955126 * Math.exp(-x * x));
      if (Math.abs(y) < 1) assertEquals(x, SpecialFunctions.erfInv(y), 1e-14 + conditioned, "erfInv(erf(" + x + "))");
    }
    assertEquals(0.8427007929497149, SpecialFunctions.erf(1), 2e-16);  // erf(1), to 16 digits
    assertEquals(Double.POSITIVE_INFINITY, SpecialFunctions.erfInv(1));
    assertTrue(Double.isNaN(SpecialFunctions.erfInv(1.5)));
    assertEquals(Double.doubleToLongBits(-0.0), Double.doubleToLongBits(SpecialFunctions.erf(-0.0)));
    Array f64 = Lax.erf(Jnp.array(DType.F64, new double[] {0.5}, 1));
    assertEquals(DType.F64, f64.dtype());
    assertEquals(0.5204998778130465, f64.toDoubleArray()[0], 2e-16);
  }
}
