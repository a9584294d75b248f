package dev.olympus.kernel;

import dev.olympus.execution.BoundNest;
import dev.olympus.gemm.Epilogue;
import dev.olympus.gemm.Gemm;
import dev.olympus.lowering.Step;
import dev.olympus.primitive.DotGeneral;
import dev.olympus.storage.Storage;

/**
 * {@code dot_general} in a compiled plan: the same {@link DotGeneral#multiply} as the eager primitive (a packed,
 * cache-blocked {@link Gemm} for floats), so results are bit-identical to eager. When the next loop nest is
 * the dot's epilogue (bias, activation), it runs on each block of output rows as soon as the GEMM
 * has finished them, on the thread that did, while they are still in cache, instead of in a second pass over
 * the whole output ({@link BoundNest#epilogueOf} decides which nests can).
 */
final class DotKernel {
  private final Step.Primitive step;
  private final DotGeneral.DimensionNumbers dn;
  private final BoundNest epilogue;
  private final Gemm gemm;

  /** {@code epilogue}: the nest that runs on each block of finished rows, or null. */
  DotKernel(Step.Primitive step, BoundNest epilogue, boolean vector) {
    this.step = step;
    this.dn = step.equation().params().as("dimension_numbers");
    this.epilogue = epilogue;
    // Without the Vector API the scalar twin runs: the same operations, so the same bits.
    this.gemm = vector ? Gemm.standard() : Gemm.scalar();
  }

  void run(Storage[] slots) {
    Storage l = slots[step.inSlots()[0]];
    Storage r = slots[step.inSlots()[1]];
    DotGeneral.Canonical c = DotGeneral.canonical(l, r, dn);
    Storage out = Storage.allocate(l.dtype(), step.equation().outputs().get(0).aval().shape());
    slots[step.outSlots()[0]] = out;
    Epilogue done = Epilogue.NONE;
    if (epilogue != null) {
      Object[] data = epilogue.prepare(slots);
      done = (rowFrom, rowTo) -> epilogue.runRows(data, rowFrom, rowTo);
    }
    DotGeneral.multiply(c, out, gemm, done);
  }
}
