package dev.olympus.kernel;

import dev.olympus.DType;
import dev.olympus.lowering.Node;
import dev.olympus.primitive.BinaryPrimitive;
import dev.olympus.primitive.ConvertElementType;
import dev.olympus.primitive.SelectN;
import dev.olympus.primitive.UnaryPrimitive;

/**
 * Specialized scalar loops for the hot float32 primitives. C2 auto-vectorizes the arithmetic ones; the
 * transcendental ones stay scalar (C2 does not vectorize {@code Math.exp}), which is what the Vector API path
 * is for. Each loop computes exactly what the primitive's eager implementation does (float math in double,
 * rounded once).
 */
final class ScalarTileOps {
  private ScalarTileOps() {}

  /** A specialized loop for {@code op}, or {@code null} when only the generic path handles it. */
  static TileOp of(Node.Op op, DType operandType) {
    if (op.primitive() == ConvertElementType.CONVERT_ELEMENT_TYPE) {
      return convert(op.operandDtypes()[0], op.aval().dtype());
    }
    if (operandType != DType.F32) return AnyDtypeTileOps.of(op, operandType);
    if (op.primitive() instanceof UnaryPrimitive u) return unary(u);
    if (op.primitive() instanceof BinaryPrimitive b) {
      TileOp t = binary(b);
      return t != null ? t : AnyDtypeTileOps.of(op, operandType);
    }
    if (op.primitive() == SelectN.SELECT_N && op.operands().length == 3) return ScalarTileOps::selectF32;
    return null;
  }

  /** {@code convert_element_type} with the eager semantics of {@code Storage.convert} (Java casts). */
  static TileOp convert(DType from, DType to) {
    if (from == DType.I32 && to == DType.F32) return (a, ao, b, bo, c, co, out, n) -> {
      int[] x = (int[]) a;
      float[] o = (float[]) out;
      for (int i = 0; i < n; i++) o[i] = x[ao + i];
    };
    if (from == DType.BOOL && to == DType.F32) return (a, ao, b, bo, c, co, out, n) -> {
      boolean[] x = (boolean[]) a;
      float[] o = (float[]) out;
      for (int i = 0; i < n; i++) o[i] = x[ao + i] ? 1f : 0f;
    };
    if (from == DType.F32 && to == DType.F64) return (a, ao, b, bo, c, co, out, n) -> {
      float[] x = (float[]) a;
      double[] o = (double[]) out;
      for (int i = 0; i < n; i++) o[i] = x[ao + i];
    };
    if (from == DType.F64 && to == DType.F32) return (a, ao, b, bo, c, co, out, n) -> {
      double[] x = (double[]) a;
      float[] o = (float[]) out;
      for (int i = 0; i < n; i++) o[i] = (float) x[ao + i];
    };
    return AnyDtypeTileOps.convert(from, to);
  }

  private static TileOp unary(UnaryPrimitive u) {
    if (u == UnaryPrimitive.NEG) return (a, ao, b, bo, c, co, out, n) -> {
      float[] x = (float[]) a, o = (float[]) out;
      for (int i = 0; i < n; i++) o[i] = -x[ao + i];
    };
    if (u == UnaryPrimitive.ABS) return (a, ao, b, bo, c, co, out, n) -> {
      float[] x = (float[]) a, o = (float[]) out;
      for (int i = 0; i < n; i++) o[i] = Math.abs(x[ao + i]);
    };
    if (u == UnaryPrimitive.EXP) return (a, ao, b, bo, c, co, out, n) -> {
      float[] x = (float[]) a, o = (float[]) out;
      for (int i = 0; i < n; i++) o[i] = (float) Math.exp(x[ao + i]);
    };
    if (u == UnaryPrimitive.LOG) return (a, ao, b, bo, c, co, out, n) -> {
      float[] x = (float[]) a, o = (float[]) out;
      for (int i = 0; i < n; i++) o[i] = (float) Math.log(x[ao + i]);
    };
    if (u == UnaryPrimitive.TANH) return (a, ao, b, bo, c, co, out, n) -> {
      float[] x = (float[]) a, o = (float[]) out;
      for (int i = 0; i < n; i++) o[i] = (float) Math.tanh(x[ao + i]);
    };
    if (u == UnaryPrimitive.SQRT) return (a, ao, b, bo, c, co, out, n) -> {
      float[] x = (float[]) a, o = (float[]) out;
      for (int i = 0; i < n; i++) o[i] = (float) Math.sqrt(x[ao + i]);
    };
    return (a, ao, b, bo, c, co, out, n) -> {
      float[] x = (float[]) a, o = (float[]) out;
      for (int i = 0; i < n; i++) o[i] = (float) u.applyFloat(x[ao + i]);
    };
  }

  private static TileOp binary(BinaryPrimitive p) {
    if (p == BinaryPrimitive.ADD) return (a, ao, b, bo, c, co, out, n) -> {
      float[] x = (float[]) a, y = (float[]) b, o = (float[]) out;
      for (int i = 0; i < n; i++) o[i] = x[ao + i] + y[bo + i];
    };
    if (p == BinaryPrimitive.SUB) return (a, ao, b, bo, c, co, out, n) -> {
      float[] x = (float[]) a, y = (float[]) b, o = (float[]) out;
      for (int i = 0; i < n; i++) o[i] = x[ao + i] - y[bo + i];
    };
    if (p == BinaryPrimitive.MUL) return (a, ao, b, bo, c, co, out, n) -> {
      float[] x = (float[]) a, y = (float[]) b, o = (float[]) out;
      for (int i = 0; i < n; i++) o[i] = x[ao + i] * y[bo + i];
    };
    if (p == BinaryPrimitive.DIV) return (a, ao, b, bo, c, co, out, n) -> {
      float[] x = (float[]) a, y = (float[]) b, o = (float[]) out;
      for (int i = 0; i < n; i++) o[i] = x[ao + i] / y[bo + i];
    };
    if (p == BinaryPrimitive.MAX) return (a, ao, b, bo, c, co, out, n) -> {
      float[] x = (float[]) a, y = (float[]) b, o = (float[]) out;
      for (int i = 0; i < n; i++) o[i] = Math.max(x[ao + i], y[bo + i]);
    };
    if (p == BinaryPrimitive.MIN) return (a, ao, b, bo, c, co, out, n) -> {
      float[] x = (float[]) a, y = (float[]) b, o = (float[]) out;
      for (int i = 0; i < n; i++) o[i] = Math.min(x[ao + i], y[bo + i]);
    };
    if (p == BinaryPrimitive.GT) return (a, ao, b, bo, c, co, out, n) -> {
      float[] x = (float[]) a, y = (float[]) b;
      boolean[] o = (boolean[]) out;
      for (int i = 0; i < n; i++) o[i] = x[ao + i] > y[bo + i];
    };
    if (p == BinaryPrimitive.LT) return (a, ao, b, bo, c, co, out, n) -> {
      float[] x = (float[]) a, y = (float[]) b;
      boolean[] o = (boolean[]) out;
      for (int i = 0; i < n; i++) o[i] = x[ao + i] < y[bo + i];
    };
    return null;
  }

  /** select_n(pred, onFalse, onTrue) with a bool predicate. */
  private static void selectF32(Object a, int ao, Object b, int bo, Object c, int co, Object out, int n) {
    if (!(a instanceof boolean[] p)) {
      int[] w = (int[]) a;
      float[] f = (float[]) b, t = (float[]) c, o = (float[]) out;
      for (int i = 0; i < n; i++) o[i] = w[ao + i] > 0 ? t[co + i] : f[bo + i];
      return;
    }
    float[] f = (float[]) b, t = (float[]) c, o = (float[]) out;
    for (int i = 0; i < n; i++) o[i] = p[ao + i] ? t[co + i] : f[bo + i];
  }
}
