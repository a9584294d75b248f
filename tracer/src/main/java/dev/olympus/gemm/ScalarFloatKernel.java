package dev.olympus.gemm;

import java.util.Arrays;

/**
 * The micro-kernel without the Vector API: the same tile, the same fused multiply-adds in the same order as
 * {@link VectorFloatKernel}, so results are equal to the bit. Each row of the tile is accumulated across the
 * whole contraction while it sits in L1; the loop over a row's columns is independent per column, which C2
 * compiles to SIMD fused multiply-adds where it can.
 */
final class ScalarFloatKernel implements FloatMicroKernel {
  private final int lanes;

  /** {@code lanes}: the vector width whose blocking this twin mirrors. */
  ScalarFloatKernel(int lanes) {
    this.lanes = lanes;
  }

  @Override
  public int lanes() { return lanes; }

  @Override
  public void tile(int width, int kc, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int ldc,
      boolean accumulate) {
    int mr = Blocking.MR;
    for (int r = 0; r < mr; r++) {
      int row = cOff + r * ldc;
      if (!accumulate) Arrays.fill(c, row, row + width, 0f);
      for (int p = 0, ap = aOff + r, bp = bOff; p < kc; p++, ap += mr, bp += width) {
        float x = a[ap];
        for (int j = 0; j < width; j++) c[row + j] = Math.fma(x, b[bp + j], c[row + j]);
      }
    }
  }
}
