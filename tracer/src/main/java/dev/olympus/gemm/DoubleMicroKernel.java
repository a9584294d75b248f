package dev.olympus.gemm;

/**
 * The innermost step of a float64 product: a tile of {@link Blocking#MR} rows x {@code width} columns of C
 * ({@code width} is 1, 2 or 3 vectors of {@link #lanes()}) from a packed A micro-panel (for each k, MR row
 * values) and a packed B micro-panel (for each k, {@code width} column values). Every element is
 * {@code c = fma(a[p], b[p], c)} for p ascending from 0, starting from C's value when {@code accumulate}, else
 * from +0.0. {@link VectorDoubleKernel} and {@link ScalarDoubleKernel} do exactly this, so their results are
 * equal to the bit.
 */
interface DoubleMicroKernel {
  int lanes();

  void tile(int width, int kc, double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int ldc,
      boolean accumulate);
}
