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
 *
 * <p>Every loop names its operator as a constant: C2 intrinsifies {@code lanewise(op)} only for a constant
 * {@code op}, and falls back to a per-lane Java loop (two orders of magnitude slower) otherwise. Hence one
 * method per operator rather than one loop taking the operator as a value.
 */
final class VectorTileOps {
  private VectorTileOps() {}

  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

  static TileOp of(Node.Op op, DType operandType) {
    if (operandType != DType.F32) return null;
    if (op.primitive() instanceof UnaryPrimitive u) return unary(u);
    if (op.primitive() instanceof BinaryPrimitive b) return binary(b);
    if (op.primitive() == SelectN.SELECT_N && op.operands().length == 3 && op.operandDtypes()[0] == DType.BOOL) {
      return VectorTileOps::select;
    }
    return null;
  }

  private static TileOp unary(UnaryPrimitive u) {
    if (u == UnaryPrimitive.NEG) return VectorTileOps::neg;
    if (u == UnaryPrimitive.ABS) return VectorTileOps::abs;
    if (u == UnaryPrimitive.EXP) return VectorTileOps::exp;
    if (u == UnaryPrimitive.LOG) return VectorTileOps::log;
    if (u == UnaryPrimitive.TANH) return VectorTileOps::tanh;
    if (u == UnaryPrimitive.SQRT) return VectorTileOps::sqrt;
    if (u == UnaryPrimitive.SIN) return VectorTileOps::sin;
    if (u == UnaryPrimitive.COS) return VectorTileOps::cos;
    if (u == UnaryPrimitive.EXPM1) return VectorTileOps::expm1;
    if (u == UnaryPrimitive.LOG1P) return VectorTileOps::log1p;
    return null;
  }

  private static TileOp binary(BinaryPrimitive p) {
    if (p == BinaryPrimitive.ADD) return VectorTileOps::add;
    if (p == BinaryPrimitive.SUB) return VectorTileOps::sub;
    if (p == BinaryPrimitive.MUL) return VectorTileOps::mul;
    if (p == BinaryPrimitive.DIV) return VectorTileOps::div;
    if (p == BinaryPrimitive.MAX) return VectorTileOps::max;
    if (p == BinaryPrimitive.MIN) return VectorTileOps::min;
    if (p == BinaryPrimitive.GT) return VectorTileOps::gt;
    if (p == BinaryPrimitive.LT) return VectorTileOps::lt;
    if (p == BinaryPrimitive.GE) return VectorTileOps::ge;
    if (p == BinaryPrimitive.LE) return VectorTileOps::le;
    if (p == BinaryPrimitive.EQ) return VectorTileOps::eq;
    if (p == BinaryPrimitive.NE) return VectorTileOps::ne;
    return null;
  }

  private static void neg(Object a, int ao, Object b, int bo, Object c, int co, Object out, int n) {
    float[] x = (float[]) a, o = (float[]) out;
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += S.length()) {
      FloatVector.fromArray(S, x, ao + i).lanewise(VectorOperators.NEG).intoArray(o, i);
    }
    for (; i < n; i++) o[i] = (float) UnaryPrimitive.NEG.applyFloat(x[ao + i]);
  }

  private static void abs(Object a, int ao, Object b, int bo, Object c, int co, Object out, int n) {
    float[] x = (float[]) a, o = (float[]) out;
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += S.length()) {
      FloatVector.fromArray(S, x, ao + i).lanewise(VectorOperators.ABS).intoArray(o, i);
    }
    for (; i < n; i++) o[i] = (float) UnaryPrimitive.ABS.applyFloat(x[ao + i]);
  }

  private static void exp(Object a, int ao, Object b, int bo, Object c, int co, Object out, int n) {
    float[] x = (float[]) a, o = (float[]) out;
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += S.length()) {
      FloatVector.fromArray(S, x, ao + i).lanewise(VectorOperators.EXP).intoArray(o, i);
    }
    for (; i < n; i++) o[i] = (float) UnaryPrimitive.EXP.applyFloat(x[ao + i]);
  }

  private static void log(Object a, int ao, Object b, int bo, Object c, int co, Object out, int n) {
    float[] x = (float[]) a, o = (float[]) out;
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += S.length()) {
      FloatVector.fromArray(S, x, ao + i).lanewise(VectorOperators.LOG).intoArray(o, i);
    }
    for (; i < n; i++) o[i] = (float) UnaryPrimitive.LOG.applyFloat(x[ao + i]);
  }

  private static void tanh(Object a, int ao, Object b, int bo, Object c, int co, Object out, int n) {
    float[] x = (float[]) a, o = (float[]) out;
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += S.length()) {
      FloatVector.fromArray(S, x, ao + i).lanewise(VectorOperators.TANH).intoArray(o, i);
    }
    for (; i < n; i++) o[i] = (float) UnaryPrimitive.TANH.applyFloat(x[ao + i]);
  }

  private static void sqrt(Object a, int ao, Object b, int bo, Object c, int co, Object out, int n) {
    float[] x = (float[]) a, o = (float[]) out;
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += S.length()) {
      FloatVector.fromArray(S, x, ao + i).lanewise(VectorOperators.SQRT).intoArray(o, i);
    }
    for (; i < n; i++) o[i] = (float) UnaryPrimitive.SQRT.applyFloat(x[ao + i]);
  }

  private static void sin(Object a, int ao, Object b, int bo, Object c, int co, Object out, int n) {
    float[] x = (float[]) a, o = (float[]) out;
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += S.length()) {
      FloatVector.fromArray(S, x, ao + i).lanewise(VectorOperators.SIN).intoArray(o, i);
    }
    for (; i < n; i++) o[i] = (float) UnaryPrimitive.SIN.applyFloat(x[ao + i]);
  }

  private static void cos(Object a, int ao, Object b, int bo, Object c, int co, Object out, int n) {
    float[] x = (float[]) a, o = (float[]) out;
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += S.length()) {
      FloatVector.fromArray(S, x, ao + i).lanewise(VectorOperators.COS).intoArray(o, i);
    }
    for (; i < n; i++) o[i] = (float) UnaryPrimitive.COS.applyFloat(x[ao + i]);
  }

  private static void expm1(Object a, int ao, Object b, int bo, Object c, int co, Object out, int n) {
    float[] x = (float[]) a, o = (float[]) out;
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += S.length()) {
      FloatVector.fromArray(S, x, ao + i).lanewise(VectorOperators.EXPM1).intoArray(o, i);
    }
    for (; i < n; i++) o[i] = (float) UnaryPrimitive.EXPM1.applyFloat(x[ao + i]);
  }

  private static void log1p(Object a, int ao, Object b, int bo, Object c, int co, Object out, int n) {
    float[] x = (float[]) a, o = (float[]) out;
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += S.length()) {
      FloatVector.fromArray(S, x, ao + i).lanewise(VectorOperators.LOG1P).intoArray(o, i);
    }
    for (; i < n; i++) o[i] = (float) UnaryPrimitive.LOG1P.applyFloat(x[ao + i]);
  }

  private static void add(Object a, int ao, Object b, int bo, Object c, int co, Object out, int n) {
    float[] x = (float[]) a, y = (float[]) b, o = (float[]) out;
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += S.length()) {
      FloatVector.fromArray(S, x, ao + i).lanewise(VectorOperators.ADD, FloatVector.fromArray(S, y, bo + i)).intoArray(o, i);
    }
    for (; i < n; i++) o[i] = (float) BinaryPrimitive.ADD.applyFloat(x[ao + i], y[bo + i]);
  }

  private static void sub(Object a, int ao, Object b, int bo, Object c, int co, Object out, int n) {
    float[] x = (float[]) a, y = (float[]) b, o = (float[]) out;
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += S.length()) {
      FloatVector.fromArray(S, x, ao + i).lanewise(VectorOperators.SUB, FloatVector.fromArray(S, y, bo + i)).intoArray(o, i);
    }
    for (; i < n; i++) o[i] = (float) BinaryPrimitive.SUB.applyFloat(x[ao + i], y[bo + i]);
  }

  private static void mul(Object a, int ao, Object b, int bo, Object c, int co, Object out, int n) {
    float[] x = (float[]) a, y = (float[]) b, o = (float[]) out;
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += S.length()) {
      FloatVector.fromArray(S, x, ao + i).lanewise(VectorOperators.MUL, FloatVector.fromArray(S, y, bo + i)).intoArray(o, i);
    }
    for (; i < n; i++) o[i] = (float) BinaryPrimitive.MUL.applyFloat(x[ao + i], y[bo + i]);
  }

  private static void div(Object a, int ao, Object b, int bo, Object c, int co, Object out, int n) {
    float[] x = (float[]) a, y = (float[]) b, o = (float[]) out;
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += S.length()) {
      FloatVector.fromArray(S, x, ao + i).lanewise(VectorOperators.DIV, FloatVector.fromArray(S, y, bo + i)).intoArray(o, i);
    }
    for (; i < n; i++) o[i] = (float) BinaryPrimitive.DIV.applyFloat(x[ao + i], y[bo + i]);
  }

  private static void max(Object a, int ao, Object b, int bo, Object c, int co, Object out, int n) {
    float[] x = (float[]) a, y = (float[]) b, o = (float[]) out;
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += S.length()) {
      FloatVector.fromArray(S, x, ao + i).lanewise(VectorOperators.MAX, FloatVector.fromArray(S, y, bo + i)).intoArray(o, i);
    }
    for (; i < n; i++) o[i] = (float) BinaryPrimitive.MAX.applyFloat(x[ao + i], y[bo + i]);
  }

  private static void min(Object a, int ao, Object b, int bo, Object c, int co, Object out, int n) {
    float[] x = (float[]) a, y = (float[]) b, o = (float[]) out;
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += S.length()) {
      FloatVector.fromArray(S, x, ao + i).lanewise(VectorOperators.MIN, FloatVector.fromArray(S, y, bo + i)).intoArray(o, i);
    }
    for (; i < n; i++) o[i] = (float) BinaryPrimitive.MIN.applyFloat(x[ao + i], y[bo + i]);
  }

  private static void gt(Object a, int ao, Object b, int bo, Object c, int co, Object out, int n) {
    float[] x = (float[]) a, y = (float[]) b;
    boolean[] o = (boolean[]) out;
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += S.length()) {
      FloatVector.fromArray(S, x, ao + i).compare(VectorOperators.GT, FloatVector.fromArray(S, y, bo + i)).intoArray(o, i);
    }
    for (; i < n; i++) o[i] = BinaryPrimitive.GT.applyFloat(x[ao + i], y[bo + i]) != 0;
  }

  private static void lt(Object a, int ao, Object b, int bo, Object c, int co, Object out, int n) {
    float[] x = (float[]) a, y = (float[]) b;
    boolean[] o = (boolean[]) out;
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += S.length()) {
      FloatVector.fromArray(S, x, ao + i).compare(VectorOperators.LT, FloatVector.fromArray(S, y, bo + i)).intoArray(o, i);
    }
    for (; i < n; i++) o[i] = BinaryPrimitive.LT.applyFloat(x[ao + i], y[bo + i]) != 0;
  }

  private static void ge(Object a, int ao, Object b, int bo, Object c, int co, Object out, int n) {
    float[] x = (float[]) a, y = (float[]) b;
    boolean[] o = (boolean[]) out;
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += S.length()) {
      FloatVector.fromArray(S, x, ao + i).compare(VectorOperators.GE, FloatVector.fromArray(S, y, bo + i)).intoArray(o, i);
    }
    for (; i < n; i++) o[i] = BinaryPrimitive.GE.applyFloat(x[ao + i], y[bo + i]) != 0;
  }

  private static void le(Object a, int ao, Object b, int bo, Object c, int co, Object out, int n) {
    float[] x = (float[]) a, y = (float[]) b;
    boolean[] o = (boolean[]) out;
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += S.length()) {
      FloatVector.fromArray(S, x, ao + i).compare(VectorOperators.LE, FloatVector.fromArray(S, y, bo + i)).intoArray(o, i);
    }
    for (; i < n; i++) o[i] = BinaryPrimitive.LE.applyFloat(x[ao + i], y[bo + i]) != 0;
  }

  private static void eq(Object a, int ao, Object b, int bo, Object c, int co, Object out, int n) {
    float[] x = (float[]) a, y = (float[]) b;
    boolean[] o = (boolean[]) out;
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += S.length()) {
      FloatVector.fromArray(S, x, ao + i).compare(VectorOperators.EQ, FloatVector.fromArray(S, y, bo + i)).intoArray(o, i);
    }
    for (; i < n; i++) o[i] = BinaryPrimitive.EQ.applyFloat(x[ao + i], y[bo + i]) != 0;
  }

  private static void ne(Object a, int ao, Object b, int bo, Object c, int co, Object out, int n) {
    float[] x = (float[]) a, y = (float[]) b;
    boolean[] o = (boolean[]) out;
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += S.length()) {
      FloatVector.fromArray(S, x, ao + i).compare(VectorOperators.NE, FloatVector.fromArray(S, y, bo + i)).intoArray(o, i);
    }
    for (; i < n; i++) o[i] = BinaryPrimitive.NE.applyFloat(x[ao + i], y[bo + i]) != 0;
  }

  /** select_n(pred, onFalse, onTrue) with a bool predicate: a blend under the predicate's mask. */
  private static void select(Object a, int ao, Object b, int bo, Object c, int co, Object out, int n) {
    boolean[] p = (boolean[]) a;
    float[] f = (float[]) b, t = (float[]) c, o = (float[]) out;
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += S.length()) {
      VectorMask<Float> m = VectorMask.fromArray(S, p, ao + i);
      FloatVector.fromArray(S, f, bo + i).blend(FloatVector.fromArray(S, t, co + i), m).intoArray(o, i);
    }
    for (; i < n; i++) o[i] = p[ao + i] ? t[co + i] : f[bo + i];
  }
}
