package dev.olympus.gemm;

import dev.olympus.simd.VectorTier;

/**
 * The float32 micro-kernel of a JVM with the Vector API: {@link ScalarFloatKernel} until the
 * {@link VectorFloatKernel} has been compiled and measures faster, then the vector kernel (see
 * {@link VectorTier}). The two give the same bits, so a product's result never depends on which ran.
 */
final class TieredFloatKernel implements FloatMicroKernel {
  /** Contraction length of a warming unit: 1/16 of {@link Blocking}'s, so each uncompiled call is cheap. */
  private static final int UNIT_KC = 16;

  private final FloatMicroKernel vector;
  private final FloatMicroKernel scalar;
  private final VectorTier tier;

  TieredFloatKernel(FloatMicroKernel vector) {
    this.vector = vector;
    this.scalar = new ScalarFloatKernel(vector.lanes());
    this.tier = VectorTier.warmed("gemm-f32", unit(vector), unit(scalar));
  }

  /** Every tile shape the products use (1, 2 and 3 vectors wide, fresh and accumulating) on scratch panels. */
  private static Runnable unit(FloatMicroKernel kernel) {
    int widest = 3 * kernel.lanes();
    float[] a = new float[UNIT_KC * Blocking.MR], b = new float[UNIT_KC * widest];
    float[] c = new float[Blocking.MR * widest];
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
  public void tile(int width, int kc, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int ldc,
      boolean accumulate) {
    (tier.vector() ? vector : scalar).tile(width, kc, a, aOff, b, bOff, c, cOff, ldc, accumulate);
  }
}
