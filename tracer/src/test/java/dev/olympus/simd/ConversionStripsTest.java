package dev.olympus.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The vector forms of the f32/i32 conversion strips against Java's casts, which the scalar loops and eager
 * evaluation use: NaNs, infinities, the values at and beyond the int bounds, halves (truncated, not rounded),
 * and ints beyond f32's 24-bit mantissa (rounded to nearest even).
 */
class ConversionStripsTest {
  @Test
  void floatToIntIsJavasCast() {
    Assumptions.assumeTrue(VectorModule.ENABLED, "runs with jdk.incubator.vector");
    float[] special = {Float.NaN, -Float.NaN, Float.intBitsToFloat(0x7f800001), Float.POSITIVE_INFINITY,
        Float.NEGATIVE_INFINITY, 0x1p31f, -0x1p31f, Math.nextDown(0x1p31f), Math.nextUp(-0x1p31f), 3e9f, -3e9f,
        Float.MAX_VALUE, -Float.MAX_VALUE, 0.5f, -0.5f, 1.5f, -1.5f, 2.9999998f, -0f, Float.MIN_VALUE};
    Random r = new Random(8);
    float[] a = new float[special.length + 5000];
    System.arraycopy(special, 0, a, 0, special.length);
    for (int i = special.length; i < a.length; i++) {
      a[i] = i % 2 == 0 ? Float.intBitsToFloat(r.nextInt()) : (float) (r.nextGaussian() * Math.pow(10, r.nextInt(12)));
    }
    for (int offset = 0; offset < 3; offset++) {
      int n = a.length - offset;
      int[] d = new int[n + 1];
      FloatVectors.toI32(a, offset, d, 1, n);
      for (int i = 0; i < n; i++) assertEquals((int) a[offset + i], d[1 + i], "(int) " + a[offset + i]);
    }
  }

  @Test
  void intToFloatRoundsAsJavaDoes() {
    Assumptions.assumeTrue(VectorModule.ENABLED, "runs with jdk.incubator.vector");
    Random r = new Random(9);
    int[] a = new int[4099];
    int[] special = {Integer.MIN_VALUE, Integer.MAX_VALUE, (1 << 24) + 1, (1 << 24) + 3, -(1 << 24) - 1, 0, -1};
    System.arraycopy(special, 0, a, 0, special.length);
    for (int i = special.length; i < a.length; i++) a[i] = r.nextInt() >> r.nextInt(8);
    float[] d = new float[a.length];
    IntVectors.toF32(a, 1, d, 0, a.length - 1);
    for (int i = 0; i < a.length - 1; i++) {
      assertEquals(Float.floatToRawIntBits((float) a[1 + i]), Float.floatToRawIntBits(d[i]), "(float) " + a[1 + i]);
    }
  }
}
