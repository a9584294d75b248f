package dev.olympus.simd;

/**
 * The op codes of the strip operations, one table for every back end: each constant names the method that
 * implements it in each dtype's strip class ({@code FloatStrips.exp}, {@code IntStrips.add}, ...). Generated
 * kernels call those methods by name; the run-time kernels call the same methods through the classes'
 * dispatchers ({@code FloatStrips.unary(EXP, ...)}), so both run the same code.
 */
public final class StripOp {
  private StripOp() {}

  /** Ops of one operand. {@code NOT} is bitwise (integers); {@code BOOL_NOT} is logical on 0/1 bools. */
  public enum Unary {
    NEG("neg"), ABS("abs"), SIGN("sign"), FLOOR("floor"), CEIL("ceil"), ROUND("round"), SQRT("sqrt"),
    RSQRT("rsqrt"), EXP("exp"), EXPM1("expm1"), LOG("log"), LOG1P("log1p"), SIN("sin"), COS("cos"), TAN("tan"),
    TANH("tanh"), LOGISTIC("logistic"), NOT("not"), BOOL_NOT("boolNot");

    private final String method;

    Unary(String method) {
      this.method = method;
    }

    public String method() { return method; }
  }

  /** Ops of two operands of one dtype, with a result of that dtype. */
  public enum Binary {
    ADD("add"), SUB("sub"), MUL("mul"), DIV("div"), REM("rem"), POW("pow"), MAX("max"), MIN("min"),
    ATAN2("atan2"), AND("and"), OR("or"), XOR("xor");

    private final String method;

    Binary(String method) {
      this.method = method;
    }

    public String method() { return method; }
  }

  /** Comparisons: two operands of one dtype, a bool (0/1 int) result. */
  public enum Compare {
    GT("gt"), LT("lt"), GE("ge"), LE("le"), EQ("eq"), NE("ne");

    private final String method;

    Compare(String method) {
      this.method = method;
    }

    public String method() { return method; }
  }

  /** Reductions, each with its lane fold ({@code sumInto}), lane combine and final lane reduction. */
  public enum Monoid {
    SUM("sum"), MAX("max"), MIN("min"), PROD("prod");

    private final String method;

    Monoid(String method) {
      this.method = method;
    }

    /** The prefix of the reduction's methods: {@code sumInto}, {@code sumLanes}, {@code sumCombine}. */
    public String method() { return method; }

    /**
     * The lanes' starting value in compute dtype {@code d} (not int64, see {@link #longIdentity}): 0 for sums,
     * the lowest value for max, the highest for min, 1 for products, as XLA's.
     */
    public double identity(dev.olympus.DType d) {
      return switch (this) {
        case SUM -> 0;
        case MAX -> d.isFloating() ? Double.NEGATIVE_INFINITY : d == dev.olympus.DType.I32 ? Integer.MIN_VALUE : 0;
        case MIN -> d.isFloating() ? Double.POSITIVE_INFINITY : d == dev.olympus.DType.I32 ? Integer.MAX_VALUE : 1;
        case PROD -> 1;
      };
    }

    /** The lanes' starting value in int64. */
    public long longIdentity() {
      return this == SUM ? 0 : this == PROD ? 1 : this == MAX ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }
}
