package dev.olympus.difftest.reference;

import dev.olympus.DType;
import dev.olympus.difftest.program.UnaryOp;

/**
 * How far (in ulps of the result dtype) Olympus may be from the exact value of an op that is not correctly
 * rounded, and why. Correctly rounded ops (+, -, *, /, sqrt, conversions, floor, min/max, comparisons) have no
 * entry: they must match the reference exactly, bit for bit.
 *
 * <p>Every entry is the sum of: the implementation's error (Olympus evaluates f32 math in double and rounds once,
 * within 0.5 ulp plus 1 double ulp; its SIMD kernels use the Vector API's SVML intrinsics, documented within 1
 * ulp; f64 uses {@code Math}, within 1 ulp), and the reference's own error ({@code StrictMath}, within 1 double
 * ulp, which can move a value across an f32 rounding boundary). Both sides round to nearest, so 2 ulps covers
 * 0.5 + 1 + epsilon for f32 and 1 + 1 for f64. A result below the normal range may also be flushed to zero, as
 * XLA's CPU kernels do (see {@code FloatRules.flushable}).
 */
public final class Accuracy {
  private Accuracy() {}

  /** exp, log, sin, cos, tan, tanh, log1p, expm1, logistic, rsqrt, atan2, pow. */
  public static final int TRANSCENDENTAL = 2;

  /** {@code jnp.log2} is {@code log(x) / log(2)}: two transcendental results and a division, each rounded. */
  public static final int LOG2 = 3;

  /**
   * {@code logistic} is evaluated as {@code 1 / (1 + exp(-x))} (by Olympus in double, as by XLA): exp's ulp, and two
   * more roundings, which the division carries over when exp(-x) is large; with the reference's own, 4 ulps.
   */
  public static final int LOGISTIC = 4;

  public static int ulps(UnaryOp op) {
    return switch (op) {
      case LOG2 -> LOG2;
      case LOGISTIC -> LOGISTIC;
      default -> op.transcendental() ? TRANSCENDENTAL : 0;
    };
  }

  /**
   * {@code x ** n} by repeated squaring rounds after each of its multiplications (and the reciprocal for negative
   * n), each within 0.5 ulp; the reference's value is {@code StrictMath.pow}, within 1 double ulp of exact.
   */
  public static int integerPow(int n) {
    long e = Math.abs((long) n);
    int mults = 0;
    for (long k = e; k > 1; k >>= 1) mults += 1 + (int) (k & 1);
    return mults + (n < 0 ? 1 : 0) + 2;
  }

  /** The unit roundoff of {@code d}: half an ulp of 1. */
  public static double unitRoundoff(DType d) { return d == DType.F32 ? 0x1p-24 : 0x1p-53; }
}
