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

  /** A run of a node's elements for the strip starting at column {@code c0}. */
  abstract static class Run {
    abstract Object array(NestFrame f);

    abstract int offset(NestFrame f, int c0);
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
      return new Run() {
        @Override
        Object array(NestFrame f) { return f.data[slot]; }

        @Override
        int offset(NestFrame f, int c0) { return (int) f.base[node] + c0; }
      };
    }
    if (p instanceof Schedule.Strip st) {
      return new Run() {
        @Override
        Object array(NestFrame f) { return strip(f, st.dtype(), st.index()); }

        @Override
        int offset(NestFrame f, int c0) { return 0; }
      };
    }
    if (p instanceof Schedule.RowScratch rs) {
      return new Run() {
        @Override
        Object array(NestFrame f) { return rowScratch(f, rs.dtype(), rs.index()); }

        @Override
        int offset(NestFrame f, int c0) { return c0; }
      };
    }
    if (p instanceof Schedule.Out o) return out(o.slot());
    throw new IllegalStateException("node " + node + " is not a run of elements: " + p);
  }

  /** Output buffer {@code slot}, row-major: the current row starts at {@code outBase}. */
  static Run out(int slot) {
    return new Run() {
      @Override
      Object array(NestFrame f) { return f.data[slot]; }

      @Override
      int offset(NestFrame f, int c0) { return f.outBase + c0; }
    };
  }

  static Object strip(NestFrame f, DType d, int index) {
    return switch (d) {
      case F32 -> f.stripF32[index];
      case F64 -> f.stripF64[index];
      case I64 -> f.stripI64[index];
      default -> f.stripI32[index];
    };
  }

  static Object rowScratch(NestFrame f, DType d, int index) {
    return switch (d) {
      case F32 -> f.rowF32[index];
      case F64 -> f.rowF64[index];
      case I64 -> f.rowI64[index];
      default -> f.rowI32[index];
    };
  }

  /** The number of slots a nest touches (the largest slot index plus one). */
  static int slotCount(LoopNest nest) {
    int max = -1;
    for (Expr e : nest.nodes()) if (e instanceof Expr.Load l) max = Math.max(max, l.slot());
    for (LoopNest.Output o : nest.outputs()) max = Math.max(max, o.slot());
    return max + 1;
  }
}
