package dev.olympus.gemm;

/**
 * The micro-kernel without the Vector API: the same tile, the same fused multiply-adds in the same order as
 * {@link VectorFloatKernel}, so results are equal to the bit. Blocks of 4 x 4 elements are accumulated in
 * locals across the contraction (16 independent {@code Math.fma} chains), which keeps the scalar FMA units busy
 * instead of reloading and storing a row of C for every k; columns left over from blocks of 4 (tiles of 2-lane
 * vectors) are single chains.
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
    for (int r0 = 0; r0 < mr; r0 += 4) {
      int j = 0;
      for (; j + 4 <= width; j += 4) {
        int c0 = cOff + r0 * ldc + j, c1 = c0 + ldc, c2 = c1 + ldc, c3 = c2 + ldc;
        float s00 = 0f, s01 = 0f, s02 = 0f, s03 = 0f, s10 = 0f, s11 = 0f, s12 = 0f, s13 = 0f;
        float s20 = 0f, s21 = 0f, s22 = 0f, s23 = 0f, s30 = 0f, s31 = 0f, s32 = 0f, s33 = 0f;
        if (accumulate) {
          s00 = c[c0]; s01 = c[c0 + 1]; s02 = c[c0 + 2]; s03 = c[c0 + 3];
          s10 = c[c1]; s11 = c[c1 + 1]; s12 = c[c1 + 2]; s13 = c[c1 + 3];
          s20 = c[c2]; s21 = c[c2 + 1]; s22 = c[c2 + 2]; s23 = c[c2 + 3];
          s30 = c[c3]; s31 = c[c3 + 1]; s32 = c[c3 + 2]; s33 = c[c3 + 3];
        }
        for (int p = 0, ap = aOff + r0, bp = bOff + j; p < kc; p++, ap += mr, bp += width) {
          float b0 = b[bp], b1 = b[bp + 1], b2 = b[bp + 2], b3 = b[bp + 3];
          float a0 = a[ap];
          s00 = Math.fma(a0, b0, s00); s01 = Math.fma(a0, b1, s01);
          s02 = Math.fma(a0, b2, s02); s03 = Math.fma(a0, b3, s03);
          float a1 = a[ap + 1];
          s10 = Math.fma(a1, b0, s10); s11 = Math.fma(a1, b1, s11);
          s12 = Math.fma(a1, b2, s12); s13 = Math.fma(a1, b3, s13);
          float a2 = a[ap + 2];
          s20 = Math.fma(a2, b0, s20); s21 = Math.fma(a2, b1, s21);
          s22 = Math.fma(a2, b2, s22); s23 = Math.fma(a2, b3, s23);
          float a3 = a[ap + 3];
          s30 = Math.fma(a3, b0, s30); s31 = Math.fma(a3, b1, s31);
          s32 = Math.fma(a3, b2, s32); s33 = Math.fma(a3, b3, s33);
        }
        c[c0] = s00; c[c0 + 1] = s01; c[c0 + 2] = s02; c[c0 + 3] = s03;
        c[c1] = s10; c[c1 + 1] = s11; c[c1 + 2] = s12; c[c1 + 3] = s13;
        c[c2] = s20; c[c2 + 1] = s21; c[c2 + 2] = s22; c[c2 + 3] = s23;
        c[c3] = s30; c[c3 + 1] = s31; c[c3 + 2] = s32; c[c3 + 3] = s33;
      }
      for (; j < width; j++) {
        for (int r = r0; r < r0 + 4; r++) {
          int at = cOff + r * ldc + j;
          float s = accumulate ? c[at] : 0f;
          for (int p = 0, ap = aOff + r, bp = bOff + j; p < kc; p++, ap += mr, bp += width) {
            s = Math.fma(a[ap], b[bp], s);
          }
          c[at] = s;
        }
      }
    }
  }
}
