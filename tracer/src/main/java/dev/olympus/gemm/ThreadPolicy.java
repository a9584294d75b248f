package dev.olympus.gemm;

import java.util.concurrent.ForkJoinPool;

/**
 * How many threads a product uses: the common pool's workers plus the caller, capped by
 * {@code -Dolympus.threads=N} (the same switch as the jit's other parallel kernels), and one thread below
 * {@link #MIN_PARALLEL_MULTIPLY_ADDS}, where waking a worker costs more than it saves.
 */
final class ThreadPolicy {
  private ThreadPolicy() {}

  /** About 20 microseconds of one core's work at this kernel's speed; a pool worker wakes in about 10-50. */
  static final long MIN_PARALLEL_MULTIPLY_ADDS = 1L << 21;

  static final int THREADS = Math.max(1, Integer.getInteger("olympus.threads",
      Math.min(Runtime.getRuntime().availableProcessors(), ForkJoinPool.getCommonPoolParallelism() + 1)));

  static int threadsFor(long multiplyAdds, int limit) {
    return multiplyAdds < MIN_PARALLEL_MULTIPLY_ADDS ? 1 : limit;
  }
}
