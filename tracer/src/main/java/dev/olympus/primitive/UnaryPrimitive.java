package dev.olympus.primitive;

import dev.olympus.DType;
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
 */
public final class UnaryPrimitive extends Primitive {
  /** Which dtypes an operand may have. */
  public enum Domain { FLOAT, NUMERIC, INTEGRAL_OR_BOOL }

  private final Domain domain;
  private final DoubleUnaryOperator onFloat;
  private final LongUnaryOperator onInt;
  private final String floatJava;
  private final String intJava;

  private UnaryPrimitive(String name, Domain domain, DoubleUnaryOperator onFloat, String floatJava,
      LongUnaryOperator onInt, String intJava) {
    super(name);
    this.domain = domain;
    this.onFloat = onFloat;
    this.onInt = onInt;
    this.floatJava = floatJava;
    this.intJava = intJava;
  }

  public static final UnaryPrimitive NEG = new UnaryPrimitive("neg", Domain.NUMERIC, x -> -x, "-(%s)", x -> -x, "-(%s)");
  public static final UnaryPrimitive EXP = floatOnly("exp", Math::exp, "Math.exp(%s)");
  public static final UnaryPrimitive LOG = floatOnly("log", Math::log, "Math.log(%s)");
  public static final UnaryPrimitive SIN = floatOnly("sin", Math::sin, "Math.sin(%s)");
  public static final UnaryPrimitive COS = floatOnly("cos", Math::cos, "Math.cos(%s)");
  public static final UnaryPrimitive TAN = floatOnly("tan", Math::tan, "Math.tan(%s)");
  public static final UnaryPrimitive TANH = floatOnly("tanh", Math::tanh, "Math.tanh(%s)");
  public static final UnaryPrimitive SQRT = floatOnly("sqrt", Math::sqrt, "Math.sqrt(%s)");
  public static final UnaryPrimitive RSQRT = floatOnly("rsqrt", x -> 1.0 / Math.sqrt(x), "(1.0 / Math.sqrt(%s))");
  public static final UnaryPrimitive LOG1P = floatOnly("log1p", Math::log1p, "Math.log1p(%s)");
  public static final UnaryPrimitive EXPM1 = floatOnly("expm1", Math::expm1, "Math.expm1(%s)");
  public static final UnaryPrimitive FLOOR = floatOnly("floor", Math::floor, "Math.floor(%s)");
  public static final UnaryPrimitive CEIL = floatOnly("ceil", Math::ceil, "Math.ceil(%s)");
  public static final UnaryPrimitive LOGISTIC =
      floatOnly("logistic", x -> 1.0 / (1.0 + Math.exp(-x)), "(1.0 / (1.0 + Math.exp(-(%s))))");
  public static final UnaryPrimitive ABS = new UnaryPrimitive("abs", Domain.NUMERIC, Math::abs, "Math.abs(%s)",
      Math::abs, "Math.abs(%s)");
  public static final UnaryPrimitive SIGN = new UnaryPrimitive("sign", Domain.NUMERIC, Math::signum,
      "Math.signum(%s)", Long::signum, "Long.signum(%s)");
  /** Logical not on bool, bitwise not on integers (JAX's {@code not}). */
  public static final UnaryPrimitive NOT = new UnaryPrimitive("not", Domain.INTEGRAL_OR_BOOL, null, null,
      x -> ~x, "~(%s)");

  private static UnaryPrimitive floatOnly(String name, DoubleUnaryOperator f, String java) {
    return new UnaryPrimitive(name, Domain.FLOAT, f, java, null, null);
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
}
