package dev.olympus.kernel;

import dev.olympus.DType;
import dev.olympus.lowering.Node;
import dev.olympus.primitive.BinaryPrimitive;
import dev.olympus.primitive.SelectN;
import dev.olympus.primitive.UnaryPrimitive;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Float32 tile loops on the JDK's Vector API, whose transcendental operators are SVML intrinsics: this is
 * what makes a fused {@code exp} run at SIMD speed. Loaded only when {@code jdk.incubator.vector} is in the
 * boot layer ({@link VectorSupport}); nothing else refers to this class, so a JVM without the module never
 * links it. Results may differ from the scalar path by an ulp or two in transcendental ops (SVML is not
 * correctly rounded), the same trade XLA's CPU backend makes.
 */
final class VectorTileOps {
  private VectorTileOps() {}

  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

  static TileOp of(Node.Op op, DType operandType) {
    if (operandType != DType.F32) return null;
    if (op.primitive() instanceof UnaryPrimitive u) return unary(u);
    if (op.primitive() instanceof BinaryPrimitive b) return binary(b);
    if (op.primitive() == SelectN.SELECT_N && op.operands().length == 3) return VectorTileOps::select;
    return null;
  }

  private static TileOp unary(UnaryPrimitive u) {
    VectorOperators.Unary vop = u == UnaryPrimitive.NEG ? VectorOperators.NEG
        : u == UnaryPrimitive.ABS ? VectorOperators.ABS
        : u == UnaryPrimitive.EXP ? VectorOperators.EXP
        : u == UnaryPrimitive.LOG ? VectorOperators.LOG
        : u == UnaryPrimitive.TANH ? VectorOperators.TANH
        : u == UnaryPrimitive.SQRT ? VectorOperators.SQRT
        : u == UnaryPrimitive.SIN ? VectorOperators.SIN
        : u == UnaryPrimitive.COS ? VectorOperators.COS
        : u == UnaryPrimitive.EXPM1 ? VectorOperators.EXPM1
        : u == UnaryPrimitive.LOG1P ? VectorOperators.LOG1P
        : null;
    if (vop == null) return null;
    return (a, ao, b, bo, c, co, out, n) -> {
      float[] x = (float[]) a, o = (float[]) out;
      int i = 0;
      for (int bound = S.loopBound(n); i < bound; i += S.length()) {
        FloatVector.fromArray(S, x, ao + i).lanewise(vop).intoArray(o, i);
      }
      for (; i < n; i++) o[i] = (float) u.applyFloat(x[ao + i]);
    };
  }

  private static TileOp binary(BinaryPrimitive p) {
    VectorOperators.Binary vop = p == BinaryPrimitive.ADD ? VectorOperators.ADD
        : p == BinaryPrimitive.SUB ? VectorOperators.SUB
        : p == BinaryPrimitive.MUL ? VectorOperators.MUL
        : p == BinaryPrimitive.DIV ? VectorOperators.DIV
        : p == BinaryPrimitive.MAX ? VectorOperators.MAX
        : p == BinaryPrimitive.MIN ? VectorOperators.MIN
        : null;
    if (vop != null) {
      return (a, ao, b, bo, c, co, out, n) -> {
        float[] x = (float[]) a, y = (float[]) b, o = (float[]) out;
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += S.length()) {
          FloatVector.fromArray(S, x, ao + i).lanewise(vop, FloatVector.fromArray(S, y, bo + i)).intoArray(o, i);
        }
        for (; i < n; i++) o[i] = (float) p.applyFloat(x[ao + i], y[bo + i]);
      };
    }
    VectorOperators.Comparison cmp = p == BinaryPrimitive.GT ? VectorOperators.GT
        : p == BinaryPrimitive.LT ? VectorOperators.LT
        : p == BinaryPrimitive.GE ? VectorOperators.GE
        : p == BinaryPrimitive.LE ? VectorOperators.LE
        : p == BinaryPrimitive.EQ ? VectorOperators.EQ
        : p == BinaryPrimitive.NE ? VectorOperators.NE
        : null;
    if (cmp == null) return null;
    return (a, ao, b, bo, c, co, out, n) -> {
      float[] x = (float[]) a, y = (float[]) b;
      boolean[] o = (boolean[]) out;
      int i = 0;
      for (int bound = S.loopBound(n); i < bound; i += S.length()) {
        FloatVector.fromArray(S, x, ao + i).compare(cmp, FloatVector.fromArray(S, y, bo + i)).intoArray(o, i);
      }
      for (; i < n; i++) o[i] = p.applyFloat(x[ao + i], y[bo + i]) != 0;
    };
  }

  private static void select(Object a, int ao, Object b, int bo, Object c, int co, Object out, int n) {
    if (!(a instanceof boolean[] p)) {
      int[] w = (int[]) a;
      float[] f = (float[]) b, t = (float[]) c, o = (float[]) out;
      for (int i = 0; i < n; i++) o[i] = w[ao + i] > 0 ? t[co + i] : f[bo + i];
      return;
    }
    float[] f = (float[]) b, t = (float[]) c, o = (float[]) out;
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += S.length()) {
      VectorMask<Float> m = VectorMask.fromArray(S, p, ao + i);
      FloatVector.fromArray(S, f, bo + i).blend(FloatVector.fromArray(S, t, co + i), m).intoArray(o, i);
    }
    for (; i < n; i++) o[i] = p[ao + i] ? t[co + i] : f[bo + i];
  }
}
