package dev.olympus.simd;

/**
 * The one summation order of every reduction, eager or compiled, with or without the Vector API, on one thread
 * or many: a run of elements is folded into {@link #COUNT} lane accumulators, element {@code j} of the run into
 * lane {@code j % COUNT} in order; runs longer than {@link #BLOCK} are folded block by block, each block into
 * fresh lanes, and block lanes are combined lanewise in block order; finally the lanes are combined pairwise
 * (lane {@code k} with {@code k + 8}, then {@code k + 4}, {@code k + 2}, {@code k + 1}). The order depends only on
 * the run's length, so blocks can be folded on different threads without changing a bit, and the result is as
 * accurate as a pairwise sum of depth four over 16-way partial sums.
 */
public final class Lanes {
  private Lanes() {}

  /** Lane accumulators per reduction: a 512-bit vector of float32, two of 256 bits. */
  public static final int COUNT = 16;

  /** Elements folded into one set of lanes before a new set starts (a multiple of {@link #COUNT}). */
  public static final int BLOCK = 16384;
}
