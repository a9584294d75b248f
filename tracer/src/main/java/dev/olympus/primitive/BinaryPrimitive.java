package dev.olympus.primitive;

import dev.olympus.Array;
import dev.olympus.DType;
import dev.olympus.autodiff.JvpResult;
import dev.olympus.autodiff.LinearInputs;
import dev.olympus.autodiff.Tangent;
import dev.olympus.batching.BatchAxis;
import dev.olympus.batching.Batched;
import dev.olympus.lax.Lax;
import dev.olympus.storage.Storage;
import dev.olympus.types.AbstractValue;
import dev.olympus.types.Shape;
import java.util.List;
import java.util.function.DoubleBinaryOperator;
import java.util.function.LongBinaryOperator;

/**
 * An elementwise primitive of two operands of one dtype. Shapes must be equal, or one operand 0-d (a scalar
 * is broadcast, as jaxprs show {@code mul a 2.0:f32[]}); general NumPy broadcasting happens in {@code Jnp},
 * which inserts {@code broadcast_in_dim}. Comparisons produce bool.
 *
 * <p>The scalar functions here are the one definition of each op: the eager loop calls them, and every
 * kernel renders {@link #javaExpression}, which calls the same static functions where an op is more than a
 * Java operator.
 *
 * <p>Integer semantics follow XLA and are documented here once: arithmetic wraps (two's complement);
 * {@code div} truncates toward zero, {@code x / 0 == -1} and {@code MIN / -1 == MIN}; {@code rem} takes the
 * sign of the dividend, {@code x % 0 == x} and {@code MIN % -1 == 0}. None of them throws, unlike Java's
 * {@code /}. {@code pow} on integers (which JAX's {@code lax.pow} rejects, and {@code jnp.power} expands into
 * multiplies) is {@code jnp.power}'s: binary exponentiation over the low 6 bits of the exponent, so a negative
 * or 64-and-larger exponent uses just those bits ({@code (-1) ** -1 == -1}, {@code 2 ** -1 == 2 ** 63}, which
 * wraps), and {@code 0 ** e == 0} for every {@code e != 0}.
 *
 * <p>Float {@code rem} is C's {@code fmod} (Java's {@code %}), with the sign of the dividend; float
 * {@code pow} is C's {@code pow}, which XLA calls: Java's {@code Math.pow} except that {@code 1 ** y == 1} for
 * every {@code y}, NaN included, and {@code (-1) ** +-inf == 1}. {@code max} and {@code min} propagate NaN and
 * order -0 below +0 (Java's {@code Math.max}, XLA's too); on bool they are or and and.
 */
public final class BinaryPrimitive extends Primitive {
  /** Operand dtypes accepted and whether the result is bool. */
  public enum Kind { ARITHMETIC, COMPARISON, LOGICAL, SHIFT }

  /**
   * A shift of an integer {@code x} of {@code bits} bits (read sign- or zero-extended, as its dtype is) by
   * {@code count}; the caller keeps the low {@code bits} bits of the result.
   */
  @FunctionalInterface
  private interface ShiftRule {
    long apply(long x, long count, int bits);
  }

  /**
   * The contribution of a non-zero tangent {@code g} of one operand to the result's tangent, from the operands
   * {@code x}, {@code y} and the result {@code ans}; linear in {@code g}.
   */
  @FunctionalInterface
  public interface PartialRule {
    Array apply(Array g, Array x, Array y, Array ans);
  }

  private final Kind kind;
  private ShiftRule onShift;
  private PartialRule lhsPartial;
  private PartialRule rhsPartial;
  private final DoubleBinaryOperator onFloat;
  private final LongBinaryOperator onInt;
  private final String floatJava;
  private final String intJava;
  /** The Java expression on boolean operands of an arithmetic op that accepts bool, else null. */
  private String boolJava;

  private BinaryPrimitive(String name, Kind kind, DoubleBinaryOperator onFloat, String floatJava,
      LongBinaryOperator onInt, String intJava) {
    super(name);
    this.kind = kind;
    this.onFloat = onFloat;
    this.onInt = onInt;
    this.floatJava = floatJava;
    this.intJava = intJava;
  }

  public static final BinaryPrimitive ADD = arithmetic("add", Double::sum, "(%s + %s)", Long::sum, "(%s + %s)");
  public static final BinaryPrimitive SUB = arithmetic("sub", (a, b) -> a - b, "(%s - %s)", (a, b) -> a - b, "(%s - %s)");
  public static final BinaryPrimitive MUL = arithmetic("mul", (a, b) -> a * b, "(%s * %s)", (a, b) -> a * b, "(%s * %s)");
  public static final BinaryPrimitive DIV = arithmetic("div", (a, b) -> a / b, "(%s / %s)",
      BinaryPrimitive::intDiv, "dev.olympus.primitive.BinaryPrimitive.intDiv(%s, %s)");
  public static final BinaryPrimitive REM = arithmetic("rem", (a, b) -> a % b, "(%s %% %s)",
      BinaryPrimitive::intRem, "dev.olympus.primitive.BinaryPrimitive.intRem(%s, %s)");
  public static final BinaryPrimitive POW = arithmetic("pow", BinaryPrimitive::floatPow,
      "dev.olympus.primitive.BinaryPrimitive.floatPow(%s, %s)", BinaryPrimitive::intPow,
      "dev.olympus.primitive.BinaryPrimitive.intPow(%s, %s)");
  public static final BinaryPrimitive MAX = arithmetic("max", Math::max, "Math.max(%s, %s)", Math::max, "Math.max(%s, %s)")
      .onBool("(%s | %s)");
  public static final BinaryPrimitive MIN = arithmetic("min", Math::min, "Math.min(%s, %s)", Math::min, "Math.min(%s, %s)")
      .onBool("(%s & %s)");
  public static final BinaryPrimitive ATAN2 = new BinaryPrimitive("atan2", Kind.ARITHMETIC, Math::atan2,
      "Math.atan2(%s, %s)", null, null);
  /** JAX's {@code polygamma(m, x)} and {@code zeta(x, q)}, computed by {@link GammaFunctions}. */
  public static final BinaryPrimitive POLYGAMMA = new BinaryPrimitive("polygamma", Kind.ARITHMETIC,
      GammaFunctions::polygamma, "dev.olympus.primitive.GammaFunctions.polygamma(%s, %s)", null, null);
  public static final BinaryPrimitive ZETA = new BinaryPrimitive("zeta", Kind.ARITHMETIC, GammaFunctions::zeta,
      "dev.olympus.primitive.GammaFunctions.zeta(%s, %s)", null, null);

  public static final BinaryPrimitive GT = comparison("gt", ">");
  public static final BinaryPrimitive LT = comparison("lt", "<");
  public static final BinaryPrimitive GE = comparison("ge", ">=");
  public static final BinaryPrimitive LE = comparison("le", "<=");
  public static final BinaryPrimitive EQ = comparison("eq", "==");
  public static final BinaryPrimitive NE = comparison("ne", "!=");

  public static final BinaryPrimitive AND = logical("and", (a, b) -> a & b, "(%s & %s)");
  public static final BinaryPrimitive OR = logical("or", (a, b) -> a | b, "(%s | %s)");
  public static final BinaryPrimitive XOR = logical("xor", (a, b) -> a ^ b, "(%s ^ %s)");

  // XLA's shifts: a count outside [0, bits) shifts every bit out (fills with the sign for the arithmetic one),
  // where Java would take the count modulo the width; a negative count reads as a huge unsigned one.
  public static final BinaryPrimitive SHIFT_LEFT = shift("shift_left",
      (x, c, bits) -> c < 0 || c >= bits ? 0 : x << c);
  public static final BinaryPrimitive SHIFT_RIGHT_LOGICAL = shift("shift_right_logical",
      (x, c, bits) -> c < 0 || c >= bits ? 0 : (x & lowBits(bits)) >>> c);
  public static final BinaryPrimitive SHIFT_RIGHT_ARITHMETIC = shift("shift_right_arithmetic",
      (x, c, bits) -> signExtend(x, bits) >> (c < 0 || c >= bits ? 63 : c));

  static {
    ADD.partials((g, x, y, ans) -> g, (g, x, y, ans) -> g);
    SUB.partials((g, x, y, ans) -> g, (g, x, y, ans) -> Lax.neg(g));
    MUL.partials((g, x, y, ans) -> Lax.mul(g, y), (g, x, y, ans) -> Lax.mul(x, g));
    DIV.partials((g, x, y, ans) -> Lax.div(g, y),
        (g, x, y, ans) -> Lax.mul(Lax.mul(Lax.neg(g), x), Lax.integerPow(y, -2)));
    // x rem y = x - y * trunc(x / y), and trunc(x / y) is piecewise constant.
    REM.partials((g, x, y, ans) -> g, (g, x, y, ans) -> {
      Array q = Lax.div(x, y);
      return Lax.mul(Lax.neg(g), Lax.mul(Lax.sign(q), Lax.floor(Lax.abs(q))));
    });
    POW.partials(BinaryPrimitive::powPartialBase, BinaryPrimitive::powPartialExponent);
    MAX.partials((g, x, y, ans) -> Lax.mul(g, balancedEq(x, ans, y)), (g, x, y, ans) -> Lax.mul(g, balancedEq(y, ans, x)));
    MIN.partials((g, x, y, ans) -> Lax.mul(g, balancedEq(x, ans, y)), (g, x, y, ans) -> Lax.mul(g, balancedEq(y, ans, x)));
    // As JAX's: no derivative in the order m, nor in zeta's exponent x.
    POLYGAMMA.partials((g, m, x, ans) -> notDifferentiable("polygamma", "its order m"),
        (g, m, x, ans) -> Lax.mul(g, Lax.polygamma(Lax.add(m, scalarLike(m, 1)), x)));
    ZETA.partials((g, x, q, ans) -> notDifferentiable("zeta", "its exponent x"),
        (g, x, q, ans) -> Lax.mul(g, Lax.mul(Lax.neg(x), Lax.zeta(Lax.add(x, scalarLike(x, 1)), q))));
    ATAN2.partials((g, x, y, ans) -> Lax.mul(g, Lax.div(y, sumOfSquares(x, y))),
        (g, x, y, ans) -> Lax.div(Lax.mul(g, Lax.neg(x)), sumOfSquares(x, y)));
  }

  private static Array notDifferentiable(String op, String what) {
    throw new dev.olympus.errors.OlympusException(op + " has no derivative with respect to " + what + ", as in JAX; "
        + "pass it as a constant (Lax.stopGradient) or differentiate with respect to the other operand only.");
  }

  /** Lets an arithmetic op take bool operands (as JAX's max and min do), computed by {@code java} on booleans. */
  private BinaryPrimitive onBool(String java) {
    this.boolJava = java;
    return this;
  }

  private void partials(PartialRule lhs, PartialRule rhs) {
    this.lhsPartial = lhs;
    this.rhsPartial = rhs;
  }

  /** d(x^y)/dx = y x^(y-1), taken as 0 where y == 0 (where the formula would give 0 * inf at x == 0). */
  private static Array powPartialBase(Array g, Array x, Array y, Array ans) {
    Array jac = Lax.mul(y, Lax.pow(x, Lax.sub(y, scalarLike(y, 1))));
    jac = Lax.selectN(Lax.eq(y, scalarLike(y, 0)), jac, Tangent.zeros(jac.aval()));
    return Lax.mul(g, jac);
  }

  /** d(x^y)/dy = log(x) x^y, with log(0) replaced by 0 as JAX does (so 0^y has a finite exponent derivative). */
  private static Array powPartialExponent(Array g, Array x, Array y, Array ans) {
    Array safeX = Lax.selectN(Lax.eq(x, scalarLike(x, 0)), x, onesLike(x));
    return Lax.mul(g, Lax.mul(Lax.log(safeX), ans));
  }

  private static Array onesLike(Array x) {
    Array one = scalarLike(x, 1);
    return x.ndim() == 0 ? one : Lax.broadcastInDim(one, x.shape(), new int[0]);
  }

  /** 1 where x is the extremum, halved where y ties with it: JAX splits the derivative of max/min at ties. */
  private static Array balancedEq(Array x, Array ans, Array y) {
    Array one = onesLike(ans);
    Array zero = Tangent.zeros(ans.aval());
    Array two = Lax.add(one, one);
    return Lax.div(Lax.selectN(Lax.eq(x, ans), zero, one), Lax.selectN(Lax.eq(y, ans), one, two));
  }

  private static Array sumOfSquares(Array x, Array y) {
    return Lax.add(Lax.mul(x, x), Lax.mul(y, y));
  }

  private static BinaryPrimitive arithmetic(String name, DoubleBinaryOperator f, String fj, LongBinaryOperator i,
      String ij) {
    return new BinaryPrimitive(name, Kind.ARITHMETIC, f, fj, i, ij);
  }

  private static BinaryPrimitive logical(String name, LongBinaryOperator i, String ij) {
    return new BinaryPrimitive(name, Kind.LOGICAL, null, null, i, ij);
  }

  private static BinaryPrimitive shift(String name, ShiftRule rule) {
    BinaryPrimitive p = new BinaryPrimitive(name, Kind.SHIFT, null, null, null, null);
    p.onShift = rule;
    return p;
  }

  private static long lowBits(int bits) {
    return bits == 64 ? -1L : (1L << bits) - 1;
  }

  private static long signExtend(long x, int bits) {
    return (x << (64 - bits)) >> (64 - bits);
  }

  private static BinaryPrimitive comparison(String name, String op) {
    DoubleBinaryOperator f = switch (op) {
      case ">" -> (a, b) -> a > b ? 1 : 0;
      case "<" -> (a, b) -> a < b ? 1 : 0;
      case ">=" -> (a, b) -> a >= b ? 1 : 0;
      case "<=" -> (a, b) -> a <= b ? 1 : 0;
      case "==" -> (a, b) -> a == b ? 1 : 0;
      default -> (a, b) -> a != b ? 1 : 0;
    };
    LongBinaryOperator i = switch (op) {
      case ">" -> (a, b) -> a > b ? 1 : 0;
      case "<" -> (a, b) -> a < b ? 1 : 0;
      case ">=" -> (a, b) -> a >= b ? 1 : 0;
      case "<=" -> (a, b) -> a <= b ? 1 : 0;
      case "==" -> (a, b) -> a == b ? 1 : 0;
      default -> (a, b) -> a != b ? 1 : 0;
    };
    String java = "(%s " + op + " %s)";
    return new BinaryPrimitive(name, Kind.COMPARISON, f, java, i, java);
  }

  public static long intDiv(long a, long b) {
    return b == 0 ? -1 : a / b;
  }

  public static long intRem(long a, long b) {
    return b == 0 ? a : a % b;
  }

  /**
   * {@code jnp.power} on integers, as JAX unrolls it ({@code _pow_int_int}): six rounds of square-and-multiply,
   * one per low bit of the exponent, starting from 0 when {@code base == 0 && exp != 0} and from 1 otherwise.
   * Wraps like the multiplies it stands for; an {@code int} result is the low 32 bits of this one.
   */
  public static long intPow(long base, long exp) {
    long result = base == 0 && exp != 0 ? 0 : 1;
    for (int bit = 0; bit < 6; bit++) {
      if ((exp & 1) != 0) result *= base;
      base *= base;
      exp >>>= 1;
    }
    return result;
  }

  /** C's {@code pow}, as XLA computes it: Java's {@code Math.pow} but for the two cases where C says 1. */
  public static double floatPow(double base, double exp) {
    if (base == 1.0 || (base == -1.0 && Double.isInfinite(exp))) return 1.0;
    return Math.pow(base, exp);
  }

  public Kind kind() { return kind; }

  public double applyFloat(double a, double b) { return onFloat.applyAsDouble(a, b); }

  public long applyInt(long a, long b) { return onInt.applyAsLong(a, b); }

  /**
   * A Java expression of this op; operands are doubles for float dtypes, longs for integer dtypes and
   * booleans for bool (compared as 0 and 1, as the eager loop does).
   */
  public String javaExpression(DType operandDtype, String a, String b) {
    if (operandDtype.isBool()) {
      if (kind == Kind.ARITHMETIC) return String.format(boolJava, a, b);
      if (kind == Kind.COMPARISON && this != EQ && this != NE) {
        return String.format(intJava, "(" + a + " ? 1 : 0)", "(" + b + " ? 1 : 0)");
      }
    }
    return String.format(operandDtype.isFloating() ? floatJava : intJava, a, b);
  }

  /** Whether this op accepts bool operands. */
  public boolean acceptsBool() { return kind != Kind.ARITHMETIC || boolJava != null; }

  @Override
  public List<AbstractValue> abstractEval(List<AbstractValue> in, Params params) {
    ShapeRules.arity(this, in, 2);
    AbstractValue x = in.get(0), y = in.get(1);
    ShapeRules.sameDtype(this, in);
    DType d = x.dtype();
    switch (kind) {
      case ARITHMETIC -> {
        if (d.isBool() && boolJava == null) {
          throw ShapeRules.error(name(), "does not accept bool operands; convert with astype first");
        }
        if (onInt == null && !d.isFloating()) {
          throw ShapeRules.error(name(), "needs floating operands, got " + d.numpyName());
        }
      }
      case LOGICAL -> {
        if (d.isFloating()) throw ShapeRules.error(name(), "needs bool or integer operands, got " + d.numpyName());
      }
      case COMPARISON -> { }
      case SHIFT -> {
        if (!d.isInteger()) throw ShapeRules.error(name(), "needs integer operands, got " + d.numpyName());
      }
    }
    Shape shape;
    if (x.shape().equals(y.shape()) || y.rank() == 0) {
      shape = x.shape();
    } else if (x.rank() == 0) {
      shape = y.shape();
    } else {
      throw ShapeRules.error(name(), "incompatible shapes " + ShapeRules.describe(in)
          + "; shapes must be equal or one of them a scalar (Jnp functions broadcast)");
    }
    // Weak when both operands are, as JAX's n-ary ops are; that holds for comparisons too (JAX's gt of two
    // Python floats is a weak bool). Integer pow is not: it stands for jnp.power's unrolled multiplies,
    // which start from strong constants.
    boolean weak = x.weak() && y.weak() && !(this == POW && !d.isFloating());
    DType out = kind == Kind.COMPARISON ? DType.BOOL : d;
    return List.of(new AbstractValue(out, shape, weak));
  }

  @Override
  public List<Storage> evaluate(List<Storage> in, Params params) {
    Storage x = in.get(0), y = in.get(1);
    Shape shape = x.shape().rank() == 0 ? y.shape() : x.shape();
    DType outType = kind == Kind.COMPARISON ? DType.BOOL : x.dtype();
    Storage out = Storage.allocate(outType, shape);
    int n = out.length();
    int sx = x.length() == 1 && n != 1 ? 0 : 1;
    int sy = y.length() == 1 && n != 1 ? 0 : 1;
    if (x.shape().rank() == 0) sx = 0;
    if (y.shape().rank() == 0) sy = 0;
    DType d = x.dtype();
    if (kind == Kind.SHIFT) {
      // Shifts see the operand's width, so they run on every integer dtype as it is stored.
      int bits = d.bits();
      for (int i = 0; i < n; i++) out.setLong(i, onShift.apply(x.getLong(i * sx), y.getLong(i * sy), bits));
      return List.of(out);
    }
    if (kind == Kind.COMPARISON) {
      boolean[] o = out.bool();
      if (d.isFloating()) {
        for (int i = 0; i < n; i++) o[i] = onFloat.applyAsDouble(x.getDouble(i * sx), y.getDouble(i * sy)) != 0;
      } else {
        for (int i = 0; i < n; i++) o[i] = onInt.applyAsLong(x.getLong(i * sx), y.getLong(i * sy)) != 0;
      }
      return List.of(out);
    }
    switch (d) {
      case F32 -> {
        float[] a = x.f32(), b = y.f32(), o = out.f32();
        for (int i = 0; i < n; i++) o[i] = (float) onFloat.applyAsDouble(a[i * sx], b[i * sy]);
      }
      case F64 -> {
        double[] a = x.f64(), b = y.f64(), o = out.f64();
        for (int i = 0; i < n; i++) o[i] = onFloat.applyAsDouble(a[i * sx], b[i * sy]);
      }
      case I32 -> {
        int[] a = x.i32(), b = y.i32(), o = out.i32();
        for (int i = 0; i < n; i++) o[i] = (int) onInt.applyAsLong(a[i * sx], b[i * sy]);
      }
      case I64 -> {
        long[] a = x.i64(), b = y.i64(), o = out.i64();
        for (int i = 0; i < n; i++) o[i] = onInt.applyAsLong(a[i * sx], b[i * sy]);
      }
      case BOOL -> {
        boolean[] a = x.bool(), b = y.bool(), o = out.bool();
        for (int i = 0; i < n; i++) o[i] = onInt.applyAsLong(a[i * sx] ? 1 : 0, b[i * sy] ? 1 : 0) != 0;
      }
    }
    return List.of(out);
  }

  @Override
  protected boolean evaluatesNarrowTypes(Params params) {
    return kind == Kind.SHIFT;
  }

  @Override
  public JvpResult jvp(List<Array> primals, List<Tangent> tangents, Params params) {
    Array x = primals.get(0), y = primals.get(1);
    Array ans = bind1(params, x, y);
    if (lhsPartial == null) return JvpResult.zeroTangents(List.of(ans));
    Tangent gx = tangents.get(0), gy = tangents.get(1);
    Tangent dx = gx.isZero() ? gx : Tangent.of(lhsPartial.apply(gx.value(), x, y, ans));
    Tangent dy = gy.isZero() ? gy : Tangent.of(rhsPartial.apply(gy.value(), x, y, ans));
    return JvpResult.of(ans, Tangent.sum(ans.aval(), dx, dy));
  }

  @Override
  public List<Tangent> transpose(List<Tangent> cotangents, LinearInputs in, Params params) {
    Array ct = cotangents.get(0).value();
    boolean linearX = in.isUndefined(0), linearY = in.isUndefined(1);
    if (this == ADD || this == SUB) {
      Tangent cx = linearX ? Tangent.of(unbroadcast(ct, in.aval(0))) : Tangent.zero(in.aval(0));
      Tangent cy = linearY ? Tangent.of(unbroadcast(this == SUB ? Lax.neg(ct) : ct, in.aval(1)))
          : Tangent.zero(in.aval(1));
      return List.of(cx, cy);
    }
    if (this == MUL && linearX != linearY) {
      return linearX
          ? List.of(Tangent.of(unbroadcast(Lax.mul(ct, in.value(1)), in.aval(0))), Tangent.zero(in.aval(1)))
          : List.of(Tangent.zero(in.aval(0)), Tangent.of(unbroadcast(Lax.mul(in.value(0), ct), in.aval(1))));
    }
    if (this == DIV && linearX && !linearY) {
      return List.of(Tangent.of(unbroadcast(Lax.div(ct, in.value(1)), in.aval(0))), Tangent.zero(in.aval(1)));
    }
    return super.transpose(cotangents, in, params);
  }

  /** A cotangent for a 0-d operand that was broadcast against a larger one is summed over the broadcast. */
  private static Array unbroadcast(Array ct, AbstractValue operand) {
    if (operand.rank() == 0 && ct.ndim() > 0) return Lax.reduceSum(ct, ShapeRules.range(ct.ndim()));
    return ct;
  }

  @Override
  public Batched batch(List<Array> args, int[] dims, Params params) {
    return BatchAxis.elementwise(this, args, dims, params);
  }
}
