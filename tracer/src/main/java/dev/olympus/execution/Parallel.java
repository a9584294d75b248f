package dev.olympus.execution;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;

/**
 * How kernels share work between cores: contiguous ranges of independent items (rows, blocks) on the common
 * fork-join pool and the calling thread, up to {@code -Dolympus.threads=N} threads. Which thread runs which
 * range never changes a result: kernels only split work whose order of operations does not depend on it.
 */
public final class Parallel {
  private Parallel() {}

  public static final int THREADS = Math.max(1, Integer.getInteger("olympus.threads",
      Math.min(Runtime.getRuntime().availableProcessors(), ForkJoinPool.getCommonPoolParallelism() + 1)));

  /** Element operations below which one thread does all the work: waking a pool worker costs ~10-50 us. */
  public static final long MIN_PARALLEL_WORK = 1L << 17;

  /** Work on items {@code [from, to)}. */
  @FunctionalInterface
  public interface Range {
    void run(long from, long to);
  }

  /** How many threads {@code work} element operations over {@code items} independent items deserve. */
  public static int threadsFor(long work, long items) {
    if (work < MIN_PARALLEL_WORK || items < 2) return 1;
    return (int) Math.min(THREADS, items);
  }

  /** Runs {@code body} over {@code [0, items)} split into {@code threads} contiguous ranges. */
  public static void forRanges(long items, int threads, Range body) {
    if (threads <= 1 || items <= 1) {
      body.run(0, items);
      return;
    }
    long per = (items + threads - 1) / threads;
    ForkJoinTask<?>[] tasks = new ForkJoinTask<?>[threads - 1];
    int started = 0;
    for (int t = 1; t < threads; t++) {
      long from = t * per, to = Math.min(items, from + per);
      if (from >= to) break;
      tasks[started++] = ForkJoinPool.commonPool().submit(() -> body.run(from, to));
    }
    Throwable failure = null;
    try {
      body.run(0, Math.min(items, per));
    } catch (RuntimeException | Error e) {
      failure = e;
    }
    for (int t = 0; t < started; t++) {
      try {
        tasks[t].join();
      } catch (RuntimeException | Error e) {
        if (failure == null) failure = e;
      }
    }
    if (failure instanceof RuntimeException r) throw r;
    if (failure instanceof Error e) throw e;
  }
}
