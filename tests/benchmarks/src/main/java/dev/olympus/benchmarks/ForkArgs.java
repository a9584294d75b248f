package dev.olympus.benchmarks;

/** JVM flags the benchmark forks add, as compile-time constants so annotations can name them. */
final class ForkArgs {
  private ForkArgs() {}

  /**
   * The Vector API is present at run time for every benchmark but {@link SeluWithoutVectorModuleBenchmark}:
   * the hand-written Vector loop needs it, and the jit is measured the way a user who enables it runs.
   */
  static final String VECTOR_MODULE = "--add-modules=jdk.incubator.vector";

  /** Read by the jit's parallel kernels; one thread measures what the second core adds. */
  static final String ONE_THREAD = "-Dolympus.threads=1";
}
