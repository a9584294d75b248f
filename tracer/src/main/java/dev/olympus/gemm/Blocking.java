package dev.olympus.gemm;

/**
 * The fixed block sizes of the GotoBLAS/BLIS loop nest (see {@link Gemm}). The micro-kernel computes {@code mr}
 * rows by {@code nr} columns of C in registers ({@code nr} is 3 SIMD vectors of {@code lanes} elements; the last
 * column panel of a product may be 1 or 2 vectors wide); A is packed in blocks of {@code mc x kc} (kept in L2),
 * B in panels of at most {@link #PANEL_ELEMENTS} (in L3; usually all of B), whose {@code kc x nr} micro-panels
 * are read from L1 and L2 while the micro-kernel walks down the rows of the A block.
 *
 * <p>Block sizes decide speed only: the value of every output element is the same for any blocking (the
 * products are accumulated in ascending k whatever the block sizes are).
 */
record Blocking(int mr, int lanes, int nr, int kc, int mc) {
  /** Rows of the micro-kernel: 8 rows x 3 vectors keep 24 accumulators in the 32 AVX-512 registers. */
  static final int MR = 8;
  static final int VECTORS = 3;

  /**
   * Largest packed B panel, in elements (8 MB of float32, 16 MB of float64): a 1024 x 1024 B is one panel. A
   * thread that multiplies keeps its largest panel for the next product.
   */
  static final int PANEL_ELEMENTS = 1 << 21;

  /**
   * kc and mc by measurement on AVX-512 (Zen 5, 48 KB L1, 1 MB L2): 1024^3 float32 runs within 3 % for kc from
   * 128 to 320 and mc from 64 to 288, so the choice is not delicate.
   */
  static Blocking of(int lanes) {
    return new Blocking(MR, lanes, VECTORS * lanes, 256, 144);
  }

  /** Width of the packed panel holding {@code cols} (at most nr) real columns: whole vectors, zero-padded. */
  int panelWidth(int cols) {
    return (cols + lanes - 1) / lanes * lanes;
  }
}
