package dev.olympus.kernel;

import java.util.concurrent.ForkJoinPool;

/**
 * How many threads a loop uses: one below {@link #MIN_PARALLEL_ELEMENTS} (forking costs more than it
 * saves), otherwise the common pool's workers plus the caller, capped by {@code -Dolympus.threads}.
 */
final class Parallelism {
  private Parallelism() {}

  /** Below this, a loop runs on the calling thread: about 0.1 ms of simple float work. */
  static final long MIN_PARALLEL_ELEMENTS = 1 << 17;

  private static final int THREADS = Math.max(1, Integer.getInteger("olympus.threads",
      Math.min(Runtime.getRuntime().availableProcessors(), ForkJoinPool.getCommonPoolParallelism() + 1)));

  static int threads() { return THREADS; }

  static int chunks(long elements) {
    if (elements < MIN_PARALLEL_ELEMENTS || THREADS == 1) return 1;
    return (int) Math.min(THREADS, elements / (MIN_PARALLEL_ELEMENTS / 2));
  }
}
