package dev.olympus.primitive;

/**
 * The gamma family the JDK lacks, in double precision, for the {@code lgamma}, {@code digamma},
 * {@code polygamma} and {@code zeta} primitives (float32 results are these rounded once). Poles and domains
 * follow XLA's: {@code lgamma} is {@code +inf} at the non-positive integers, {@code digamma} NaN there, and the
 * Hurwitz zeta {@code +inf} or NaN at a non-positive integer {@code q} as the sign of the infinite term
 * {@code 1/0^x} is or is not defined (x even or odd).
 */
public final class GammaFunctions {
  private GammaFunctions() {}

  /** Lanczos' approximation with g = 7 and 9 terms (the coefficients XLA's lgamma uses), good to ~1e-15. */
  private static final double LANCZOS_G = 7;
  private static final double[] LANCZOS = {0.99999999999980993, 676.5203681218851, -1259.1392167224028,
      771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
      1.5056327351493116e-7};
  private static final double HALF_LOG_TWO_PI = 0.9189385332046728;

  /** {@code log|Gamma(x)|}; below 1/2 by the reflection {@code Gamma(x) Gamma(1 - x) = pi / sin(pi x)}. */
  public static double lgamma(double x) {
    if (Double.isNaN(x)) return x;
    if (Double.isInfinite(x)) return Double.POSITIVE_INFINITY;
    if (x <= 0 && x == Math.floor(x)) return Double.POSITIVE_INFINITY;
    if (x < 0.5) return Math.log(Math.PI / Math.abs(sinPi(x))) - lgamma(1 - x);
    double z = x - 1;
    double a = LANCZOS[0];
    for (int i = 1; i < LANCZOS.length; i++) a += LANCZOS[i] / (z + i);
    double t = z + LANCZOS_G + 0.5;
    return HALF_LOG_TWO_PI + (z + 0.5) * Math.log(t) - t + Math.log(a);
  }

  /**
   * {@code d/dx log Gamma(x)}: below 1/2 by the reflection {@code psi(1 - x) - psi(x) = pi cot(pi x)}; else
   * the recurrence {@code psi(x) = psi(x + 1) - 1/x} up to 10, then the asymptotic series in {@code 1/x^2}
   * (Bernoulli numbers), whose first omitted term there is below 1e-16.
   */
  public static double digamma(double x) {
    if (Double.isNaN(x) || x == Double.NEGATIVE_INFINITY) return Double.NaN;
    if (x == Double.POSITIVE_INFINITY) return x;
    if (x <= 0 && x == Math.floor(x)) return Double.NaN;
    if (x < 0.5) return digamma(1 - x) - Math.PI / tanPi(x);
    double shift = 0;
    while (x < 10) {
      shift -= 1 / x;
      x += 1;
    }
    double f = 1 / (x * x);
    double series = f * (1.0 / 12 - f * (1.0 / 120 - f * (1.0 / 252 - f * (1.0 / 240 - f * (1.0 / 132
        - f * (691.0 / 32760 - f / 12.0))))));
    return shift + Math.log(x) - 0.5 / x - series;
  }

  /**
   * The n-th derivative of digamma, for integer {@code n >= 0} (NaN otherwise, as XLA's):
   * {@code (-1)^(n+1) n! zeta(n + 1, x)}.
   */
  public static double polygamma(double n, double x) {
    if (Double.isNaN(n) || Double.isNaN(x) || n < 0 || n != Math.floor(n)) return Double.NaN;
    if (n == 0) return digamma(x);
    double factorial = Math.exp(lgamma(n + 1));
    return (n % 2 == 0 ? -factorial : factorial) * zeta(n + 1, x);
  }

  /** Euler-Maclaurin coefficients (2k)!/B_2k of Cephes' {@code zeta}. */
  private static final double[] EULER_MACLAURIN = {12.0, -720.0, 30240.0, -1209600.0, 47900160.0,
      -1.8924375803183791606e9, 7.47242496e10, -2.950130727918164224e12, 1.1646782814350067249e14,
      -4.5979787224074726105e15, 1.8152105401943546773e17, -7.1661652561756670113e18};
  private static final double EPSILON = 1.1102230246251565e-16;

  /**
   * The Hurwitz zeta function {@code sum_k (k + q)^-x} for {@code x > 1} (Cephes' {@code zeta}: direct terms
   * until {@code k + q > 9}, then the Euler-Maclaurin tail). {@code x == 1} is {@code +inf}, {@code x < 1} NaN.
   */
  public static double zeta(double x, double q) {
    if (Double.isNaN(x) || Double.isNaN(q)) return Double.NaN;
    if (x == 1) return Double.POSITIVE_INFINITY;
    if (x < 1) return Double.NaN;
    if (q <= 0) {
      if (q == Math.floor(q)) return x == Math.floor(x) && x % 2 == 0 ? Double.POSITIVE_INFINITY : Double.NaN;
      if (x != Math.floor(x)) return Double.NaN;
    }
    if (q > 1e8) return (1 / (x - 1) + 1 / (2 * q)) * Math.pow(q, 1 - x);
    double s = Math.pow(q, -x);
    double a = q;
    double b = 0;
    int i = 0;
    while (i < 9 || a <= 9.0) {
      i++;
      a += 1;
      b = Math.pow(a, -x);
      s += b;
      if (Math.abs(b / s) < EPSILON) return s;
    }
    double w = a;
    s += b * w / (x - 1);
    s -= 0.5 * b;
    double fact = 1;
    double k = 0;
    for (double coefficient : EULER_MACLAURIN) {
      fact *= x + k;
      b /= w;
      double t = fact * b / coefficient;
      s += t;
      if (Math.abs(t / s) < EPSILON) break;
      k += 1;
      fact *= x + k;
      b /= w;
      k += 1;
    }
    return s;
  }

  /** {@code sin(pi x)}, exact at the integers: {@code x} is first reduced (exactly) into [-1, 1]. */
  private static double sinPi(double x) {
    double r = x - 2 * Math.floor(x / 2);
    return r == 0 || r == 1 ? 0 : Math.sin(Math.PI * r);
  }

  /** {@code tan(pi x)}, reduced (exactly) into [0, 1) first: tan has period 1. */
  private static double tanPi(double x) {
    double r = x - Math.floor(x);
    return Math.tan(Math.PI * r);
  }
}
