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
 * The derivative reference for grad: forward-mode differentiation of a program, written from calculus and JAX's
 * conventions where calculus has none (at an exact tie, max and min split the derivative equally; |x|' is 1 at 0;
 * piecewise-constant functions and integer values have derivative 0). Independent of Olympus' autodiff, which is
 * reverse mode over the IR.
 *
 * <p>A program whose derivative is not determined by its inputs (a comparison or a kink that Olympus' rounding could
 * move to the other side, a value outside a function's domain, an overflow) is {@link Unsuitable}: it is skipped,
 * not compared.
 */
public final class DualReference {
  /** The derivative of this program at these inputs is not well determined; the reason says why. */
  public static final class Unsuitable extends RuntimeException {
    Unsuitable(String why) { super(why, null, false, false); }
  }

  /**
   * Safety factor on the first-order error bounds (the second-order terms and the backward pass's different
   * association of the same products are not in them).
   */
  public static final double SAFETY = 16;

  private final int directions;
  /** Nodes evaluated so far (loop bodies once per iteration): a bound on the length of any path. */
  private long evaluations;

  public DualReference(int directions) {
    this.directions = directions;
  }

  public long evaluations() { return evaluations; }

  /** The input differentiated: its derivative is the identity, exact. */
  public static Dual seed(Ty t, double[] values) {
    int n = values.length;
    double[][] d = new double[n][n], m = new double[n][n];
    for (int i = 0; i < n; i++) {
      d[i][i] = 1;
      m[i][i] = 1;
    }
    return new Dual(t, values.clone(), new double[n], d, m, new double[n][n]);
  }

  public static Dual constant(Ty t, double[] values, int directions) { return Dual.constant(t, values.clone(), directions); }

  public List<Dual> run(Program p, List<Dual> inputs) {
    List<Dual> v = new ArrayList<>(inputs);
    for (int k = 0; k < p.nodes().size(); k++) {
      Ty t = p.type(inputs.size() + k);
      evaluations++;
      Dual r = eval(p.nodes().get(k), t, p.types(), v);
      for (int i = 0; i < r.v.length; i++) {
        double x = r.v[i];
        if (!Double.isFinite(x) || Math.abs(x) > (t.dtype() == DType.F32 ? 1e15 : 1e100)) {
          throw new Unsuitable("value " + x + " of a " + t + " (overflow or NaN)");
        }
      }
      v.add(r);
    }
    List<Dual> out = new ArrayList<>();
    for (int o : p.outputs()) out.add(v.get(o));
    return out;
  }

  static double unit(Ty t) { return t.isFloat() ? Accuracy.unitRoundoff(t.dtype()) : 0; }

  /** Integer results wrap around, as XLA's do (exact here: grad programs' integers stay far below 2^53). */
  private Dual integers(Ty t, double[] vals) {
    for (int i = 0; i < vals.length; i++) vals[i] = RefArray.wrap(t.dtype(), (long) vals[i]);
    return Dual.constant(t, vals, directions);
  }

  // ---- the elementwise machinery -------------------------------------------------------------------------

  /** One element of an elementwise op: its value and, per operand, the partial, its magnitude and its error. */
  static final class Local {
    double value;
    /** Rounding of the value, in units of the dtype's unit roundoff. */
    double rounding = 1;
    final double[] p, pm, pe;

    Local(int operands) {
      p = new double[operands];
      pm = new double[operands];
      pe = new double[operands];
    }

    void partial(int j, double partial, double magnitude, double error) {
      p[j] = partial;
      pm[j] = Math.max(Math.abs(partial), magnitude);
      pe[j] = error;
    }
  }

  @FunctionalInterface
  interface Rule {
    /** {@code x}: operand values, {@code err}: their error bounds; {@code u}: the result dtype's unit roundoff. */
    void apply(double[] x, double[] err, double u, Local out);
  }

  private Dual elementwise(Ty t, Dual[] ops, Rule rule) {
    int n = t.size();
    Dual[] b = new Dual[ops.length];
    for (int j = 0; j < ops.length; j++) b[j] = broadcast(ops[j], t.shape());
    double u = unit(t);
    double[] v = new double[n], err = new double[n];
    double[][] d = new double[n][directions], m = new double[n][directions], e = new double[n][directions];
    double[] x = new double[ops.length], xe = new double[ops.length];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < ops.length; j++) {
        x[j] = b[j].v[i];
        xe[j] = b[j].err[i];
      }
      Local l = new Local(ops.length);
      rule.apply(x, xe, u, l);
      v[i] = t.isFloat() ? l.value : l.value;
      double er = l.rounding * u * Math.abs(l.value);
      for (int j = 0; j < ops.length; j++) er += Math.abs(l.p[j]) * xe[j];
      err[i] = er;
      for (int k = 0; k < directions; k++) {
        double dd = 0, mm = 0, ee = 0, terms = 0;
        for (int j = 0; j < ops.length; j++) {
          double dj = b[j].d[i][k];
          if (dj == 0 && b[j].m[i][k] == 0) continue;
          dd += l.p[j] * dj;
          mm += l.pm[j] * b[j].m[i][k];
          ee += Math.abs(l.p[j]) * b[j].e[i][k] + l.pe[j] * Math.abs(dj);
          terms += Math.abs(l.p[j] * dj);
        }
        d[i][k] = dd;
        m[i][k] = mm;
        e[i][k] = ee + u * (terms + mm);
      }
    }
    return new Dual(t, v, err, d, m, e);
  }

  private static Dual broadcast(Dual x, int[] shape) {
    if (Arrays.equals(x.type.shape(), shape)) return x;
    return x.gather(x.type.withShape(shape), Indexing.broadcast(x.type.shape(), shape));
  }

  /** A comparison or kink Olympus' rounding could decide the other way: the derivative is not determined. */
  static void requireApart(double a, double ea, double b, double eb, String what) {
    double slack = SAFETY * (ea + eb);
    if (slack > 0 && Math.abs(a - b) <= slack) throw new Unsuitable(what + " of " + a + " and " + b + " within rounding");
  }

  /** The error of a partial evaluated at a primal off by {@code err}: |second derivative| err, plus its rounding. */
  static double partialError(double second, double err, double partialMagnitude, double u) {
    return Math.abs(second) * err + 4 * u * partialMagnitude;
  }

  // ---- nodes ---------------------------------------------------------------------------------------------

  private Dual eval(Expr e, Ty t, List<Ty> types, List<Dual> v) {
    if (e instanceof Expr.Unary u) return unary(u.op(), convertFor(u, v.get(u.x()), t), t);
    if (e instanceof Expr.Binary b) return binary(b, t, types, v);
    if (e instanceof Expr.IntPow p) return intPow(v.get(p.x()), p.n(), t);
    if (e instanceof Expr.Square s) return intPow(v.get(s.x()), 2, t);
    if (e instanceof Expr.Clip c) {
      Ty x = types.get(c.x());
      Promotion.Joined j = Promotion.join(x.dtype(), x.weak(), DType.F32, true);
      Ty mid = x.withDtype(j.dtype(), j.weak());
      Dual xv = convert(v.get(c.x()), mid);
      Dual lo = literal(new Operand.FloatLit(c.lo()), j.dtype()), hi = literal(new Operand.FloatLit(c.hi()), j.dtype());
      return arithmetic(BinaryOp.MIN, arithmetic(BinaryOp.MAX, xv, lo, mid), hi, t);
    }
    if (e instanceof Expr.Where w) {
      Dual c = asBool(v.get(w.cond()));
      Dual x = operand(w.x(), t, v), y = operand(w.y(), t, v);
      return elementwise(t, new Dual[] {c, x, y}, (a, er, u, l) -> {
        boolean pick = a[0] != 0;
        l.value = pick ? a[1] : a[2];
        l.rounding = 0;
        l.partial(1, pick ? 1 : 0, 0, 0);
        l.partial(2, pick ? 0 : 1, 0, 0);
      });
    }
    if (e instanceof Expr.Reduce r) return reduce(r, t, v.get(r.x()));
    if (e instanceof Expr.Reshape || e instanceof Expr.ExpandDims || e instanceof Expr.Squeeze) return v.get(e.reads()[0]).retyped(t);
    if (e instanceof Expr.Transpose tr) {
      Dual x = v.get(tr.x());
      return x.gather(t, Indexing.transpose(x.type.shape(), TypeRules.permutation(tr.perm(), x.type.rank())));
    }
    if (e instanceof Expr.BroadcastTo b) return broadcast(v.get(b.x()), t.shape()).retyped(t);
    if (e instanceof Expr.Slice s) {
      Dual x = v.get(s.x());
      return x.gather(t, Indexing.slice(x.type.shape(), TypeRules.axis(s.axis(), x.type.rank()), s.start(), s.step(), t.shape()));
    }
    if (e instanceof Expr.Concatenate c) {
      List<Dual> xs = new ArrayList<>();
      for (int i : c.xs()) xs.add(convert(v.get(i), t.withShape(v.get(i).type.shape())));
      return concatenate(xs, TypeRules.axis(c.axis(), t.rank()), t);
    }
    if (e instanceof Expr.Stack s) {
      int axis = TypeRules.axis(s.axis(), t.rank());
      List<Dual> xs = new ArrayList<>();
      for (int i : s.xs()) {
        int[] shape = t.shape();
        shape[axis] = 1;
        xs.add(convert(v.get(i), t.withShape(v.get(i).type.shape())).retyped(t.withShape(shape)));
      }
      return concatenate(xs, axis, t);
    }
    if (e instanceof Expr.Dot d) return dot(v.get(d.a()), v.get(d.b()), t, false);
    if (e instanceof Expr.Matmul m) return dot(v.get(m.a()), v.get(m.b()), t, true);
    if (e instanceof Expr.Astype a) return astype(v.get(a.x()), t);
    if (e instanceof Expr.Arange a) {
      double[] vals = new double[a.n()];
      for (int i = 0; i < vals.length; i++) vals[i] = i;
      return Dual.constant(t, vals, directions);
    }
    if (e instanceof Expr.Full f) {
      double[] vals = new double[t.size()];
      double value = t.isFloat() ? Rounding.round(f.value(), t.dtype()) : t.isBool() ? (f.value() != 0 ? 1 : 0) : (long) f.value();
      Arrays.fill(vals, value);
      return Dual.constant(t, vals, directions);
    }
    if (e instanceof Expr.Cond c) {
      boolean pred = v.get(c.pred()).v[0] != 0;
      return call(pred ? c.ifTrue() : c.ifFalse(), List.of(v.get(c.operand())), v).get(0).retyped(t);
    }
    if (e instanceof Expr.ForiLoop f) {
      Dual init = v.get(f.init());
      Dual carry = init;
      Ty counter = new Ty(DType.I32, new int[0], true);
      for (int i = f.lower(); i < f.upper(); i++) {
        carry = call(f.body(), List.of(Dual.constant(counter, new double[] {i}, directions), carry.retyped(init.type)), v).get(0);
      }
      return carry.retyped(t);
    }
    if (e instanceof Expr.Scan s) {
      Dual xs = v.get(s.xs()), init = v.get(s.init());
      Ty carryType = TypeRules.type(new Expr.Scan(s.init(), s.xs(), s.body(), s.reverse(), false), types);
      int n = xs.type.dim(0);
      Ty row = xs.type.withShape(Arrays.copyOfRange(xs.type.shape(), 1, xs.type.rank()));
      int rs = row.size();
      Dual carry = init;
      Dual[] ys = new Dual[n];
      for (int step = 0; step < n; step++) {
        int r = s.reverse() ? n - 1 - step : step;
        int[] idx = new int[rs];
        for (int j = 0; j < rs; j++) idx[j] = r * rs + j;
        List<Dual> out = call(s.body(), List.of(carry.retyped(init.type), xs.gather(row, idx)), v);
        carry = out.get(0);
        ys[r] = out.get(1);
      }
      if (!s.ys()) return carry.retyped(carryType);
      if (n == 0) return Dual.constant(t, new double[0], directions);
      int[] one = t.shape();
      one[0] = 1;
      List<Dual> rows = new ArrayList<>();
      for (Dual y : ys) rows.add(y.retyped(t.withShape(one)));
      return concatenate(rows, 0, t);
    }
    throw new IllegalArgumentException("unknown node " + e);
  }

  private List<Dual> call(Expr.Body body, List<Dual> args, List<Dual> v) {
    List<Dual> in = new ArrayList<>(args);
    for (int c : body.captures()) in.add(v.get(c));
    List<Ty> inTypes = new ArrayList<>();
    for (Dual d : in) inTypes.add(d.type);
    Program p = body.program();
    if (!inTypes.equals(p.inputs())) p = new Program(inTypes, p.nodes(), TypeRules.retype(p, inTypes), p.outputs());
    return run(p, in);
  }

  // ---- conversions ---------------------------------------------------------------------------------------

  private Dual literal(Operand lit, DType d) {
    Ty t = new Ty(d, new int[0], true);
    double value = lit instanceof Operand.FloatLit f ? f.value() : ((Operand.IntLit) lit).value();
    return Dual.constant(t, new double[] {d == DType.F32 || d == DType.F64 ? Rounding.round(value, d) : value}, directions);
  }

  private Dual operand(Operand o, Ty t, List<Dual> v) {
    if (o instanceof Operand.Ref r) return convert(v.get(r.index()), v.get(r.index()).type.withDtype(t.dtype(), t.weak()));
    return literal(o, t.dtype());
  }

  /** A conversion: float to float keeps the derivative (and rounds); anything to or from an integer has none. */
  private Dual convert(Dual x, Ty t) {
    if (x.type.dtype() == t.dtype()) return x.retyped(t);
    if (x.type.isFloat() && t.isFloat()) {
      return elementwise(t, new Dual[] {x}, (a, er, u, l) -> {
        l.value = a[0];
        l.rounding = x.type.dtype() == DType.F64 && t.dtype() == DType.F32 ? 1 : 0;
        l.partial(0, 1, 1, 0);
      });
    }
    double[] vals = new double[x.v.length];
    for (int i = 0; i < vals.length; i++) {
      double a = x.v[i];
      if (t.isBool()) {
        requireApart(a, x.err[i], 0, 0, "a conversion to bool");
        vals[i] = a != 0 ? 1 : 0;
      } else if (t.isFloat()) {
        vals[i] = a;
      } else {
        if (x.type.isFloat()) {
          double frac = a - Math.rint(a);
          requireApart(Math.abs(frac), x.err[i], 0, 0, "a float to int conversion at an integer");
        }
        vals[i] = x.type.isFloat() ? (t.dtype() == DType.I32 ? (int) a : (long) a) : a;
      }
    }
    return Dual.constant(t, vals, directions);
  }

  private Dual astype(Dual x, Ty t) { return convert(x, t); }

  private Dual convertFor(Expr.Unary u, Dual x, Ty t) {
    if (u.op() == UnaryOp.LOGICAL_NOT || u.op() == UnaryOp.BITWISE_NOT) return x;
    return convert(x, x.type.withDtype(t.dtype(), t.weak()));
  }

  private Dual asBool(Dual x) { return x.type.isBool() ? x : convert(x, x.type.withDtype(DType.BOOL, x.type.weak())); }

  // ---- elementwise ops -----------------------------------------------------------------------------------

  private Dual unary(UnaryOp op, Dual x, Ty t) {
    if (!t.isFloat()) {
      double[] vals = new double[x.v.length];
      for (int i = 0; i < vals.length; i++) {
        double a = x.v[i];
        vals[i] = switch (op) {
          case NEG -> -a;
          case ABS -> Math.abs(a);
          case SIGN -> Math.signum(a);
          case LOGICAL_NOT -> a == 0 ? 1 : 0;
          case BITWISE_NOT -> t.isBool() ? (a == 0 ? 1 : 0) : ~(long) a;
          default -> a;
        };
      }
      return integers(t, vals);
    }
    final double ln2 = Math.log(2);
    return elementwise(t, new Dual[] {x}, (a, er, u, l) -> {
      double z = a[0], ez = er[0];
      int ulps = Accuracy.ulps(op);
      l.rounding = 2 * ulps + 1;
      switch (op) {
        case NEG -> {
          l.value = -z;
          l.rounding = 0;
          l.partial(0, -1, 1, 0);
        }
        case ABS -> {
          requireApart(z, ez, 0, 0, "abs");
          l.value = Math.abs(z);
          l.rounding = 0;
          l.partial(0, z >= 0 ? 1 : -1, 1, 0);
        }
        case SIGN, FLOOR, CEIL -> {
          double k = op == UnaryOp.SIGN ? 0 : Math.rint(z);
          requireApart(z, ez, k, 0, op.name().toLowerCase());
          l.value = op == UnaryOp.SIGN ? Math.signum(z) : op == UnaryOp.FLOOR ? Math.floor(z) : Math.ceil(z);
          l.rounding = 0;
          l.partial(0, 0, 0, 0);
        }
        case EXP -> {
          double f = Math.exp(z);
          l.value = f;
          l.partial(0, f, f, partialError(f, ez, f, u));
        }
        case EXPM1 -> {
          double f = Math.expm1(z);
          l.value = f;
          l.partial(0, f + 1, Math.abs(f) + 1, partialError(f + 1, ez, Math.abs(f) + 1, u));
        }
        case LOG, LOG2, LOG1P, SQRT, RSQRT -> {
          double arg = op == UnaryOp.LOG1P ? 1 + z : z;
          if (arg <= SAFETY * ez || arg <= 0) throw new Unsuitable(op + " of " + z + " at the edge of its domain");
          double c = op == UnaryOp.LOG2 ? 1 / ln2 : 1;
          switch (op) {
            case SQRT -> {
              double f = Math.sqrt(arg);
              l.value = f;
              l.rounding = 1;
              l.partial(0, 0.5 / f, 0.5 / f, partialError(0.25 / (f * arg), ez, 0.5 / f, u));
            }
            case RSQRT -> {
              double f = 1 / Math.sqrt(arg);
              l.value = f;
              l.partial(0, -0.5 * f / arg, 0.5 * f / arg, partialError(0.75 * f / (arg * arg), ez, 0.5 * f / arg, u));
            }
            default -> {
              l.value = Math.log(arg) * c;
              l.partial(0, c / arg, c / arg, partialError(c / (arg * arg), ez, c / arg, u));
            }
          }
        }
        case SIN -> {
          l.value = Math.sin(z);
          double c = Math.cos(z);
          l.partial(0, c, Math.abs(c), partialError(Math.sin(z), ez, 1, u));
        }
        case COS -> {
          l.value = Math.cos(z);
          double s = Math.sin(z);
          l.partial(0, -s, Math.abs(s), partialError(Math.cos(z), ez, 1, u));
        }
        case TANH -> {
          double f = Math.tanh(z);
          l.value = f;
          // Olympus computes 1 - tanh^2 from the rounded tanh: cancellation near +-1.
          l.partial(0, 1 - f * f, 1 + f * f, partialError(2 * f * (1 - f * f), ez, 1 + f * f, u));
        }
        case LOGISTIC -> {
          double f = FloatRules.logistic(z);
          l.value = f;
          l.partial(0, f * (1 - f), f * (1 + f), partialError(f * (1 - f) * (1 - 2 * f), ez, f * (1 + f), u));
        }
        default -> throw new Unsuitable(op + " in a grad program");
      }
    });
  }

  private Dual intPow(Dual x, int n, Ty t) {
    if (!t.isFloat()) {
      double[] vals = new double[x.v.length];
      for (int i = 0; i < vals.length; i++) vals[i] = IntRules.integerPow((long) x.v[i], n, t.dtype());
      return integers(t, vals);
    }
    return elementwise(t, new Dual[] {x}, (a, er, u, l) -> {
      double z = a[0];
      if (n < 0 && Math.abs(z) <= Math.max(0.05, SAFETY * er[0])) throw new Unsuitable("x^" + n + " near 0");
      l.value = Math.pow(z, n);
      l.rounding = Accuracy.integerPow(n) * 2 + 1;
      double p = n == 0 ? 0 : n * Math.pow(z, n - 1);
      double q = n * (n - 1) * (n - 1 == 0 ? 0 : Math.pow(z, n - 2));
      l.partial(0, p, Math.abs(p), partialError(q, er[0], Math.abs(p), u) + Accuracy.integerPow(n) * u * Math.abs(p));
    });
  }

  private Dual binary(Expr.Binary b, Ty t, List<Ty> types, List<Dual> v) {
    Ty ta = TypeRules.operand(b.a(), types), tb = TypeRules.operand(b.b(), types);
    BinaryOp op = b.op();
    if (op == BinaryOp.LOGICAL_AND || op == BinaryOp.LOGICAL_OR) {
      Dual x = asBool(operand(b.a(), ta, v)), y = asBool(operand(b.b(), tb, v));
      return logic(op, x, y, t);
    }
    DType d;
    boolean weak;
    if (b.api() == Api.LAX) {
      d = ta.dtype();
      weak = ta.weak() && tb.weak();
    } else {
      Promotion.Joined j = TypeRules.join(ta, tb);
      d = op == BinaryOp.DIV ? Promotion.inexact(j.dtype()) : j.dtype();
      weak = j.weak();
      if (op == BinaryOp.POW && ta.isFloat() && tb.isInt() && b.b() instanceof Operand.Ref) d = ta.dtype();
    }
    Ty compute = t.withDtype(d, weak);
    Dual x = operand(b.a(), compute, v), y = operand(b.b(), compute, v);
    if (op.comparison()) return compare(op, x, y, t);
    return arithmetic(op, x, y, t);
  }

  private Dual logic(BinaryOp op, Dual x, Dual y, Ty t) {
    Dual bx = broadcast(x, t.shape()), by = broadcast(y, t.shape());
    double[] vals = new double[t.size()];
    for (int i = 0; i < vals.length; i++) {
      boolean a = bx.v[i] != 0, c = by.v[i] != 0;
      vals[i] = (op == BinaryOp.LOGICAL_AND ? a && c : a || c) ? 1 : 0;
    }
    return Dual.constant(t, vals, directions);
  }

  private Dual compare(BinaryOp op, Dual x, Dual y, Ty t) {
    Dual bx = broadcast(x, t.shape()), by = broadcast(y, t.shape());
    double[] vals = new double[t.size()];
    for (int i = 0; i < vals.length; i++) {
      double a = bx.v[i], c = by.v[i];
      requireApart(a, bx.err[i], c, by.err[i], "a comparison");
      boolean r = switch (op) {
        case GT -> a > c;
        case LT -> a < c;
        case GE -> a >= c;
        case LE -> a <= c;
        case EQ -> a == c;
        default -> a != c;
      };
      vals[i] = r ? 1 : 0;
    }
    return Dual.constant(t, vals, directions);
  }

  private Dual arithmetic(BinaryOp op, Dual x, Dual y, Ty t) {
    if (!t.isFloat()) {
      Dual bx = broadcast(x, t.shape()), by = broadcast(y, t.shape());
      double[] vals = new double[t.size()];
      for (int i = 0; i < vals.length; i++) {
        double a = bx.v[i], c = by.v[i];
        boolean bool = t.isBool();
        vals[i] = switch (op) {
          case ADD -> bool ? Math.max(a, c) : a + c;
          case SUB -> a - c;
          case MUL -> bool ? Math.min(a, c) : a * c;
          case MAX -> Math.max(a, c);
          case MIN -> Math.min(a, c);
          case BIT_AND -> (long) a & (long) c;
          case BIT_OR -> (long) a | (long) c;
          case BIT_XOR -> (long) a ^ (long) c;
          default -> throw new Unsuitable(op + " of integers in a grad program");
        };
      }
      return integers(t, vals);
    }
    return elementwise(t, new Dual[] {x, y}, (a, er, u, l) -> {
      double p = a[0], q = a[1], ep = er[0], eq = er[1];
      switch (op) {
        case ADD -> {
          l.value = p + q;
          l.partial(0, 1, 1, 0);
          l.partial(1, 1, 1, 0);
        }
        case SUB -> {
          l.value = p - q;
          l.partial(0, 1, 1, 0);
          l.partial(1, -1, 1, 0);
        }
        case MUL -> {
          l.value = p * q;
          l.partial(0, q, Math.abs(q), eq);
          l.partial(1, p, Math.abs(p), ep);
        }
        case DIV -> {
          if (Math.abs(q) <= Math.max(1e-6, SAFETY * eq)) throw new Unsuitable("division by " + q);
          l.value = p / q;
          l.partial(0, 1 / q, 1 / Math.abs(q), eq / (q * q) + 2 * u / Math.abs(q));
          double pb = -p / (q * q);
          l.partial(1, pb, Math.abs(pb), ep / (q * q) + 2 * Math.abs(p) * eq / Math.abs(q * q * q) + 4 * u * Math.abs(pb));
        }
        case MAX, MIN -> {
          boolean tie = p == q;
          if (!tie) requireApart(p, ep, q, eq, op.name().toLowerCase());
          if (tie && ep + eq > 0) throw new Unsuitable(op + " of a tie Olympus' rounding could break");
          boolean first = op == BinaryOp.MAX ? p > q : p < q;
          l.value = op == BinaryOp.MAX ? Math.max(p, q) : Math.min(p, q);
          l.rounding = 0;
          l.partial(0, tie ? 0.5 : first ? 1 : 0, tie ? 0.5 : first ? 1 : 0, 0);
          l.partial(1, tie ? 0.5 : first ? 0 : 1, tie ? 0.5 : first ? 0 : 1, 0);
        }
        case POW -> {
          if (p <= Math.max(1e-6, SAFETY * ep)) throw new Unsuitable("pow of a base " + p + " near or below 0");
          double f = Math.pow(p, q), lg = Math.log(p);
          l.value = f;
          l.rounding = 2 * Accuracy.TRANSCENDENTAL + 1;
          double pa = q == 0 ? 0 : q * Math.pow(p, q - 1), pb = lg * f;
          double qaa = q * (q - 1) * Math.pow(p, q - 2), qab = Math.pow(p, q - 1) * (1 + q * lg), qbb = lg * lg * f;
          l.partial(0, pa, Math.abs(pa), Math.abs(qaa) * ep + Math.abs(qab) * eq + 8 * u * Math.abs(pa));
          l.partial(1, pb, Math.abs(pb), Math.abs(qab) * ep + Math.abs(qbb) * eq + 8 * u * Math.abs(pb));
        }
        default -> throw new Unsuitable(op + " in a grad program");
      }
    });
  }

  // ---- reductions, contractions, structure ---------------------------------------------------------------

  private Dual reduce(Expr.Reduce r, Ty t, Dual x) {
    int[] axes = TypeRules.reductionAxes(r.axes(), x.type.rank());
    int[][] groups = Indexing.reductionGroups(x.type.shape(), axes);
    ReduceOp op = r.op();
    Dual in = switch (op) {
      case SUM -> x.type.isBool() ? convert(x, x.type.withDtype(DType.I32, false)) : x;
      case MEAN -> convert(x, x.type.withDtype(Promotion.inexact(x.type.dtype()), false));
      case ANY, ALL -> asBool(x);
      default -> x;
    };
    int n = t.size();
    double u = unit(t);
    double[] v = new double[n], err = new double[n];
    double[][] d = new double[n][directions], m = new double[n][directions], e = new double[n][directions];
    for (int k = 0; k < n; k++) {
      int[] g = groups[k];
      double[] weights = new double[g.length];
      double value;
      if (op == ReduceOp.SUM || op == ReduceOp.MEAN) {
        double s = 0, abs = 0, errs = 0;
        for (int j = 0; j < g.length; j++) {
          s += in.v[g[j]];
          abs += Math.abs(in.v[g[j]]);
          errs += in.err[g[j]];
          weights[j] = op == ReduceOp.MEAN ? 1.0 / g.length : 1;
        }
        value = op == ReduceOp.MEAN ? s / g.length : s;
        err[k] = (errs + g.length * u * abs) * (op == ReduceOp.MEAN ? 1.0 / Math.max(1, g.length) : 1) + u * Math.abs(value);
      } else if (op == ReduceOp.MAX || op == ReduceOp.MIN) {
        boolean max = op == ReduceOp.MAX;
        int best = 0;
        for (int j = 1; j < g.length; j++) {
          double a = in.v[g[j]], c = in.v[g[best]];
          if (max ? a > c : a < c) best = j;
        }
        value = in.v[g[best]];
        int ties = 0;
        for (int j = 0; j < g.length; j++) {
          double a = in.v[g[j]];
          if (a == value) {
            if (in.err[g[j]] > 0 || in.err[g[best]] > 0) {
              if (j != best) throw new Unsuitable(op + " reduction of a tie Olympus' rounding could break");
            }
            ties++;
          } else {
            requireApart(a, in.err[g[j]], value, in.err[g[best]], op.name().toLowerCase() + " reduction");
          }
        }
        // JAX's reduce_max/min JVP: the tangent averaged over the locations of the extremum.
        for (int j = 0; j < g.length; j++) weights[j] = in.v[g[j]] == value ? 1.0 / ties : 0;
        err[k] = in.err[g[best]];
      } else {
        boolean any = op == ReduceOp.ANY;
        boolean acc = !any;
        for (int i : g) acc = any ? acc || in.v[i] != 0 : acc && in.v[i] != 0;
        value = acc ? 1 : 0;
      }
      v[k] = value;
      if (!t.isFloat() || !in.type.isFloat()) continue;
      for (int dir = 0; dir < directions; dir++) {
        double dd = 0, mm = 0, ee = 0, terms = 0;
        for (int j = 0; j < g.length; j++) {
          double w = weights[j];
          dd += w * in.d[g[j]][dir];
          mm += Math.abs(w) * in.m[g[j]][dir];
          ee += Math.abs(w) * in.e[g[j]][dir];
          terms += Math.abs(w * in.d[g[j]][dir]);
        }
        d[k][dir] = dd;
        m[k][dir] = mm;
        e[k][dir] = ee + g.length * u * (terms + mm);
      }
    }
    return new Dual(t, v, err, d, m, e);
  }

  private Dual dot(Dual a, Dual b, Ty t, boolean matmul) {
    a = convert(a, a.type.withDtype(t.dtype(), t.weak()));
    b = convert(b, b.type.withDtype(t.dtype(), t.weak()));
    if (!matmul && (a.type.rank() == 0 || b.type.rank() == 0)) return arithmetic(BinaryOp.MUL, a, b, t);
    int[] ca, cb, ba, bb;
    Ty full = t;
    if (!matmul) {
      ca = new int[] {a.type.rank() - 1};
      cb = new int[] {b.type.rank() == 1 ? 0 : b.type.rank() - 2};
      ba = new int[0];
      bb = new int[0];
    } else {
      int[] as = a.type.rank() == 1 ? new int[] {1, a.type.dim(0)} : a.type.shape();
      int[] bs = b.type.rank() == 1 ? new int[] {b.type.dim(0), 1} : b.type.shape();
      int[] batch = TypeRules.broadcast(Arrays.copyOf(as, as.length - 2), Arrays.copyOf(bs, bs.length - 2));
      int nb = batch.length;
      int[] as2 = Arrays.copyOf(batch, nb + 2), bs2 = Arrays.copyOf(batch, nb + 2);
      as2[nb] = as[as.length - 2];
      as2[nb + 1] = as[as.length - 1];
      bs2[nb] = bs[bs.length - 2];
      bs2[nb + 1] = bs[bs.length - 1];
      a = broadcast(a.retyped(a.type.withShape(as)), as2).retyped(a.type.withShape(as2));
      b = broadcast(b.retyped(b.type.withShape(bs)), bs2).retyped(b.type.withShape(bs2));
      ca = new int[] {nb + 1};
      cb = new int[] {nb};
      ba = new int[nb];
      for (int i = 0; i < nb; i++) ba[i] = i;
      bb = ba;
      int[] fs = Arrays.copyOf(batch, nb + 2);
      fs[nb] = as2[nb];
      fs[nb + 1] = bs2[nb + 1];
      full = t.withShape(fs);
    }
    Indexing.Contraction c = Indexing.contraction(a.type.shape(), b.type.shape(), ca, cb, ba, bb);
    int n = full.size();
    double u = unit(t);
    double[] v = new double[n], err = new double[n];
    double[][] d = new double[n][directions], m = new double[n][directions], e = new double[n][directions];
    for (int k = 0; k < n; k++) {
      int[] ia = c.lhs()[k], ib = c.rhs()[k];
      double s = 0, abs = 0, er = 0;
      for (int j = 0; j < ia.length; j++) {
        double x = a.v[ia[j]], y = b.v[ib[j]];
        s += x * y;
        abs += Math.abs(x * y);
        er += Math.abs(y) * a.err[ia[j]] + Math.abs(x) * b.err[ib[j]];
      }
      v[k] = s;
      err[k] = er + (ia.length + 1) * u * abs;
      if (!t.isFloat()) continue;
      for (int dir = 0; dir < directions; dir++) {
        double dd = 0, mm = 0, ee = 0, terms = 0;
        for (int j = 0; j < ia.length; j++) {
          double x = a.v[ia[j]], y = b.v[ib[j]];
          double dx = a.d[ia[j]][dir], dy = b.d[ib[j]][dir];
          dd += y * dx + x * dy;
          mm += Math.abs(y) * a.m[ia[j]][dir] + Math.abs(x) * b.m[ib[j]][dir];
          ee += Math.abs(y) * a.e[ia[j]][dir] + Math.abs(x) * b.e[ib[j]][dir] + b.err[ib[j]] * Math.abs(dx)
              + a.err[ia[j]] * Math.abs(dy);
          terms += Math.abs(y * dx) + Math.abs(x * dy);
        }
        d[k][dir] = dd;
        m[k][dir] = mm;
        e[k][dir] = ee + (ia.length + 1) * u * (terms + mm);
      }
    }
    return new Dual(full, v, err, d, m, e).retyped(t);
  }

  private Dual concatenate(List<Dual> xs, int axis, Ty t) {
    int[][] shapes = new int[xs.size()][];
    for (int i = 0; i < shapes.length; i++) shapes[i] = xs.get(i).type.shape();
    int[][] src = Indexing.concatenate(shapes, axis);
    int n = t.size();
    double[] v = new double[n], err = new double[n];
    double[][] d = new double[n][], m = new double[n][], e = new double[n][];
    for (int i = 0; i < n; i++) {
      Dual x = xs.get(src[i][0]);
      int j = src[i][1];
      v[i] = x.v[j];
      err[i] = x.err[j];
      d[i] = x.d[j];
      m[i] = x.m[j];
      e[i] = x.e[j];
    }
    return new Dual(t, v, err, d, m, e);
  }
}
