package dev.olympus.simd;

import dev.olympus.DType;
import dev.olympus.storage.HalfPrecision;

/**
 * Strips of bf16 and f16 data, which loop nests compute in f32 as XLA's CPU back end does: a load widens
 * (exactly), a store narrows, and every op whose result is bf16 or f16 rounds its f32 strip to that type at
 * once, so a fused chain rounds after each op just as {@code Primitive.run} does op by op, and the two agree
 * bit for bit. Rounding is to nearest even, with f16's overflow to infinity and its subnormals
 * ({@link HalfPrecision}).
 */
public final class HalfStrips {
  private HalfStrips() {}

  /** The loops have vector forms, tiered with {@link FloatStrips}' exact ops (bit-identical twins). */
  private static final boolean VECTOR = VectorModule.ENABLED;

  /** HalfPrecision's bf16 rounding kept in f32 bits, without a branch for NaN (quieted, as floatToBf16 does). */
  static void roundBf16Scalar(float[] a, int ao, int n) {
    for (int i = 0; i < n; i++) {
      int x = Float.floatToRawIntBits(a[ao + i]);
      int rounded = (x + 0x7fff + ((x >>> 16) & 1)) & 0xffff0000;
      a[ao + i] = Float.intBitsToFloat(a[ao + i] != a[ao + i] ? (x & 0xffff0000) | 0x400000 : rounded);
    }
  }

  static void loadBf16Scalar(short[] a, int ao, float[] out, int oo, int n) {
    for (int i = 0; i < n; i++) out[oo + i] = Float.intBitsToFloat(a[ao + i] << 16);
  }

  /** Exact: the values are rounded to bf16 already, so their low half is zero (a NaN's quieted too). */
  static void storeBf16Scalar(float[] a, int ao, short[] out, int oo, int n) {
    for (int i = 0; i < n; i++) out[oo + i] = (short) (Float.floatToRawIntBits(a[ao + i]) >>> 16);
  }

  /** Whether {@code d} is kept in short arrays and computed in f32 strips. */
  static void roundF16Scalar(float[] a, int ao, int n) {
    for (int i = 0; i < n; i++) a[ao + i] = HalfPrecision.f16ToFloat(HalfPrecision.floatToF16(a[ao + i]));
  }

  static void loadF16Scalar(short[] a, int ao, float[] out, int oo, int n) {
    for (int i = 0; i < n; i++) out[oo + i] = HalfPrecision.f16ToFloat(a[ao + i]);
  }

  static void storeF16Scalar(float[] a, int ao, short[] out, int oo, int n) {
    for (int i = 0; i < n; i++) out[oo + i] = HalfPrecision.floatToF16(a[ao + i]);
  }

  public static boolean isHalf(DType d) {
    return d == DType.BF16 || d == DType.F16;
  }

  /** One value rounded to {@code d} and widened back: what an op of that type leaves in its f32 register. */
  public static float round(DType d, float v) {
    return d == DType.BF16 ? HalfPrecision.bf16ToFloat(HalfPrecision.floatToBf16(v))
        : HalfPrecision.f16ToFloat(HalfPrecision.floatToF16(v));
  }

  /** Rounds {@code a[ao, ao + n)} to {@code d} in place. */
  public static void round(DType d, float[] a, int ao, int n) {
    if (d == DType.BF16) {
      if (VECTOR && FloatStrips.EXACT.vector()) {
        HalfVectors.roundBf16(a, ao, n);
      } else {
        roundBf16Scalar(a, ao, n);
      }
    } else {
      if (VECTOR && FloatStrips.EXACT.vector()) {
        HalfVectors.roundF16(a, ao, n);
      } else {
        roundF16Scalar(a, ao, n);
      }
    }
  }

  /** The value of bits {@code v} of type {@code d}. */
  public static float widen(DType d, short v) {
    return d == DType.BF16 ? HalfPrecision.bf16ToFloat(v) : HalfPrecision.f16ToFloat(v);
  }

  /** The bits of type {@code d} nearest {@code v}. */
  public static short narrow(DType d, float v) {
    return d == DType.BF16 ? HalfPrecision.floatToBf16(v) : HalfPrecision.floatToF16(v);
  }

  /** Widens a contiguous run of {@code d} bits into f32. */
  public static void load(DType d, short[] a, int ao, float[] out, int oo, int n) {
    if (d == DType.BF16) {
      if (VECTOR && FloatStrips.EXACT.vector()) {
        HalfVectors.loadBf16(a, ao, out, oo, n);
      } else {
        loadBf16Scalar(a, ao, out, oo, n);
      }
    } else {
      if (VECTOR && FloatStrips.EXACT.vector()) {
        HalfVectors.loadF16(a, ao, out, oo, n);
      } else {
        loadF16Scalar(a, ao, out, oo, n);
      }
    }
  }

  /** Narrows a run of f32 values (already rounded to {@code d}, so exactly) into {@code d} bits. */
  public static void store(DType d, float[] a, int ao, short[] out, int oo, int n) {
    if (d == DType.BF16) {
      if (VECTOR && FloatStrips.EXACT.vector()) {
        HalfVectors.storeBf16(a, ao, out, oo, n);
      } else {
        storeBf16Scalar(a, ao, out, oo, n);
      }
    } else {
      if (VECTOR && FloatStrips.EXACT.vector()) {
        HalfVectors.storeF16(a, ao, out, oo, n);
      } else {
        storeF16Scalar(a, ao, out, oo, n);
      }
    }
  }

  /** Fills a run of {@code d} bits with {@code v}. */
  public static void fill(DType d, float v, short[] out, int oo, int n) {
    java.util.Arrays.fill(out, oo, oo + n, narrow(d, v));
  }

  /**
   * {@link FloatStrips#gather} from {@code d} bits: the elements at {@code base + idx . strides} for the
   * row-major positions {@code start ..} of {@code dims}, widened.
   */
  public static void gather(DType d, short[] a, int base, int[] dims, int[] strides, long start, float[] out,
      int oo, int n) {
    int rank = dims.length;
    if (rank == 0) {
      java.util.Arrays.fill(out, oo, oo + n, widen(d, a[base]));
      return;
    }
    int[] idx = new int[rank];
    long rest = start;
    int pos = base;
    for (int k = rank - 1; k >= 0; k--) {
      idx[k] = (int) (rest % dims[k]);
      rest /= dims[k];
      pos += idx[k] * strides[k];
    }
    int last = rank - 1, inner = dims[last], step = strides[last];
    for (int j = 0; j < n; ) {
      int run = Math.min(n - j, inner - idx[last]);
      for (int q = 0; q < run; q++) out[oo + j + q] = widen(d, a[pos + q * step]);
      j += run;
      pos += run * step;
      idx[last] += run;
      for (int k = last; k > 0 && idx[k] == dims[k]; k--) {
        pos -= idx[k] * strides[k];
        idx[k] = 0;
        idx[k - 1]++;
        pos += strides[k - 1];
      }
    }
  }
}
