package dev.olympus.kernel;

import dev.olympus.DType;
import dev.olympus.lowering.Node;
import dev.olympus.primitive.BinaryPrimitive;
import dev.olympus.primitive.SelectN;
import dev.olympus.primitive.UnaryPrimitive;

/**
 * Allocation-free tile loops for every dtype, calling the primitive's scalar function per element (the same
 * function its eager loop calls, so results are identical). Slower than the specialized float32 loops, but
 * never allocates in the steady state.
 */
final class AnyDtypeTileOps {
  private AnyDtypeTileOps() {}

  static TileOp of(Node.Op op, DType operandType) {
    DType result = op.aval().dtype();
    if (op.primitive() instanceof UnaryPrimitive u) return unary(u, operandType);
    if (op.primitive() instanceof BinaryPrimitive b) return binary(b, operandType, result);
    if (op.primitive() == SelectN.SELECT_N && op.operands().length == 3) return select(op.operandDtypes()[0]);
    return null;
  }

  private static TileOp unary(UnaryPrimitive u, DType d) {
    return switch (d) {
      case F32 -> (a, ao, b, bo, c, co, out, n) -> {
        float[] x = (float[]) a, o = (float[]) out;
        for (int i = 0; i < n; i++) o[i] = (float) u.applyFloat(x[ao + i]);
      };
      case F64 -> (a, ao, b, bo, c, co, out, n) -> {
        double[] x = (double[]) a, o = (double[]) out;
        for (int i = 0; i < n; i++) o[i] = u.applyFloat(x[ao + i]);
      };
      case I32 -> (a, ao, b, bo, c, co, out, n) -> {
        int[] x = (int[]) a, o = (int[]) out;
        for (int i = 0; i < n; i++) o[i] = (int) u.applyInt(x[ao + i]);
      };
      case I64 -> (a, ao, b, bo, c, co, out, n) -> {
        long[] x = (long[]) a, o = (long[]) out;
        for (int i = 0; i < n; i++) o[i] = u.applyInt(x[ao + i]);
      };
      case BOOL -> (a, ao, b, bo, c, co, out, n) -> {
        boolean[] x = (boolean[]) a, o = (boolean[]) out;
        for (int i = 0; i < n; i++) o[i] = (u.applyInt(x[ao + i] ? 1 : 0) & 1) != 0;
      };
    };
  }

  private static TileOp binary(BinaryPrimitive p, DType d, DType result) {
    boolean toBool = result == DType.BOOL;
    return switch (d) {
      case F32 -> toBool
          ? (a, ao, b, bo, c, co, out, n) -> {
            float[] x = (float[]) a, y = (float[]) b;
            boolean[] o = (boolean[]) out;
            for (int i = 0; i < n; i++) o[i] = p.applyFloat(x[ao + i], y[bo + i]) != 0;
          }
          : (a, ao, b, bo, c, co, out, n) -> {
            float[] x = (float[]) a, y = (float[]) b, o = (float[]) out;
            for (int i = 0; i < n; i++) o[i] = (float) p.applyFloat(x[ao + i], y[bo + i]);
          };
      case F64 -> toBool
          ? (a, ao, b, bo, c, co, out, n) -> {
            double[] x = (double[]) a, y = (double[]) b;
            boolean[] o = (boolean[]) out;
            for (int i = 0; i < n; i++) o[i] = p.applyFloat(x[ao + i], y[bo + i]) != 0;
          }
          : (a, ao, b, bo, c, co, out, n) -> {
            double[] x = (double[]) a, y = (double[]) b, o = (double[]) out;
            for (int i = 0; i < n; i++) o[i] = p.applyFloat(x[ao + i], y[bo + i]);
          };
      case I32 -> toBool
          ? (a, ao, b, bo, c, co, out, n) -> {
            int[] x = (int[]) a, y = (int[]) b;
            boolean[] o = (boolean[]) out;
            for (int i = 0; i < n; i++) o[i] = p.applyInt(x[ao + i], y[bo + i]) != 0;
          }
          : (a, ao, b, bo, c, co, out, n) -> {
            int[] x = (int[]) a, y = (int[]) b, o = (int[]) out;
            for (int i = 0; i < n; i++) o[i] = (int) p.applyInt(x[ao + i], y[bo + i]);
          };
      case I64 -> toBool
          ? (a, ao, b, bo, c, co, out, n) -> {
            long[] x = (long[]) a, y = (long[]) b;
            boolean[] o = (boolean[]) out;
            for (int i = 0; i < n; i++) o[i] = p.applyInt(x[ao + i], y[bo + i]) != 0;
          }
          : (a, ao, b, bo, c, co, out, n) -> {
            long[] x = (long[]) a, y = (long[]) b, o = (long[]) out;
            for (int i = 0; i < n; i++) o[i] = p.applyInt(x[ao + i], y[bo + i]);
          };
      case BOOL -> (a, ao, b, bo, c, co, out, n) -> {
        boolean[] x = (boolean[]) a, y = (boolean[]) b, o = (boolean[]) out;
        for (int i = 0; i < n; i++) o[i] = (p.applyInt(x[ao + i] ? 1 : 0, y[bo + i] ? 1 : 0) & 1) != 0;
      };
    };
  }

  /** select_n(which, onFalse, onTrue) for any case dtype; {@code which} is bool or int32 (clamped). */
  private static TileOp select(DType whichType) {
    return (a, ao, b, bo, c, co, out, n) -> {
      if (whichType == DType.BOOL) {
        boolean[] w = (boolean[]) a;
        for (int i = 0; i < n; i++) System.arraycopy(w[ao + i] ? c : b, (w[ao + i] ? co : bo) + i, out, i, 1);
      } else {
        int[] w = (int[]) a;
        for (int i = 0; i < n; i++) System.arraycopy(w[ao + i] > 0 ? c : b, (w[ao + i] > 0 ? co : bo) + i, out, i, 1);
      }
    };
  }

  /** Any conversion, element by element with Java casts, as {@code Storage.convert} does. */
  static TileOp convert(DType from, DType to) {
    return (a, ao, b, bo, c, co, out, n) -> {
      for (int i = 0; i < n; i++) {
        if (from.isFloating()) {
          double v = from == DType.F32 ? ((float[]) a)[ao + i] : ((double[]) a)[ao + i];
          switch (to) {
            case F32 -> ((float[]) out)[i] = (float) v;
            case F64 -> ((double[]) out)[i] = v;
            case I32 -> ((int[]) out)[i] = (int) v;
            case I64 -> ((long[]) out)[i] = (long) v;
            case BOOL -> ((boolean[]) out)[i] = v != 0.0;
          }
        } else {
          long v = switch (from) {
            case I32 -> ((int[]) a)[ao + i];
            case I64 -> ((long[]) a)[ao + i];
            default -> ((boolean[]) a)[ao + i] ? 1 : 0;
          };
          switch (to) {
            case F32 -> ((float[]) out)[i] = (float) v;
            case F64 -> ((double[]) out)[i] = (double) v;
            case I32 -> ((int[]) out)[i] = (int) v;
            case I64 -> ((long[]) out)[i] = v;
            case BOOL -> ((boolean[]) out)[i] = v != 0L;
          }
        }
      }
    };
  }
}
