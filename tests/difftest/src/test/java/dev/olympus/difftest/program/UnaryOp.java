package dev.olympus.difftest.program;

/** Elementwise functions of one operand. */
public enum UnaryOp {
  NEG, EXP, LOG, LOG2, LOG1P, EXPM1, SQRT, RSQRT, SIN, COS, TAN, TANH, ABS, SIGN, FLOOR, CEIL, LOGISTIC,
  LOGICAL_NOT, BITWISE_NOT;

  /** The transcendental ones: float results within a few ulps rather than correctly rounded. */
  public boolean transcendental() {
    return switch (this) {
      case EXP, LOG, LOG2, LOG1P, EXPM1, RSQRT, SIN, COS, TAN, TANH, LOGISTIC -> true;
      default -> false;
    };
  }

  /** Whether the op takes a float operand (Jnp promotes integers to f32 first). */
  public boolean floating() {
    return transcendental() || this == SQRT;
  }
}
