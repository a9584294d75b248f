package dev.olympus.benchmarks;

import dev.olympus.Array;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;

/**
 * selu at N = 10,000,000, where the jit splits the output across cores; {@link #jitOneThread} runs the same
 * kernel in a fork limited to one thread, so {@code jitOneThread / jit} is the multi-core gain.
 */
public class SeluLargeBenchmark extends SeluThroughput {
  @Override
  protected int size() { return 10_000_000; }

  /** A method-level {@code @Fork} replaces the class-level one, so it repeats the module flag. */
  @Benchmark
  @Fork(value = 1, jvmArgsAppend = {ForkArgs.VECTOR_MODULE, ForkArgs.ONE_THREAD})
  public Array jitOneThread() {
    return jitted.apply(x).blockUntilReady();
  }
}
