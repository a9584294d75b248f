package dev.olympus.kernel;

import dev.olympus.gemm.Epilogue;
import dev.olympus.gemm.Gemm;
import dev.olympus.lowering.Step;
import dev.olympus.primitive.DotGeneral;
import dev.olympus.storage.Storage;

/**
 * {@code dot_general} in a compiled plan: the same {@link DotGeneral#multiply} as the eager primitive (a packed,
 * cache-blocked {@link Gemm} for floats), so results are bit-identical to eager. When the next fusion region is
 * the dot's elementwise epilogue (bias, activation), it runs on each block of output rows as soon as the GEMM
 * has finished them, on the thread that did, while they are still in cache, instead of in a second pass over
 * the whole output.
 */
final class DotKernel {
  private final Step.Primitive step;
  private final DotGeneral.DimensionNumbers dn;
  private final ElementwiseKernel epilogue;
  private final dev.olympus.execution.BoundNest nestEpilogue;
  private final Gemm gemm;

  DotKernel(Step.Primitive step, ElementwiseKernel epilogue, boolean vector) {
    this(step, epilogue, null, vector);
  }

  DotKernel(Step.Primitive step, dev.olympus.execution.BoundNest nestEpilogue, boolean vector) {
    this(step, null, nestEpilogue, vector);
  }

  private DotKernel(Step.Primitive step, ElementwiseKernel epilogue, dev.olympus.execution.BoundNest nestEpilogue,
      boolean vector) {
    this.step = step;
    this.dn = step.equation().params().as("dimension_numbers");
    this.epilogue = epilogue;
    this.nestEpilogue = nestEpilogue;
    // Without the Vector API the scalar twin runs: the same operations, so the same bits.
    this.gemm = vector ? Gemm.standard() : Gemm.scalar();
  }

  /** Whether {@code region} can run per block of this dot's rows: it reads the dot's result at its own index. */
  static boolean isEpilogue(Step.Primitive dot, Step.Elementwise region) {
    int out = dot.outSlots()[0];
    if (!region.domain().equals(dot.equation().outputs().get(0).aval().shape())) return false;
    boolean reads = false;
    for (var node : region.nodes()) {
      if (node instanceof dev.olympus.lowering.Node.Load l && l.slot() == out) reads = true;
      if (node instanceof dev.olympus.lowering.Node.BroadcastLoad b && b.slot() == out) return false;
    }
    return reads;
  }

  ElementwiseKernel epilogue() { return epilogue; }

  /**
   * The nest following {@code dot} as its epilogue (see {@link dev.olympus.execution.BoundNest#asEpilogue}), or
   * null: only for a product without batch dimensions, whose rows are the output's rows.
   */
  static Step.Nest nestEpilogue(Step.Primitive dot, Step.Nest next) {
    return dev.olympus.execution.BoundNest.epilogueOf(dot, next);
  }

  void run(Storage[] slots) {
    Storage l = slots[step.inSlots()[0]];
    Storage r = slots[step.inSlots()[1]];
    DotGeneral.Canonical c = DotGeneral.canonical(l, r, dn);
    Storage out = Storage.allocate(l.dtype(), step.equation().outputs().get(0).aval().shape());
    slots[step.outSlots()[0]] = out;
    Epilogue done = Epilogue.NONE;
    if (nestEpilogue != null) {
      Object[] data = nestEpilogue.prepare(slots);
      done = (rowFrom, rowTo) -> nestEpilogue.runRows(data, rowFrom, rowTo);
    } else if (epilogue != null) {
      epilogue.allocate(slots);
      long n = c.n();
      done = (rowFrom, rowTo) -> epilogue.runRange(slots, rowFrom * n, rowTo * n);
    }
    DotGeneral.multiply(c, out, gemm, done);
  }
}
