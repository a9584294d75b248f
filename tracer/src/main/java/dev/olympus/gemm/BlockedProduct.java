package dev.olympus.gemm;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * The loop nest of one product, independent of the element type: for each column block of nc (jc), each
 * contraction block of kc (pc): pack that B panel, then for each row block of mc (ic): pack the A block and
 * run the micro-kernels over it ({@link #multiply}). The first contraction block starts each element of C from
 * zero, the later ones continue from the value in C, so the sum order never depends on the blocks.
 *
 * <p>Threads split the output, never a sum: by rows (each thread packs its own B panels) when there are at
 * least as many rows as columns or batches to go around, otherwise by columns (each packs its own A blocks).
 * Either way every element is computed by one thread in one pass of ascending k, so the result is the same for
 * any number of threads.
 *
 * @param <S> a thread's packing buffers
 */
abstract class BlockedProduct<S> {
  final int batch, m, k, n;
  final Blocking blocking;
  private final Epilogue done;

  BlockedProduct(int batch, int m, int k, int n, Blocking blocking, Epilogue done) {
    this.batch = batch;
    this.m = m;
    this.k = k;
    this.n = n;
    this.blocking = blocking;
    this.done = done;
  }

  /** This thread's packing buffers, large enough for this product's blocks. */
  abstract S scratch(int kc, int mc, int nc);

  /** Packs rows {@code [i0, i0 + rows)}, contraction {@code [p0, p0 + kc)} of batch {@code b}'s A. */
  abstract void packA(S s, int b, int i0, int rows, int p0, int kc);

  /** Packs contraction {@code [p0, p0 + kc)}, columns {@code [j0, j0 + cols)} of batch {@code b}'s B. */
  abstract void packB(S s, int b, int j0, int cols, int p0, int kc);

  /** C's rows {@code i0..} x columns {@code j0..} of batch {@code b} from the packed blocks; adds to C if asked. */
  abstract void multiply(S s, int b, int i0, int rows, int j0, int cols, int kc, boolean accumulate);

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
    int rowPanels = (m + blocking.mr() - 1) / blocking.mr();
    boolean byRows = batch >= threads || m >= n;
    long units = byRows ? (long) batch * rowPanels : (n + blocking.nr() - 1) / blocking.nr();
    threads = (int) Math.min(threads, units);
    if (threads <= 1) {
      rowUnits(0, batch * rowPanels, rowPanels);
      return;
    }
    AtomicIntegerArray pending = byRows ? null : pendingBlocks(threads);
    int t0 = threads;
    Runnable[] parts = new Runnable[threads];
    for (int t = 0; t < threads; t++) {
      int from = (int) (units * t / t0), to = (int) (units * (t + 1) / t0);
      parts[t] = byRows ? () -> rowUnits(from, to, rowPanels)
          : () -> columns(from * blocking.nr(), Math.min(n, to * blocking.nr()), pending);
    }
    ForkJoinTask<?>[] tasks = new ForkJoinTask<?>[threads - 1];
    for (int t = 1; t < threads; t++) tasks[t - 1] = ForkJoinPool.commonPool().submit(parts[t]);
    parts[0].run();
    for (ForkJoinTask<?> t : tasks) t.join();
  }

  /** Row panels {@code [from, to)} of all batches (each batch has {@code rowPanels} of them), all columns. */
  private void rowUnits(int from, int to, int rowPanels) {
    int mr = blocking.mr();
    for (int b = from / rowPanels; b < batch && b * rowPanels < to; b++) {
      int i0 = Math.max(from - b * rowPanels, 0) * mr;
      int i1 = Math.min(m, (Math.min(to, (b + 1) * rowPanels) - b * rowPanels) * mr);
      blocks(b, i0, i1, 0, n, null);
    }
  }

  /** Columns {@code [j0, j1)} of every row of every batch. */
  private void columns(int j0, int j1, AtomicIntegerArray pending) {
    for (int b = 0; b < batch; b++) blocks(b, 0, m, j0, j1, pending);
  }

  /**
   * One counter per row block of every batch: how many column ranges must still finish it. The thread that
   * finishes it last runs the epilogue, so the epilogue too is split across threads.
   */
  private AtomicIntegerArray pendingBlocks(int threads) {
    AtomicIntegerArray pending = new AtomicIntegerArray(batch * rowBlocks(m));
    for (int i = 0; i < pending.length(); i++) pending.set(i, threads);
    return pending;
  }

  private int rowBlocks(int rows) {
    return (rows + blocking.mc() - 1) / blocking.mc();
  }

  /** Rows {@code [i0, i1)} x columns {@code [j0, j1)} of batch {@code b}: the GotoBLAS loops. */
  private void blocks(int b, int i0, int i1, int j0, int j1, AtomicIntegerArray pending) {
    int kSteps = (k + blocking.kc() - 1) / blocking.kc();
    int kc0 = (k + kSteps - 1) / kSteps;  // equal contraction blocks: no thin last block
    int mc0 = Math.min(blocking.mc(), roundUp(i1 - i0, blocking.mr()));
    int nc0 = Math.min(blocking.nc(), roundUp(j1 - j0, blocking.lanes()));
    S s = scratch(kc0, mc0, nc0);
    for (int jc = j0; jc < j1; jc += blocking.nc()) {
      int nc = Math.min(blocking.nc(), j1 - jc);
      for (int pc = 0; pc < k; pc += kc0) {
        int kc = Math.min(kc0, k - pc);
        boolean last = jc + nc == j1 && pc + kc == k;
        packB(s, b, jc, nc, pc, kc);
        for (int ic = i0; ic < i1; ic += blocking.mc()) {
          int mc = Math.min(blocking.mc(), i1 - ic);
          packA(s, b, ic, mc, pc, kc);
          multiply(s, b, ic, mc, jc, nc, kc, pc > 0);
          if (last && (pending == null || pending.decrementAndGet(b * rowBlocks(m) + ic / blocking.mc()) == 0)) {
            done.rowsDone(b * m + ic, b * m + ic + mc);
          }
        }
      }
    }
  }

  static int roundUp(int x, int to) {
    return (x + to - 1) / to * to;
  }
}
