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
 * The type (dtype, shape, weak type) of every node, from NumPy's and JAX's definitions: broadcasting, the promotion
 * lattice, each function's dtype rule ({@code jnp.divide} is inexact, {@code jnp.sum} of bools is int32, reductions
 * are strongly typed, {@code lax} ops need equal dtypes, ...). The generator uses it to build only valid programs,
 * and the comparison holds Olympus' result types to it. A combination JAX rejects is {@link Invalid}.
 */
public final class TypeRules {
  private TypeRules() {}

  /** The node is not a valid program in JAX (a TypeError or ValueError there). */
  public static final class Invalid extends RuntimeException {
    public Invalid(String message) { super(message, null, false, false); }
  }

  static Invalid invalid(String why) { return new Invalid(why); }

  /** The types of {@code p}'s values for inputs of the given types (bodies retyped too), or {@link Invalid}. */
  public static List<Ty> retype(Program p, List<Ty> inputs) {
    List<Ty> env = new ArrayList<>(inputs);
    for (Expr e : p.nodes()) env.add(type(e, env));
    return env;
  }

  public static Ty operand(Operand o, List<Ty> env) {
    if (o instanceof Operand.Ref r) return env.get(r.index());
    return o instanceof Operand.IntLit ? new Ty(DType.I32, new int[0], true) : new Ty(DType.F32, new int[0], true);
  }

  public static Promotion.Joined join(Ty a, Ty b) { return Promotion.join(a.dtype(), a.weak(), b.dtype(), b.weak()); }

  /** NumPy broadcasting. */
  public static int[] broadcast(int[]... shapes) {
    int rank = 0;
    for (int[] s : shapes) rank = Math.max(rank, s.length);
    int[] out = new int[rank];
    Arrays.fill(out, 1);
    for (int[] s : shapes) {
      for (int i = 0; i < s.length; i++) {
        int o = rank - s.length + i;
        if (s[i] == out[o] || s[i] == 1) continue;
        if (out[o] != 1) throw invalid("shapes " + Arrays.deepToString(shapes) + " do not broadcast");
        out[o] = s[i];
      }
    }
    return out;
  }

  static int axis(int axis, int rank) {
    if (axis < -rank || axis >= rank) throw invalid("axis " + axis + " out of range for rank " + rank);
    return axis < 0 ? axis + rank : axis;
  }

  /** The normalized, distinct axes of a reduction; all axes when none are given. */
  public static int[] reductionAxes(int[] axes, int rank) {
    if (axes.length == 0) {
      int[] all = new int[rank];
      for (int i = 0; i < rank; i++) all[i] = i;
      return all;
    }
    int[] out = new int[axes.length];
    for (int i = 0; i < axes.length; i++) {
      out[i] = axis(axes[i], rank);
      for (int j = 0; j < i; j++) if (out[j] == out[i]) throw invalid("duplicate axis");
    }
    return out;
  }

  public static Ty type(Expr e, List<Ty> env) {
    if (e instanceof Expr.Unary u) return unary(u, env.get(u.x()));
    if (e instanceof Expr.Binary b) return binary(b, operand(b.a(), env), operand(b.b(), env));
    if (e instanceof Expr.IntPow p) {
      Ty x = env.get(p.x());
      if (x.isBool()) throw invalid("integer_pow of bool");
      if (p.n() < 0 && !x.isFloat()) throw invalid("integers cannot be raised to negative powers");
      return x;
    }
    if (e instanceof Expr.Square s) {
      Ty x = env.get(s.x());
      if (x.isBool()) throw invalid("square of bool");
      return x;
    }
    if (e instanceof Expr.Clip c) {
      Ty x = env.get(c.x());
      Promotion.Joined j = Promotion.join(x.dtype(), x.weak(), DType.F32, true);
      return x.withDtype(j.dtype(), j.weak());
    }
    if (e instanceof Expr.Where w) {
      Ty c = env.get(w.cond());
      Ty x = operand(w.x(), env), y = operand(w.y(), env);
      Promotion.Joined j = join(x, y);
      return new Ty(j.dtype(), broadcast(c.shape(), x.shape(), y.shape()), j.weak());
    }
    if (e instanceof Expr.Reduce r) return reduce(r, env.get(r.x()));
    if (e instanceof Expr.Reshape r) return reshape(env.get(r.x()), r.shape());
    if (e instanceof Expr.Transpose t) {
      Ty x = env.get(t.x());
      int[] perm = permutation(t.perm(), x.rank());
      int[] s = new int[x.rank()];
      for (int i = 0; i < s.length; i++) s[i] = x.dim(perm[i]);
      return x.withShape(s);
    }
    if (e instanceof Expr.BroadcastTo b) {
      Ty x = env.get(b.x());
      for (int d : b.shape()) if (d < 0) throw invalid("negative dimension");
      if (b.shape().length < x.rank() || !Arrays.equals(broadcast(x.shape(), b.shape()), b.shape())) {
        throw invalid("cannot broadcast " + x + " to " + Arrays.toString(b.shape()));
      }
      return x.withShape(b.shape());
    }
    if (e instanceof Expr.ExpandDims d) {
      Ty x = env.get(d.x());
      int a = axis(d.axis(), x.rank() + 1);
      int[] s = new int[x.rank() + 1];
      for (int i = 0, k = 0; i < s.length; i++) s[i] = i == a ? 1 : x.dim(k++);
      return x.withShape(s);
    }
    if (e instanceof Expr.Squeeze q) {
      Ty x = env.get(q.x());
      int[] axes = q.axes();
      List<Integer> drop = new ArrayList<>();
      if (axes.length == 0) {
        for (int i = 0; i < x.rank(); i++) if (x.dim(i) == 1) drop.add(i);
      } else {
        for (int a : reductionAxes(axes, x.rank())) {
          if (x.dim(a) != 1) throw invalid("cannot squeeze an axis of size " + x.dim(a));
          drop.add(a);
        }
      }
      List<Integer> keep = new ArrayList<>();
      for (int i = 0; i < x.rank(); i++) if (!drop.contains(i)) keep.add(x.dim(i));
      return x.withShape(keep.stream().mapToInt(Integer::intValue).toArray());
    }
    if (e instanceof Expr.Slice s) {
      Ty x = env.get(s.x());
      int a = axis(s.axis(), x.rank());
      if (s.start() < 0 || s.stop() < s.start() || s.stop() > x.dim(a) || s.step() < 1) {
        throw invalid("lax.slice needs 0 <= start <= stop <= dim and step >= 1");
      }
      int[] shape = x.shape();
      shape[a] = (s.stop() - s.start() + s.step() - 1) / s.step();
      return x.withShape(shape);
    }
    if (e instanceof Expr.Concatenate c) {
      Ty first = env.get(c.xs()[0]);
      if (first.rank() == 0) throw invalid("zero-dimensional arrays cannot be concatenated");
      int a = axis(c.axis(), first.rank());
      int[] shape = first.shape();
      int total = 0;
      Promotion.Joined j = new Promotion.Joined(first.dtype(), first.weak());
      for (int x : c.xs()) {
        Ty t = env.get(x);
        if (t.rank() != first.rank()) throw invalid("concatenate needs equal ranks");
        for (int i = 0; i < t.rank(); i++) if (i != a && t.dim(i) != first.dim(i)) throw invalid("concatenate: dims differ");
        total += t.dim(a);
        j = Promotion.join(j.dtype(), j.weak(), t.dtype(), t.weak());
      }
      shape[a] = total;
      return new Ty(j.dtype(), shape, j.weak());
    }
    if (e instanceof Expr.Stack s) {
      Ty first = env.get(s.xs()[0]);
      Promotion.Joined j = new Promotion.Joined(first.dtype(), first.weak());
      for (int x : s.xs()) {
        Ty t = env.get(x);
        if (!Arrays.equals(t.shape(), first.shape())) throw invalid("stack needs equal shapes");
        j = Promotion.join(j.dtype(), j.weak(), t.dtype(), t.weak());
      }
      int a = axis(s.axis(), first.rank() + 1);
      int[] shape = new int[first.rank() + 1];
      for (int i = 0, k = 0; i < shape.length; i++) shape[i] = i == a ? s.xs().length : first.dim(k++);
      return new Ty(j.dtype(), shape, j.weak());
    }
    if (e instanceof Expr.Dot d) return dot(env.get(d.a()), env.get(d.b()));
    if (e instanceof Expr.Matmul m) return matmul(env.get(m.a()), env.get(m.b()));
    if (e instanceof Expr.Astype a) return new Ty(a.dtype(), env.get(a.x()).shape(), false);
    if (e instanceof Expr.Arange a) {
      if (a.n() < 0 || a.dtype() == DType.BOOL) throw invalid("arange");
      return Ty.of(a.dtype(), a.n());
    }
    if (e instanceof Expr.Full f) return Ty.of(f.dtype(), f.shape());
    if (e instanceof Expr.Cond c) {
      Ty p = env.get(c.pred());
      if (p.rank() != 0 || p.isFloat()) throw invalid("cond predicate must be a bool or integer scalar");
      Ty operand = env.get(c.operand());
      Ty t = bodyOut(c.ifTrue(), List.of(operand), env).get(0);
      Ty f = bodyOut(c.ifFalse(), List.of(operand), env).get(0);
      if (!t.equals(f)) throw invalid("cond branches return " + t + " and " + f);
      return t;
    }
    if (e instanceof Expr.ForiLoop f) {
      Ty counter = new Ty(DType.I32, new int[0], true);
      return loopCarry(f.body(), env.get(f.init()), counter, env);
    }
    if (e instanceof Expr.Scan s) {
      Ty xs = env.get(s.xs());
      if (xs.rank() == 0) throw invalid("scan over a scalar");
      Ty row = xs.withShape(Arrays.copyOfRange(xs.shape(), 1, xs.rank()));
      Ty carry = loopCarry(s.body(), env.get(s.init()), row, env);
      if (!s.ys()) return carry;
      Ty y = bodyOut(s.body(), List.of(env.get(s.init()), row), env).get(1);
      int[] shape = new int[y.rank() + 1];
      shape[0] = xs.dim(0);
      System.arraycopy(y.shape(), 0, shape, 1, y.rank());
      return y.withShape(shape);
    }
    throw new IllegalArgumentException("unknown node " + e);
  }

  /**
   * The type of a loop's final carry. JAX traces the body on init's type; a carry that comes back with another
   * weak type alone is accepted as it is ({@code core.typematch} ignores weak types) and the loop's carry output
   * has the body's type. (A weak init whose body changes its dtype is promoted and the body traced again; the
   * generator does not produce that.) The body must keep dtype and shape.
   */
  static Ty loopCarry(Expr.Body body, Ty init, Ty second, List<Ty> env) {
    boolean scanBody = body.program().outputs().length == 2;
    List<Ty> args = scanBody ? List.of(init, second) : List.of(second, init);
    Ty out = bodyOut(body, args, env).get(0);
    if (out.dtype() != init.dtype() || !Arrays.equals(out.shape(), init.shape())) {
      throw invalid("loop body returns " + out + " for a carry " + init);
    }
    return out;
  }

  /** The output types of a body called with {@code args} (its captures typed from {@code env}). */
  public static List<Ty> bodyOut(Expr.Body body, List<Ty> args, List<Ty> env) {
    List<Ty> in = new ArrayList<>(args);
    for (int c : body.captures()) in.add(env.get(c));
    List<Ty> types = retype(body.program(), in);
    List<Ty> out = new ArrayList<>();
    for (int o : body.program().outputs()) out.add(types.get(o));
    return out;
  }

  public static int[] permutation(int[] perm, int rank) {
    int[] p = new int[rank];
    if (perm == null) {
      for (int i = 0; i < rank; i++) p[i] = rank - 1 - i;
      return p;
    }
    if (perm.length != rank) throw invalid("transpose permutation of the wrong length");
    boolean[] seen = new boolean[rank];
    for (int i = 0; i < rank; i++) {
      p[i] = axis(perm[i], rank);
      if (seen[p[i]]) throw invalid("not a permutation");
      seen[p[i]] = true;
    }
    return p;
  }

  static Ty reshape(Ty x, int[] shape) {
    int infer = -1;
    long known = 1;
    for (int i = 0; i < shape.length; i++) {
      if (shape[i] == -1) {
        if (infer >= 0) throw invalid("two -1 in reshape");
        infer = i;
      } else if (shape[i] < 0) {
        throw invalid("negative dimension");
      } else {
        known *= shape[i];
      }
    }
    int[] s = shape.clone();
    if (infer >= 0) {
      if (known == 0 || x.size() % known != 0) throw invalid("cannot infer -1");
      s[infer] = (int) (x.size() / known);
    } else if (known != x.size()) {
      throw invalid("reshape changes the size");
    }
    return x.withShape(s);
  }

  private static Ty unary(Expr.Unary u, Ty x) {
    UnaryOp op = u.op();
    if (u.api() == Api.LAX) {
      switch (op) {
        case LOG2, LOGICAL_NOT -> throw invalid("no lax form");
        case BITWISE_NOT -> {
          if (x.isFloat()) throw invalid("not of a float");
          return x;
        }
        case NEG, ABS, SIGN -> {
          if (x.isBool()) throw invalid(op + " of bool");
          return x;
        }
        default -> {
          if (!x.isFloat()) throw invalid("lax." + op + " needs a float operand");
          return x;
        }
      }
    }
    if (u.api() == Api.METHOD && op != UnaryOp.NEG) throw invalid("no method");
    return switch (op) {
      case RSQRT, BITWISE_NOT -> throw invalid("no jnp form");
      case NEG, ABS, SIGN, FLOOR, CEIL -> {
        if (x.isBool()) throw invalid(op + " of bool");
        yield x;
      }
      case LOGICAL_NOT -> x.withDtype(DType.BOOL, x.weak());
      // jnp.log2 divides by log(2.0) of a strongly typed constant, so its result is strong (checked in JAX 0.10).
      case LOG2 -> x.withDtype(Promotion.inexact(x.dtype()), false);
      default -> x.withDtype(Promotion.inexact(x.dtype()), x.weak());
    };
  }

  private static Ty binary(Expr.Binary b, Ty x, Ty y) {
    BinaryOp op = b.op();
    Api api = b.api();
    if (api == Api.LAX) {
      if (op == BinaryOp.FLOOR_DIVIDE || op == BinaryOp.REMAINDER || op == BinaryOp.LOGICAL_AND
          || op == BinaryOp.LOGICAL_OR) {
        throw invalid("no lax form");
      }
      if (x.dtype() != y.dtype()) throw invalid("lax needs equal dtypes");
      if (!Arrays.equals(x.shape(), y.shape()) && x.rank() != 0 && y.rank() != 0) throw invalid("lax needs equal shapes");
      int[] shape = x.rank() == 0 ? y.shape() : x.shape();
      boolean weak = x.weak() && y.weak();
      DType d = x.dtype();
      switch (op) {
        case ATAN2 -> {
          if (!x.isFloat()) throw invalid("atan2 needs floats");
        }
        case POW -> {
          if (!x.isFloat()) throw invalid("lax.pow here only on floats");
        }
        case BIT_AND, BIT_OR, BIT_XOR -> {
          if (x.isFloat()) throw invalid("bitwise op on floats");
        }
        default -> {
          if (!op.comparison() && x.isBool()) throw invalid("lax arithmetic on bool");
        }
      }
      return new Ty(op.comparison() ? DType.BOOL : d, shape, weak);
    }
    if (op.laxOnly()) throw invalid("lax only");
    if (api == Api.METHOD && !op.hasMethod()) throw invalid("no method");
    int[] shape = broadcast(x.shape(), y.shape());
    if (op == BinaryOp.LOGICAL_AND || op == BinaryOp.LOGICAL_OR) {
      return new Ty(DType.BOOL, shape, x.weak() && y.weak());
    }
    Promotion.Joined j = join(x, y);
    DType d = j.dtype();
    boolean weak = j.weak();
    switch (op) {
      case SUB -> {
        if (d == DType.BOOL) throw invalid("boolean subtract");
      }
      case DIV -> d = Promotion.inexact(d);
      case FLOOR_DIVIDE, REMAINDER -> {
        if (d == DType.BOOL) throw invalid(op + " of bools");
      }
      case POW -> {
        if (x.isBool() || y.isBool()) throw invalid("power of bools");
        // jnp.power of a float base and an integer exponent is lax.pow(x, y) without promotion: the base's
        // dtype, weak only if both are (lax's weak-type rule).
        if (x.isFloat() && y.isInt() && b.b() instanceof Operand.Ref) {
          d = x.dtype();
          weak = x.weak() && y.weak();
        }
        // Integer jnp.power is JAX's _pow_int_int, built from strongly typed constants: never weak (JAX 0.10).
        if (!Promotion.inexact(d).equals(d) && d != DType.BOOL) weak = false;
      }
      default -> { }
    }
    if (op.comparison()) d = DType.BOOL;
    return new Ty(d, shape, weak);
  }

  private static Ty reduce(Expr.Reduce r, Ty x) {
    if (r.api() == Api.METHOD && !r.op().hasMethod()) throw invalid("no method");
    int[] axes = reductionAxes(r.axes(), x.rank());
    if (r.op() == ReduceOp.MAX || r.op() == ReduceOp.MIN) {
      for (int a : axes) if (x.dim(a) == 0) throw invalid("zero-size array to reduction operation without identity");
    }
    List<Integer> keep = new ArrayList<>();
    outer:
    for (int i = 0; i < x.rank(); i++) {
      for (int a : axes) if (a == i) continue outer;
      keep.add(x.dim(i));
    }
    int[] shape = keep.stream().mapToInt(Integer::intValue).toArray();
    // jnp reductions return strongly typed arrays, whatever the operand's weak type.
    DType d = switch (r.op()) {
      case SUM -> x.isBool() ? DType.I32 : x.dtype();
      case MEAN -> Promotion.inexact(x.dtype());
      case MAX, MIN -> x.dtype();
      case ANY, ALL -> DType.BOOL;
    };
    return new Ty(d, shape, false);
  }

  private static Ty dot(Ty a, Ty b) {
    if (a.isBool() || b.isBool()) throw invalid("dot of bools is not generated");
    Promotion.Joined j = join(a, b);
    if (a.rank() == 0 || b.rank() == 0) return new Ty(j.dtype(), broadcast(a.shape(), b.shape()), j.weak());
    int cb = b.rank() == 1 ? 0 : b.rank() - 2;
    if (a.dim(a.rank() - 1) != b.dim(cb)) throw invalid("dot: shapes not aligned");
    List<Integer> s = new ArrayList<>();
    for (int i = 0; i < a.rank() - 1; i++) s.add(a.dim(i));
    for (int i = 0; i < b.rank(); i++) if (i != cb) s.add(b.dim(i));
    return new Ty(j.dtype(), s.stream().mapToInt(Integer::intValue).toArray(), j.weak());
  }

  private static Ty matmul(Ty a, Ty b) {
    if (a.isBool() || b.isBool()) throw invalid("matmul of bools is not generated");
    if (a.rank() == 0 || b.rank() == 0) throw invalid("matmul of a scalar");
    Promotion.Joined j = join(a, b);
    int[] as = a.rank() == 1 ? new int[] {1, a.dim(0)} : a.shape();
    int[] bs = b.rank() == 1 ? new int[] {b.dim(0), 1} : b.shape();
    if (as[as.length - 1] != bs[bs.length - 2]) throw invalid("matmul: shapes not aligned");
    int[] batch = broadcast(Arrays.copyOf(as, as.length - 2), Arrays.copyOf(bs, bs.length - 2));
    List<Integer> s = new ArrayList<>();
    for (int d : batch) s.add(d);
    if (a.rank() > 1) s.add(as[as.length - 2]);
    if (b.rank() > 1) s.add(bs[bs.length - 1]);
    return new Ty(j.dtype(), s.stream().mapToInt(Integer::intValue).toArray(), j.weak());
  }
}
