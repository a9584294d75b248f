package dev.olympus.gemm;

/**
 * The fixed block sizes of the GotoBLAS/BLIS loop nest (see {@link Gemm}). The micro-kernel computes {@code mr}
 * rows by {@code nr} columns of C in registers ({@code nr} is 3 SIMD vectors of {@code lanes} elements; the last
 * column panel of a product may be 1 or 2 vectors wide); A is packed in blocks of {@code mc x kc} (kept in L2),
 * B in panels of {@code kc x nc} (in L3), whose {@code kc x nr} micro-panels stay in L1 while the micro-kernel
 * walks down the rows of the A block.
 *
 * <p>Block sizes decide speed only: the value of every output element is the same for any blocking (the
 * products are accumulated in ascending k whatever the block sizes are).
 */
record Blocking(int mr, int lanes, int nr, int kc, int mc, int nc) {
  /** Rows of the micro-kernel: 8 rows x 3 vectors keep 24 accumulators in the 32 AVX-512 registers. */
  static final int MR = 8;
  static final int VECTORS = 3;

  /** Chosen by measurement (tests/benchmarks MatmulBenchmark) on AVX-512 for 4- and 8-byte elements. */
  static Blocking of(int lanes) {
    int nr = VECTORS * lanes;
    return new Blocking(MR, lanes, nr, Integer.getInteger("tune.kc", 256), Integer.getInteger("tune.mc", 144), 2016 / nr * nr);
  }

  /** Width of the packed panel holding {@code cols} (at most nr) real columns: whole vectors, zero-padded. */
  int panelWidth(int cols) {
    return (cols + lanes - 1) / lanes * lanes;
  }
}
