package dev.olympus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.olympus.numpy.Jnp;

/** Test helpers: building arrays of each dtype and comparing results with references, ulp by ulp. */
public final class Numerics {
  private Numerics() {}

  /** Inputs that exercise signs, zeros, tiny and huge magnitudes and the non-finite values. */
  public static final double[] SPECIALS = {
      0.0, -0.0, 0.5, -0.5, 1.0, -1.0, 2.0, -2.5, 3.0, 0.1, 1e-30, -1e-30, 1e-7, 7.25, -7.25, 88.5, -88.5,
      100.0, 1e10, -1e10, 1e30, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};

  public static Array f32(double... v) { return Jnp.array(DType.F32, v, v.length); }

  public static Array f64(double... v) { return Jnp.array(DType.F64, v, v.length); }

  public static Array i32(int... v) { return Jnp.array(v); }

  public static Array i64(long... v) { return Jnp.array(v, v.length); }

  public static Array bools(boolean... v) { return Jnp.array(v); }

  /**
   * {@code actual} equals {@code expected} up to {@code ulps} units in the last place of {@code dtype}
   * (NaN matches NaN; infinities and signed zeros must match exactly when {@code ulps == 0}).
   */
  public static void assertClose(String what, double expected, double actual, double ulps, DType dtype) {
    if (Double.isNaN(expected)) {
      if (!Double.isNaN(actual)) fail(what + ": expected nan, got " + actual);
      return;
    }
    if (Double.isInfinite(expected) || ulps == 0) {
      assertEquals(expected, actual, 0.0, what);
      if (expected == 0) assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(actual),
          what + ": sign of zero");
      return;
    }
    double ulp = dtype == DType.F32 ? Math.ulp((float) expected) : Math.ulp(expected);
    if (!(Math.abs(expected - actual) <= ulps * ulp)) {
      fail(what + ": expected " + expected + " got " + actual + " (more than " + ulps + " ulp apart)");
    }
  }

  /** Elementwise {@link #assertClose} of {@code actual}'s values against {@code expected}. */
  public static void assertAllClose(String what, double[] expected, Array actual, double ulps) {
    double[] got = actual.toDoubleArray();
    assertEquals(expected.length, got.length, what + ": element count");
    for (int i = 0; i < got.length; i++) {
      assertClose(what + "[" + i + "] (input index " + i + ")", expected[i], got[i], ulps, actual.dtype());
    }
  }

  public static void assertShape(Array a, DType dtype, int... shape) {
    assertEquals(dtype, a.dtype(), "dtype");
    assertArrayEquals(shape, a.shape(), "shape");
  }
}
