package dev.olympus.primitive;

import dev.olympus.Array;
import dev.olympus.DType;
import dev.olympus.autodiff.JvpResult;
import dev.olympus.autodiff.LinearInputs;
import dev.olympus.autodiff.Tangent;
import dev.olympus.batching.Batched;
import dev.olympus.lax.Lax;
import dev.olympus.storage.Storage;
import dev.olympus.types.AbstractValue;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import java.util.function.LongUnaryOperator;

/**
 * An elementwise primitive of one operand. The scalar functions defined here are the single source of the
 * primitive's meaning: the eager loop calls them and lowering renders {@link #javaExpression} from the same
 * definitions. Float math runs in double and rounds once to the operand's dtype, so f32 results are the
 * correctly rounded double results.
 *
 * <p>Each op's derivative is given with it ({@link TangentRule}); {@code null} marks an op that is piecewise
 * constant (floor, ceil, round, sign, not), whose tangent is a symbolic zero, as in JAX.
 */
public final class UnaryPrimitive extends Primitive {
  /** Which dtypes an operand may have. */
  public enum Domain { FLOAT, NUMERIC, INTEGRAL_OR_BOOL }

  /**
   * The result tangent for a non-zero operand tangent {@code g}, from the operand {@code x} and the result
   * {@code ans}; linear in {@code g}.
   */
  @FunctionalInterface
  public interface TangentRule {
    Array apply(Array g, Array x, Array ans);
  }

  private final Domain domain;
  private final TangentRule tangentRule;
  private final DoubleUnaryOperator onFloat;
  private final LongUnaryOperator onInt;
  private final String floatJava;
  private final String intJava;

  private UnaryPrimitive(String name, Domain domain, DoubleUnaryOperator onFloat, String floatJava,
      LongUnaryOperator onInt, String intJava, TangentRule tangentRule) {
    super(name);
    this.domain = domain;
    this.tangentRule = tangentRule;
    this.onFloat = onFloat;
    this.onInt = onInt;
    this.floatJava = floatJava;
    this.intJava = intJava;
  }

  public static final UnaryPrimitive NEG = new UnaryPrimitive("neg", Domain.NUMERIC, x -> -x, "-(%s)", x -> -x, "-(%s)",
      (g, x, ans) -> Lax.neg(g));
  public static final UnaryPrimitive EXP = floatOnly("exp", Math::exp, "Math.exp(%s)", (g, x, ans) -> Lax.mul(g, ans));
  public static final UnaryPrimitive LOG = floatOnly("log", Math::log, "Math.log(%s)", (g, x, ans) -> Lax.div(g, x));
  public static final UnaryPrimitive SIN = floatOnly("sin", Math::sin, "Math.sin(%s)",
      (g, x, ans) -> Lax.mul(g, Lax.cos(x)));
  public static final UnaryPrimitive COS = floatOnly("cos", Math::cos, "Math.cos(%s)",
      (g, x, ans) -> Lax.mul(g, Lax.neg(Lax.sin(x))));
  public static final UnaryPrimitive TAN = floatOnly("tan", Math::tan, "Math.tan(%s)",
      (g, x, ans) -> Lax.mul(g, Lax.add(scalarLike(x, 1), Lax.mul(ans, ans))));
  /**
   * JAX's {@code asin}, {@code acos}, {@code atan}: no strip form yet, so inside a kernel they run as their
   * primitive (a loop of Java's {@code Math}) between fused nests.
   */
  public static final UnaryPrimitive ASIN = floatOnly("asin", Math::asin, "Math.asin(%s)",
      (g, x, ans) -> Lax.mul(g, Lax.rsqrt(Lax.sub(scalarLike(x, 1), Lax.mul(x, x)))));
  public static final UnaryPrimitive ACOS = floatOnly("acos", Math::acos, "Math.acos(%s)",
      (g, x, ans) -> Lax.neg(Lax.mul(g, Lax.rsqrt(Lax.sub(scalarLike(x, 1), Lax.mul(x, x))))));
  public static final UnaryPrimitive ATAN = floatOnly("atan", Math::atan, "Math.atan(%s)",
      (g, x, ans) -> Lax.div(g, Lax.add(scalarLike(x, 1), Lax.mul(x, x))));
  /** JAX's {@code erf}, {@code erfc} and {@code erf_inv}, computed by {@link SpecialFunctions} (no strip form yet). */
  public static final UnaryPrimitive ERF = floatOnly("erf", SpecialFunctions::erf,
      "dev.olympus.primitive.SpecialFunctions.erf(%s)",
      (g, x, ans) -> Lax.mul(g, Lax.mul(scalarLike(x, 1.1283791670955126), Lax.exp(Lax.neg(Lax.mul(x, x))))));
  public static final UnaryPrimitive ERFC = floatOnly("erfc", SpecialFunctions::erfc,
      "dev.olympus.primitive.SpecialFunctions.erfc(%s)",
      (g, x, ans) -> Lax.neg(Lax.mul(g, Lax.mul(scalarLike(x, 1.1283791670955126), Lax.exp(Lax.neg(Lax.mul(x, x)))))));
  public static final UnaryPrimitive ERF_INV = floatOnly("erf_inv", SpecialFunctions::erfInv,
      "dev.olympus.primitive.SpecialFunctions.erfInv(%s)",
      (g, x, ans) -> Lax.mul(g, Lax.mul(scalarLike(x, 0.886226925452758), Lax.exp(Lax.mul(ans, ans)))));
  /** JAX's {@code lgamma} and {@code digamma}, computed by {@link GammaFunctions} (no strip form yet). */
  public static final UnaryPrimitive LGAMMA = floatOnly("lgamma", GammaFunctions::lgamma,
      "dev.olympus.primitive.GammaFunctions.lgamma(%s)", (g, x, ans) -> Lax.mul(g, Lax.digamma(x)));
  public static final UnaryPrimitive DIGAMMA = floatOnly("digamma", GammaFunctions::digamma,
      "dev.olympus.primitive.GammaFunctions.digamma(%s)",
      (g, x, ans) -> Lax.mul(g, Lax.polygamma(scalarLike(x, 1), x)));
  public static final UnaryPrimitive TANH = floatOnly("tanh", Math::tanh, "Math.tanh(%s)",
      (g, x, ans) -> Lax.mul(g, Lax.sub(scalarLike(x, 1), Lax.mul(ans, ans))));
  public static final UnaryPrimitive SQRT = floatOnly("sqrt", Math::sqrt, "Math.sqrt(%s)",
      (g, x, ans) -> Lax.mul(g, Lax.div(scalarLike(x, 0.5), ans)));
  public static final UnaryPrimitive RSQRT = floatOnly("rsqrt", x -> 1.0 / Math.sqrt(x), "(1.0 / Math.sqrt(%s))",
      (g, x, ans) -> Lax.mul(g, Lax.mul(scalarLike(x, -0.5), Lax.div(ans, x))));
  public static final UnaryPrimitive LOG1P = floatOnly("log1p", Math::log1p, "Math.log1p(%s)",
      (g, x, ans) -> Lax.div(g, Lax.add(x, scalarLike(x, 1))));
  public static final UnaryPrimitive EXPM1 = floatOnly("expm1", Math::expm1, "Math.expm1(%s)",
      (g, x, ans) -> Lax.mul(g, Lax.add(ans, scalarLike(x, 1))));
  public static final UnaryPrimitive FLOOR = floatOnly("floor", Math::floor, "Math.floor(%s)", null);
  public static final UnaryPrimitive CEIL = floatOnly("ceil", Math::ceil, "Math.ceil(%s)", null);
  /** XLA's {@code round} (JAX's default rounding method): to the nearest integer, halves away from zero. */
  public static final UnaryPrimitive ROUND = floatOnly("round", UnaryPrimitive::roundHalfAwayFromZero,
      "dev.olympus.primitive.UnaryPrimitive.roundHalfAwayFromZero(%s)", null);
  public static final UnaryPrimitive LOGISTIC =
      floatOnly("logistic", x -> 1.0 / (1.0 + Math.exp(-x)), "(1.0 / (1.0 + Math.exp(-(%s))))",
          (g, x, ans) -> Lax.mul(g, Lax.mul(ans, Lax.sub(scalarLike(x, 1), ans))));
  /** The derivative at 0 is taken as 1, as JAX does ({@code select(x >= 0, g, -g)}). */
  public static final UnaryPrimitive ABS = new UnaryPrimitive("abs", Domain.NUMERIC, Math::abs, "Math.abs(%s)",
      Math::abs, "Math.abs(%s)", (g, x, ans) -> Lax.selectN(Lax.ge(x, scalarLike(x, 0)), Lax.neg(g), g));
  public static final UnaryPrimitive SIGN = new UnaryPrimitive("sign", Domain.NUMERIC, Math::signum,
      "Math.signum(%s)", Long::signum, "Long.signum(%s)", null);
  /** Logical not on bool, bitwise not on integers (JAX's {@code not}). */
  public static final UnaryPrimitive NOT = new UnaryPrimitive("not", Domain.INTEGRAL_OR_BOOL, null, null,
      x -> ~x, "~(%s)", null);

  /**
   * The nearest integer, halves away from zero, keeping the sign of a zero result ({@code -0.4 -> -0.0}).
   * {@code |x| - floor(|x|)} is exact, so the half is decided on the value itself: adding 0.5 first would round
   * 0.49999999999999994 up.
   */
  public static double roundHalfAwayFromZero(double x) {
    double a = Math.abs(x);
    double t = Math.floor(a);
    if (a - t >= 0.5) t += 1;
    return Math.copySign(t, x);
  }

  private static UnaryPrimitive floatOnly(String name, DoubleUnaryOperator f, String java, TangentRule rule) {
    return new UnaryPrimitive(name, Domain.FLOAT, f, java, null, null, rule);
  }

  public Domain domain() { return domain; }

  /** The scalar function on floating values. */
  public double applyFloat(double x) { return onFloat.applyAsDouble(x); }

  /** The scalar function on integer values (two's complement, wrapping). */
  public long applyInt(long x) { return onInt.applyAsLong(x); }

  /** A Java expression computing this op on {@code operand} (a double for floats, a long for integers). */
  public String javaExpression(DType dtype, String operand) {
    return String.format(dtype.isFloating() ? floatJava : intJava, operand);
  }

  @Override
  public List<AbstractValue> abstractEval(List<AbstractValue> in, Params params) {
    ShapeRules.arity(this, in, 1);
    AbstractValue x = in.get(0);
    boolean ok = switch (domain) {
      case FLOAT -> x.dtype().isFloating();
      case NUMERIC -> !x.dtype().isBool();
      case INTEGRAL_OR_BOOL -> !x.dtype().isFloating();
    };
    if (!ok) {
      String wanted = switch (domain) {
        case FLOAT -> "a floating dtype (use the Jnp function, which promotes integers to float32, or astype)";
        case NUMERIC -> "a numeric dtype, not bool";
        case INTEGRAL_OR_BOOL -> "a bool or integer dtype";
      };
      throw ShapeRules.error(name(), "got an operand of dtype " + x.dtype().numpyName() + "; it needs " + wanted);
    }
    return List.of(x);
  }

  @Override
  public List<Storage> evaluate(List<Storage> in, Params params) {
    Storage x = in.get(0);
    Storage out = Storage.allocate(x.dtype(), x.shape());
    int n = x.length();
    switch (x.dtype()) {
      case F32 -> {
        float[] a = x.f32(), o = out.f32();
        for (int i = 0; i < n; i++) o[i] = (float) onFloat.applyAsDouble(a[i]);
      }
      case F64 -> {
        double[] a = x.f64(), o = out.f64();
        for (int i = 0; i < n; i++) o[i] = onFloat.applyAsDouble(a[i]);
      }
      case I32 -> {
        int[] a = x.i32(), o = out.i32();
        for (int i = 0; i < n; i++) o[i] = (int) onInt.applyAsLong(a[i]);
      }
      case I64 -> {
        long[] a = x.i64(), o = out.i64();
        for (int i = 0; i < n; i++) o[i] = onInt.applyAsLong(a[i]);
      }
      case BOOL -> {
        boolean[] a = x.bool(), o = out.bool();
        for (int i = 0; i < n; i++) o[i] = (onInt.applyAsLong(a[i] ? 1 : 0) & 1) != 0;
      }
    }
    return List.of(out);
  }

  @Override
  public JvpResult jvp(List<Array> primals, List<Tangent> tangents, Params params) {
    Array x = primals.get(0);
    Array ans = bind1(params, x);
    Tangent g = tangents.get(0);
    if (tangentRule == null || g.isZero()) return JvpResult.zeroTangents(List.of(ans));
    return JvpResult.of(ans, Tangent.of(tangentRule.apply(g.value(), x, ans)));
  }

  /** Only {@code neg} is linear. */
  @Override
  public List<Tangent> transpose(List<Tangent> cotangents, LinearInputs inputs, Params params) {
    if (this != NEG) return super.transpose(cotangents, inputs, params);
    return List.of(cotangents.get(0).map(inputs.aval(0), Lax::neg));
  }

  @Override
  public Batched batch(List<Array> args, int[] dims, Params params) {
    return Batched.of(bind1(params, args.get(0)), dims[0]);
  }
}
