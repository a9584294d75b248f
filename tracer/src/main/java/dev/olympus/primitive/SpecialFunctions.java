package dev.olympus.primitive;

/**
 * Special functions the JDK lacks, in double precision, for the {@code erf}, {@code erfc} and {@code erf_inv} primitives
 * (float32 results are these rounded once, so within an ulp of the true value).
 */
public final class SpecialFunctions {
  private SpecialFunctions() {}

  private static final double TWO_OVER_SQRT_PI = 1.1283791670955126;
  private static final double ONE_OVER_SQRT_PI = 0.5641895835477563;

  /**
   * The error function. Below |x| = 3, {@code 2/sqrt(pi) exp(-x^2) sum 2^n x^(2n+1) / (2n+1)!!}, a series of
   * positive terms (no cancellation); above, {@code 1 - erfc(x)} with erfc's continued fraction, which
   * converges fast there. Odd: erf(-x) = -erf(x); erf(-0) = -0.
   */
  public static double erf(double x) {
    if (Double.isNaN(x)) return x;
    double a = Math.abs(x);
    double r;
    if (a < 3) {
      double term = a;
      double sum = a;
      double a2 = a * a;
      for (int n = 0; n < 200 && term > sum * 1e-17; n++) {
        term *= 2 * a2 / (2 * n + 3);
        sum += term;
      }
      r = TWO_OVER_SQRT_PI * Math.exp(-a2) * sum;
    } else {
      r = a > 6 ? 1.0 : 1.0 - erfcContinuedFraction(a);
    }
    return x < 0 || (x == 0 && 1 / x < 0) ? -r : r;
  }

  /**
   * The complementary error function, {@code 1 - erf(x)} without its cancellation where erfc is small: below 3 the
   * difference loses at most 5e-12 relative (erfc(3) = 2.2e-5), from 3 on erfc's continued fraction, and for
   * negative x {@code 1 + erf(-x)}, a sum of positives.
   */
  public static double erfc(double x) {
    if (Double.isNaN(x)) return x;
    return x < 3 ? 1.0 - erf(x) : erfcContinuedFraction(x);
  }

  /** erfc(a) for a >= 3: exp(-a^2)/sqrt(pi) / (a + (1/2)/(a + 1/(a + (3/2)/(a + ...)))), evaluated bottom-up. */
  private static double erfcContinuedFraction(double a) {
    double f = a;
    for (int k = 60; k >= 1; k--) f = a + (k / 2.0) / f;
    return ONE_OVER_SQRT_PI * Math.exp(-a * a) / f;
  }

  /**
   * The inverse error function on [-1, 1] (±inf at ±1, NaN outside): M. Giles' single-precision approximation
   * ("Approximating the erfinv function", 2010, the one XLA uses for float32) refined by Newton steps on
   * {@link #erf} (one or two, more in the far tail where the approximation is coarse), so it is accurate in
   * double too.
   */
  public static double erfInv(double x) {
    if (Double.isNaN(x) || x < -1 || x > 1) return Double.NaN;
    if (x == 1) return Double.POSITIVE_INFINITY;
    if (x == -1) return Double.NEGATIVE_INFINITY;
    if (x == 0) return x;
    double w = -Math.log((1 - x) * (1 + x));
    double p;
    if (w < 5) {
      w -= 2.5;
      p = 2.81022636e-08;
      p = 3.43273939e-07 + p * w;
      p = -3.5233877e-06 + p * w;
      p = -4.39150654e-06 + p * w;
      p = 0.00021858087 + p * w;
      p = -0.00125372503 + p * w;
      p = -0.00417768164 + p * w;
      p = 0.246640727 + p * w;
      p = 1.50140941 + p * w;
    } else {
      w = Math.sqrt(w) - 3;
      p = -0.000200214257;
      p = 0.000100950558 + p * w;
      p = 0.00134934322 + p * w;
      p = -0.00367342844 + p * w;
      p = 0.00573950773 + p * w;
      p = -0.0076224613 + p * w;
      p = 0.00943887047 + p * w;
      p = 1.00167406 + p * w;
      p = 2.83297682 + p * w;
    }
    double y = p * x;
    // Newton on erf(|y|) - |x|, written as (1 - |x|) - erfc(|y|) in the tail, where 1 - |x| is exact and erfc's
    // continued fraction keeps its relative precision: the steps stay accurate however close |x| is to 1.
    double ax = Math.abs(x);
    for (int k = 0; k < 8; k++) {
      double ay = Math.abs(y);
      double slope = TWO_OVER_SQRT_PI * Math.exp(-ay * ay);
      if (slope == 0) break;
      double step = (ay < 3 ? erf(ay) - ax : (1 - ax) - erfcContinuedFraction(ay)) / slope;
      y = Math.copySign(ay - step, x);
      if (Math.abs(step) <= 1e-15 * ay) break;
    }
    return y;
  }
}
