package dev.olympus.difftest.program;

import dev.olympus.Array;
import dev.olympus.DType;
import dev.olympus.lax.Lax;
import dev.olympus.numpy.Jnp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;

/**
 * How each node is computed with Olympus' public API, and the same call as Java source text. Both live here, side
 * by side per node kind, so the program a failure prints is exactly the program that ran.
 */
public final class OlympusCalls {
  private OlympusCalls() {}

  /** Runs {@code p} on {@code inputs} with Olympus: eagerly on concrete arrays, or traced under a transformation. */
  public static List<Array> run(Program p, List<Array> inputs) {
    List<Array> values = new ArrayList<>(inputs);
    for (Expr e : p.nodes()) values.add(apply(e, values));
    List<Array> out = new ArrayList<>();
    for (int o : p.outputs()) out.add(values.get(o));
    return out;
  }

  // ---- evaluation ----------------------------------------------------------------------------------------

  static Array apply(Expr e, List<Array> v) {
    if (e instanceof Expr.Unary u) return unary(u.op(), u.api(), v.get(u.x()));
    if (e instanceof Expr.Binary b) return binary(b, v);
    if (e instanceof Expr.IntPow p) {
      Array x = v.get(p.x());
      return switch (p.api()) {
        case JNP -> Jnp.power(x, p.n());
        case METHOD -> x.pow(p.n());
        case LAX -> Lax.integerPow(x, p.n());
      };
    }
    if (e instanceof Expr.Square s) return Jnp.square(v.get(s.x()));
    if (e instanceof Expr.Clip c) return Jnp.clip(v.get(c.x()), c.lo(), c.hi());
    if (e instanceof Expr.Where w) return where(v.get(w.cond()), w.x(), w.y(), v);
    if (e instanceof Expr.Reduce r) return reduce(r, v.get(r.x()));
    if (e instanceof Expr.Reshape r) return v.get(r.x()).reshape(r.shape());
    if (e instanceof Expr.Transpose t) return t.perm() == null ? v.get(t.x()).T() : v.get(t.x()).transpose(t.perm());
    if (e instanceof Expr.BroadcastTo b) return Jnp.broadcastTo(v.get(b.x()), b.shape());
    if (e instanceof Expr.ExpandDims d) return Jnp.expandDims(v.get(d.x()), d.axis());
    if (e instanceof Expr.Squeeze s) return Jnp.squeeze(v.get(s.x()), s.axes());
    if (e instanceof Expr.Slice s) return Jnp.slice(v.get(s.x()), s.axis(), s.start(), s.stop(), s.step());
    if (e instanceof Expr.Concatenate c) return Jnp.concatenate(gather(c.xs(), v), c.axis());
    if (e instanceof Expr.Stack s) return Jnp.stack(gather(s.xs(), v), s.axis());
    if (e instanceof Expr.Dot d) return Jnp.dot(v.get(d.a()), v.get(d.b()));
    if (e instanceof Expr.Matmul m) return Jnp.matmul(v.get(m.a()), v.get(m.b()));
    if (e instanceof Expr.Astype a) return v.get(a.x()).astype(a.dtype());
    if (e instanceof Expr.Arange a) return Jnp.arange(a.n(), a.dtype());
    if (e instanceof Expr.Full f) return Jnp.full(f.dtype(), f.value(), f.shape());
    if (e instanceof Expr.Cond c) {
      List<Array> captured = gather(c.ifTrue().captures(), v);
      List<Array> capturedF = gather(c.ifFalse().captures(), v);
      return Lax.cond(v.get(c.pred()), (Array x) -> call(c.ifTrue(), List.of(x), captured),
          (Array x) -> call(c.ifFalse(), List.of(x), capturedF), v.get(c.operand()));
    }
    if (e instanceof Expr.ForiLoop f) {
      List<Array> captured = gather(f.body().captures(), v);
      return Lax.foriLoop(f.lower(), f.upper(), (Array i, Array c) -> call(f.body(), List.of(i, c), captured),
          v.get(f.init()));
    }
    if (e instanceof Expr.Scan s) {
      List<Array> captured = gather(s.body().captures(), v);
      Lax.Carry<Array, Array> r = Lax.scan((Array c, Array x) -> {
        List<Array> out = OlympusCalls.run(s.body().program(), concat(List.of(c, x), captured));
        return Lax.carry(out.get(0), out.get(1));
      }, v.get(s.init()), v.get(s.xs()), -1, s.reverse());
      return s.ys() ? r.y() : r.carry();
    }
    throw new IllegalArgumentException("unknown node " + e);
  }

  private static Array call(Expr.Body body, List<Array> args, List<Array> captured) {
    return run(body.program(), concat(args, captured)).get(0);
  }

  private static List<Array> concat(List<Array> a, List<Array> b) {
    List<Array> r = new ArrayList<>(a);
    r.addAll(b);
    return r;
  }

  private static List<Array> gather(int[] idx, List<Array> v) {
    List<Array> r = new ArrayList<>();
    for (int i : idx) r.add(v.get(i));
    return r;
  }

  private static Array unary(UnaryOp op, Api api, Array x) {
    if (api == Api.METHOD) return x.neg();
    if (api == Api.LAX) {
      return switch (op) {
        case NEG -> Lax.neg(x);
        case EXP -> Lax.exp(x);
        case LOG -> Lax.log(x);
        case LOG1P -> Lax.log1p(x);
        case EXPM1 -> Lax.expm1(x);
        case SQRT -> Lax.sqrt(x);
        case RSQRT -> Lax.rsqrt(x);
        case SIN -> Lax.sin(x);
        case COS -> Lax.cos(x);
        case TAN -> Lax.tan(x);
        case TANH -> Lax.tanh(x);
        case ABS -> Lax.abs(x);
        case SIGN -> Lax.sign(x);
        case FLOOR -> Lax.floor(x);
        case CEIL -> Lax.ceil(x);
        case LOGISTIC -> Lax.logistic(x);
        case BITWISE_NOT -> Lax.not(x);
        case LOG2, LOGICAL_NOT -> throw new IllegalArgumentException(op + " has no Lax form");
      };
    }
    return switch (op) {
      case NEG -> Jnp.negative(x);
      case EXP -> Jnp.exp(x);
      case LOG -> Jnp.log(x);
      case LOG2 -> Jnp.log2(x);
      case LOG1P -> Jnp.log1p(x);
      case EXPM1 -> Jnp.expm1(x);
      case SQRT -> Jnp.sqrt(x);
      case SIN -> Jnp.sin(x);
      case COS -> Jnp.cos(x);
      case TAN -> Jnp.tan(x);
      case TANH -> Jnp.tanh(x);
      case ABS -> Jnp.abs(x);
      case SIGN -> Jnp.sign(x);
      case FLOOR -> Jnp.floor(x);
      case CEIL -> Jnp.ceil(x);
      case LOGISTIC -> Jnp.logistic(x);
      case LOGICAL_NOT -> Jnp.logicalNot(x);
      case RSQRT, BITWISE_NOT -> throw new IllegalArgumentException(op + " has no Jnp form");
    };
  }

  /** Whether {@code api} has an overload of {@code op} taking a Java literal in that position. */
  static boolean literalOverload(BinaryOp op, Api api, boolean first, Operand lit) {
    boolean isInt = lit instanceof Operand.IntLit;
    return switch (api) {
      case JNP -> switch (op) {
        case ADD, SUB, MUL, DIV -> true;
        // power(Array, int) is integer_pow, a different operation (the IntPow node).
        case POW -> !first && !isInt;
        default -> false;
      };
      case METHOD -> !first && op.hasMethod() && !(op == BinaryOp.POW && isInt);
      case LAX -> false;
    };
  }

  private static Array literal(Operand o) {
    return o instanceof Operand.IntLit i ? Jnp.literal(i.value()) : Jnp.literal(((Operand.FloatLit) o).value());
  }

  private static Array binary(Expr.Binary b, List<Array> v) {
    Operand oa = b.a(), ob = b.b();
    BinaryOp op = b.op();
    if (oa instanceof Operand.Ref ra && !(ob instanceof Operand.Ref) && literalOverload(op, b.api(), false, ob)) {
      Array x = v.get(ra.index());
      if (ob instanceof Operand.IntLit il) return withIntLiteral(op, b.api(), x, il.value());
      return withFloatLiteral(op, b.api(), x, ((Operand.FloatLit) ob).value());
    }
    if (ob instanceof Operand.Ref rb && !(oa instanceof Operand.Ref) && literalOverload(op, b.api(), true, oa)) {
      Array y = v.get(rb.index());
      if (oa instanceof Operand.IntLit il) {
        int k = il.value();
        return switch (op) {
          case ADD -> Jnp.add(k, y);
          case SUB -> Jnp.subtract(k, y);
          case MUL -> Jnp.multiply(k, y);
          default -> Jnp.divide(k, y);
        };
      }
      double k = ((Operand.FloatLit) oa).value();
      return switch (op) {
        case ADD -> Jnp.add(k, y);
        case SUB -> Jnp.subtract(k, y);
        case MUL -> Jnp.multiply(k, y);
        default -> Jnp.divide(k, y);
      };
    }
    Array x = oa instanceof Operand.Ref r ? v.get(r.index()) : literal(oa);
    Array y = ob instanceof Operand.Ref r ? v.get(r.index()) : literal(ob);
    return arrays(op, b.api(), x, y);
  }

  private static Array withIntLiteral(BinaryOp op, Api api, Array x, int k) {
    if (api == Api.JNP) {
      return switch (op) {
        case ADD -> Jnp.add(x, k);
        case SUB -> Jnp.subtract(x, k);
        case MUL -> Jnp.multiply(x, k);
        default -> Jnp.divide(x, k);
      };
    }
    return switch (op) {
      case ADD -> x.add(k);
      case SUB -> x.sub(k);
      case MUL -> x.mul(k);
      case DIV -> x.div(k);
      case MAX -> x.maximum(k);
      case MIN -> x.minimum(k);
      case GT -> x.gt(k);
      case LT -> x.lt(k);
      case GE -> x.ge(k);
      case LE -> x.le(k);
      case EQ -> x.eq(k);
      default -> x.ne(k);
    };
  }

  private static Array withFloatLiteral(BinaryOp op, Api api, Array x, double k) {
    if (api == Api.JNP) {
      return switch (op) {
        case ADD -> Jnp.add(x, k);
        case SUB -> Jnp.subtract(x, k);
        case MUL -> Jnp.multiply(x, k);
        case DIV -> Jnp.divide(x, k);
        default -> Jnp.power(x, k);
      };
    }
    return switch (op) {
      case ADD -> x.add(k);
      case SUB -> x.sub(k);
      case MUL -> x.mul(k);
      case DIV -> x.div(k);
      case POW -> x.pow(k);
      case MAX -> x.maximum(k);
      case MIN -> x.minimum(k);
      case GT -> x.gt(k);
      case LT -> x.lt(k);
      case GE -> x.ge(k);
      case LE -> x.le(k);
      case EQ -> x.eq(k);
      default -> x.ne(k);
    };
  }

  private static Array arrays(BinaryOp op, Api api, Array x, Array y) {
    return switch (api) {
      case JNP -> switch (op) {
        case ADD -> Jnp.add(x, y);
        case SUB -> Jnp.subtract(x, y);
        case MUL -> Jnp.multiply(x, y);
        case DIV -> Jnp.divide(x, y);
        case FLOOR_DIVIDE -> Jnp.floorDivide(x, y);
        case REMAINDER -> Jnp.remainder(x, y);
        case POW -> Jnp.power(x, y);
        case MAX -> Jnp.maximum(x, y);
        case MIN -> Jnp.minimum(x, y);
        case GT -> Jnp.greater(x, y);
        case LT -> Jnp.less(x, y);
        case GE -> Jnp.greaterEqual(x, y);
        case LE -> Jnp.lessEqual(x, y);
        case EQ -> Jnp.equal(x, y);
        case NE -> Jnp.notEqual(x, y);
        case LOGICAL_AND -> Jnp.logicalAnd(x, y);
        case LOGICAL_OR -> Jnp.logicalOr(x, y);
        default -> throw new IllegalArgumentException(op + " has no Jnp form");
      };
      case METHOD -> switch (op) {
        case ADD -> x.add(y);
        case SUB -> x.sub(y);
        case MUL -> x.mul(y);
        case DIV -> x.div(y);
        case POW -> x.pow(y);
        case MAX -> x.maximum(y);
        case MIN -> x.minimum(y);
        case GT -> x.gt(y);
        case LT -> x.lt(y);
        case GE -> x.ge(y);
        case LE -> x.le(y);
        case EQ -> x.eq(y);
        case NE -> x.ne(y);
        default -> throw new IllegalArgumentException(op + " has no Array method");
      };
      case LAX -> switch (op) {
        case ADD -> Lax.add(x, y);
        case SUB -> Lax.sub(x, y);
        case MUL -> Lax.mul(x, y);
        case DIV -> Lax.div(x, y);
        case POW -> Lax.pow(x, y);
        case MAX -> Lax.max(x, y);
        case MIN -> Lax.min(x, y);
        case GT -> Lax.gt(x, y);
        case LT -> Lax.lt(x, y);
        case GE -> Lax.ge(x, y);
        case LE -> Lax.le(x, y);
        case EQ -> Lax.eq(x, y);
        case NE -> Lax.ne(x, y);
        case ATAN2 -> Lax.atan2(x, y);
        case REM -> Lax.rem(x, y);
        case BIT_AND -> Lax.and(x, y);
        case BIT_OR -> Lax.or(x, y);
        case BIT_XOR -> Lax.xor(x, y);
        default -> throw new IllegalArgumentException(op + " has no Lax form");
      };
    };
  }

  /** The overloads of {@code Jnp.where} taking literals: (double, double), (int, int) and one literal with an Array. */
  private static Array where(Array c, Operand x, Operand y, List<Array> v) {
    boolean xl = !(x instanceof Operand.Ref), yl = !(y instanceof Operand.Ref);
    if (xl && yl && x.getClass() == y.getClass()) {
      if (x instanceof Operand.IntLit a) return Jnp.where(c, a.value(), ((Operand.IntLit) y).value());
      return Jnp.where(c, ((Operand.FloatLit) x).value(), ((Operand.FloatLit) y).value());
    }
    if (xl && !yl) {
      Array yy = v.get(((Operand.Ref) y).index());
      return x instanceof Operand.IntLit a ? Jnp.where(c, a.value(), yy) : Jnp.where(c, ((Operand.FloatLit) x).value(), yy);
    }
    Array xx = xl ? literal(x) : v.get(((Operand.Ref) x).index());
    if (yl) return y instanceof Operand.IntLit a ? Jnp.where(c, xx, a.value()) : Jnp.where(c, xx, ((Operand.FloatLit) y).value());
    return Jnp.where(c, xx, v.get(((Operand.Ref) y).index()));
  }

  private static Array reduce(Expr.Reduce r, Array x) {
    int[] ax = r.axes();
    if (r.api() == Api.METHOD) {
      return switch (r.op()) {
        case SUM -> x.sum(ax);
        case MEAN -> x.mean(ax);
        case MAX -> x.max(ax);
        case MIN -> x.min(ax);
        default -> throw new IllegalArgumentException(r.op() + " has no Array method");
      };
    }
    return switch (r.op()) {
      case SUM -> Jnp.sum(x, ax);
      case MEAN -> Jnp.mean(x, ax);
      case MAX -> Jnp.max(x, ax);
      case MIN -> Jnp.min(x, ax);
      case ANY -> Jnp.any(x, ax);
      case ALL -> Jnp.all(x, ax);
    };
  }

  // ---- the same calls as Java source ---------------------------------------------------------------------

  /** The Java expression computing node {@code e}, values named by {@code name}; bodies as lambdas. */
  static String render(Expr e, IntFunction<String> name, int depth) {
    if (e instanceof Expr.Unary u) {
      String x = name.apply(u.x());
      if (u.api() == Api.METHOD) return x + ".neg()";
      String fn = u.api() == Api.LAX ? laxUnary(u.op()) : jnpUnary(u.op());
      return (u.api() == Api.LAX ? "Lax." : "Jnp.") + fn + "(" + x + ")";
    }
    if (e instanceof Expr.Binary b) return renderBinary(b, name);
    if (e instanceof Expr.IntPow p) {
      String x = name.apply(p.x());
      return switch (p.api()) {
        case JNP -> "Jnp.power(" + x + ", " + p.n() + ")";
        case METHOD -> x + ".pow(" + p.n() + ")";
        case LAX -> "Lax.integerPow(" + x + ", " + p.n() + ")";
      };
    }
    if (e instanceof Expr.Square s) return "Jnp.square(" + name.apply(s.x()) + ")";
    if (e instanceof Expr.Clip c) return "Jnp.clip(" + name.apply(c.x()) + ", " + lit(c.lo()) + ", " + lit(c.hi()) + ")";
    if (e instanceof Expr.Where w) {
      String x = w.x() instanceof Operand.Ref r ? name.apply(r.index()) : lit(w.x());
      String y = w.y() instanceof Operand.Ref r ? name.apply(r.index()) : lit(w.y());
      boolean mixed = !(w.x() instanceof Operand.Ref) && !(w.y() instanceof Operand.Ref) && w.x().getClass() != w.y().getClass();
      if (mixed) x = "Jnp.literal(" + x + ")";
      return "Jnp.where(" + name.apply(w.cond()) + ", " + x + ", " + y + ")";
    }
    if (e instanceof Expr.Reduce r) {
      String fn = r.op().name().toLowerCase();
      String axes = ints(r.axes());
      String x = name.apply(r.x());
      return r.api() == Api.METHOD ? x + "." + fn + "(" + axes + ")"
          : "Jnp." + fn + "(" + x + (axes.isEmpty() ? "" : ", " + axes) + ")";
    }
    if (e instanceof Expr.Reshape r) return name.apply(r.x()) + ".reshape(" + ints(r.shape()) + ")";
    if (e instanceof Expr.Transpose t) {
      return name.apply(t.x()) + (t.perm() == null ? ".T()" : ".transpose(" + ints(t.perm()) + ")");
    }
    if (e instanceof Expr.BroadcastTo b) return "Jnp.broadcastTo(" + name.apply(b.x()) + sep(ints(b.shape())) + ")";
    if (e instanceof Expr.ExpandDims d) return "Jnp.expandDims(" + name.apply(d.x()) + ", " + d.axis() + ")";
    if (e instanceof Expr.Squeeze s) return "Jnp.squeeze(" + name.apply(s.x()) + sep(ints(s.axes())) + ")";
    if (e instanceof Expr.Slice s) {
      return "Jnp.slice(" + name.apply(s.x()) + ", " + s.axis() + ", " + s.start() + ", " + s.stop() + ", " + s.step() + ")";
    }
    if (e instanceof Expr.Concatenate c) return "Jnp.concatenate(List.of(" + names(c.xs(), name) + "), " + c.axis() + ")";
    if (e instanceof Expr.Stack s) return "Jnp.stack(List.of(" + names(s.xs(), name) + "), " + s.axis() + ")";
    if (e instanceof Expr.Dot d) return "Jnp.dot(" + name.apply(d.a()) + ", " + name.apply(d.b()) + ")";
    if (e instanceof Expr.Matmul m) return "Jnp.matmul(" + name.apply(m.a()) + ", " + name.apply(m.b()) + ")";
    if (e instanceof Expr.Astype a) return name.apply(a.x()) + ".astype(DType." + a.dtype().name() + ")";
    if (e instanceof Expr.Arange a) return "Jnp.arange(" + a.n() + ", DType." + a.dtype().name() + ")";
    if (e instanceof Expr.Full f) return "Jnp.full(DType." + f.dtype().name() + ", " + lit(f.value()) + sep(ints(f.shape())) + ")";
    if (e instanceof Expr.Cond c) {
      return "Lax.cond(" + name.apply(c.pred()) + ",\n" + lambda(c.ifTrue(), name, depth) + ",\n"
          + lambda(c.ifFalse(), name, depth) + ",\n" + indent(depth + 1) + name.apply(c.operand()) + ")";
    }
    if (e instanceof Expr.ForiLoop f) {
      return "Lax.foriLoop(" + f.lower() + ", " + f.upper() + ",\n" + lambda(f.body(), name, depth) + ",\n"
          + indent(depth + 1) + name.apply(f.init()) + ")";
    }
    if (e instanceof Expr.Scan s) {
      return "Lax.scan(\n" + lambda(s.body(), name, depth) + ",\n" + indent(depth + 1) + name.apply(s.init()) + ", "
          + name.apply(s.xs()) + ", -1, " + s.reverse() + ")" + (s.ys() ? ".y()" : ".carry()");
    }
    throw new IllegalArgumentException("unknown node " + e);
  }

  private static String lambda(Expr.Body body, IntFunction<String> outer, int depth) {
    return ProgramPrinter.lambda(body, outer, depth + 1);
  }

  static String indent(int depth) { return "  ".repeat(depth + 1); }

  private static String sep(String s) { return s.isEmpty() ? "" : ", " + s; }

  private static String names(int[] xs, IntFunction<String> name) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < xs.length; i++) sb.append(i > 0 ? ", " : "").append(name.apply(xs[i]));
    return sb.toString();
  }

  static String ints(int[] xs) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < xs.length; i++) sb.append(i > 0 ? ", " : "").append(xs[i]);
    return sb.toString();
  }

  /** A Java literal for {@code v}. */
  static String lit(double v) {
    if (Double.isNaN(v)) return "Double.NaN";
    if (v == Double.POSITIVE_INFINITY) return "Double.POSITIVE_INFINITY";
    if (v == Double.NEGATIVE_INFINITY) return "Double.NEGATIVE_INFINITY";
    return Double.toString(v);
  }

  private static String lit(Operand o) {
    return o instanceof Operand.IntLit i ? Integer.toString(i.value()) : lit(((Operand.FloatLit) o).value());
  }

  private static String renderBinary(Expr.Binary b, IntFunction<String> name) {
    Operand oa = b.a(), ob = b.b();
    boolean la = !(oa instanceof Operand.Ref), lb = !(ob instanceof Operand.Ref);
    String a = la ? lit(oa) : name.apply(((Operand.Ref) oa).index());
    String c = lb ? lit(ob) : name.apply(((Operand.Ref) ob).index());
    boolean overload = (!la && lb && literalOverload(b.op(), b.api(), false, ob))
        || (la && !lb && literalOverload(b.op(), b.api(), true, oa));
    if (!overload && la) a = "Jnp.literal(" + a + ")";
    if (!overload && lb) c = "Jnp.literal(" + c + ")";
    return switch (b.api()) {
      case METHOD -> a + "." + methodName(b.op()) + "(" + c + ")";
      case JNP -> "Jnp." + jnpName(b.op()) + "(" + a + ", " + c + ")";
      case LAX -> "Lax." + laxName(b.op()) + "(" + a + ", " + c + ")";
    };
  }

  private static String jnpUnary(UnaryOp op) {
    return switch (op) {
      case NEG -> "negative";
      case LOGICAL_NOT -> "logicalNot";
      default -> op.name().toLowerCase();
    };
  }

  private static String laxUnary(UnaryOp op) {
    return op == UnaryOp.BITWISE_NOT ? "not" : op.name().toLowerCase();
  }

  private static String jnpName(BinaryOp op) {
    return switch (op) {
      case ADD -> "add";
      case SUB -> "subtract";
      case MUL -> "multiply";
      case DIV -> "divide";
      case FLOOR_DIVIDE -> "floorDivide";
      case REMAINDER -> "remainder";
      case POW -> "power";
      case MAX -> "maximum";
      case MIN -> "minimum";
      case GT -> "greater";
      case LT -> "less";
      case GE -> "greaterEqual";
      case LE -> "lessEqual";
      case EQ -> "equal";
      case NE -> "notEqual";
      case LOGICAL_AND -> "logicalAnd";
      case LOGICAL_OR -> "logicalOr";
      default -> op.name().toLowerCase();
    };
  }

  private static String methodName(BinaryOp op) {
    return switch (op) {
      case MAX -> "maximum";
      case MIN -> "minimum";
      default -> op.name().toLowerCase();
    };
  }

  private static String laxName(BinaryOp op) {
    return switch (op) {
      case BIT_AND -> "and";
      case BIT_OR -> "or";
      case BIT_XOR -> "xor";
      default -> op.name().toLowerCase();
    };
  }

  /** For messages: {@code [1, 2]}. */
  static String shape(int[] s) { return Arrays.toString(s); }

  static boolean isFloat(DType d) { return d == DType.F32 || d == DType.F64; }
}
