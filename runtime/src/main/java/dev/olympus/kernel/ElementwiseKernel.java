package dev.olympus.kernel;

import dev.olympus.lowering.Step;
import dev.olympus.storage.Storage;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;

/**
 * A fusion region at run time: one pass over the domain, tile by tile, writing each root into its output
 * buffer. Large domains are split into contiguous chunks run on the common fork-join pool and the caller.
 */
final class ElementwiseKernel {
  private final Step.Elementwise step;
  private final LoopBody body;
  private volatile FusedLoop compiled;
  /** Per-thread table of slot arrays handed to compiled loops (which never call back into Olympus). */
  private static final ThreadLocal<Object[]> DATA = ThreadLocal.withInitial(() -> new Object[16]);
  /** Runs left before the second tier is requested; negative once requested (or never to be). */
  private volatile int runsUntilTier2 = -1;
  private String functionName;
  private boolean vectorTier2;

  ElementwiseKernel(Step.Elementwise step, boolean vector) {
    this.step = step;
    this.body = new LoopBody(step.domain(), step.nodes(), vector);
  }

  /**
   * Asks for the second tier once this region has run {@link #HOT_RUNS} times (so one-off kernels never
   * cost a javac run); calls keep running on tiles until it lands.
   */
  void compileWhenHot(String functionName, boolean vector) {
    this.functionName = functionName;
    this.vectorTier2 = vector;
    this.runsUntilTier2 = HOT_RUNS;
  }

  /** Runs after which a region is worth compiling: the JVM's own tiers use a similar idea. */
  static final int HOT_RUNS = 3;

  private void countRun() {
    int left = runsUntilTier2;
    if (left < 0) return;
    if (left > 0) {
      runsUntilTier2 = left - 1;
      return;
    }
    runsUntilTier2 = -1;
    compileInBackground(functionName, vectorTier2);
  }

  /** Starts the second-tier compile of this region now, in the background. */
  void compileInBackground(String functionName, boolean vector) {
    String key = LoopSource.render(step, "Loop", "", vector);
    FusedLoop known = LoopCompiler.cached(key);
    if (known != null) {
      compiled = known;
      return;
    }
    String cls = LoopCompiler.newClassName(functionName);
    LoopCompiler.compileLater(key, cls, source(cls, functionName, vector), vector, loop -> compiled = loop);
  }

  /** Compiles the second tier now (tests and benchmarks). */
  void compileNow(String functionName, boolean vector) {
    String cls = LoopCompiler.newClassName(functionName);
    compiled = LoopCompiler.compile(cls, source(cls, functionName, vector), vector);
  }

  String source(String cls, String functionName, boolean vector) {
    return LoopSource.render(step, cls, "Fused loop of " + functionName + " over " + step.domain() + ": "
        + step.nodes().stream().filter(n -> n instanceof dev.olympus.lowering.Node.Op)
            .map(n -> ((dev.olympus.lowering.Node.Op) n).primitive().name()).toList(), vector);
  }



  /** Allocates the region's outputs (before {@link #runRange} fills them, possibly block by block). */
  void allocate(Storage[] slots) {
    if (compiled == null) countRun();
    int[] roots = step.roots();
    int[] rootSlots = step.rootSlots();
    for (int r = 0; r < roots.length; r++) {
      slots[rootSlots[r]] = Storage.allocate(step.nodes().get(roots[r]).aval().dtype(), step.domain());
    }
  }

  void run(Storage[] slots) {
    allocate(slots);
    long n = step.domain().size();
    int chunks = Parallelism.chunks(n);
    if (chunks <= 1) {
      runRange(slots, 0, n);
      return;
    }
    long per = ((n + chunks - 1) / chunks + Tiles.SIZE - 1) / Tiles.SIZE * Tiles.SIZE;
    ForkJoinTask<?>[] tasks = new ForkJoinTask<?>[chunks - 1];
    for (int c = 1; c < chunks; c++) {
      long from = Math.min(n, c * per);
      long to = Math.min(n, from + per);
      tasks[c - 1] = ForkJoinPool.commonPool().submit(() -> runRange(slots, from, to));
    }
    runRange(slots, 0, Math.min(n, per));
    for (ForkJoinTask<?> t : tasks) t.join();
  }

  /** Computes elements {@code [from, to)} of every root (outputs already allocated). */
  void runRange(Storage[] slots, long from, long to) {
    FusedLoop loop = compiled;
    if (loop != null) {
      Object[] data = DATA.get();
      if (data.length < slots.length) DATA.set(data = new Object[slots.length]);
      for (int k = 0; k < slots.length; k++) data[k] = slots[k] == null ? null : slots[k].data();
      try {
        loop.run(data, (int) from, (int) to);
      } finally {
        java.util.Arrays.fill(data, 0, slots.length, null);
      }
      return;
    }
    LoopBody.Scratch s = body.scratch();
    try {
      body.begin(s, slots);
      int[] roots = step.roots();
      int[] rootSlots = step.rootSlots();
      for (long t = from; t < to; t += Tiles.SIZE) {
        int m = (int) Math.min(Tiles.SIZE, to - t);
        body.tile(s, slots, t, m);
        for (int r = 0; r < roots.length; r++) {
          System.arraycopy(s.array[roots[r]], s.offset[roots[r]], slots[rootSlots[r]].data(), (int) t, m);
        }
      }
    } finally {
      body.release(s);
    }
  }
}
