package dev.olympus.simd;

import dev.olympus.DType;

/**
 * Strips of the narrow integer types, which loop nests compute widened, as {@code Primitive.run} does: i8, u8, i16
 * and u16 in i32 (sign- or zero-extended), u32 in i64 (zero-extended). A load widens, a store keeps the low bits,
 * and every op whose result has a narrow type wraps its strip back into the type's range at once, so a fused chain
 * wraps after each op exactly as the primitives do one by one. A conversion from a float saturates at the type's
 * bounds instead ({@code Storage.setDouble}); the widened conversion already truncated toward zero and mapped NaN
 * to 0, and clamping that is the same as saturating the float.
 */
public final class NarrowIntStrips {
  private NarrowIntStrips() {}

  /** The strip loops have vector forms ({@link NarrowIntVectors}), exact integer twins of the scalar ones. */
  private static final boolean VECTOR = VectorModule.ENABLED;

  /** Whether {@code d} is stored narrower than the integer type a nest computes it in. */
  public static boolean isNarrowInt(DType d) {
    return d == DType.I8 || d == DType.U8 || d == DType.I16 || d == DType.U16 || d == DType.U32;
  }

  // ---- one value ----------------------------------------------------------------------------------------------

  /** {@code v}'s low bits as a value of {@code d} (an 8- or 16-bit type), sign- or zero-extended. */
  public static int wrap(DType d, int v) {
    return switch (d) {
      case I8 -> (byte) v;
      case U8 -> v & 0xff;
      case I16 -> (short) v;
      case U16 -> v & 0xffff;
      default -> throw notComputedIn(d, "i32");
    };
  }

  /** {@code v}'s low 32 bits as a u32 value. */
  public static long wrap(DType d, long v) {
    if (d != DType.U32) throw notComputedIn(d, "i64");
    return v & 0xffffffffL;
  }

  /** {@code v} clamped into {@code d}'s range (an 8- or 16-bit type). */
  public static int saturate(DType d, int v) {
    return Math.max(min(d), Math.min(max(d), v));
  }

  /** {@code v} clamped into u32's range. */
  public static long saturate(DType d, long v) {
    if (d != DType.U32) throw notComputedIn(d, "i64");
    return Math.max(0L, Math.min(0xffffffffL, v));
  }

  public static int widen(DType d, byte v) {
    return d == DType.U8 ? v & 0xff : v;
  }

  public static int widen(DType d, short v) {
    return d == DType.U16 ? v & 0xffff : v;
  }

  /** A u32 element's value. */
  public static long widen(DType d, int v) {
    return v & 0xffffffffL;
  }

  // ---- strips, in place -------------------------------------------------------------------------------------

  public static void wrap(DType d, int[] a, int ao, int n) {
    if (VECTOR) {
      switch (d) {
        case I8 -> NarrowIntVectors.signExtend(a, ao, n, 24);
        case U8 -> NarrowIntVectors.mask(a, ao, n, 0xff);
        case I16 -> NarrowIntVectors.signExtend(a, ao, n, 16);
        case U16 -> NarrowIntVectors.mask(a, ao, n, 0xffff);
        default -> throw notComputedIn(d, "i32");
      }
      return;
    }
    switch (d) {
      case I8 -> {
        for (int i = ao; i < ao + n; i++) a[i] = (byte) a[i];
      }
      case U8 -> {
        for (int i = ao; i < ao + n; i++) a[i] &= 0xff;
      }
      case I16 -> {
        for (int i = ao; i < ao + n; i++) a[i] = (short) a[i];
      }
      case U16 -> {
        for (int i = ao; i < ao + n; i++) a[i] &= 0xffff;
      }
      default -> throw notComputedIn(d, "i32");
    }
  }

  public static void wrap(DType d, long[] a, int ao, int n) {
    if (d != DType.U32) throw notComputedIn(d, "i64");
    if (VECTOR) {
      NarrowIntVectors.mask(a, ao, n, 0xffffffffL);
      return;
    }
    for (int i = ao; i < ao + n; i++) a[i] &= 0xffffffffL;
  }

  public static void saturate(DType d, int[] a, int ao, int n) {
    int lo = min(d), hi = max(d);
    if (VECTOR) {
      NarrowIntVectors.clamp(a, ao, n, lo, hi);
      return;
    }
    for (int i = ao; i < ao + n; i++) a[i] = Math.max(lo, Math.min(hi, a[i]));
  }

  public static void saturate(DType d, long[] a, int ao, int n) {
    if (d != DType.U32) throw notComputedIn(d, "i64");
    if (VECTOR) {
      NarrowIntVectors.clamp(a, ao, n, 0L, 0xffffffffL);
      return;
    }
    for (int i = ao; i < ao + n; i++) a[i] = Math.max(0L, Math.min(0xffffffffL, a[i]));
  }

  // ---- loads and stores -------------------------------------------------------------------------------------

  /** Widens a contiguous run of i8 or u8 elements. */
  public static void load(DType d, byte[] a, int ao, int[] out, int oo, int n) {
    if (VECTOR) {
      NarrowIntVectors.loadBytes(a, ao, out, oo, n, d == DType.U8);
      return;
    }
    if (d == DType.U8) {
      for (int i = 0; i < n; i++) out[oo + i] = a[ao + i] & 0xff;
    } else {
      for (int i = 0; i < n; i++) out[oo + i] = a[ao + i];
    }
  }

  /** Widens a contiguous run of i16 or u16 elements. */
  public static void load(DType d, short[] a, int ao, int[] out, int oo, int n) {
    if (VECTOR) {
      NarrowIntVectors.loadShorts(a, ao, out, oo, n, d == DType.U16);
      return;
    }
    if (d == DType.U16) {
      for (int i = 0; i < n; i++) out[oo + i] = a[ao + i] & 0xffff;
    } else {
      for (int i = 0; i < n; i++) out[oo + i] = a[ao + i];
    }
  }

  /** Widens a contiguous run of u32 elements. */
  public static void load(DType d, int[] a, int ao, long[] out, int oo, int n) {
    if (VECTOR) {
      NarrowIntVectors.loadU32(a, ao, out, oo, n);
      return;
    }
    for (int i = 0; i < n; i++) out[oo + i] = a[ao + i] & 0xffffffffL;
  }

  /** Keeps the low bits of a run of widened values (already in the type's range, so exactly). */
  public static void store(DType d, int[] a, int ao, byte[] out, int oo, int n) {
    if (VECTOR) {
      NarrowIntVectors.storeBytes(a, ao, out, oo, n);
      return;
    }
    for (int i = 0; i < n; i++) out[oo + i] = (byte) a[ao + i];
  }

  public static void store(DType d, int[] a, int ao, short[] out, int oo, int n) {
    if (VECTOR) {
      NarrowIntVectors.storeShorts(a, ao, out, oo, n);
      return;
    }
    for (int i = 0; i < n; i++) out[oo + i] = (short) a[ao + i];
  }

  public static void store(DType d, long[] a, int ao, int[] out, int oo, int n) {
    if (VECTOR) {
      NarrowIntVectors.storeU32(a, ao, out, oo, n);
      return;
    }
    for (int i = 0; i < n; i++) out[oo + i] = (int) a[ao + i];
  }

  public static void fill(DType d, int v, byte[] out, int oo, int n) {
    java.util.Arrays.fill(out, oo, oo + n, (byte) v);
  }

  public static void fill(DType d, int v, short[] out, int oo, int n) {
    java.util.Arrays.fill(out, oo, oo + n, (short) v);
  }

  public static void fill(DType d, long v, int[] out, int oo, int n) {
    java.util.Arrays.fill(out, oo, oo + n, (int) v);
  }

  /**
   * {@link IntStrips#gather} from narrow elements: those at {@code base + idx . strides} for the row-major
   * positions {@code start ..} of {@code dims}, widened.
   */
  public static void gather(DType d, byte[] a, int base, int[] dims, int[] strides, long start, int[] out, int oo,
      int n) {
    boolean unsigned = d == DType.U8;
    walk(base, dims, strides, start, n, (pos, step, j, run) -> {
      for (int q = 0; q < run; q++) {
        byte v = a[pos + q * step];
        out[oo + j + q] = unsigned ? v & 0xff : v;
      }
    });
  }

  public static void gather(DType d, short[] a, int base, int[] dims, int[] strides, long start, int[] out, int oo,
      int n) {
    boolean unsigned = d == DType.U16;
    walk(base, dims, strides, start, n, (pos, step, j, run) -> {
      for (int q = 0; q < run; q++) {
        short v = a[pos + q * step];
        out[oo + j + q] = unsigned ? v & 0xffff : v;
      }
    });
  }

  public static void gather(DType d, int[] a, int base, int[] dims, int[] strides, long start, long[] out, int oo,
      int n) {
    walk(base, dims, strides, start, n, (pos, step, j, run) -> {
      for (int q = 0; q < run; q++) out[oo + j + q] = a[pos + q * step] & 0xffffffffL;
    });
  }

  /** Copies {@code run} elements from {@code pos} (every {@code step}th) to output position {@code j}. */
  @FunctionalInterface
  private interface RunCopy {
    void copy(int pos, int step, int j, int run);
  }

  /** The strided walk of {@link IntStrips#gather}, one call per run along the last dimension. */
  private static void walk(int base, int[] dims, int[] strides, long start, int n, RunCopy copy) {
    int rank = dims.length;
    if (rank == 0) {
      for (int j = 0; j < n; j++) copy.copy(base, 0, j, 1);
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
      copy.copy(pos, step, j, run);
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

  private static int min(DType d) {
    return switch (d) {
      case I8 -> Byte.MIN_VALUE;
      case I16 -> Short.MIN_VALUE;
      case U8, U16 -> 0;
      default -> throw notComputedIn(d, "i32");
    };
  }

  private static int max(DType d) {
    return switch (d) {
      case I8 -> Byte.MAX_VALUE;
      case U8 -> 0xff;
      case I16 -> Short.MAX_VALUE;
      case U16 -> 0xffff;
      default -> throw notComputedIn(d, "i32");
    };
  }

  private static IllegalArgumentException notComputedIn(DType d, String type) {
    return new IllegalArgumentException(d.numpyName() + " is not a narrow integer type computed in " + type);
  }
}
