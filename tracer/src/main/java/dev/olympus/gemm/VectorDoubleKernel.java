package dev.olympus.gemm;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The float64 micro-kernel with the Vector API: {@link Blocking#MR} x 3 vectors of C stay in registers across
 * the contraction (24 accumulators, 3 B loads and 8 broadcasts per k on AVX-512), narrower panels of the last
 * columns use 2 or 1 vectors. {@code DoubleVector.fma} rounds once per lane, exactly as {@code Math.fma} does
 * in {@link ScalarDoubleKernel}. The three kernels unroll one template. Loaded only when {@code
 * jdk.incubator.vector} is in the boot layer ({@link Gemm}).
 */
final class VectorDoubleKernel implements DoubleMicroKernel {
  static final DoubleMicroKernel INSTANCE = new VectorDoubleKernel();

  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  private VectorDoubleKernel() {}

  @Override
  public int lanes() { return L; }

  @Override
  public void tile(int width, int kc, double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int ldc,
      boolean accumulate) {
    if (width == 3 * L) k8x3(kc, a, aOff, b, bOff, c, cOff, ldc, accumulate);
    else if (width == 2 * L) k8x2(kc, a, aOff, b, bOff, c, cOff, ldc, accumulate);
    else k8x1(kc, a, aOff, b, bOff, c, cOff, ldc, accumulate);
  }

  /** 8 rows x 3 vectors: the packed B panel is 3 * L wide. */
  private static void k8x3(int kc, double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int ldc,
      boolean accumulate) {
    DoubleVector c00, c01, c02, c10, c11, c12, c20, c21, c22, c30, c31, c32,
        c40, c41, c42, c50, c51, c52, c60, c61, c62, c70, c71, c72;
    if (accumulate) {
      c00 = DoubleVector.fromArray(S, c, cOff);
      c01 = DoubleVector.fromArray(S, c, cOff + L);
      c02 = DoubleVector.fromArray(S, c, cOff + 2 * L);
      c10 = DoubleVector.fromArray(S, c, cOff + ldc);
      c11 = DoubleVector.fromArray(S, c, cOff + ldc + L);
      c12 = DoubleVector.fromArray(S, c, cOff + ldc + 2 * L);
      c20 = DoubleVector.fromArray(S, c, cOff + 2 * ldc);
      c21 = DoubleVector.fromArray(S, c, cOff + 2 * ldc + L);
      c22 = DoubleVector.fromArray(S, c, cOff + 2 * ldc + 2 * L);
      c30 = DoubleVector.fromArray(S, c, cOff + 3 * ldc);
      c31 = DoubleVector.fromArray(S, c, cOff + 3 * ldc + L);
      c32 = DoubleVector.fromArray(S, c, cOff + 3 * ldc + 2 * L);
      c40 = DoubleVector.fromArray(S, c, cOff + 4 * ldc);
      c41 = DoubleVector.fromArray(S, c, cOff + 4 * ldc + L);
      c42 = DoubleVector.fromArray(S, c, cOff + 4 * ldc + 2 * L);
      c50 = DoubleVector.fromArray(S, c, cOff + 5 * ldc);
      c51 = DoubleVector.fromArray(S, c, cOff + 5 * ldc + L);
      c52 = DoubleVector.fromArray(S, c, cOff + 5 * ldc + 2 * L);
      c60 = DoubleVector.fromArray(S, c, cOff + 6 * ldc);
      c61 = DoubleVector.fromArray(S, c, cOff + 6 * ldc + L);
      c62 = DoubleVector.fromArray(S, c, cOff + 6 * ldc + 2 * L);
      c70 = DoubleVector.fromArray(S, c, cOff + 7 * ldc);
      c71 = DoubleVector.fromArray(S, c, cOff + 7 * ldc + L);
      c72 = DoubleVector.fromArray(S, c, cOff + 7 * ldc + 2 * L);
    } else {
      c00 = DoubleVector.zero(S); c01 = DoubleVector.zero(S); c02 = DoubleVector.zero(S);
      c10 = DoubleVector.zero(S); c11 = DoubleVector.zero(S); c12 = DoubleVector.zero(S);
      c20 = DoubleVector.zero(S); c21 = DoubleVector.zero(S); c22 = DoubleVector.zero(S);
      c30 = DoubleVector.zero(S); c31 = DoubleVector.zero(S); c32 = DoubleVector.zero(S);
      c40 = DoubleVector.zero(S); c41 = DoubleVector.zero(S); c42 = DoubleVector.zero(S);
      c50 = DoubleVector.zero(S); c51 = DoubleVector.zero(S); c52 = DoubleVector.zero(S);
      c60 = DoubleVector.zero(S); c61 = DoubleVector.zero(S); c62 = DoubleVector.zero(S);
      c70 = DoubleVector.zero(S); c71 = DoubleVector.zero(S); c72 = DoubleVector.zero(S);
    }
    for (int p = 0, ap = aOff, bp = bOff; p < kc; p++, ap += 8, bp += 3 * L) {
      DoubleVector b0 = DoubleVector.fromArray(S, b, bp);
      DoubleVector b1 = DoubleVector.fromArray(S, b, bp + L);
      DoubleVector b2 = DoubleVector.fromArray(S, b, bp + 2 * L);
      DoubleVector a0 = DoubleVector.broadcast(S, a[ap]);
      c00 = a0.fma(b0, c00); c01 = a0.fma(b1, c01); c02 = a0.fma(b2, c02);
      DoubleVector a1 = DoubleVector.broadcast(S, a[ap + 1]);
      c10 = a1.fma(b0, c10); c11 = a1.fma(b1, c11); c12 = a1.fma(b2, c12);
      DoubleVector a2 = DoubleVector.broadcast(S, a[ap + 2]);
      c20 = a2.fma(b0, c20); c21 = a2.fma(b1, c21); c22 = a2.fma(b2, c22);
      DoubleVector a3 = DoubleVector.broadcast(S, a[ap + 3]);
      c30 = a3.fma(b0, c30); c31 = a3.fma(b1, c31); c32 = a3.fma(b2, c32);
      DoubleVector a4 = DoubleVector.broadcast(S, a[ap + 4]);
      c40 = a4.fma(b0, c40); c41 = a4.fma(b1, c41); c42 = a4.fma(b2, c42);
      DoubleVector a5 = DoubleVector.broadcast(S, a[ap + 5]);
      c50 = a5.fma(b0, c50); c51 = a5.fma(b1, c51); c52 = a5.fma(b2, c52);
      DoubleVector a6 = DoubleVector.broadcast(S, a[ap + 6]);
      c60 = a6.fma(b0, c60); c61 = a6.fma(b1, c61); c62 = a6.fma(b2, c62);
      DoubleVector a7 = DoubleVector.broadcast(S, a[ap + 7]);
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
  private static void k8x2(int kc, double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int ldc,
      boolean accumulate) {
    DoubleVector c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51,
        c60, c61, c70, c71;
    if (accumulate) {
      c00 = DoubleVector.fromArray(S, c, cOff);
      c01 = DoubleVector.fromArray(S, c, cOff + L);
      c10 = DoubleVector.fromArray(S, c, cOff + ldc);
      c11 = DoubleVector.fromArray(S, c, cOff + ldc + L);
      c20 = DoubleVector.fromArray(S, c, cOff + 2 * ldc);
      c21 = DoubleVector.fromArray(S, c, cOff + 2 * ldc + L);
      c30 = DoubleVector.fromArray(S, c, cOff + 3 * ldc);
      c31 = DoubleVector.fromArray(S, c, cOff + 3 * ldc + L);
      c40 = DoubleVector.fromArray(S, c, cOff + 4 * ldc);
      c41 = DoubleVector.fromArray(S, c, cOff + 4 * ldc + L);
      c50 = DoubleVector.fromArray(S, c, cOff + 5 * ldc);
      c51 = DoubleVector.fromArray(S, c, cOff + 5 * ldc + L);
      c60 = DoubleVector.fromArray(S, c, cOff + 6 * ldc);
      c61 = DoubleVector.fromArray(S, c, cOff + 6 * ldc + L);
      c70 = DoubleVector.fromArray(S, c, cOff + 7 * ldc);
      c71 = DoubleVector.fromArray(S, c, cOff + 7 * ldc + L);
    } else {
      c00 = DoubleVector.zero(S); c01 = DoubleVector.zero(S);
      c10 = DoubleVector.zero(S); c11 = DoubleVector.zero(S);
      c20 = DoubleVector.zero(S); c21 = DoubleVector.zero(S);
      c30 = DoubleVector.zero(S); c31 = DoubleVector.zero(S);
      c40 = DoubleVector.zero(S); c41 = DoubleVector.zero(S);
      c50 = DoubleVector.zero(S); c51 = DoubleVector.zero(S);
      c60 = DoubleVector.zero(S); c61 = DoubleVector.zero(S);
      c70 = DoubleVector.zero(S); c71 = DoubleVector.zero(S);
    }
    for (int p = 0, ap = aOff, bp = bOff; p < kc; p++, ap += 8, bp += 2 * L) {
      DoubleVector b0 = DoubleVector.fromArray(S, b, bp);
      DoubleVector b1 = DoubleVector.fromArray(S, b, bp + L);
      DoubleVector a0 = DoubleVector.broadcast(S, a[ap]);
      c00 = a0.fma(b0, c00); c01 = a0.fma(b1, c01);
      DoubleVector a1 = DoubleVector.broadcast(S, a[ap + 1]);
      c10 = a1.fma(b0, c10); c11 = a1.fma(b1, c11);
      DoubleVector a2 = DoubleVector.broadcast(S, a[ap + 2]);
      c20 = a2.fma(b0, c20); c21 = a2.fma(b1, c21);
      DoubleVector a3 = DoubleVector.broadcast(S, a[ap + 3]);
      c30 = a3.fma(b0, c30); c31 = a3.fma(b1, c31);
      DoubleVector a4 = DoubleVector.broadcast(S, a[ap + 4]);
      c40 = a4.fma(b0, c40); c41 = a4.fma(b1, c41);
      DoubleVector a5 = DoubleVector.broadcast(S, a[ap + 5]);
      c50 = a5.fma(b0, c50); c51 = a5.fma(b1, c51);
      DoubleVector a6 = DoubleVector.broadcast(S, a[ap + 6]);
      c60 = a6.fma(b0, c60); c61 = a6.fma(b1, c61);
      DoubleVector a7 = DoubleVector.broadcast(S, a[ap + 7]);
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
  private static void k8x1(int kc, double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int ldc,
      boolean accumulate) {
    DoubleVector c00, c10, c20, c30, c40, c50, c60, c70;
    if (accumulate) {
      c00 = DoubleVector.fromArray(S, c, cOff);
      c10 = DoubleVector.fromArray(S, c, cOff + ldc);
      c20 = DoubleVector.fromArray(S, c, cOff + 2 * ldc);
      c30 = DoubleVector.fromArray(S, c, cOff + 3 * ldc);
      c40 = DoubleVector.fromArray(S, c, cOff + 4 * ldc);
      c50 = DoubleVector.fromArray(S, c, cOff + 5 * ldc);
      c60 = DoubleVector.fromArray(S, c, cOff + 6 * ldc);
      c70 = DoubleVector.fromArray(S, c, cOff + 7 * ldc);
    } else {
      c00 = DoubleVector.zero(S);
      c10 = DoubleVector.zero(S);
      c20 = DoubleVector.zero(S);
      c30 = DoubleVector.zero(S);
      c40 = DoubleVector.zero(S);
      c50 = DoubleVector.zero(S);
      c60 = DoubleVector.zero(S);
      c70 = DoubleVector.zero(S);
    }
    for (int p = 0, ap = aOff, bp = bOff; p < kc; p++, ap += 8, bp += L) {
      DoubleVector b0 = DoubleVector.fromArray(S, b, bp);
      DoubleVector a0 = DoubleVector.broadcast(S, a[ap]);
      c00 = a0.fma(b0, c00);
      DoubleVector a1 = DoubleVector.broadcast(S, a[ap + 1]);
      c10 = a1.fma(b0, c10);
      DoubleVector a2 = DoubleVector.broadcast(S, a[ap + 2]);
      c20 = a2.fma(b0, c20);
      DoubleVector a3 = DoubleVector.broadcast(S, a[ap + 3]);
      c30 = a3.fma(b0, c30);
      DoubleVector a4 = DoubleVector.broadcast(S, a[ap + 4]);
      c40 = a4.fma(b0, c40);
      DoubleVector a5 = DoubleVector.broadcast(S, a[ap + 5]);
      c50 = a5.fma(b0, c50);
      DoubleVector a6 = DoubleVector.broadcast(S, a[ap + 6]);
      c60 = a6.fma(b0, c60);
      DoubleVector a7 = DoubleVector.broadcast(S, a[ap + 7]);
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
