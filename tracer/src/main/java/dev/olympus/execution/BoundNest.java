package dev.olympus.execution;

import dev.olympus.loopnest.LoopNest;
import dev.olympus.lowering.Step;
import dev.olympus.storage.Storage;
import dev.olympus.types.AbstractValue;
import java.util.List;

/**
 * A plan's nest step ready to run on the plan's slot table: reads its input slots' arrays, allocates its
 * outputs with the plan's shapes, runs the kernel and stores the outputs in their slots.
 */
public final class BoundNest {
  private final NestKernel kernel;
  private final int[] slots;
  private final int[] outLocal;
  private final AbstractValue[] outAvals;

  public BoundNest(Step.Nest step, List<AbstractValue> slotAvals) {
    this.kernel = new NestKernel(step.nest());
    this.slots = step.slots().clone();
    List<LoopNest.Output> outs = step.nest().outputs();
    outLocal = new int[outs.size()];
    outAvals = new AbstractValue[outs.size()];
    for (int k = 0; k < outLocal.length; k++) {
      outLocal[k] = outs.get(k).slot();
      outAvals[k] = slotAvals.get(slots[outLocal[k]]);
    }
  }

  public NestKernel kernel() { return kernel; }

  public void run(Storage[] table) {
    kernel.run(prepare(table));
  }

  /**
   * Allocates the outputs into {@code table} and returns the kernel's buffers, for {@link #runRows}: the nest
   * then runs in row ranges, as a matrix product's epilogue.
   */
  public Object[] prepare(Storage[] table) {
    Object[] data = new Object[slots.length];
    for (int k = 0; k < outLocal.length; k++) {
      Storage made = Storage.allocate(outAvals[k].dtype(), outAvals[k].shape());
      data[outLocal[k]] = made.data();
      table[slots[outLocal[k]]] = made;
    }
    for (int i = 0; i < slots.length; i++) if (data[i] == null) data[i] = table[slots[i]].data();
    return data;
  }

  public void runRows(Object[] data, long from, long to) {
    kernel.runRows(data, from, to);
  }

  /**
   * Whether {@code s} is a matrix product the GEMM computes in place: a {@code dot_general} of the kernel types. A
   * product that reads or writes bf16, f16 or a narrow integer runs as its primitive, which widens, multiplies
   * and narrows when whole, so it has no rows to hand to an epilogue either.
   */
  public static boolean isGemm(Step s) {
    if (!(s instanceof Step.Primitive p) || p.equation().primitive() != dev.olympus.primitive.DotGeneral.DOT_GENERAL) {
      return false;
    }
    for (var a : p.equation().inputs()) if (a.aval().dtype().isNarrow()) return false;
    return !p.equation().outputs().get(0).aval().dtype().isNarrow();
  }

  /**
   * When step {@code i} of {@code steps} is a matrix product and step {@code i + 1} a nest that can run as its
   * epilogue, that epilogue (see {@link #epilogueOf}); otherwise null. Both back ends pair steps with this.
   */
  public static Step.Nest epilogueAt(List<Step> steps, int i) {
    if (isGemm(steps.get(i)) && i + 1 < steps.size() && steps.get(i + 1) instanceof Step.Nest next) {
      Step.Primitive p = (Step.Primitive) steps.get(i);
      return epilogueOf(p, next);
    }
    return null;
  }

  /**
   * The nest following matrix product {@code dot} as its epilogue (see {@link #asEpilogue}), or null: only for a
   * product without batch dimensions, whose rows are the output's rows. Every back end fuses the same pairs.
   */
  public static Step.Nest epilogueOf(Step.Primitive dot, Step.Nest next) {
    dev.olympus.primitive.DotGeneral.DimensionNumbers dn = dot.equation().params().as("dimension_numbers");
    dev.olympus.types.Shape out = dot.equation().outputs().get(0).aval().shape();
    if (dn.lhsBatch().length != 0 || out.rank() != 2) return null;
    return asEpilogue(next, dot.outSlots()[0], out.dim(0), out.dim(1));
  }

  /**
   * This nest as the epilogue of a matrix product writing plan slot {@code productSlot} of shape
   * {@code [m, n]}: its rows must be the product's rows, and it must read the product only at its own element.
   * Null when it is not one. A nest split as one long row is re-split into the product's rows.
   */
  public static Step.Nest asEpilogue(Step.Nest step, int productSlot, int m, int n) {
    LoopNest nest = step.nest();
    int[] dims = java.util.stream.IntStream.concat(java.util.Arrays.stream(nest.rows()),
        java.util.Arrays.stream(nest.cols())).toArray();
    if (dims.length != 2 || dims[0] != m || dims[1] != n || m == 0 || n == 0) return null;
    boolean resplit = nest.rows().length == 0;
    if (!resplit && nest.rows().length != 1) return null;
    java.util.List<dev.olympus.loopnest.Expr> nodes = new java.util.ArrayList<>();
    boolean reads = false;
    for (dev.olympus.loopnest.Expr e : nest.nodes()) {
      if (e instanceof dev.olympus.loopnest.Expr.Index) return null;
      if (e instanceof dev.olympus.loopnest.Expr.Load l) {
        dev.olympus.loopnest.IndexMap map = l.map();
        int[] st = java.util.stream.IntStream.concat(java.util.Arrays.stream(map.rowStrides()),
            java.util.Arrays.stream(map.colStrides())).toArray();
        if (step.slots()[l.slot()] == productSlot) {
          if (map.offset() != 0 || st[0] != n || (n > 1 && st[1] != 1)) return null;
          reads = true;
        }
        if (resplit) {
          e = new dev.olympus.loopnest.Expr.Load(l.slot(), l.dtype(),
              new dev.olympus.loopnest.IndexMap(map.offset(), new int[] {st[0]}, new int[] {st[1]}));
        }
      }
      nodes.add(e);
    }
    if (!reads) return null;
    if (!resplit) return step;
    return new Step.Nest(new LoopNest(new int[] {m}, new int[] {n}, nodes, nest.outputs()), step.slots());
  }
}
