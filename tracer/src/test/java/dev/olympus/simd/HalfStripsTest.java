package dev.olympus.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.olympus.DType;
import dev.olympus.storage.HalfPrecision;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The strips' bf16 and f16 rounding, loads and stores against {@link HalfPrecision}'s one-value conversions
 * (checked against ml_dtypes in {@code NarrowDTypeTest}), bit for bit, on the values where rounding is decided:
 * ties, the largest finite values and their overflow, subnormals, signed zeros, infinities and NaNs.
 */
class HalfStripsTest {
  private static float[] edgeValues() {
    float[] special = {0f, -0f, 1f, -1f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, Float.MAX_VALUE,
        -Float.MAX_VALUE, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN,
        Float.intBitsToFloat(0x7f800001), Float.intBitsToFloat(0xffc00001), 65504f, 65519.99f, 65520f, -65520f,
        6.1035156e-5f, 5.9604645e-8f, 2.9802322e-8f, 2.9802326e-8f, 1.00390625f, 1.01171875f, 3.3895314e38f,
        Float.intBitsToFloat(0x7f7f8000), Float.intBitsToFloat(0x3f808000), Float.intBitsToFloat(0x3f818000)};
    Random r = new Random(5);
    float[] out = new float[special.length + 4000];
    System.arraycopy(special, 0, out, 0, special.length);
    for (int i = special.length; i < out.length; i++) {
      out[i] = i % 2 == 0 ? Float.intBitsToFloat(r.nextInt()) : (float) (r.nextGaussian() * Math.pow(10, r.nextInt(12) - 6));
    }
    return out;
  }

  /** The bf16 vector forms, which the tier may or may not have switched to here, equal the scalar loops. */
  @Test
  void theBf16VectorFormsAreTheScalarLoops() {
    org.junit.jupiter.api.Assumptions.assumeTrue(VectorModule.ENABLED, "runs with jdk.incubator.vector");
    float[] values = edgeValues();
    for (int n : new int[] {values.length, values.length - 7, 5}) {
      float[] vector = values.clone(), scalar = values.clone();
      HalfVectors.roundBf16(vector, 3, n - 3);
      HalfStrips.roundBf16Scalar(scalar, 3, n - 3);
      short[] sv = new short[n], ss = new short[n];
      HalfVectors.storeBf16(vector, 1, sv, 0, n - 1);
      HalfStrips.storeBf16Scalar(scalar, 1, ss, 0, n - 1);
      float[] lv = new float[n], ls = new float[n];
      HalfVectors.loadBf16(sv, 0, lv, 2, n - 2);
      HalfStrips.loadBf16Scalar(ss, 0, ls, 2, n - 2);
      for (int i = 0; i < n; i++) {
        assertEquals(Float.floatToRawIntBits(scalar[i]), Float.floatToRawIntBits(vector[i]), "rounded " + i);
        assertEquals(ss[i], sv[i], "stored " + i);
        assertEquals(Float.floatToRawIntBits(ls[i]), Float.floatToRawIntBits(lv[i]), "loaded " + i);
      }
    }
  }

  /**
   * The f16 vector forms against the scalar loops: every one of the 65,536 f16 bit patterns widened, and narrowed
   * and rounded from the edge values and from a sweep of 2^24 f32 bit patterns (every exponent, both signs, and
   * low mantissa bits that make ties, and values just above and below them, at every f16 exponent).
   */
  @Test
  void theF16VectorFormsAreTheScalarLoops() {
    org.junit.jupiter.api.Assumptions.assumeTrue(VectorModule.ENABLED, "runs with jdk.incubator.vector");
    short[] every = new short[1 << 16];
    for (int i = 0; i < every.length; i++) every[i] = (short) i;
    float[] widened = new float[every.length + 3], widenedScalar = new float[every.length + 3];
    HalfVectors.loadF16(every, 0, widened, 3, every.length);
    HalfStrips.loadF16Scalar(every, 0, widenedScalar, 3, every.length);
    for (int i = 0; i < widened.length; i++) {
      assertEquals(Float.floatToRawIntBits(widenedScalar[i]), Float.floatToRawIntBits(widened[i]),
          "widened f16 bits " + Integer.toHexString(i - 3));
    }
    float[] sweep = new float[1 << 24];
    for (int i = 0; i < sweep.length; i++) sweep[i] = Float.intBitsToFloat((i << 8) | (i * 0x9e3779b1 >>> 24 & 0x1f) << 3);
    for (float[] values : new float[][] {edgeValues(), sweep}) {
      int n = values.length - 1;
      short[] sv = new short[n], ss = new short[n];
      HalfVectors.storeF16(values, 1, sv, 0, n);
      HalfStrips.storeF16Scalar(values, 1, ss, 0, n);
      float[] vector = values.clone(), scalar = values.clone();
      HalfVectors.roundF16(vector, 1, n);
      HalfStrips.roundF16Scalar(scalar, 1, n);
      for (int i = 0; i < n; i++) {
        if (ss[i] != sv[i]) {
          assertEquals(ss[i], sv[i], "stored f16 of f32 bits " + Integer.toHexString(Float.floatToRawIntBits(values[i + 1])));
        }
        if (Float.floatToRawIntBits(scalar[i + 1]) != Float.floatToRawIntBits(vector[i + 1])) {
          assertEquals(Float.floatToRawIntBits(scalar[i + 1]), Float.floatToRawIntBits(vector[i + 1]),
              "rounded to f16: f32 bits " + Integer.toHexString(Float.floatToRawIntBits(values[i + 1])));
        }
      }
    }
  }

  @Test
  void roundingLoadsAndStoresAreHalfPrecisionsConversions() {
    float[] values = edgeValues();
    for (DType d : new DType[] {DType.BF16, DType.F16}) {
      float[] rounded = values.clone();
      HalfStrips.round(d, rounded, 0, rounded.length);
      short[] stored = new short[values.length];
      HalfStrips.store(d, rounded, 0, stored, 0, values.length);
      float[] loaded = new float[values.length];
      HalfStrips.load(d, stored, 0, loaded, 0, values.length);
      for (int i = 0; i < values.length; i++) {
        short want = HalfPrecision.floatToF16(values[i]);
        if (d == DType.BF16) want = HalfPrecision.floatToBf16(values[i]);
        String what = d.numpyName() + " of " + values[i] + " (bits " + Integer.toHexString(Float.floatToRawIntBits(values[i])) + ")";
        assertEquals(want, stored[i], what + " stored");
        assertEquals(Float.floatToRawIntBits(HalfStrips.widen(d, want)), Float.floatToRawIntBits(rounded[i]), what + " rounded");
        assertEquals(Float.floatToRawIntBits(rounded[i]), Float.floatToRawIntBits(loaded[i]), what + " loaded");
        assertEquals(Float.floatToRawIntBits(rounded[i]), Float.floatToRawIntBits(HalfStrips.round(d, values[i])), what + " one value");
      }
    }
  }
}
