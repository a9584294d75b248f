package dev.olympus.kernel;

import dev.olympus.DType;
import dev.olympus.storage.Storage;
import java.util.Arrays;

/** Allocating, filling and gathering tiles of any dtype. */
final class Tiles {
  private Tiles() {}

  /** Elements per tile: 4 KB of float32, so a loop's live tiles stay in L1. */
  static final int SIZE = 1024;

  static Object allocate(DType dtype, int n) {
    return switch (dtype) {
      case F32 -> new float[n];
      case F64 -> new double[n];
      case I32 -> new int[n];
      case I64 -> new long[n];
      case BOOL -> new boolean[n];
    };
  }

  /** Fills {@code tile} with element 0 of {@code scalar} (same dtype). */
  static void fill(Object tile, Storage scalar) {
    switch (scalar.dtype()) {
      case F32 -> Arrays.fill((float[]) tile, scalar.f32()[0]);
      case F64 -> Arrays.fill((double[]) tile, scalar.f64()[0]);
      case I32 -> Arrays.fill((int[]) tile, scalar.i32()[0]);
      case I64 -> Arrays.fill((long[]) tile, scalar.i64()[0]);
      case BOOL -> Arrays.fill((boolean[]) tile, scalar.bool()[0]);
    }
  }

  /**
   * Copies {@code m} elements of a broadcast view into {@code dst}: element {@code start + j} of an array
   * of shape {@code dims} reads {@code src} at {@code sum(index[d] * strides[d])} (stride 0 = repeated).
   */
  static void gather(Object src, int[] dims, int[] strides, long start, int m, Object dst) {
    int rank = dims.length;
    int[] idx = new int[rank];
    long rest = start;
    int pos = 0;
    for (int d = rank - 1; d >= 0; d--) {
      idx[d] = (int) (rest % dims[d]);
      rest /= dims[d];
      pos += idx[d] * strides[d];
    }
    for (int j = 0; j < m; j++) {
      copy(src, pos, dst, j);
      for (int d = rank - 1; d >= 0; d--) {
        idx[d]++;
        pos += strides[d];
        if (idx[d] < dims[d]) break;
        pos -= idx[d] * strides[d];
        idx[d] = 0;
      }
    }
  }

  /**
   * Copies {@code m} elements of an operand repeated with period {@code period} (element {@code start + j}
   * reads {@code src[(start + j) % period]}) into {@code dst}, a contiguous run at a time.
   */
  static void gatherPeriodic(Object src, int period, long start, int m, Object dst) {
    int pos = (int) (start % period);
    int done = 0;
    while (done < m) {
      int run = Math.min(m - done, period - pos);
      System.arraycopy(src, pos, dst, done, run);
      done += run;
      pos = 0;
    }
  }

  private static void copy(Object src, int from, Object dst, int to) {
    if (src instanceof float[] s) ((float[]) dst)[to] = s[from];
    else if (src instanceof double[] s) ((double[]) dst)[to] = s[from];
    else if (src instanceof int[] s) ((int[]) dst)[to] = s[from];
    else if (src instanceof long[] s) ((long[]) dst)[to] = s[from];
    else ((boolean[]) dst)[to] = ((boolean[]) src)[from];
  }
}
