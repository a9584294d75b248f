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

  ElementwiseKernel(Step.Elementwise step, boolean vector) {
    this.step = step;
    this.body = new LoopBody(step.domain(), step.nodes(), vector);
  }

  /** Starts the second-tier compile of this region; calls keep running on tiles until it lands. */
  void compileInBackground(String functionName, boolean vector) {
    if (step.domain().size() < MIN_TIER2_ELEMENTS) return;
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

  boolean isCompiled() { return compiled != null; }

  /** Tiny loops are not worth a javac run: the tile loop's overhead there is a few nanoseconds. */
  static final long MIN_TIER2_ELEMENTS = 4096;

  void run(Storage[] slots) {
    int[] roots = step.roots();
    int[] rootSlots = step.rootSlots();
    for (int r = 0; r < roots.length; r++) {
      slots[rootSlots[r]] = Storage.allocate(step.nodes().get(roots[r]).aval().dtype(), step.domain());
    }
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

  private void runRange(Storage[] slots, long from, long to) {
    FusedLoop loop = compiled;
    if (loop != null) {
      Object[] data = new Object[slots.length];
      for (int k = 0; k < slots.length; k++) if (slots[k] != null) data[k] = slots[k].data();
      loop.run(data, (int) from, (int) to);
      return;
    }
    LoopBody.Scratch s = body.scratch();
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
  }
}
