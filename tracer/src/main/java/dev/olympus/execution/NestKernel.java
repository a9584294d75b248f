package dev.olympus.execution;

import dev.olympus.DType;
import dev.olympus.execution.NestSteps.RowStep;
import dev.olympus.execution.NestSteps.StripStep;
import dev.olympus.loopnest.Expr;
import dev.olympus.loopnest.IndexMap;
import dev.olympus.loopnest.LoopNest;
import dev.olympus.loopnest.Schedule;
import dev.olympus.simd.Lanes;
import dev.olympus.simd.StripOp;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link LoopNest} made runnable by interpreting its {@link Schedule}: each node is one call of a strip
 * operation per strip (or of its scalar form per row), resolved once here to a lambda, so running costs one
 * virtual call per node and strip of 1024 elements. The javac-time kernels render the same schedule as Java
 * calling the same strip methods in the same order, so both give the same bits.
 *
 * <p>Reductions follow {@link Lanes}: each {@link Lanes#BLOCK} of a row is folded into fresh lanes and the
 * block lanes are combined in block order. Rows run in parallel when there are enough of them; a single long
 * row of one phase (a full sum) runs its blocks in parallel, each into lanes of its own, combined afterwards in
 * block order. Either way the order of operations, and so every bit, is independent of the thread count.
 *
 * <p>Immutable apart from a pool of frames owned by this kernel, so one instance serves concurrent calls and
 * nothing outlives it.
 */
public final class NestKernel {
  private final LoopNest nest;
  private final Schedule schedule;
  private final int slotCount;
  private final long rowCount;
  private final int colCount;
  private final RowStep[] literalSteps;
  private final RowStep[] constSteps;
  private final PhaseSteps[] phases;
  private final RowStep[] finalRowSteps;
  private final RowStep[] rowOutputSteps;
  private final StripStep[] filledOutputSteps;
  /** Nodes whose per-row offset is computed at each row: loads and index values. */
  private final int[] baseNodes;
  private final long[] baseOffsets;
  private final int[][] baseRowStrides;
  private final long work;
  private final ScratchPool<NestFrame> frames;

  /** One phase's steps; {@code folds} are its reduction nodes, finished when the phase's last block ends. */
  private record PhaseSteps(RowStep[] rowSteps, StripStep[] stripSteps, int[] folds, StripOp.Monoid[] foldOps,
      DType[] foldTypes, RowStep[] finishes) {}

  public NestKernel(LoopNest nest) {
    this(Schedule.of(nest));
  }

  public NestKernel(Schedule schedule) {
    this.schedule = schedule;
    this.nest = schedule.nest();
    this.slotCount = NestOperands.slotCount(nest);
    this.frames = new ScratchPool<>(this::newFrame);
    this.rowCount = nest.rowCount();
    long cols = nest.colCount();
    if (cols > Integer.MAX_VALUE) throw new IllegalArgumentException("a loop nest row holds at most 2^31-1 elements");
    this.colCount = (int) cols;
    List<Expr> nodes = nest.nodes();
    // Literals go into a frame's registers once, when the frame is made; per-call constants (a 0-d input) per call.
    List<Integer> literals = new ArrayList<>(), perCall = new ArrayList<>();
    for (int i : schedule.constNodes()) (nodes.get(i) instanceof Expr.Constant ? literals : perCall).add(i);
    literalSteps = rowSteps(literals);
    constSteps = rowSteps(perCall);
    List<PhaseSteps> ps = new ArrayList<>();
    for (Schedule.Phase p : schedule.phases()) {
      List<StripStep> strips = new ArrayList<>();
      for (int i : p.stripNodes()) {
        StripStep s = NestSteps.strip(schedule, i);
        if (s != null) strips.add(s);
      }
      for (Schedule.Store st : p.stores()) strips.add(NestSteps.store(schedule, st.node(), st.slot()));
      int[] folds = p.folds().stream().mapToInt(Integer::intValue).toArray();
      StripOp.Monoid[] ops = new StripOp.Monoid[folds.length];
      DType[] types = new DType[folds.length];
      RowStep[] finishes = new RowStep[folds.length];
      for (int k = 0; k < folds.length; k++) {
        Expr.Reduce r = (Expr.Reduce) nodes.get(folds[k]);
        ops[k] = r.op();
        types[k] = Schedule.computeType(r.dtype());
        finishes[k] = NestSteps.finish(schedule, folds[k]);
      }
      ps.add(new PhaseSteps(rowSteps(p.rowNodes()), strips.toArray(new StripStep[0]), folds, ops, types, finishes));
    }
    phases = ps.toArray(new PhaseSteps[0]);
    finalRowSteps = rowSteps(schedule.finalRowNodes());
    rowOutputSteps = schedule.rowOutputs().stream().map(o -> NestSteps.storeRow(schedule, o)).toArray(RowStep[]::new);
    filledOutputSteps = schedule.filledOutputs().stream().map(o -> NestSteps.fillOutput(schedule, o))
        .toArray(StripStep[]::new);

    List<Integer> bn = new ArrayList<>();
    List<Long> bo = new ArrayList<>();
    List<int[]> bs = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      if (schedule.place(i) == null) continue;
      if (nodes.get(i) instanceof Expr.Load l) {
        bn.add(i);
        bo.add(l.map().offset());
        bs.add(l.map().rowStrides());
      } else if (nodes.get(i) instanceof Expr.Index x) {
        bn.add(i);
        bo.add(x.offset());
        bs.add(x.rowCoeffs());
      }
    }
    baseNodes = bn.stream().mapToInt(Integer::intValue).toArray();
    baseOffsets = bo.stream().mapToLong(Long::longValue).toArray();
    baseRowStrides = bs.toArray(new int[0][]);
    int steps = 1;
    for (PhaseSteps p : phases) steps += p.stripSteps.length;
    work = rowCount * Math.max(1, cols) * steps;
  }

  private RowStep[] rowSteps(List<Integer> nodes) {
    return nodes.stream().map(i -> NestSteps.row(schedule, i)).toArray(RowStep[]::new);
  }

  public LoopNest nest() { return nest; }

  public Schedule schedule() { return schedule; }

  /**
   * Runs the nest on {@code data}: element {@code s} is buffer slot {@code s}'s Java array (inputs filled,
   * outputs allocated with the nest's output shapes). Inputs are only read.
   */
  public void run(Object[] data) {
    if (data.length < slotCount) throw new IllegalArgumentException("the nest reads " + slotCount + " buffers, got " + data.length);
    if (rowCount == 0) return;
    int threads = Parallel.threadsFor(work, rowCount);
    boolean blockParallel = phases.length == 1 && colCount > Lanes.BLOCK && rowCount < 2L * Parallel.THREADS
        && Parallel.threadsFor(work, colCount / Lanes.BLOCK) > 1;
    if (blockParallel) {
      NestFrame f = frame(data);
      try {
        for (long r = 0; r < rowCount; r++) runRowByBlocks(f, data, r);
      } finally {
        give(f);
      }
      return;
    }
    if (threads == 1) {
      runRows(data, 0, rowCount);
      return;
    }
    Parallel.forRanges(rowCount, threads, (from, to) -> {
      NestFrame f = frame(data);
      try {
        for (long r = from; r < to; r++) runRow(f, r);
      } finally {
        give(f);
      }
    });
  }

  /**
   * Runs rows {@code [from, to)} on the calling thread: a matrix product's epilogue runs each block of output
   * rows as soon as the product has finished it, while the rows are in cache.
   */
  public void runRows(Object[] data, long from, long to) {
    NestFrame f = frame(data);
    try {
      for (long r = from; r < to; r++) runRow(f, r);
    } finally {
      give(f);
    }
  }

  private NestFrame newFrame() {
    NestFrame f = new NestFrame(schedule, slotCount);
    for (RowStep s : literalSteps) s.run(f);
    return f;
  }

  private NestFrame frame(Object[] data) {
    NestFrame f = frames.take();
    f.use(data);
    startRow(f, 0);
    for (RowStep s : constSteps) s.run(f);
    return f;
  }

  private void give(NestFrame f) {
    f.release();
    frames.give(f);
  }

  /** Sets the row's multi-index, output offset and per-node buffer offsets. */
  private void startRow(NestFrame f, long r) {
    f.row = r;
    f.setOutBase((int) (r * colCount));
    int[] dims = nest.rows();
    long rest = r;
    for (int k = dims.length - 1; k >= 0; k--) {
      f.rowIndex[k] = (int) (rest % dims[k]);
      rest /= dims[k];
    }
    for (int j = 0; j < baseNodes.length; j++) {
      long b = baseOffsets[j];
      int[] st = baseRowStrides[j];
      for (int k = 0; k < st.length; k++) b += (long) st[k] * f.rowIndex[k];
      f.base[baseNodes[j]] = b;
    }
  }

  private void runRow(NestFrame f, long r) {
    startRow(f, r);
    for (PhaseSteps p : phases) {
      for (RowStep s : p.rowSteps) s.run(f);
      for (int k = 0; k < p.folds.length; k++) NestFrame.resetLanes(f.rowLanes[p.folds[k]], p.foldOps[k], p.foldTypes[k]);
      for (int b0 = 0; b0 < colCount; b0 += Lanes.BLOCK) {
        runBlock(f, p, b0, Math.min(colCount, b0 + Lanes.BLOCK));
        for (int k = 0; k < p.folds.length; k++) {
          int node = p.folds[k];
          NestSteps.combine(p.foldOps[k], p.foldTypes[k], f.rowLanes[node], f.blockLanes[node]);
        }
      }
      for (RowStep s : p.finishes) s.run(f);
    }
    finishRow(f);
  }

  /** Strips {@code [b0, b1)} of the current row, folding into the frame's block lanes (reset first). */
  private static void runBlock(NestFrame f, PhaseSteps p, int b0, int b1) {
    for (int k = 0; k < p.folds.length; k++) {
      NestFrame.resetLanes(f.blockLanes[p.folds[k]], p.foldOps[k], p.foldTypes[k]);
    }
    StripStep[] steps = p.stripSteps;
    for (int c0 = b0; c0 < b1; c0 += Schedule.STRIP) {
      int m = Math.min(Schedule.STRIP, b1 - c0);
      for (StripStep s : steps) s.run(f, c0, m);
    }
  }

  private static Object copyOf(Object lanes) {
    if (lanes instanceof float[] a) return a.clone();
    if (lanes instanceof double[] a) return a.clone();
    if (lanes instanceof long[] a) return a.clone();
    return ((int[]) lanes).clone();
  }

  private void finishRow(NestFrame f) {
    for (RowStep s : finalRowSteps) s.run(f);
    for (RowStep s : rowOutputSteps) s.run(f);
    if (filledOutputSteps.length > 0) {
      for (int c0 = 0; c0 < colCount; c0 += Schedule.STRIP) {
        int m = Math.min(Schedule.STRIP, colCount - c0);
        for (StripStep s : filledOutputSteps) s.run(f, c0, m);
      }
    }
  }

  /**
   * One long row of a single phase, its blocks spread over threads: each block folds into lanes of its own,
   * and the block lanes are combined here in block order, as {@link #runRow} would.
   */
  private void runRowByBlocks(NestFrame main, Object[] data, long r) {
    PhaseSteps p = phases[0];
    int blocks = (colCount + Lanes.BLOCK - 1) / Lanes.BLOCK;
    int nodeCount = nest.nodes().size();
    Object[][] perBlock = new Object[blocks][];
    startRow(main, r);
    for (RowStep s : p.rowSteps) s.run(main);
    long row = r;
    Parallel.forRanges(blocks, Parallel.threadsFor(work / Math.max(1, rowCount), blocks), (from, to) -> {
      NestFrame f = frame(data);
      try {
        startRow(f, row);
        for (RowStep s : p.rowSteps) s.run(f);
        for (long b = from; b < to; b++) {
          int b0 = (int) b * Lanes.BLOCK;
          runBlock(f, p, b0, Math.min(colCount, b0 + Lanes.BLOCK));
          Object[] lanes = new Object[nodeCount];
          for (int node : p.folds) lanes[node] = copyOf(f.blockLanes[node]);
          perBlock[(int) b] = lanes;
        }
      } finally {
        give(f);
      }
    });
    for (int k = 0; k < p.folds.length; k++) {
      int node = p.folds[k];
      NestFrame.resetLanes(main.rowLanes[node], p.foldOps[k], p.foldTypes[k]);
      for (Object[] lanes : perBlock) NestSteps.combine(p.foldOps[k], p.foldTypes[k], main.rowLanes[node], lanes[node]);
    }
    for (RowStep s : p.finishes) s.run(main);
    finishRow(main);
  }
}
