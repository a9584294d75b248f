package dev.olympus.benchmarks;

/** selu at the seed's size, N = 1,000,000 (issue 3's targets are stated at this size). */
public class SeluBenchmark extends SeluThroughput {
  @Override
  protected int size() { return 1_000_000; }
}
