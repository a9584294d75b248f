package dev.olympus.gemm;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The float32 micro-kernel with the Vector API: {@link Blocking#MR} x 3 vectors of C stay in registers across
 * the contraction (24 accumulators, 3 B loads and 8 broadcasts per k on AVX-512), narrower panels of the last
 * columns use 2 or 1 vectors. {@code FloatVector.fma} rounds once per lane, exactly as {@code Math.fma} does
 * in {@link ScalarFloatKernel}. The three kernels unroll one template. Loaded only when {@code
 * jdk.incubator.vector} is in the boot layer ({@link Gemm}).
 */
final class VectorFloatKernel implements FloatMicroKernel {
  static final FloatMicroKernel INSTANCE = new VectorFloatKernel();

  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  private VectorFloatKernel() {}

  @Override
  public int lanes() { return L; }

  @Override
  public void tile(int width, int kc, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int ldc,
      boolean accumulate) {
    if (width == 3 * L) k8x3(kc, a, aOff, b, bOff, c, cOff, ldc, accumulate);
    else if (width == 2 * L) k8x2(kc, a, aOff, b, bOff, c, cOff, ldc, accumulate);
    else k8x1(kc, a, aOff, b, bOff, c, cOff, ldc, accumulate);
  }

  /** 8 rows x 3 vectors: the packed B panel is 3 * L wide. */
  private static void k8x3(int kc, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int ldc,
      boolean accumulate) {
    FloatVector c00, c01, c02, c10, c11, c12, c20, c21, c22, c30, c31, c32,
        c40, c41, c42, c50, c51, c52, c60, c61, c62, c70, c71, c72;
    if (accumulate) {
      c00 = FloatVector.fromArray(S, c, cOff);
      c01 = FloatVector.fromArray(S, c, cOff + L);
      c02 = FloatVector.fromArray(S, c, cOff + 2 * L);
      c10 = FloatVector.fromArray(S, c, cOff + ldc);
      c11 = FloatVector.fromArray(S, c, cOff + ldc + L);
      c12 = FloatVector.fromArray(S, c, cOff + ldc + 2 * L);
      c20 = FloatVector.fromArray(S, c, cOff + 2 * ldc);
      c21 = FloatVector.fromArray(S, c, cOff + 2 * ldc + L);
      c22 = FloatVector.fromArray(S, c, cOff + 2 * ldc + 2 * L);
      c30 = FloatVector.fromArray(S, c, cOff + 3 * ldc);
      c31 = FloatVector.fromArray(S, c, cOff + 3 * ldc + L);
      c32 = FloatVector.fromArray(S, c, cOff + 3 * ldc + 2 * L);
      c40 = FloatVector.fromArray(S, c, cOff + 4 * ldc);
      c41 = FloatVector.fromArray(S, c, cOff + 4 * ldc + L);
      c42 = FloatVector.fromArray(S, c, cOff + 4 * ldc + 2 * L);
      c50 = FloatVector.fromArray(S, c, cOff + 5 * ldc);
      c51 = FloatVector.fromArray(S, c, cOff + 5 * ldc + L);
      c52 = FloatVector.fromArray(S, c, cOff + 5 * ldc + 2 * L);
      c60 = FloatVector.fromArray(S, c, cOff + 6 * ldc);
      c61 = FloatVector.fromArray(S, c, cOff + 6 * ldc + L);
      c62 = FloatVector.fromArray(S, c, cOff + 6 * ldc + 2 * L);
      c70 = FloatVector.fromArray(S, c, cOff + 7 * ldc);
      c71 = FloatVector.fromArray(S, c, cOff + 7 * ldc + L);
      c72 = FloatVector.fromArray(S, c, cOff + 7 * ldc + 2 * L);
    } else {
      c00 = FloatVector.zero(S); c01 = FloatVector.zero(S); c02 = FloatVector.zero(S);
      c10 = FloatVector.zero(S); c11 = FloatVector.zero(S); c12 = FloatVector.zero(S);
      c20 = FloatVector.zero(S); c21 = FloatVector.zero(S); c22 = FloatVector.zero(S);
      c30 = FloatVector.zero(S); c31 = FloatVector.zero(S); c32 = FloatVector.zero(S);
      c40 = FloatVector.zero(S); c41 = FloatVector.zero(S); c42 = FloatVector.zero(S);
      c50 = FloatVector.zero(S); c51 = FloatVector.zero(S); c52 = FloatVector.zero(S);
      c60 = FloatVector.zero(S); c61 = FloatVector.zero(S); c62 = FloatVector.zero(S);
      c70 = FloatVector.zero(S); c71 = FloatVector.zero(S); c72 = FloatVector.zero(S);
    }
    for (int p = 0, ap = aOff, bp = bOff; p < kc; p++, ap += 8, bp += 3 * L) {
      FloatVector b0 = FloatVector.fromArray(S, b, bp);
      FloatVector b1 = FloatVector.fromArray(S, b, bp + L);
      FloatVector b2 = FloatVector.fromArray(S, b, bp + 2 * L);
      FloatVector a0 = FloatVector.broadcast(S, a[ap]);
      c00 = a0.fma(b0, c00); c01 = a0.fma(b1, c01); c02 = a0.fma(b2, c02);
      FloatVector a1 = FloatVector.broadcast(S, a[ap + 1]);
      c10 = a1.fma(b0, c10); c11 = a1.fma(b1, c11); c12 = a1.fma(b2, c12);
      FloatVector a2 = FloatVector.broadcast(S, a[ap + 2]);
      c20 = a2.fma(b0, c20); c21 = a2.fma(b1, c21); c22 = a2.fma(b2, c22);
      FloatVector a3 = FloatVector.broadcast(S, a[ap + 3]);
      c30 = a3.fma(b0, c30); c31 = a3.fma(b1, c31); c32 = a3.fma(b2, c32);
      FloatVector a4 = FloatVector.broadcast(S, a[ap + 4]);
      c40 = a4.fma(b0, c40); c41 = a4.fma(b1, c41); c42 = a4.fma(b2, c42);
      FloatVector a5 = FloatVector.broadcast(S, a[ap + 5]);
      c50 = a5.fma(b0, c50); c51 = a5.fma(b1, c51); c52 = a5.fma(b2, c52);
      FloatVector a6 = FloatVector.broadcast(S, a[ap + 6]);
      c60 = a6.fma(b0, c60); c61 = a6.fma(b1, c61); c62 = a6.fma(b2, c62);
      FloatVector a7 = FloatVector.broadcast(S, a[ap + 7]);
      c70 = a7.fma(b0, c70); c71 = a7.fma(b1, c71); c72 = a7.fma(b2, c72);
    }
    c00.intoArray(c, cOff);
    c01.intoArray(c, cOff + L);
    c02.intoArray(c, cOff + 2 * L);
    c10.intoArray(c, cOff + ldc);
    c11.intoArray(c, cOff + ldc + L);
    c12.intoArray(c, cOff + ldc + 2 * L);
    c20.intoArray(c, cOff + 2 * ldc);
    c21.intoArray(c, cOff + 2 * ldc + L);
    c22.intoArray(c, cOff + 2 * ldc + 2 * L);
    c30.intoArray(c, cOff + 3 * ldc);
    c31.intoArray(c, cOff + 3 * ldc + L);
    c32.intoArray(c, cOff + 3 * ldc + 2 * L);
    c40.intoArray(c, cOff + 4 * ldc);
    c41.intoArray(c, cOff + 4 * ldc + L);
    c42.intoArray(c, cOff + 4 * ldc + 2 * L);
    c50.intoArray(c, cOff + 5 * ldc);
    c51.intoArray(c, cOff + 5 * ldc + L);
    c52.intoArray(c, cOff + 5 * ldc + 2 * L);
    c60.intoArray(c, cOff + 6 * ldc);
    c61.intoArray(c, cOff + 6 * ldc + L);
    c62.intoArray(c, cOff + 6 * ldc + 2 * L);
    c70.intoArray(c, cOff + 7 * ldc);
    c71.intoArray(c, cOff + 7 * ldc + L);
    c72.intoArray(c, cOff + 7 * ldc + 2 * L);
  }

  /** 8 rows x 2 vectors: the packed B panel is 2 * L wide. */
  private static void k8x2(int kc, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int ldc,
      boolean accumulate) {
    FloatVector c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51,
        c60, c61, c70, c71;
    if (accumulate) {
      c00 = FloatVector.fromArray(S, c, cOff);
      c01 = FloatVector.fromArray(S, c, cOff + L);
      c10 = FloatVector.fromArray(S, c, cOff + ldc);
      c11 = FloatVector.fromArray(S, c, cOff + ldc + L);
      c20 = FloatVector.fromArray(S, c, cOff + 2 * ldc);
      c21 = FloatVector.fromArray(S, c, cOff + 2 * ldc + L);
      c30 = FloatVector.fromArray(S, c, cOff + 3 * ldc);
      c31 = FloatVector.fromArray(S, c, cOff + 3 * ldc + L);
      c40 = FloatVector.fromArray(S, c, cOff + 4 * ldc);
      c41 = FloatVector.fromArray(S, c, cOff + 4 * ldc + L);
      c50 = FloatVector.fromArray(S, c, cOff + 5 * ldc);
      c51 = FloatVector.fromArray(S, c, cOff + 5 * ldc + L);
      c60 = FloatVector.fromArray(S, c, cOff + 6 * ldc);
      c61 = FloatVector.fromArray(S, c, cOff + 6 * ldc + L);
      c70 = FloatVector.fromArray(S, c, cOff + 7 * ldc);
      c71 = FloatVector.fromArray(S, c, cOff + 7 * ldc + L);
    } else {
      c00 = FloatVector.zero(S); c01 = FloatVector.zero(S);
      c10 = FloatVector.zero(S); c11 = FloatVector.zero(S);
      c20 = FloatVector.zero(S); c21 = FloatVector.zero(S);
      c30 = FloatVector.zero(S); c31 = FloatVector.zero(S);
      c40 = FloatVector.zero(S); c41 = FloatVector.zero(S);
      c50 = FloatVector.zero(S); c51 = FloatVector.zero(S);
      c60 = FloatVector.zero(S); c61 = FloatVector.zero(S);
      c70 = FloatVector.zero(S); c71 = FloatVector.zero(S);
    }
    for (int p = 0, ap = aOff, bp = bOff; p < kc; p++, ap += 8, bp += 2 * L) {
      FloatVector b0 = FloatVector.fromArray(S, b, bp);
      FloatVector b1 = FloatVector.fromArray(S, b, bp + L);
      FloatVector a0 = FloatVector.broadcast(S, a[ap]);
      c00 = a0.fma(b0, c00); c01 = a0.fma(b1, c01);
      FloatVector a1 = FloatVector.broadcast(S, a[ap + 1]);
      c10 = a1.fma(b0, c10); c11 = a1.fma(b1, c11);
      FloatVector a2 = FloatVector.broadcast(S, a[ap + 2]);
      c20 = a2.fma(b0, c20); c21 = a2.fma(b1, c21);
      FloatVector a3 = FloatVector.broadcast(S, a[ap + 3]);
      c30 = a3.fma(b0, c30); c31 = a3.fma(b1, c31);
      FloatVector a4 = FloatVector.broadcast(S, a[ap + 4]);
      c40 = a4.fma(b0, c40); c41 = a4.fma(b1, c41);
      FloatVector a5 = FloatVector.broadcast(S, a[ap + 5]);
      c50 = a5.fma(b0, c50); c51 = a5.fma(b1, c51);
      FloatVector a6 = FloatVector.broadcast(S, a[ap + 6]);
      c60 = a6.fma(b0, c60); c61 = a6.fma(b1, c61);
      FloatVector a7 = FloatVector.broadcast(S, a[ap + 7]);
      c70 = a7.fma(b0, c70); c71 = a7.fma(b1, c71);
    }
    c00.intoArray(c, cOff);
    c01.intoArray(c, cOff + L);
    c10.intoArray(c, cOff + ldc);
    c11.intoArray(c, cOff + ldc + L);
    c20.intoArray(c, cOff + 2 * ldc);
    c21.intoArray(c, cOff + 2 * ldc + L);
    c30.intoArray(c, cOff + 3 * ldc);
    c31.intoArray(c, cOff + 3 * ldc + L);
    c40.intoArray(c, cOff + 4 * ldc);
    c41.intoArray(c, cOff + 4 * ldc + L);
    c50.intoArray(c, cOff + 5 * ldc);
    c51.intoArray(c, cOff + 5 * ldc + L);
    c60.intoArray(c, cOff + 6 * ldc);
    c61.intoArray(c, cOff + 6 * ldc + L);
    c70.intoArray(c, cOff + 7 * ldc);
    c71.intoArray(c, cOff + 7 * ldc + L);
  }

  /** 8 rows x 1 vector: the packed B panel is L wide. */
  private static void k8x1(int kc, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int ldc,
      boolean accumulate) {
    FloatVector c00, c10, c20, c30, c40, c50, c60, c70;
    if (accumulate) {
      c00 = FloatVector.fromArray(S, c, cOff);
      c10 = FloatVector.fromArray(S, c, cOff + ldc);
      c20 = FloatVector.fromArray(S, c, cOff + 2 * ldc);
      c30 = FloatVector.fromArray(S, c, cOff + 3 * ldc);
      c40 = FloatVector.fromArray(S, c, cOff + 4 * ldc);
      c50 = FloatVector.fromArray(S, c, cOff + 5 * ldc);
      c60 = FloatVector.fromArray(S, c, cOff + 6 * ldc);
      c70 = FloatVector.fromArray(S, c, cOff + 7 * ldc);
    } else {
      c00 = FloatVector.zero(S);
      c10 = FloatVector.zero(S);
      c20 = FloatVector.zero(S);
      c30 = FloatVector.zero(S);
      c40 = FloatVector.zero(S);
      c50 = FloatVector.zero(S);
      c60 = FloatVector.zero(S);
      c70 = FloatVector.zero(S);
    }
    for (int p = 0, ap = aOff, bp = bOff; p < kc; p++, ap += 8, bp += L) {
      FloatVector b0 = FloatVector.fromArray(S, b, bp);
      FloatVector a0 = FloatVector.broadcast(S, a[ap]);
      c00 = a0.fma(b0, c00);
      FloatVector a1 = FloatVector.broadcast(S, a[ap + 1]);
      c10 = a1.fma(b0, c10);
      FloatVector a2 = FloatVector.broadcast(S, a[ap + 2]);
      c20 = a2.fma(b0, c20);
      FloatVector a3 = FloatVector.broadcast(S, a[ap + 3]);
      c30 = a3.fma(b0, c30);
      FloatVector a4 = FloatVector.broadcast(S, a[ap + 4]);
      c40 = a4.fma(b0, c40);
      FloatVector a5 = FloatVector.broadcast(S, a[ap + 5]);
      c50 = a5.fma(b0, c50);
      FloatVector a6 = FloatVector.broadcast(S, a[ap + 6]);
      c60 = a6.fma(b0, c60);
      FloatVector a7 = FloatVector.broadcast(S, a[ap + 7]);
      c70 = a7.fma(b0, c70);
    }
    c00.intoArray(c, cOff);
    c10.intoArray(c, cOff + ldc);
    c20.intoArray(c, cOff + 2 * ldc);
    c30.intoArray(c, cOff + 3 * ldc);
    c40.intoArray(c, cOff + 4 * ldc);
    c50.intoArray(c, cOff + 5 * ldc);
    c60.intoArray(c, cOff + 6 * ldc);
    c70.intoArray(c, cOff + 7 * ldc);
  }
}
