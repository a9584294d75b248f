package dev.olympus.difftest.program;

/** Elementwise functions of two operands. */
public enum BinaryOp {
  ADD, SUB, MUL, DIV, FLOOR_DIVIDE, REMAINDER, POW, MAX, MIN,
  GT, LT, GE, LE, EQ, NE,
  LOGICAL_AND, LOGICAL_OR,
  /** {@code Lax} only. */
  ATAN2, REM, BIT_AND, BIT_OR, BIT_XOR;

  public boolean comparison() {
    return switch (this) {
      case GT, LT, GE, LE, EQ, NE -> true;
      default -> false;
    };
  }

  public boolean laxOnly() {
    return switch (this) {
      case ATAN2, REM, BIT_AND, BIT_OR, BIT_XOR -> true;
      default -> false;
    };
  }

  /** The {@code Array} method of the same name exists. */
  public boolean hasMethod() {
    return switch (this) {
      case ADD, SUB, MUL, DIV, POW, MAX, MIN, GT, LT, GE, LE, EQ, NE -> true;
      default -> false;
    };
  }
}
