package dev.olympus.difftest.reference;

import dev.olympus.DType;
import dev.olympus.difftest.program.Api;
import dev.olympus.difftest.program.BinaryOp;
import dev.olympus.difftest.program.Expr;
import dev.olympus.difftest.program.Operand;
import dev.olympus.difftest.program.Program;
import dev.olympus.difftest.program.ReduceOp;
import dev.olympus.difftest.program.Ty;
import dev.olympus.difftest.program.UnaryOp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The independent reference: evaluates a program on {@link RefArray}s from NumPy's and JAX's definitions (type
 * promotion, broadcasting, the jnp formulas, XLA's integer semantics, C99's float special values), never calling
 * Olympus. Float results are enclosures, exact wherever the result is determined to the bit.
 */
public final class Reference {
  private final Masks masks;

  public Reference(Masks masks) {
    this.masks = masks;
  }

  public List<RefArray> run(Program p, List<RefArray> inputs) {
    List<RefArray> v = values(p, inputs);
    List<RefArray> out = new ArrayList<>();
    for (int o : p.outputs()) out.add(v.get(o));
    return out;
  }

  /** Every value of {@code p}, inputs first. */
  public List<RefArray> values(Program p, List<RefArray> inputs) {
    List<RefArray> v = new ArrayList<>(inputs);
    for (int k = 0; k < p.nodes().size(); k++) {
      Ty t = p.type(inputs.size() + k);
      RefArray r = eval(p.nodes().get(k), t, p.types(), v);
      if (!r.type.equals(t)) throw new AssertionError("reference computed " + r.type + " for a node of type " + t);
      v.add(r);
    }
    return v;
  }

  private RefArray eval(Expr e, Ty t, List<Ty> types, List<RefArray> v) {
    if (e instanceof Expr.Unary u) return unary(u, t, v.get(u.x()));
    if (e instanceof Expr.Binary b) return binary(b.op(), b.api(), b.a(), b.b(), t, types, v);
    if (e instanceof Expr.IntPow p) return integerPow(v.get(p.x()), p.n(), t);
    if (e instanceof Expr.Square s) return integerPow(v.get(s.x()), 2, t);
    if (e instanceof Expr.Clip c) {
      // jnp.clip(x, lo, hi) = minimum(maximum(x, lo), hi), both with weakly typed float literals.
      Ty x = types.get(c.x());
      Promotion.Joined j = Promotion.join(x.dtype(), x.weak(), DType.F32, true);
      Ty mid = x.withDtype(j.dtype(), j.weak());
      RefArray m = binaryValues(BinaryOp.MAX, Api.JNP, convert(v.get(c.x()), j.dtype(), j.weak()), literal(new Operand.FloatLit(c.lo()), j.dtype()), mid, false);
      return binaryValues(BinaryOp.MIN, Api.JNP, m, literal(new Operand.FloatLit(c.hi()), j.dtype()), t, false);
    }
    if (e instanceof Expr.Where w) return where(w, t, types, v);
    if (e instanceof Expr.Reduce r) return reduce(r, t, v.get(r.x()));
    if (e instanceof Expr.Reshape || e instanceof Expr.ExpandDims || e instanceof Expr.Squeeze) {
      return v.get(e.reads()[0]).retyped(t);
    }
    if (e instanceof Expr.Transpose tr) {
      RefArray x = v.get(tr.x());
      return x.gather(t, Indexing.transpose(x.type.shape(), TypeRules.permutation(tr.perm(), x.type.rank())));
    }
    if (e instanceof Expr.BroadcastTo b) return broadcast(v.get(b.x()), t);
    if (e instanceof Expr.Slice s) {
      RefArray x = v.get(s.x());
      int axis = TypeRules.axis(s.axis(), x.type.rank());
      return x.gather(t, Indexing.slice(x.type.shape(), axis, s.start(), s.step(), t.shape()));
    }
    if (e instanceof Expr.Concatenate c) {
      List<RefArray> xs = new ArrayList<>();
      for (int i : c.xs()) xs.add(convert(v.get(i), t.dtype(), t.weak()));
      return concatenate(xs, TypeRules.axis(c.axis(), t.rank()), t);
    }
    if (e instanceof Expr.Stack s) {
      List<RefArray> xs = new ArrayList<>();
      int axis = TypeRules.axis(s.axis(), t.rank());
      for (int i : s.xs()) {
        RefArray x = convert(v.get(i), t.dtype(), t.weak());
        int[] shape = t.shape();
        shape[axis] = 1;
        xs.add(x.retyped(x.type.withShape(shape)));
      }
      return concatenate(xs, axis, t);
    }
    if (e instanceof Expr.Dot d) return dot(v.get(d.a()), v.get(d.b()), t);
    if (e instanceof Expr.Matmul m) return matmul(v.get(m.a()), v.get(m.b()), t);
    if (e instanceof Expr.Astype a) return convert(v.get(a.x()), a.dtype(), false);
    if (e instanceof Expr.Arange a) {
      double[] vals = new double[a.n()];
      long[] ints = new long[a.n()];
      for (int i = 0; i < a.n(); i++) {
        vals[i] = Rounding.round(i, a.dtype() == DType.F64 ? DType.F64 : DType.F32);
        ints[i] = i;
      }
      return t.isFloat() ? RefArray.exactFloats(t, vals) : RefArray.exactInts(t, ints);
    }
    if (e instanceof Expr.Full f) {
      int n = t.size();
      if (t.isFloat()) {
        double[] vals = new double[n];
        Arrays.fill(vals, Rounding.round(f.value(), t.dtype()));
        return RefArray.exactFloats(t, vals);
      }
      long[] ints = new long[n];
      Arrays.fill(ints, t.isBool() ? (f.value() != 0 ? 1 : 0) : (long) f.value());
      return RefArray.exactInts(t, ints);
    }
    if (e instanceof Expr.Cond c) return cond(c, t, v);
    if (e instanceof Expr.ForiLoop f) return fori(f, t, v);
    if (e instanceof Expr.Scan s) return scan(s, t, types, v);
    throw new IllegalArgumentException("unknown node " + e);
  }

  // ---- conversion, promotion, broadcasting ----------------------------------------------------------------

  /** A Java literal as a 0-d value of {@code d}: JAX materialises a Python scalar directly in the promoted type. */
  static RefArray literal(Operand lit, DType d) {
    Ty t = new Ty(d, new int[0], true);
    if (lit instanceof Operand.FloatLit f) return RefArray.exactFloats(t, new double[] {Rounding.round(f.value(), d)});
    long k = ((Operand.IntLit) lit).value();
    if (d == DType.F32 || d == DType.F64) return RefArray.exactFloats(t, new double[] {Rounding.round(k, d)});
    return RefArray.exactInts(t, new long[] {k});
  }

  /** {@code convert_element_type}: float rounding, float to int truncating and saturating (NaN to 0), x != 0. */
  public static RefArray convert(RefArray x, DType d, boolean weak) {
    Ty t = x.type.withDtype(d, weak);
    int n = x.size();
    if (x.type.dtype() == d) return x.retyped(t);
    if (x.isFloat() && t.isFloat()) {
      Iv[] out = new Iv[n];
      for (int i = 0; i < n; i++) out[i] = FloatRules.convert(x.f(i), d);
      return RefArray.floats(t, out);
    }
    if (x.isFloat()) {
      long[] out = new long[n];
      boolean[] known = new boolean[n];
      for (int i = 0; i < n; i++) {
        Iv a = x.f(i);
        if (d == DType.BOOL) {
          int c = FloatRules.compare(BinaryOp.NE, a, Iv.point(0));
          known[i] = c >= 0;
          out[i] = c;
        } else if (a.isNaN()) {
          known[i] = true;
        } else {
          long lo = d == DType.I32 ? (int) a.lo() : (long) a.lo();
          long hi = d == DType.I32 ? (int) a.hi() : (long) a.hi();
          known[i] = lo == hi && !a.mayBeNaN();
          out[i] = lo;
        }
      }
      return RefArray.ints(t, out, known);
    }
    if (t.isFloat()) {
      Iv[] out = new Iv[n];
      for (int i = 0; i < n; i++) {
        // (float) of a long rounds once, correctly (JLS 5.1.2), as XLA's conversion does.
        out[i] = !x.known(i) ? Iv.ANY : Iv.point(d == DType.F32 ? (double) (float) x.i(i) : (double) x.i(i));
      }
      return RefArray.floats(t, out);
    }
    long[] out = new long[n];
    boolean[] known = new boolean[n];
    for (int i = 0; i < n; i++) {
      out[i] = x.i(i);
      known[i] = x.known(i);
    }
    return RefArray.ints(t, out, known);
  }

  static RefArray broadcast(RefArray x, Ty t) {
    if (Arrays.equals(x.type.shape(), t.shape())) return x.retyped(t);
    return x.gather(t, Indexing.broadcast(x.type.shape(), t.shape()));
  }

  /** An operand converted to the computation's dtype: literals directly (exact in f64), arrays by conversion. */
  private static RefArray operand(Operand o, DType d, boolean weak, List<RefArray> v) {
    if (o instanceof Operand.Ref r) return convert(v.get(r.index()), d, weak);
    return literal(o, d);
  }

  // ---- elementwise --------------------------------------------------------------------------------------

  private RefArray unary(Expr.Unary u, Ty t, RefArray x) {
    if (u.op() == UnaryOp.LOGICAL_NOT) {
      RefArray b = asBool(x);
      return mapInts(b, t, a -> a == 0 ? 1L : 0L);
    }
    // jnp's float functions take integers and bools as f32 (weak stays weak).
    RefArray in = u.op().floating() ? convert(x, t.dtype(), t.weak()) : x.retyped(x.type.withDtype(x.type.dtype(), t.weak()));
    if (t.isFloat()) {
      Iv[] out = new Iv[in.size()];
      for (int i = 0; i < out.length; i++) out[i] = FloatRules.unary(u.op(), in.f(i), t.dtype());
      return RefArray.floats(t, out);
    }
    return mapInts(in, t, a -> IntRules.unary(u.op(), a, t.dtype()));
  }

  private interface LongFn {
    Long apply(long a);
  }

  private static RefArray mapInts(RefArray x, Ty t, LongFn f) {
    long[] out = new long[x.size()];
    boolean[] known = new boolean[x.size()];
    for (int i = 0; i < out.length; i++) {
      if (!x.known(i)) continue;
      Long r = f.apply(x.i(i));
      known[i] = r != null;
      out[i] = r == null ? 0 : r;
    }
    return RefArray.ints(t, out, known);
  }

  /** {@code x != 0} as jnp's logical functions take it (bools as they are). */
  static RefArray asBool(RefArray x) {
    if (x.type.isBool()) return x;
    return convert(x, DType.BOOL, x.type.weak());
  }

  private RefArray binary(BinaryOp op, Api api, Operand a, Operand b, Ty t, List<Ty> types, List<RefArray> v) {
    Ty ta = TypeRules.operand(a, types), tb = TypeRules.operand(b, types);
    if (op == BinaryOp.LOGICAL_AND || op == BinaryOp.LOGICAL_OR) {
      RefArray x = asBool(operand(a, ta.dtype(), ta.weak(), v)), y = asBool(operand(b, tb.dtype(), tb.weak(), v));
      return binaryValues(op, api, x, y, t, false);
    }
    DType d;
    boolean weak;
    if (api == Api.LAX) {
      d = ta.dtype();
      weak = ta.weak() && tb.weak();
    } else {
      Promotion.Joined j = TypeRules.join(ta, tb);
      d = op == BinaryOp.DIV ? Promotion.inexact(j.dtype()) : j.dtype();
      weak = j.weak();
      // jnp.power(float x, int y): lax.pow with the exponent as it is; the base's dtype decides.
      if (op == BinaryOp.POW && ta.isFloat() && tb.isInt() && b instanceof Operand.Ref) d = ta.dtype();
    }
    RefArray x = operand(a, d, weak, v), y = operand(b, d, weak, v);
    return binaryValues(op, api, x, y, t, false);
  }

  /** {@code op} on operands of one dtype, broadcast to {@code t}'s shape. */
  private RefArray binaryValues(BinaryOp op, Api api, RefArray x, RefArray y, Ty t, boolean unused) {
    Ty shapeOnlyX = x.type.withShape(t.shape()), shapeOnlyY = y.type.withShape(t.shape());
    RefArray bx = broadcast(x, shapeOnlyX), by = broadcast(y, shapeOnlyY);
    DType d = x.type.dtype();
    int n = t.size();
    if (op.comparison() || (x.isFloat() && !t.isFloat())) {
      long[] out = new long[n];
      boolean[] known = new boolean[n];
      for (int i = 0; i < n; i++) {
        if (x.isFloat()) {
          int c = FloatRules.compare(op, bx.f(i), by.f(i));
          known[i] = c >= 0;
          out[i] = Math.max(c, 0);
        } else if (bx.known(i) && by.known(i)) {
          known[i] = true;
          out[i] = IntRules.compare(op, bx.i(i), by.i(i));
        }
      }
      return RefArray.ints(t, out, known);
    }
    if (t.isFloat()) {
      Iv[] out = new Iv[n];
      for (int i = 0; i < n; i++) out[i] = FloatRules.binary(op, bx.f(i), by.f(i), d, masks);
      return RefArray.floats(t, out);
    }
    long[] out = new long[n];
    boolean[] known = new boolean[n];
    for (int i = 0; i < n; i++) {
      if (!bx.known(i) || !by.known(i)) continue;
      Long r = IntRules.binary(op, bx.i(i), by.i(i), d, masks);
      known[i] = r != null;
      out[i] = r == null ? 0 : r;
    }
    return RefArray.ints(t, out, known);
  }

  /** {@code x ** n} as JAX's integer_pow: exact for integers; for floats within {@link Accuracy#integerPow}. */
  private static RefArray integerPow(RefArray x, int n, Ty t) {
    if (!t.isFloat()) return mapInts(x, t, a -> IntRules.integerPow(a, n, t.dtype()));
    Iv[] out = new Iv[x.size()];
    for (int i = 0; i < out.length; i++) out[i] = floatIntegerPow(x.f(i), n, t.dtype());
    return RefArray.floats(t, out);
  }

  static Iv floatIntegerPow(Iv x, int n, DType d) {
    if (n == 0) return Iv.point(1);
    if (n == 1 || x.isNaN()) return x;
    if (x.isPoint()) return integerPowPoint(x.lo(), n, d);
    Iv r = Iv.hull(integerPowPoint(x.lo(), n, d), integerPowPoint(x.hi(), n, d));
    // x^n is monotone on each side of 0.
    if (x.lo() <= 0 && x.hi() >= 0) r = Iv.hull(r, Iv.hull(integerPowPoint(-0.0, n, d), integerPowPoint(0.0, n, d)));
    return Rounding.loosen(r).orNaN(x.mayBeNaN());
  }

  private static Iv integerPowPoint(double v, int n, DType d) {
    double p = StrictMath.pow(v, n);
    if (v == 0 || Double.isInfinite(v)) return Iv.point(p);
    int ulps = Accuracy.integerPow(n);
    Iv r = Rounding.widen(Iv.point(p), d, ulps);
    double max = d == DType.F32 ? Float.MAX_VALUE : Double.MAX_VALUE;
    double minNormal = d == DType.F32 ? Float.MIN_NORMAL : Double.MIN_NORMAL;
    // Repeated squaring meets the edges of the range before the exact power does: an intermediate power can
    // overflow (x^|n| for a negative n, whose reciprocal is then 0) or lose precision below the normal range.
    double m = Math.abs(p);
    if (m < minNormal * 0x1p32) r = Rounding.loosen(Iv.hull(r, Iv.hullOf(false, Math.copySign(0.0, p), 2 * p)));
    if (m > max / 0x1p8) r = Rounding.loosen(Iv.hull(r, Iv.hullOf(false, p / 2, Math.copySign(Double.POSITIVE_INFINITY, p))));
    return r;
  }

  private RefArray where(Expr.Where w, Ty t, List<Ty> types, List<RefArray> v) {
    RefArray c = broadcast(asBool(v.get(w.cond())), Ty.of(DType.BOOL, t.shape()));
    RefArray x = broadcast(operand(w.x(), t.dtype(), t.weak(), v), t);
    RefArray y = broadcast(operand(w.y(), t.dtype(), t.weak(), v), t);
    return select(c, x, y, t);
  }

  /** {@code c ? x : y} elementwise; an undecided {@code c} gives the hull of both. */
  static RefArray select(RefArray c, RefArray x, RefArray y, Ty t) {
    int n = t.size();
    if (t.isFloat()) {
      Iv[] out = new Iv[n];
      for (int i = 0; i < n; i++) out[i] = !c.known(i) ? Iv.hull(x.f(i), y.f(i)) : c.i(i) != 0 ? x.f(i) : y.f(i);
      return RefArray.floats(t, out);
    }
    long[] out = new long[n];
    boolean[] known = new boolean[n];
    for (int i = 0; i < n; i++) {
      if (c.known(i)) {
        RefArray s = c.i(i) != 0 ? x : y;
        out[i] = s.i(i);
        known[i] = s.known(i);
      } else {
        known[i] = x.known(i) && y.known(i) && x.i(i) == y.i(i);
        out[i] = x.i(i);
      }
    }
    return RefArray.ints(t, out, known);
  }

  // ---- reductions and contractions -----------------------------------------------------------------------

  private RefArray reduce(Expr.Reduce r, Ty t, RefArray x) {
    int[] axes = TypeRules.reductionAxes(r.axes(), x.type.rank());
    int[][] groups = Indexing.reductionGroups(x.type.shape(), axes);
    ReduceOp op = r.op();
    RefArray in = switch (op) {
      case SUM -> x.type.isBool() ? convert(x, DType.I32, false) : x;
      case MEAN -> convert(x.type.isBool() ? convert(x, DType.I32, false) : x, Promotion.inexact(x.type.dtype()), false);
      case ANY, ALL -> asBool(x);
      default -> x;
    };
    int n = t.size();
    if (t.isFloat()) {
      Iv[] out = new Iv[n];
      for (int k = 0; k < n; k++) {
        Iv[] terms = new Iv[groups[k].length];
        for (int j = 0; j < terms.length; j++) terms[j] = in.f(groups[k][j]);
        out[k] = switch (op) {
          case SUM -> Accumulation.sum(terms, t.dtype(), true);
          case MEAN -> FloatRules.binary(BinaryOp.DIV, Accumulation.sum(terms, t.dtype(), true),
              Iv.point(Rounding.round(terms.length, t.dtype())), t.dtype(), masks);
          case MAX -> extremum(terms, true);
          case MIN -> extremum(terms, false);
          default -> throw new IllegalStateException();
        };
      }
      return RefArray.floats(t, out);
    }
    long[] out = new long[n];
    boolean[] known = new boolean[n];
    for (int k = 0; k < n; k++) {
      long acc = switch (op) {
        case SUM, ANY -> 0;
        case ALL -> 1;
        case MAX -> Long.MIN_VALUE;
        default -> Long.MAX_VALUE;
      };
      boolean allKnown = true, decided = false;
      for (int i : groups[k]) {
        if (!in.known(i)) {
          allKnown = false;
          continue;
        }
        long a = in.i(i);
        switch (op) {
          case SUM -> acc = RefArray.wrap(t.dtype(), acc + a);
          case MAX -> acc = Math.max(acc, a);
          case MIN -> acc = Math.min(acc, a);
          case ANY -> {
            if (a != 0) decided = true;
          }
          case ALL -> {
            if (a == 0) decided = true;
          }
          default -> throw new IllegalStateException();
        }
      }
      if (op == ReduceOp.ANY) acc = decided ? 1 : 0;
      if (op == ReduceOp.ALL) acc = decided ? 0 : 1;
      known[k] = allKnown || decided;
      out[k] = acc;
    }
    return RefArray.ints(t, out, known);
  }

  /** max (or min) of enclosures: monotone in each term; NaN propagates. */
  static Iv extremum(Iv[] terms, boolean max) {
    double lo = max ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY, hi = lo;
    boolean maybe = false;
    for (Iv t : terms) {
      if (t.isNaN()) return Iv.NAN;
      maybe |= t.mayBeNaN();
      lo = max ? FloatRules.max(lo, t.lo()) : FloatRules.min(lo, t.lo());
      hi = max ? FloatRules.max(hi, t.hi()) : FloatRules.min(hi, t.hi());
    }
    return new Iv(lo, hi, maybe ? Iv.MAYBE : Iv.NO);
  }

  private RefArray dot(RefArray a, RefArray b, Ty t) {
    a = convert(a, t.dtype(), t.weak());
    b = convert(b, t.dtype(), t.weak());
    if (a.type.rank() == 0 || b.type.rank() == 0) return binaryValues(BinaryOp.MUL, Api.JNP, a, b, t, false);
    int cb = b.type.rank() == 1 ? 0 : b.type.rank() - 2;
    return contract(a, b, new int[] {a.type.rank() - 1}, new int[] {cb}, new int[0], new int[0], t);
  }

  private RefArray matmul(RefArray a, RefArray b, Ty t) {
    a = convert(a, t.dtype(), t.weak());
    b = convert(b, t.dtype(), t.weak());
    int[] as = a.type.rank() == 1 ? new int[] {1, a.type.dim(0)} : a.type.shape();
    int[] bs = b.type.rank() == 1 ? new int[] {b.type.dim(0), 1} : b.type.shape();
    int[] batch = TypeRules.broadcast(Arrays.copyOf(as, as.length - 2), Arrays.copyOf(bs, bs.length - 2));
    int nb = batch.length;
    int[] as2 = Arrays.copyOf(batch, nb + 2), bs2 = Arrays.copyOf(batch, nb + 2);
    as2[nb] = as[as.length - 2];
    as2[nb + 1] = as[as.length - 1];
    bs2[nb] = bs[bs.length - 2];
    bs2[nb + 1] = bs[bs.length - 1];
    RefArray a2 = broadcast(a.retyped(a.type.withShape(as)), a.type.withShape(as2));
    RefArray b2 = broadcast(b.retyped(b.type.withShape(bs)), b.type.withShape(bs2));
    int[] bd = new int[nb];
    for (int i = 0; i < nb; i++) bd[i] = i;
    int[] full = Arrays.copyOf(batch, nb + 2);
    full[nb] = as2[nb];
    full[nb + 1] = bs2[nb + 1];
    RefArray r = contract(a2, b2, new int[] {nb + 1}, new int[] {nb}, bd, bd, t.withShape(full));
    return r.retyped(t);
  }

  /** XLA's dot_general: output dims are batch, then lhs free, then rhs free. */
  private RefArray contract(RefArray a, RefArray b, int[] ca, int[] cb, int[] ba, int[] bb, Ty t) {
    Indexing.Contraction c = Indexing.contraction(a.type.shape(), b.type.shape(), ca, cb, ba, bb);
    int n = t.size();
    if (t.isFloat()) {
      Iv[] out = new Iv[n];
      for (int k = 0; k < n; k++) {
        int[] ia = c.lhs()[k], ib = c.rhs()[k];
        Iv[] terms = new Iv[ia.length];
        for (int j = 0; j < terms.length; j++) terms[j] = Accumulation.product(a.f(ia[j]), b.f(ib[j]));
        out[k] = Accumulation.sum(terms, t.dtype(), false);
      }
      return RefArray.floats(t, out);
    }
    long[] out = new long[n];
    boolean[] known = new boolean[n];
    for (int k = 0; k < n; k++) {
      int[] ia = c.lhs()[k], ib = c.rhs()[k];
      long acc = 0;
      boolean ok = true;
      for (int j = 0; j < ia.length; j++) {
        ok &= a.known(ia[j]) && b.known(ib[j]);
        acc = RefArray.wrap(t.dtype(), acc + RefArray.wrap(t.dtype(), a.i(ia[j]) * b.i(ib[j])));
      }
      known[k] = ok;
      out[k] = acc;
    }
    return RefArray.ints(t, out, known);
  }

  private static RefArray concatenate(List<RefArray> xs, int axis, Ty t) {
    int[][] shapes = new int[xs.size()][];
    for (int i = 0; i < shapes.length; i++) shapes[i] = xs.get(i).type.shape();
    int[][] src = Indexing.concatenate(shapes, axis);
    int n = t.size();
    if (t.isFloat()) {
      Iv[] out = new Iv[n];
      for (int i = 0; i < n; i++) out[i] = xs.get(src[i][0]).f(src[i][1]);
      return RefArray.floats(t, out);
    }
    long[] out = new long[n];
    boolean[] known = new boolean[n];
    for (int i = 0; i < n; i++) {
      out[i] = xs.get(src[i][0]).i(src[i][1]);
      known[i] = xs.get(src[i][0]).known(src[i][1]);
    }
    return RefArray.ints(t, out, known);
  }

  // ---- control flow --------------------------------------------------------------------------------------

  private List<RefArray> callBody(Expr.Body body, List<RefArray> args, List<RefArray> v) {
    List<RefArray> in = new ArrayList<>(args);
    for (int c : body.captures()) in.add(v.get(c));
    List<Ty> inTypes = new ArrayList<>();
    for (RefArray r : in) inTypes.add(r.type);
    Program p = body.program();
    if (!inTypes.equals(p.inputs())) {
      // The loop carry's converged type may differ from init's in weak type only.
      p = new Program(inTypes, p.nodes(), TypeRules.retype(p, inTypes), p.outputs());
    }
    return run(p, in);
  }

  private RefArray cond(Expr.Cond c, Ty t, List<RefArray> v) {
    RefArray pred = v.get(c.pred());
    long p = pred.i(0);
    boolean known = pred.known(0);
    RefArray operand = v.get(c.operand());
    if (known) return callBody(p != 0 ? c.ifTrue() : c.ifFalse(), List.of(operand), v).get(0).retyped(t);
    RefArray a = callBody(c.ifTrue(), List.of(operand), v).get(0), b = callBody(c.ifFalse(), List.of(operand), v).get(0);
    long[] undecided = new long[t.size()];
    return select(RefArray.ints(Ty.of(DType.BOOL, t.shape()), undecided, new boolean[t.size()]), a.retyped(t), b.retyped(t), t);
  }

  /** The body always sees the carry with init's type (it is traced once, on that type); the result has {@code t}. */
  private RefArray fori(Expr.ForiLoop f, Ty t, List<RefArray> v) {
    RefArray init = v.get(f.init());
    RefArray carry = init;
    Ty counter = new Ty(DType.I32, new int[0], true);
    for (int i = f.lower(); i < f.upper(); i++) {
      RefArray iv = RefArray.exactInts(counter, new long[] {i});
      carry = callBody(f.body(), List.of(iv, carry.retyped(init.type)), v).get(0);
    }
    return carry.retyped(t);
  }

  private RefArray scan(Expr.Scan s, Ty t, List<Ty> types, List<RefArray> v) {
    RefArray xs = v.get(s.xs());
    Ty carryType = TypeRules.type(new Expr.Scan(s.init(), s.xs(), s.body(), s.reverse(), false), types);
    Ty initType = v.get(s.init()).type;
    RefArray carry = v.get(s.init());
    int n = xs.type.dim(0);
    Ty row = xs.type.withShape(Arrays.copyOfRange(xs.type.shape(), 1, xs.type.rank()));
    int rowSize = row.size();
    RefArray[] ys = new RefArray[n];
    for (int step = 0; step < n; step++) {
      int r = s.reverse() ? n - 1 - step : step;
      int[] idx = new int[rowSize];
      for (int j = 0; j < rowSize; j++) idx[j] = r * rowSize + j;
      List<RefArray> out = callBody(s.body(), List.of(carry.retyped(initType), xs.gather(row, idx)), v);
      carry = out.get(0);
      ys[r] = out.get(1);
    }
    if (!s.ys()) return carry.retyped(carryType);
    List<RefArray> rows = new ArrayList<>();
    int[] one = t.shape();
    one[0] = 1;
    for (RefArray y : ys) rows.add(y.retyped(t.withShape(one)));
    if (n == 0) return t.isFloat() ? RefArray.floats(t, new Iv[0]) : RefArray.ints(t, new long[0], new boolean[0]);
    return concatenate(rows, 0, t);
  }

  /** The hull of two values of one type (for an undecided branch). */
  static RefArray hull(RefArray a, RefArray b) {
    return select(RefArray.ints(Ty.of(DType.BOOL, a.type.shape()), new long[a.size()], new boolean[a.size()]), a, b, a.type);
  }
}
