package dev.olympus.execution;

import dev.olympus.DType;
import dev.olympus.loopnest.Expr;
import dev.olympus.loopnest.LoopNest;
import dev.olympus.loopnest.Schedule;

/**
 * How a step finds a node's value in a {@link NestFrame}: a run of elements (an array and the offset of the
 * current strip in it) or a scalar register. Resolved once per kernel from the node's {@link Schedule.Place}.
 */
final class NestOperands {
  private NestOperands() {}

  /**
   * A run of a node's elements for the strip starting at column {@code c0}: frame array {@code array}, at offset
   * {@code base[baseIndex] + (c0 & columnMask)}, where the base is a load's row offset, the output's row offset
   * or zero, and the mask keeps or drops the column. One final class with no branches, whatever the place: the
   * strip steps' call sites stay monomorphic, so a kernel with a new mix of places does not make C2 throw compiled
   * steps away, as a virtual call per kind of place did at a fresh kernel's first calls.
   */
  static final class Run {
    private final int array;
    private final int baseIndex;
    private final int columnMask;

    private Run(int array, int baseIndex, boolean column) {
      this.array = array;
      this.baseIndex = baseIndex;
      this.columnMask = column ? -1 : 0;
    }

    Object array(NestFrame f) { return f.arrays[array]; }

    int offset(NestFrame f, int c0) { return (int) f.base[baseIndex] + (c0 & columnMask); }
  }

  /** A node's single value for the current row, read as its compute dtype. */
  static final class Scalar {
    final DType dtype;
    final int index;

    Scalar(DType dtype, int index) {
      this.dtype = dtype;
      this.index = index;
    }

    float f32(NestFrame f) { return f.f32[index]; }

    double f64(NestFrame f) { return f.f64[index]; }

    int i32(NestFrame f) { return f.i32[index]; }

    long i64(NestFrame f) { return f.i64[index]; }
  }

  static boolean isRun(Schedule s, int node) {
    return !(s.place(node) instanceof Schedule.Reg);
  }

  static Scalar scalar(Schedule s, int node) {
    Schedule.Reg r = (Schedule.Reg) s.place(node);
    return new Scalar(r.dtype(), r.index());
  }

  static Run run(Schedule s, int node) {
    Schedule.Place p = s.place(node);
    if (p instanceof Schedule.Direct) {
      int slot = ((Expr.Load) s.nest().nodes().get(node)).slot();
      return new Run(slot, node, true);
    }
    if (p instanceof Schedule.Strip st) return strip(s, st);
    if (p instanceof Schedule.RowScratch rs) {
      return new Run(NestFrame.rowArray(s, rs.dtype(), rs.index()), NestFrame.zeroIndex(s), true);
    }
    if (p instanceof Schedule.Out o) return out(s, o.slot());
    throw new IllegalStateException("node " + node + " is not a run of elements: " + p);
  }

  /** Strip scratch {@code st}: offset 0 for every strip. */
  static Run strip(Schedule s, Schedule.Strip st) {
    return new Run(NestFrame.stripArray(s, st.dtype(), st.index()), NestFrame.zeroIndex(s), false);
  }

  /** Output buffer {@code slot}, row-major: the current row starts at the frame's output offset. */
  static Run out(Schedule s, int slot) {
    return new Run(slot, NestFrame.outBaseIndex(s), true);
  }

  /** The number of slots a nest touches (the largest slot index plus one). */
  static int slotCount(LoopNest nest) {
    int max = -1;
    for (Expr e : nest.nodes()) if (e instanceof Expr.Load l) max = Math.max(max, l.slot());
    for (LoopNest.Output o : nest.outputs()) max = Math.max(max, o.slot());
    return max + 1;
  }
}
