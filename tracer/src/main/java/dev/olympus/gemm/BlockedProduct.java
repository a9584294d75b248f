package dev.olympus.gemm;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * The loop nest of one product, independent of the element type. B is packed a panel at a time (a contraction
 * block x column block of at most {@link Blocking#PANEL_ELEMENTS}, usually all of B); then chunks of rows of the
 * output (at most mc rows, so their packed A block stays in L2) run the micro-kernels against the panel, a
 * kc-block of the contraction at a time. The first contraction block starts each element of C from zero, the
 * later ones continue from the value in C, so the sum order never depends on the blocks.
 *
 * <p>Threads share the packed panel and claim chunks one at a time from a ticket counter, so a thread slowed
 * by other work on its core just takes fewer chunks. The work is a list of groups — pack this panel, compute on
 * it, pack the next, ... — and a group starts only when the one before it has finished, so every element is
 * computed by one thread at a time, its contraction blocks in ascending order: the result is the same for any
 * number of threads. A thread only ever waits for chunks that running threads have claimed, never for a thread
 * that has not started, so a busy pool cannot deadlock it. Batches of many small products instead give each
 * thread whole products.
 *
 * @param <S> a thread's buffers: its packed A block, its edge tile and (when it packs alone) a B panel
 */
abstract class BlockedProduct<S> {
  final int batch, m, k, n;
  final Blocking blocking;
  private final Epilogue done;
  /** Contraction block of the micro-kernel: k split into equal blocks of at most kc. */
  private final int kc0;
  /** A panel's contraction and column extent. */
  private final int panelK, panelN;

  BlockedProduct(int batch, int m, int k, int n, Blocking blocking, Epilogue done) {
    this.batch = batch;
    this.m = m;
    this.k = k;
    this.n = n;
    this.blocking = blocking;
    this.done = done;
    int kBlocks = Math.max(1, (k + blocking.kc() - 1) / blocking.kc());
    this.kc0 = Math.max(1, (k + kBlocks - 1) / kBlocks);
    int width = roundUp(n, blocking.lanes());
    if ((long) k * width <= Blocking.PANEL_ELEMENTS) {
      panelK = k;
      panelN = n;
    } else if ((long) kc0 * width <= Blocking.PANEL_ELEMENTS) {
      panelK = Blocking.PANEL_ELEMENTS / width / kc0 * kc0;
      panelN = n;
    } else {
      panelK = kc0;
      panelN = Blocking.PANEL_ELEMENTS / kc0 / blocking.nr() * blocking.nr();
    }
  }

  /** This thread's buffers, taken out of its cache (so a nested product on this thread gets others). */
  abstract S take();

  /** Returns buffers taken by {@link #take}. */
  abstract void giveBack(S s);

  /** Makes {@code s}'s B panel hold at least {@code elements}. */
  abstract void reservePanel(S s, int elements);

  /**
   * Packs contraction {@code [p0, p0 + kc)}, columns {@code [j0, j0 + cols)} of batch {@code b}'s B into
   * {@code panel}'s B buffer, column micro-panel {@code jp} of these at {@code at + jp * kc}.
   */
  abstract void packB(S panel, int at, int b, int j0, int cols, int p0, int kc);

  /** Packs rows {@code [i0, i0 + rows)}, contraction {@code [p0, p0 + kc)} of batch {@code b}'s A into {@code s}. */
  abstract void packA(S s, int b, int i0, int rows, int p0, int kc);

  /**
   * C's rows {@code i0..} x columns {@code j0..} of batch {@code b} += (or = when not {@code accumulate}) the
   * packed A in {@code s} times contraction rows {@code [p, p + kc)} of {@code panel}'s B panel, whose column
   * micro-panels start at {@code at}, {@code panelK} deep.
   */
  abstract void multiply(S s, S panel, int at, int panelK, int p, int b, int i0, int rows, int j0, int cols, int kc,
      boolean accumulate);

  /** Sets flattened output rows {@code [from, to)} to zero (a contraction over nothing). */
  abstract void zeroRows(int from, int to);

  final void run(int threadLimit) {
    int rows = batch * m;
    if (rows == 0 || n == 0) return;
    if (k == 0) {
      zeroRows(0, rows);
      done.rowsDone(0, rows);
      return;
    }
    int threads = ThreadPolicy.threadsFor((long) rows * n * k, threadLimit);
    if (threads == 1) {
      S s = take();
      try {
        for (int b = 0; b < batch; b++) alone(s, b);
      } finally {
        giveBack(s);
      }
    } else if (batch >= 2 * threads) {
      AtomicInteger next = new AtomicInteger();
      fork(threads, () -> {
        S s = take();
        try {
          for (int b; (b = next.getAndIncrement()) < batch; ) alone(s, b);
        } finally {
          giveBack(s);
        }
      });
    } else {
      S shared = take();
      try {
        Work work = new Work(shared, threads);
        fork(threads, work::help);
      } finally {
        giveBack(shared);
      }
    }
  }

  /**
   * Runs {@code part} on {@code threads - 1} pool threads and this one, and waits for all. Once all have started,
   * the others finish within about a chunk of this thread, so it spins for them a while before parking in
   * {@code join}: being woken from a park costs tens of microseconds, and milliseconds when the machine is busy.
   */
  private static void fork(int threads, Runnable part) {
    ForkJoinTask<?>[] tasks = new ForkJoinTask<?>[threads - 1];
    AtomicInteger started = new AtomicInteger();
    Runnable counted = () -> {
      started.incrementAndGet();
      part.run();
    };
    for (int t = 0; t < tasks.length; t++) tasks[t] = ForkJoinPool.commonPool().submit(counted);
    part.run();
    // A task no worker has started yet is left to join, which runs it here (it finds no work left).
    long giveUp = System.nanoTime() + SPIN_NANOS;
    for (ForkJoinTask<?> t : tasks) {
      while (!t.isDone() && started.get() == tasks.length && System.nanoTime() < giveUp) Thread.onSpinWait();
      t.join();
    }
  }

  /** How long the caller spins for the other threads before it parks. */
  private static final long SPIN_NANOS = 2_000_000;

  /** All of batch {@code b} on this thread, with its own B panel. */
  private void alone(S s, int b) {
    for (int jc = 0; jc < n; jc += panelN) {
      int nc = Math.min(panelN, n - jc);
      for (int pc = 0; pc < k; pc += panelK) {
        int kp = Math.min(panelK, k - pc);
        boolean last = jc + nc == n && pc + kp == k;
        reservePanel(s, kp * roundUp(nc, blocking.lanes()));
        packB(s, 0, b, jc, nc, pc, kp);
        for (int i0 = 0; i0 < m; i0 += blocking.mc()) {
          int rows = Math.min(blocking.mc(), m - i0);
          chunk(s, s, b, i0, rows, jc, jc, nc, pc, kp);
          if (last) done.rowsDone(b * m + i0, b * m + i0 + rows);
        }
      }
    }
  }

  /** Rows {@code [i0, i0 + rows)} x columns {@code [j0, j0 + cols)} against the panel of columns from {@code jc}. */
  private void chunk(S s, S panel, int b, int i0, int rows, int jc, int j0, int cols, int pc, int kp) {
    for (int p = 0; p < kp; p += kc0) {
      int kc = Math.min(kc0, kp - p);
      packA(s, b, i0, rows, pc + p, kc);
      multiply(s, panel, (j0 - jc) * kp, kp, p, b, i0, rows, j0, cols, kc, pc + p > 0);
    }
  }

  /** One group of the work list: packing a panel, or computing on it. */
  private record Group(int b, int jc, int nc, int pc, int kp, boolean pack, int items, int first) {}

  /** The shared work list of a product that all threads work on together. */
  private final class Work {
    private final S shared;
    private final List<Group> groups = new ArrayList<>();
    private final AtomicInteger tickets = new AtomicInteger();
    private final AtomicIntegerArray finished;
    private final int rowsPerChunk, rowChunks, colsPerChunk, packUnit;
    /** Per row chunk of the last group of each batch: column chunks still to finish before its epilogue. */
    private final AtomicIntegerArray pending;

    Work(S shared, int threads) {
      this.shared = shared;
      // About 4 chunks per thread so that a slowed thread costs little; rows first (no A is packed twice),
      // columns too when there are too few rows.
      int target = 4 * threads, mr = blocking.mr(), nr = blocking.nr();
      int rowPanels = (m + mr - 1) / mr;
      rowsPerChunk = Math.min(blocking.mc(), mr * Math.max(1, (rowPanels + target - 1) / target));
      rowChunks = (m + rowsPerChunk - 1) / rowsPerChunk;
      int colChunksWanted = Math.max(1, target / rowChunks);
      int colPanels = (Math.min(panelN, n) + nr - 1) / nr;
      colsPerChunk = nr * Math.max(1, (colPanels + colChunksWanted - 1) / colChunksWanted);
      packUnit = nr * Math.max(1, (colPanels + target - 1) / target);
      int first = 0, maxPanel = 0;
      for (int b = 0; b < batch; b++) {
        for (int jc = 0; jc < n; jc += panelN) {
          int nc = Math.min(panelN, n - jc);
          for (int pc = 0; pc < k; pc += panelK) {
            int kp = Math.min(panelK, k - pc);
            maxPanel = Math.max(maxPanel, kp * roundUp(nc, blocking.lanes()));
            Group pack = new Group(b, jc, nc, pc, kp, true, (nc + packUnit - 1) / packUnit, first);
            first += pack.items();
            Group compute = new Group(b, jc, nc, pc, kp, false, rowChunks * ((nc + colsPerChunk - 1) / colsPerChunk),
                first);
            first += compute.items();
            groups.add(pack);
            groups.add(compute);
          }
        }
      }
      reservePanel(shared, maxPanel);
      finished = new AtomicIntegerArray(groups.size());
      int colChunks = (Math.min(panelN, n) + colsPerChunk - 1) / colsPerChunk;
      pending = colChunks > 1 ? new AtomicIntegerArray(batch * rowChunks) : null;
      if (pending != null) {
        for (int b = 0; b < batch; b++) {
          int lastCols = n - (n - 1) / panelN * panelN;
          int chunks = (lastCols + colsPerChunk - 1) / colsPerChunk;
          for (int r = 0; r < rowChunks; r++) pending.set(b * rowChunks + r, chunks);
        }
      }
    }

    /** Claims and runs items until none are left. */
    void help() {
      S s = null;
      try {
        int g = 0;
        for (int t; ; ) {
          t = tickets.getAndIncrement();
          while (g < groups.size() && t >= groups.get(g).first() + groups.get(g).items()) g++;
          if (g == groups.size()) return;
          if (g > 0) awaitFinished(g - 1);
          Group group = groups.get(g);
          int item = t - group.first();
          if (group.pack()) {
            int j = item * packUnit;
            packB(shared, j * group.kp(), group.b(), group.jc() + j, Math.min(packUnit, group.nc() - j), group.pc(),
                group.kp());
          } else {
            if (s == null) s = take();
            compute(s, group, item);
          }
          finished.incrementAndGet(g);
        }
      } finally {
        if (s != null) giveBack(s);
      }
    }

    private void compute(S s, Group group, int item) {
      int colChunks = (group.nc() + colsPerChunk - 1) / colsPerChunk;
      int r = item / colChunks, cc = item % colChunks;
      int i0 = r * rowsPerChunk, rows = Math.min(rowsPerChunk, m - i0);
      int j0 = group.jc() + cc * colsPerChunk, cols = Math.min(colsPerChunk, group.jc() + group.nc() - j0);
      chunk(s, shared, group.b(), i0, rows, group.jc(), j0, cols, group.pc(), group.kp());
      boolean last = group.jc() + group.nc() == n && group.pc() + group.kp() == k;
      if (last && (pending == null || pending.decrementAndGet(group.b() * rowChunks + r) == 0)) {
        done.rowsDone(group.b() * m + i0, group.b() * m + i0 + rows);
      }
    }

    /** Waits until every item of group {@code g} has finished; they were all claimed by running threads. */
    private void awaitFinished(int g) {
      int items = groups.get(g).items();
      for (int spins = 0; finished.get(g) < items; spins++) {
        if (spins < 1 << 10) Thread.onSpinWait();
        else Thread.yield();
      }
    }
  }

  static int roundUp(int x, int to) {
    return (x + to - 1) / to * to;
  }
}
