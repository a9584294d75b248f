package dev.olympus.difftest.reference;

import dev.olympus.DType;
import dev.olympus.difftest.KnownIssues;
import dev.olympus.difftest.program.BinaryOp;
import dev.olympus.difftest.program.UnaryOp;

/**
 * Elementwise integer and bool ops, exact, with XLA's integer semantics as JAX documents them: two's complement
 * wrap-around; {@code x / 0 == -1}, {@code MIN / -1 == MIN}; {@code x rem 0 == x}; and the jnp formulas on top
 * ({@code floor_divide}, {@code remainder}, {@code power}). On bools, + is or, * is and, max is or, min is and.
 * A null result is an element masked for a {@link KnownIssues} entry.
 */
public final class IntRules {
  private IntRules() {}

  static long w(DType d, long v) { return RefArray.wrap(d, v); }

  public static long unary(UnaryOp op, long x, DType d) {
    boolean bool = d == DType.BOOL;
    return switch (op) {
      case NEG -> w(d, -x);
      case ABS -> w(d, Math.abs(x));
      case SIGN -> Long.signum(x);
      case FLOOR, CEIL -> x;
      case BITWISE_NOT -> bool ? (x == 0 ? 1 : 0) : w(d, ~x);
      case LOGICAL_NOT -> x == 0 ? 1 : 0;
      default -> throw new IllegalArgumentException(op + " on an integer");
    };
  }

  /** XLA's integer division. */
  static long div(long a, long b, DType d) {
    if (b == 0) return w(d, -1);
    return w(d, a / b);
  }

  /** XLA's integer remainder: the sign of the dividend; {@code x rem 0 == x}. */
  static long rem(long a, long b, DType d) {
    if (b == 0) return a;
    return w(d, a % b);
  }

  private static long powBySquaring(long x, long n, DType d) {
    long r = 1, base = x;
    for (long e = n; e > 0; e >>= 1) {
      if ((e & 1) != 0) r = w(d, r * base);
      base = w(d, base * base);
    }
    return r;
  }

  /**
   * {@code jnp.power} of integers, JAX's {@code _pow_int_int}: six rounds of binary exponentiation (so only the low
   * six bits of the exponent count), starting from 0 when the base is 0 and the exponent is not.
   */
  static Long jnpPower(long x, long y, DType d, Masks masks) {
    long acc = x == 0 && y != 0 ? 0 : 1;
    long base = x;
    long e = d == DType.I32 ? y & 0xFFFFFFFFL : y;
    for (int i = 0; i < 6; i++) {
      if ((e & 1) != 0) acc = w(d, acc * base);
      base = w(d, base * base);
      e >>>= 1;
    }
    return acc;
  }

  public static Long binary(BinaryOp op, long a, long b, DType d, Masks masks) {
    if (d == DType.BOOL) {
      return switch (op) {
        case ADD, MAX, LOGICAL_OR, BIT_OR -> a | b;
        case MUL, MIN, LOGICAL_AND, BIT_AND -> a & b;
        case BIT_XOR -> a ^ b;
        default -> compare(op, a, b);
      };
    }
    if (op == BinaryOp.POW) return jnpPower(a, b, d, masks);
    return switch (op) {
      case ADD -> w(d, a + b);
      case SUB -> w(d, a - b);
      case MUL -> w(d, a * b);
      case DIV -> div(a, b, d);
      case REM -> rem(a, b, d);
      case FLOOR_DIVIDE -> {
        long q = div(a, b, d);
        boolean select = Long.signum(a) != Long.signum(b) && rem(a, b, d) != 0;
        yield select ? w(d, q - 1) : q;
      }
      case REMAINDER -> {
        long divisor = b == 0 ? 1 : b;
        long m = rem(a, divisor, d);
        boolean doPlus = m != 0 && (m < 0) != (divisor < 0);
        yield doPlus ? w(d, m + divisor) : m;
      }
      case MAX -> Math.max(a, b);
      case MIN -> Math.min(a, b);
      case BIT_AND -> a & b;
      case BIT_OR -> a | b;
      case BIT_XOR -> a ^ b;
      case LOGICAL_AND -> (a != 0) && (b != 0) ? 1L : 0L;
      case LOGICAL_OR -> (a != 0) || (b != 0) ? 1L : 0L;
      default -> compare(op, a, b);
    };
  }

  static long compare(BinaryOp op, long a, long b) {
    boolean r = switch (op) {
      case GT -> a > b;
      case LT -> a < b;
      case GE -> a >= b;
      case LE -> a <= b;
      case EQ -> a == b;
      case NE -> a != b;
      default -> throw new IllegalArgumentException(op + " on integers");
    };
    return r ? 1 : 0;
  }

  /** {@code integer_pow} of an integer: exact modulo 2^bits (the multiplications wrap). */
  public static long integerPow(long x, int n, DType d) { return powBySquaring(x, n, d); }
}
