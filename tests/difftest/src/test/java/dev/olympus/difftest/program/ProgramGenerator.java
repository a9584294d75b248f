package dev.olympus.difftest.program;

import dev.olympus.DType;
import dev.olympus.difftest.KnownIssues;
import dev.olympus.difftest.reference.TypeRules;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Random, valid programs from a seed: a DAG of 1-30 nodes over 1-3 inputs of random dtypes and shapes (ranks 0-3,
 * sizes 0 and 1 included, shapes chosen to broadcast against each other), Java literals mixed in, over the whole op
 * surface of {@code Jnp}, {@code Lax} and {@code Array}, with small control-flow bodies. Every node is type-checked
 * by {@link TypeRules} as it is added, so only programs JAX accepts are produced. The same seed always gives the
 * same case.
 */
public final class ProgramGenerator {
  /** What the programs are for. */
  public enum Profile {
    /** Everything, with edge values in the inputs. */
    GENERAL,
    /**
     * Scalar-valued float programs of differentiable ops on moderate inputs (log, sqrt, division and pow get a
     * positive argument by construction), for grad.
     */
    GRAD
  }

  /** The largest value a node may produce, in elements (keeps the reference fast). */
  static final int MAX_ELEMENTS = 4096;

  private final SplittableRandom r;
  private final Profile profile;

  private ProgramGenerator(long seed, Profile profile) {
    this.r = new SplittableRandom(seed);
    this.profile = profile;
  }

  public static Case generate(long seed, Profile profile) {
    ProgramGenerator g = new ProgramGenerator(seed, profile);
    return g.generateCase(seed);
  }

  private Case generateCase(long seed) {
    int nInputs = 1 + r.nextInt(3);
    List<Ty> inputs = inputTypes(nInputs);
    Builder b = new Builder(inputs, 0);
    int target = profile == Profile.GRAD ? 1 + r.nextInt(16) : skewedCount();
    for (int attempts = 0; b.nodes.size() < target && attempts < target * 12; attempts++) node(b);
    if (b.nodes.isEmpty()) b.add(new Expr.Unary(UnaryOp.NEG, Api.JNP, firstNumeric(b)));
    int[] outputs;
    if (profile == Profile.GRAD) {
      outputs = new int[] {scalarLoss(b)};
    } else {
      outputs = sinks(b);
    }
    Program p = b.program(outputs);
    List<Input> values = new ArrayList<>();
    InputValues iv = new InputValues(r, profile);
    for (Ty t : inputs) values.add(iv.make(t));
    return new Case(seed, p, values);
  }

  /** Fresh inputs of {@code c}'s types (another example of a batch), deterministic in {@code seed}. */
  public static List<Input> otherInputs(Case c, long seed) {
    InputValues iv = new InputValues(new SplittableRandom(seed), Profile.GENERAL);
    List<Input> out = new ArrayList<>();
    for (Ty t : c.program().inputs()) out.add(iv.make(t));
    return out;
  }

  /**
   * The program's results: the last node and the other nodes nothing reads (at most four in all), so that little
   * of the program is dead code the jit would drop unchecked. Sometimes also a value that is read, so a fused
   * intermediate is materialised too.
   */
  private int[] sinks(Builder b) {
    int last = b.types.size() - 1;
    boolean[] read = new boolean[b.types.size()];
    for (Expr e : b.nodes) for (int v : Expr.allReads(e)) read[v] = true;
    List<Integer> out = new ArrayList<>(List.of(last));
    List<Integer> others = new ArrayList<>();
    for (int v = b.inputCount; v < last; v++) if (!read[v]) others.add(v);
    java.util.Collections.shuffle(others, new java.util.Random(r.nextLong()));
    for (int i = 0; i < others.size() && out.size() < 4; i++) out.add(others.get(i));
    if (out.size() < 4 && last > b.inputCount && r.nextInt(4) == 0) {
      int v = b.inputCount + r.nextInt(last - b.inputCount);
      if (!out.contains(v)) out.add(v);
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  /** Mostly short programs, some long ones: 1-30 nodes. */
  private int skewedCount() {
    int k = r.nextInt(10);
    if (k < 4) return 1 + r.nextInt(6);
    if (k < 8) return 4 + r.nextInt(10);
    return 10 + r.nextInt(21);
  }

  private int firstNumeric(Builder b) {
    for (int i = 0; i < b.types.size(); i++) if (!b.types.get(i).isBool()) return i;
    return b.add(new Expr.Astype(0, DType.I32));
  }

  // ---- inputs --------------------------------------------------------------------------------------------

  private List<Ty> inputTypes(int n) {
    int[] base = shape(r.nextInt(4));
    List<Ty> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int[] s;
      int k = r.nextInt(10);
      if (i == 0 || k < 4) s = base.clone();
      else if (k < 8) s = broadcastVariant(base);
      else s = shape(r.nextInt(4));
      DType d = profile == Profile.GRAD && i == 0 ? (r.nextInt(3) == 0 ? DType.F64 : DType.F32) : dtype();
      if (profile == Profile.GRAD && Ty.of(d, s).size() > 24) s = shape(r.nextInt(3));
      out.add(Ty.of(d, s));
    }
    return out;
  }

  private DType dtype() {
    int k = r.nextInt(100);
    if (profile == Profile.GRAD) return k < 60 ? DType.F32 : k < 80 ? DType.F64 : k < 92 ? DType.I32 : DType.BOOL;
    if (k < 38) return DType.F32;
    if (k < 52) return DType.F64;
    if (k < 72) return DType.I32;
    if (k < 84) return DType.I64;
    return DType.BOOL;
  }

  /**
   * Sizes 0 and 1 (the edge cases of broadcasting and reductions), small ones, and some past a SIMD vector (8 or 16
   * float lanes), a vector plus a tail, and a 1024-element tile.
   */
  private int dim() {
    int k = r.nextInt(100);
    if (profile == Profile.GRAD) return k < 25 ? 1 : k < 50 ? 2 : k < 75 ? 3 : 4;
    if (k < 6) return new int[] {17, 33, 64, 1030}[r.nextInt(4)];
    if (k < 11) return 0;
    if (k < 29) return 1;
    if (k < 47) return 2;
    if (k < 63) return 3;
    if (k < 75) return 4;
    if (k < 83) return 5;
    if (k < 90) return 7;
    if (k < 95) return 8;
    return 13;
  }

  private int[] shape(int rank) {
    int[] s = new int[rank];
    for (int i = 0; i < rank; i++) s[i] = dim();
    // A long axis only in a small array.
    if (Ty.of(DType.F32, s).size() > MAX_ELEMENTS / 2) for (int i = 0; i < rank; i++) s[i] = Math.min(s[i], 3);
    return s;
  }

  /** A shape that broadcasts with {@code base}: a suffix of it, with some axes set to 1. */
  private int[] broadcastVariant(int[] base) {
    int drop = base.length == 0 ? 0 : r.nextInt(base.length + 1);
    int[] s = Arrays.copyOfRange(base, drop, base.length);
    for (int i = 0; i < s.length; i++) if (r.nextInt(3) == 0) s[i] = 1;
    return s;
  }

  // ---- nodes ---------------------------------------------------------------------------------------------

  /** A growing program: the types of its values so far, and its nodes. */
  final class Builder {
    final List<Ty> types;
    final List<Expr> nodes = new ArrayList<>();
    final int inputCount;
    final int depth;

    Builder(List<Ty> inputs, int depth) {
      this.types = new ArrayList<>(inputs);
      this.inputCount = inputs.size();
      this.depth = depth;
    }

    /** Adds {@code e} if it is valid: returns its value index, or -1. */
    int add(Expr e) {
      Ty t;
      try {
        t = TypeRules.type(e, types);
      } catch (TypeRules.Invalid invalid) {
        return -1;
      }
      if (t.size() > MAX_ELEMENTS || !avoidsKnownIssues(e, types)) return -1;
      if (profile == Profile.GRAD && !gradFriendly(e, t)) return -1;
      nodes.add(e);
      types.add(t);
      return types.size() - 1;
    }

    Ty type(int v) { return types.get(v); }

    int count() { return types.size(); }

    Program program(int[] outputs) {
      return new Program(types.subList(0, inputCount), nodes, types, outputs);
    }

    /** A value, favouring recent ones (deep chains) but reaching back to inputs too. */
    int pick() {
      int n = types.size();
      return r.nextInt(2) == 0 ? n - 1 - r.nextInt(Math.min(n, 3)) : r.nextInt(n);
    }

    /** A value satisfying {@code ok}, or -1. */
    int pick(java.util.function.Predicate<Ty> ok) {
      List<Integer> c = new ArrayList<>();
      for (int i = 0; i < types.size(); i++) if (ok.test(types.get(i))) c.add(i);
      if (c.isEmpty()) return -1;
      if (r.nextInt(2) == 0) return c.get(c.size() - 1);
      return c.get(r.nextInt(c.size()));
    }
  }

  /** The generator's part of {@link KnownIssues}: operands it must not produce while an issue is open. */
  static boolean avoidsKnownIssues(Expr e, List<Ty> types) {
    if (KnownIssues.F64_LITERAL_ROUNDED_TO_F32.avoided() && roundsF64Literal(e, types)) return false;
    return true;
  }

  /** A float literal f32 cannot hold exactly, promoted to f64 by the node. */
  private static boolean roundsF64Literal(Expr e, List<Ty> types) {
    List<Operand> ops = new ArrayList<>();
    if (e instanceof Expr.Binary b) ops.addAll(List.of(b.a(), b.b()));
    else if (e instanceof Expr.Where w) ops.addAll(List.of(w.x(), w.y()));
    else if (e instanceof Expr.Clip c) ops.addAll(List.of(new Operand.FloatLit(c.lo()), new Operand.FloatLit(c.hi()), Operand.ref(c.x())));
    boolean f64 = false, inexact = false;
    for (Operand o : ops) {
      if (o instanceof Operand.Ref r && types.get(r.index()).dtype() == DType.F64) f64 = true;
      if (o instanceof Operand.FloatLit f && (double) (float) f.value() != f.value() && !Double.isNaN(f.value())) inexact = true;
    }
    return f64 && inexact;
  }

  /** In the grad profile: no node whose derivative JAX defines as zero through an integer cast is excluded. */
  private boolean gradFriendly(Expr e, Ty t) {
    if (e instanceof Expr.Binary b && (b.op() == BinaryOp.FLOOR_DIVIDE || b.op() == BinaryOp.REMAINDER
        || b.op() == BinaryOp.REM || b.op() == BinaryOp.ATAN2)) {
      return false;
    }
    return !(e instanceof Expr.Unary u && u.op() == UnaryOp.TAN);
  }

  private void node(Builder b) {
    int k = r.nextInt(100);
    boolean grad = profile == Profile.GRAD;
    if (k < 16) unary(b);
    else if (k < 38) binary(b);
    else if (k < 43) laxBinary(b);
    else if (k < 47) powerLike(b);
    else if (k < 53) where(b);
    else if (k < 61) reduce(b);
    else if (k < 72) reshapeLike(b);
    else if (k < 78) sliceLike(b);
    else if (k < 83) dotLike(b);
    else if (k < 89) astype(b);
    else if (k < 91) constant(b);
    else if (b.depth < 2) controlFlow(b);
    else unary(b);
    if (grad) return;
  }

  private static final UnaryOp[] FLOAT_UNARY = {UnaryOp.EXP, UnaryOp.LOG, UnaryOp.LOG2, UnaryOp.LOG1P, UnaryOp.EXPM1,
      UnaryOp.SQRT, UnaryOp.SIN, UnaryOp.COS, UnaryOp.TAN, UnaryOp.TANH, UnaryOp.LOGISTIC, UnaryOp.NEG, UnaryOp.ABS,
      UnaryOp.SIGN, UnaryOp.FLOOR, UnaryOp.CEIL, UnaryOp.RSQRT};

  private static final UnaryOp[] GRAD_UNARY = {UnaryOp.EXP, UnaryOp.LOG, UnaryOp.LOG2, UnaryOp.LOG1P, UnaryOp.EXPM1,
      UnaryOp.SQRT, UnaryOp.SIN, UnaryOp.COS, UnaryOp.TANH, UnaryOp.LOGISTIC, UnaryOp.NEG, UnaryOp.ABS, UnaryOp.RSQRT};

  private void unary(Builder b) {
    int x = b.pick();
    Ty t = b.type(x);
    UnaryOp op;
    Api api = Api.JNP;
    if (profile == Profile.GRAD) {
      op = GRAD_UNARY[r.nextInt(GRAD_UNARY.length)];
      if (op == UnaryOp.LOG || op == UnaryOp.LOG2 || op == UnaryOp.SQRT || op == UnaryOp.RSQRT || op == UnaryOp.LOG1P) {
        x = positive(b, x);
        if (x < 0) return;
      }
      if (op == UnaryOp.EXP || op == UnaryOp.EXPM1) x = bounded(b, x);
      if (x < 0) return;
      if (op == UnaryOp.RSQRT && !b.type(x).isFloat()) op = UnaryOp.SQRT;
      api = op == UnaryOp.RSQRT ? Api.LAX : Api.JNP;
      b.add(new Expr.Unary(op, api, x));
      return;
    }
    if (t.isBool()) {
      op = r.nextBoolean() ? UnaryOp.LOGICAL_NOT : r.nextBoolean() ? UnaryOp.BITWISE_NOT : FLOAT_UNARY[r.nextInt(11)];
      api = op == UnaryOp.BITWISE_NOT ? Api.LAX : Api.JNP;
    } else if (t.isInt()) {
      int c = r.nextInt(10);
      op = c < 5 ? FLOAT_UNARY[r.nextInt(FLOAT_UNARY.length - 1)] : c < 7 ? UnaryOp.LOGICAL_NOT
          : new UnaryOp[] {UnaryOp.NEG, UnaryOp.ABS, UnaryOp.SIGN, UnaryOp.BITWISE_NOT}[r.nextInt(4)];
      api = op == UnaryOp.BITWISE_NOT ? Api.LAX : op.floating() ? Api.JNP : r.nextInt(4) == 0 && op != UnaryOp.LOGICAL_NOT ? Api.LAX : Api.JNP;
    } else {
      op = FLOAT_UNARY[r.nextInt(FLOAT_UNARY.length)];
      api = op == UnaryOp.RSQRT || op != UnaryOp.LOG2 && r.nextInt(4) == 0 ? Api.LAX : Api.JNP;
      if (op == UnaryOp.LOGICAL_NOT) api = Api.JNP;
    }
    if (op == UnaryOp.NEG && api == Api.JNP && r.nextBoolean()) api = Api.METHOD;
    b.add(new Expr.Unary(op, api, x));
  }

  /** A positive function of {@code x} (x^2 + 0.5), for ops whose domain is the positive reals. */
  private int positive(Builder b, int x) {
    int f = toFloat(b, x);
    if (f < 0) return -1;
    int sq = b.add(new Expr.Square(f));
    if (sq < 0) return -1;
    return b.add(new Expr.Binary(BinaryOp.ADD, Api.JNP, Operand.ref(sq), new Operand.FloatLit(0.5)));
  }

  /** tanh(x) * 3: keeps exp and pow arguments in a range where their values stay moderate. */
  private int bounded(Builder b, int x) {
    int f = toFloat(b, x);
    if (f < 0) return -1;
    int t = b.add(new Expr.Unary(UnaryOp.TANH, Api.JNP, f));
    if (t < 0) return -1;
    return b.add(new Expr.Binary(BinaryOp.MUL, Api.METHOD, Operand.ref(t), new Operand.FloatLit(3.0)));
  }

  private int toFloat(Builder b, int x) {
    if (b.type(x).isFloat()) return x;
    return b.add(new Expr.Astype(x, DType.F32));
  }

  private Operand literal(Ty like) {
    boolean useInt = like.isInt() || like.isBool() ? r.nextInt(3) > 0 : r.nextInt(4) == 0;
    if (profile == Profile.GRAD) useInt = r.nextInt(4) == 0;
    if (useInt) {
      int[] pool = {0, 1, 2, 3, -1, -2, 5, 7, 100, -9};
      int v = r.nextInt(20) == 0 ? (r.nextBoolean() ? Integer.MAX_VALUE : Integer.MIN_VALUE) : pool[r.nextInt(pool.length)];
      if (profile == Profile.GRAD) v = pool[r.nextInt(6)];
      return new Operand.IntLit(v);
    }
    double[] pool = {0.5, 2.0, -1.5, 1.0, 0.0, -0.0, 3.25, 0.1, 1e-3, 100.0, -7.0, 0.3};
    double v = pool[r.nextInt(pool.length)];
    if (profile == Profile.GENERAL && r.nextInt(25) == 0) {
      v = new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e30, 1e-30, 0.1 + 1e-9}[r.nextInt(6)];
    }
    return new Operand.FloatLit(v);
  }

  /** A value whose shape broadcasts with {@code t}'s (or any value, sometimes, for a shape error to be skipped). */
  private int partner(Builder b, Ty t) {
    int y = b.pick(u -> {
      try {
        TypeRules.broadcast(u.shape(), t.shape());
        return true;
      } catch (TypeRules.Invalid e) {
        return false;
      }
    });
    return y < 0 ? b.pick() : y;
  }

  private static final BinaryOp[] JNP_BINARY = {BinaryOp.ADD, BinaryOp.SUB, BinaryOp.MUL, BinaryOp.DIV,
      BinaryOp.FLOOR_DIVIDE, BinaryOp.REMAINDER, BinaryOp.POW, BinaryOp.MAX, BinaryOp.MIN, BinaryOp.GT, BinaryOp.LT,
      BinaryOp.GE, BinaryOp.LE, BinaryOp.EQ, BinaryOp.NE, BinaryOp.LOGICAL_AND, BinaryOp.LOGICAL_OR,
      BinaryOp.ADD, BinaryOp.MUL, BinaryOp.SUB};

  private static final BinaryOp[] GRAD_BINARY = {BinaryOp.ADD, BinaryOp.SUB, BinaryOp.MUL, BinaryOp.DIV,
      BinaryOp.POW, BinaryOp.MAX, BinaryOp.MIN, BinaryOp.ADD, BinaryOp.MUL};

  private void binary(Builder b) {
    int x = b.pick();
    Ty t = b.type(x);
    boolean grad = profile == Profile.GRAD;
    BinaryOp op = grad ? GRAD_BINARY[r.nextInt(GRAD_BINARY.length)] : JNP_BINARY[r.nextInt(JNP_BINARY.length)];
    Operand a = Operand.ref(x), c;
    if (r.nextInt(10) < 4) c = literal(t);
    else c = Operand.ref(partner(b, t));
    if (grad && (op == BinaryOp.DIV || op == BinaryOp.POW)) {
      // A positive divisor, and a positive base.
      if (op == BinaryOp.DIV) {
        if (c instanceof Operand.Ref ref) {
          int p = positive(b, ref.index());
          if (p < 0) return;
          c = Operand.ref(p);
        } else if (c instanceof Operand.FloatLit f && Math.abs(f.value()) < 0.1 || c instanceof Operand.IntLit i && i.value() == 0) {
          c = new Operand.FloatLit(2.0);
        }
      } else {
        int p = positive(b, x);
        if (p < 0) return;
        a = Operand.ref(p);
        if (c instanceof Operand.Ref ref) {
          int q = bounded(b, ref.index());
          if (q < 0) return;
          c = Operand.ref(q);
        }
      }
    }
    if (r.nextInt(4) == 0 && !(c instanceof Operand.Ref)) {
      Operand s = a;
      a = c;
      c = s;
    }
    Api api = op.hasMethod() && a instanceof Operand.Ref && r.nextInt(3) == 0 ? Api.METHOD : Api.JNP;
    b.add(new Expr.Binary(op, api, a, c));
  }

  private void laxBinary(Builder b) {
    int x = b.pick(t -> !t.isBool() || profile == Profile.GENERAL);
    if (x < 0) return;
    Ty t = b.type(x);
    List<BinaryOp> ops = new ArrayList<>();
    if (t.isFloat()) ops.addAll(List.of(BinaryOp.ADD, BinaryOp.SUB, BinaryOp.MUL, BinaryOp.DIV, BinaryOp.MAX, BinaryOp.MIN, BinaryOp.POW, BinaryOp.ATAN2, BinaryOp.REM, BinaryOp.GT, BinaryOp.EQ, BinaryOp.LE));
    else if (t.isInt()) ops.addAll(List.of(BinaryOp.ADD, BinaryOp.SUB, BinaryOp.MUL, BinaryOp.DIV, BinaryOp.REM, BinaryOp.MAX, BinaryOp.MIN, BinaryOp.BIT_AND, BinaryOp.BIT_OR, BinaryOp.BIT_XOR, BinaryOp.LT, BinaryOp.NE));
    else ops.addAll(List.of(BinaryOp.BIT_AND, BinaryOp.BIT_OR, BinaryOp.BIT_XOR, BinaryOp.EQ, BinaryOp.GT));
    if (profile == Profile.GRAD) ops.retainAll(List.of(BinaryOp.ADD, BinaryOp.SUB, BinaryOp.MUL, BinaryOp.MAX, BinaryOp.MIN));
    if (ops.isEmpty()) return;
    BinaryOp op = ops.get(r.nextInt(ops.size()));
    Operand c;
    int y = b.pick(u -> u.dtype() == t.dtype() && (Arrays.equals(u.shape(), t.shape()) || u.rank() == 0 || t.rank() == 0));
    if (t.dtype() == DType.F32 && r.nextInt(3) == 0) c = new Operand.FloatLit(literal(t) instanceof Operand.FloatLit f ? f.value() : 2.0);
    else if (t.dtype() == DType.I32 && r.nextInt(3) == 0) c = new Operand.IntLit(new int[] {0, 1, -1, 3, 31, Integer.MIN_VALUE}[r.nextInt(6)]);
    else c = Operand.ref(y < 0 ? x : y);
    Operand a = Operand.ref(x);
    if (r.nextInt(4) == 0) {
      Operand s = a;
      a = c;
      c = s;
    }
    b.add(new Expr.Binary(op, Api.LAX, a, c));
  }

  private void powerLike(Builder b) {
    int x = b.pick(t -> !t.isBool());
    if (x < 0) return;
    int k = r.nextInt(3);
    Ty t = b.type(x);
    if (k == 0) {
      b.add(new Expr.Square(x));
    } else if (k == 1) {
      int n = t.isFloat() ? r.nextInt(9) - 3 : r.nextInt(6);
      b.add(new Expr.IntPow(Api.values()[r.nextInt(3)], x, n));
    } else {
      double lo = new double[] {-1, 0, -0.5, 2}[r.nextInt(4)];
      double hi = lo + new double[] {0, 1, 2.5}[r.nextInt(3)];
      if (profile == Profile.GENERAL && r.nextInt(10) == 0) hi = lo - 1;
      b.add(new Expr.Clip(x, lo, hi));
    }
  }

  private void where(Builder b) {
    int c = b.pick(Ty::isBool);
    if (c < 0 || r.nextInt(4) == 0) c = comparison(b);
    if (c < 0) return;
    Ty ct = b.type(c);
    Operand x = r.nextInt(4) == 0 ? literal(ct) : Operand.ref(partner(b, ct));
    Operand y = r.nextInt(4) == 0 ? literal(ct) : Operand.ref(partner(b, ct));
    if (profile == Profile.GRAD && !(x instanceof Operand.Ref) && !(y instanceof Operand.Ref)) x = Operand.ref(partner(b, ct));
    b.add(new Expr.Where(c, x, y));
  }

  /** A bool value: a comparison of a value with another or a literal. */
  private int comparison(Builder b) {
    int x = b.pick();
    Ty t = b.type(x);
    BinaryOp op = new BinaryOp[] {BinaryOp.GT, BinaryOp.LT, BinaryOp.GE, BinaryOp.LE, BinaryOp.EQ, BinaryOp.NE}[r.nextInt(6)];
    if (profile == Profile.GRAD) op = r.nextBoolean() ? BinaryOp.GT : BinaryOp.LT;
    Operand c = r.nextBoolean() ? literal(t) : Operand.ref(partner(b, t));
    return b.add(new Expr.Binary(op, r.nextBoolean() ? Api.METHOD : Api.JNP, Operand.ref(x), c));
  }

  private void reduce(Builder b) {
    int x = b.pick();
    Ty t = b.type(x);
    ReduceOp[] ops = profile == Profile.GRAD ? new ReduceOp[] {ReduceOp.SUM, ReduceOp.MEAN, ReduceOp.MAX, ReduceOp.MIN, ReduceOp.SUM}
        : ReduceOp.values();
    ReduceOp op = ops[r.nextInt(ops.length)];
    int[] axes = axes(t.rank());
    Api api = op.hasMethod() && r.nextInt(3) == 0 ? Api.METHOD : Api.JNP;
    b.add(new Expr.Reduce(op, api, x, axes));
  }

  /** A random subset of the axes (empty: all), some written negative. */
  private int[] axes(int rank) {
    if (rank == 0 || r.nextInt(3) == 0) return new int[0];
    List<Integer> a = new ArrayList<>();
    for (int i = 0; i < rank; i++) if (r.nextBoolean()) a.add(r.nextInt(3) == 0 ? i - rank : i);
    if (a.isEmpty()) a.add(r.nextInt(rank));
    java.util.Collections.shuffle(a, new java.util.Random(r.nextLong()));
    return a.stream().mapToInt(Integer::intValue).toArray();
  }

  private void reshapeLike(Builder b) {
    int x = b.pick();
    Ty t = b.type(x);
    int k = r.nextInt(5);
    switch (k) {
      case 0 -> b.add(new Expr.Reshape(x, newShape(t)));
      case 1 -> {
        int[] perm = null;
        if (r.nextInt(3) > 0) {
          List<Integer> p = new ArrayList<>();
          for (int i = 0; i < t.rank(); i++) p.add(r.nextInt(4) == 0 ? i - t.rank() : i);
          java.util.Collections.shuffle(p, new java.util.Random(r.nextLong()));
          perm = p.stream().mapToInt(Integer::intValue).toArray();
        }
        b.add(new Expr.Transpose(x, perm));
      }
      case 2 -> {
        List<Integer> s = new ArrayList<>();
        int lead = r.nextInt(3);
        for (int i = 0; i < lead; i++) s.add(1 + r.nextInt(3));
        for (int d : t.shape()) s.add(d == 1 && r.nextBoolean() ? 1 + r.nextInt(4) : d);
        if (t.rank() + lead > 4) return;
        b.add(new Expr.BroadcastTo(x, s.stream().mapToInt(Integer::intValue).toArray()));
      }
      case 3 -> {
        if (t.rank() >= 4) return;
        b.add(new Expr.ExpandDims(x, r.nextInt(2 * t.rank() + 2) - t.rank() - 1));
      }
      default -> {
        List<Integer> ones = new ArrayList<>();
        for (int i = 0; i < t.rank(); i++) if (t.dim(i) == 1 && r.nextBoolean()) ones.add(r.nextBoolean() ? i : i - t.rank());
        b.add(new Expr.Squeeze(x, ones.stream().mapToInt(Integer::intValue).toArray()));
      }
    }
  }

  /** Another shape of the same size: the dims regrouped, maybe with one -1. */
  private int[] newShape(Ty t) {
    List<Integer> factors = new ArrayList<>();
    int size = t.size();
    if (size == 0) {
      int[] s = new int[1 + r.nextInt(3)];
      for (int i = 0; i < s.length; i++) s[i] = 1 + r.nextInt(3);
      s[r.nextInt(s.length)] = 0;
      return s;
    }
    int n = size;
    for (int p = 2; p <= n; p++) while (n % p == 0) {
      factors.add(p);
      n /= p;
    }
    java.util.Collections.shuffle(factors, new java.util.Random(r.nextLong()));
    int rank = r.nextInt(4);
    if (factors.isEmpty()) rank = r.nextInt(3);
    int[] s = new int[Math.max(rank, factors.isEmpty() ? 0 : 1)];
    Arrays.fill(s, 1);
    for (int i = 0; i < factors.size(); i++) s[s.length == 0 ? 0 : i % s.length] *= factors.get(i);
    if (s.length > 0 && r.nextInt(3) == 0) s[r.nextInt(s.length)] = -1;
    return s;
  }

  private void sliceLike(Builder b) {
    int x = b.pick(t -> t.rank() > 0);
    if (x < 0) return;
    Ty t = b.type(x);
    int k = r.nextInt(3);
    if (k == 0) {
      int axis = r.nextInt(t.rank());
      int d = t.dim(axis);
      int start = r.nextInt(d + 1);
      int stop = start + r.nextInt(d - start + 1);
      int step = 1 + r.nextInt(3);
      b.add(new Expr.Slice(x, r.nextBoolean() ? axis : axis - t.rank(), start, stop, step));
    } else if (k == 1) {
      int axis = r.nextInt(t.rank());
      List<Integer> xs = new ArrayList<>(List.of(x));
      int more = 1 + r.nextInt(2);
      for (int i = 0; i < more; i++) {
        int y = b.pick(u -> {
          if (u.rank() != t.rank()) return false;
          for (int j = 0; j < u.rank(); j++) if (j != axis && u.dim(j) != t.dim(j)) return false;
          return true;
        });
        xs.add(y < 0 ? x : y);
      }
      b.add(new Expr.Concatenate(xs.stream().mapToInt(Integer::intValue).toArray(), r.nextBoolean() ? axis : axis - t.rank()));
    } else {
      List<Integer> xs = new ArrayList<>(List.of(x));
      int y = b.pick(u -> Arrays.equals(u.shape(), t.shape()));
      xs.add(y < 0 ? x : y);
      if (t.rank() >= 3) return;
      b.add(new Expr.Stack(xs.stream().mapToInt(Integer::intValue).toArray(), r.nextInt(t.rank() + 1)));
    }
  }

  private void dotLike(Builder b) {
    int x = b.pick(t -> !t.isBool() && t.rank() > 0);
    if (x < 0) return;
    Ty t = b.type(x);
    boolean matmul = r.nextBoolean();
    int last = t.dim(t.rank() - 1);
    int y = b.pick(u -> !u.isBool() && u.rank() > 0 && u.dim(u.rank() == 1 ? 0 : u.rank() - 2) == last);
    if (y < 0) {
      // x against its own transpose always lines up.
      y = b.add(new Expr.Transpose(x, null));
      if (y < 0) return;
    }
    b.add(matmul ? new Expr.Matmul(x, y) : new Expr.Dot(x, y));
  }

  /**
   * The dtypes the independent reference models (narrow ones are checked against JAX's own values in
   * NarrowDTypeTest): the same seed generates the same programs as before they existed.
   */
  private static final DType[] COVERED = {DType.F32, DType.F64, DType.I32, DType.I64, DType.BOOL};

  private void astype(Builder b) {
    int x = b.pick();
    DType[] ds = profile == Profile.GRAD ? new DType[] {DType.F32, DType.F64, DType.F32, DType.I32} : COVERED;
    b.add(new Expr.Astype(x, ds[r.nextInt(ds.length)]));
  }

  private void constant(Builder b) {
    if (r.nextBoolean()) {
      DType[] ds = {DType.I32, DType.F32, DType.I64, DType.F64};
      b.add(new Expr.Arange(r.nextInt(7), ds[r.nextInt(ds.length)]));
    } else {
      int like = b.pick();
      DType d = profile == Profile.GRAD ? DType.F32 : COVERED[r.nextInt(COVERED.length)];
      b.add(new Expr.Full(d, new double[] {0, 1, -2.5, 3}[r.nextInt(4)], b.type(like).shape()));
    }
  }

  // ---- control flow --------------------------------------------------------------------------------------

  private void controlFlow(Builder b) {
    int k = r.nextInt(3);
    if (k == 0) cond(b);
    else if (k == 1) fori(b);
    else scan(b);
  }

  /** A bool or int scalar: an existing one, or a reduction of a value compared with a literal. */
  private int predicate(Builder b) {
    int p = b.pick(t -> t.rank() == 0 && !t.isFloat());
    if (p >= 0 && r.nextBoolean()) return p;
    int x = b.pick();
    int s = b.add(new Expr.Reduce(ReduceOp.SUM, Api.JNP, x, new int[0]));
    if (s < 0) return -1;
    double threshold = new double[] {0, 1, -1, 2.5}[r.nextInt(4)];
    return b.add(new Expr.Binary(BinaryOp.GT, Api.JNP, Operand.ref(s), new Operand.FloatLit(threshold)));
  }


  private void cond(Builder b) {
    int pred = predicate(b);
    if (pred < 0) return;
    int x = b.pick();
    Ty target = b.type(x).strong();
    Expr.Body t = body(b, List.of(b.type(x)), target, null);
    Expr.Body f = body(b, List.of(b.type(x)), target, null);
    if (t == null || f == null) return;
    b.add(new Expr.Cond(pred, x, t, f));
  }

  private void fori(Builder b) {
    int init = b.pick(t -> t.size() <= 64);
    if (init < 0) return;
    Ty carry = b.type(init);
    int lower = r.nextInt(5) - 2;
    int upper = lower + r.nextInt(5);
    Ty counter = new Ty(DType.I32, new int[0], true);
    Expr.Body body = body(b, List.of(counter, carry), r.nextBoolean() ? carry : carry.strong(), null);
    if (body == null) return;
    b.add(new Expr.ForiLoop(lower, upper, init, body));
  }

  private void scan(Builder b) {
    int xs = b.pick(t -> t.rank() > 0 && t.dim(0) <= 6 && t.size() <= 96);
    if (xs < 0) return;
    Ty xt = b.type(xs);
    Ty row = xt.withShape(Arrays.copyOfRange(xt.shape(), 1, xt.rank()));
    int init = b.pick(t -> Arrays.equals(t.shape(), row.shape()) || t.rank() == 0 && t.size() <= 64);
    if (init < 0) init = b.add(new Expr.Full(row.isBool() ? DType.F32 : row.dtype(), 0, row.shape()));
    if (init < 0) return;
    Ty carry = b.type(init);
    Expr.Body body = body(b, List.of(carry, row), r.nextBoolean() ? carry : carry.strong(), Boolean.TRUE);
    if (body == null) return;
    b.add(new Expr.Scan(init, xs, body, r.nextInt(3) == 0, r.nextBoolean()));
  }

  /**
   * A body taking {@code args} (and up to two captured values of the enclosing program) whose first result is
   * made to have type {@code target}; a scan body ({@code scan} non-null) also returns a y.
   */
  private Expr.Body body(Builder outer, List<Ty> args, Ty target, Boolean scan) {
    List<Integer> captures = new ArrayList<>();
    int nCaptures = r.nextInt(3);
    for (int i = 0; i < nCaptures; i++) {
      int c = outer.pick(t -> t.size() <= 64);
      if (c >= 0 && !captures.contains(c)) captures.add(c);
    }
    List<Ty> in = new ArrayList<>(args);
    for (int c : captures) in.add(outer.type(c));
    Builder b = new Builder(in, outer.depth + 1);
    int n = 1 + r.nextInt(4);
    for (int attempts = 0; b.nodes.size() < n && attempts < 40; attempts++) {
      int k = r.nextInt(10);
      if (k < 3) unary(b);
      else if (k < 6) binary(b);
      else if (k < 7) where(b);
      else if (k < 8) powerLike(b);
      else if (k < 9 && outer.depth == 0) controlFlow(b);
      else astype(b);
    }
    // The carry (or operand) itself is the starting point of the result, so the body uses it.
    int result = scan == null && args.size() == 2 ? 1 : 0;
    int last = b.count() - 1;
    int out = r.nextInt(4) == 0 ? result : last;
    out = coerce(b, out, target);
    if (out < 0) out = coerce(b, result, target);
    if (out < 0) return null;
    int[] outputs = scan != null ? new int[] {out, b.count() - 1 == out ? b.pick() : b.count() - 1} : new int[] {out};
    return new Expr.Body(b.program(outputs), captures.stream().mapToInt(Integer::intValue).toArray());
  }

  /** {@code v} brought to {@code target}'s shape and (strong) dtype by broadcasting or reducing, then astype. */
  private int coerce(Builder b, int v, Ty target) {
    Ty t = b.type(v);
    if (!Arrays.equals(t.shape(), target.shape())) {
      int w = b.add(new Expr.BroadcastTo(v, target.shape()));
      if (w < 0) {
        int s = b.add(new Expr.Reduce(ReduceOp.SUM, Api.JNP, v, new int[0]));
        if (s < 0) return -1;
        w = b.add(new Expr.BroadcastTo(s, target.shape()));
        if (w < 0) return -1;
      }
      v = w;
      t = b.type(v);
    }
    // A weak target accepts a strong value of its dtype (loops do); a strong one needs the conversion.
    if (t.dtype() != target.dtype() || t.weak() && !target.weak()) v = b.add(new Expr.Astype(v, target.dtype()));
    return v;
  }

  /** The grad profile's result: a float scalar of the program's last value. */
  private int scalarLoss(Builder b) {
    int v = b.count() - 1;
    if (!b.type(v).isFloat()) v = b.add(new Expr.Astype(v, DType.F32));
    if (b.type(v).rank() > 0) {
      int s = b.add(new Expr.Reduce(r.nextBoolean() ? ReduceOp.SUM : ReduceOp.MEAN, Api.JNP, v, new int[0]));
      v = s;
    }
    return v;
  }
}
