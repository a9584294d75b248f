package dev.olympus.storage;

/**
 * The two 16-bit float formats as the {@code short} bits they are stored in: bfloat16 (the top half of an
 * f32: 8 exponent bits, 7 mantissa bits) and IEEE binary16 (5 and 10). Widening to float is exact; narrowing
 * rounds to nearest, ties to even, as XLA's {@code convert_element_type} and ml_dtypes do, keeps NaN a
 * (quiet) NaN, and overflows to infinity. JDK 17 has no {@code Float.floatToFloat16}, hence this class.
 */
public final class HalfPrecision {
  private HalfPrecision() {}

  public static float bf16ToFloat(short bits) {
    return Float.intBitsToFloat((bits & 0xffff) << 16);
  }

  public static short floatToBf16(float f) {
    int x = Float.floatToRawIntBits(f);
    if (Float.isNaN(f)) return (short) ((x >>> 16) | 0x40);
    // Adding 0x7fff plus the kept lowest bit rounds to nearest even; a carry moves into the exponent (to inf).
    return (short) ((x + 0x7fff + ((x >>> 16) & 1)) >>> 16);
  }

  public static float f16ToFloat(short bits) {
    int h = bits & 0xffff;
    int sign = (h & 0x8000) << 16;
    int exp = (h >>> 10) & 0x1f;
    int mant = h & 0x3ff;
    if (exp == 0x1f) return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
    if (exp == 0) {
      float sub = mant * 0x1p-24f;
      return sign == 0 ? sub : -sub;
    }
    return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
  }

  public static short floatToF16(float f) {
    int x = Float.floatToRawIntBits(f);
    int sign = (x >>> 16) & 0x8000;
    int exp = (x >>> 23) & 0xff;
    int mant = x & 0x7fffff;
    if (exp == 0xff) return (short) (sign | 0x7c00 | (mant != 0 ? 0x200 | (mant >>> 13) : 0));
    int e = exp - 127 + 15;
    if (e >= 0x1f) return (short) (sign | 0x7c00);
    if (e <= 0) {
      // A binary16 subnormal: count in units of 2^-24 from the full 24-bit significand.
      if (e < -10) return (short) sign;
      int m = mant | 0x800000;
      int shift = 14 - e;
      return (short) (sign | roundShift(m, shift));
    }
    // The carry of rounding up the mantissa walks into the exponent, and from the largest finite value to inf.
    return (short) (sign | roundShift((e << 23) | mant, 13));
  }

  /** {@code v >> shift}, rounded to nearest with ties to even. */
  private static int roundShift(int v, int shift) {
    int kept = v >>> shift;
    int rest = v & ((1 << shift) - 1);
    int half = 1 << (shift - 1);
    if (rest > half || (rest == half && (kept & 1) != 0)) kept++;
    return kept;
  }
}
