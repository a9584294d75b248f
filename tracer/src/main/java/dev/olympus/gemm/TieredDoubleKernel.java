package dev.olympus.gemm;

import dev.olympus.simd.VectorTier;

/**
 * The float64 micro-kernel of a JVM with the Vector API: {@link ScalarDoubleKernel} until the
 * {@link VectorDoubleKernel} has been compiled and measures faster, then the vector kernel (see
 * {@link VectorTier}). The two give the same bits, so a product's result never depends on which ran.
 */
final class TieredDoubleKernel implements DoubleMicroKernel {
  /** Contraction length of a warming unit: 1/16 of {@link Blocking}'s, so each uncompiled call is cheap. */
  private static final int UNIT_KC = 16;

  private final DoubleMicroKernel vector;
  private final DoubleMicroKernel scalar;
  private final VectorTier tier;

  TieredDoubleKernel(DoubleMicroKernel vector) {
    this.vector = vector;
    this.scalar = new ScalarDoubleKernel(vector.lanes());
    this.tier = VectorTier.warmed("gemm-f64", unit(vector), unit(scalar));
  }

  /** Every tile shape the products use (1, 2 and 3 vectors wide, fresh and accumulating) on scratch panels. */
  private static Runnable unit(DoubleMicroKernel kernel) {
    int widest = 3 * kernel.lanes();
    double[] a = new double[UNIT_KC * Blocking.MR], b = new double[UNIT_KC * widest];
    double[] c = new double[Blocking.MR * widest];
    return () -> {
      for (int width = kernel.lanes(); width <= widest; width += kernel.lanes()) {
        kernel.tile(width, UNIT_KC, a, 0, b, 0, c, 0, width, false);
        kernel.tile(width, UNIT_KC, a, 0, b, 0, c, 0, width, true);
      }
    };
  }

  @Override
  public int lanes() { return vector.lanes(); }

  @Override
  public void tile(int width, int kc, double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int ldc,
      boolean accumulate) {
    (tier.vector() ? vector : scalar).tile(width, kc, a, aOff, b, bOff, c, cOff, ldc, accumulate);
  }
}
