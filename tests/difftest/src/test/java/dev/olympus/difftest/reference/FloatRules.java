package dev.olympus.difftest.reference;

import dev.olympus.DType;
import dev.olympus.difftest.KnownIssues;
import dev.olympus.difftest.program.BinaryOp;
import dev.olympus.difftest.program.UnaryOp;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * Elementwise float ops on enclosures, from the IEEE 754 / C99 Annex F definitions that XLA and JAX follow
 * (computed with {@code StrictMath}, not {@code Math}, so the reference does not share Olympus' implementation).
 *
 * <p>Exact (point) operands of a correctly rounded op give an exact result. For the others the result is widened
 * by {@link Accuracy}; a special operand (zero, infinity, NaN) gives the exact special value C99 defines. An
 * enclosure operand gives the image of the enclosure: from its endpoints for a monotone function (Olympus rounds
 * to nearest, which is monotone, so the rounded image of the endpoints encloses every rounded result inside),
 * with the function's extrema added where it is not monotone.
 */
public final class FloatRules {
  private FloatRules() {}

  private static boolean special(double v) { return v == 0 || !Double.isFinite(v); }

  /** A point result of a non-correctly-rounded op: exact for special operands, else widened by {@code ulps}. */
  private static Iv approx(double value, boolean specialOperands, int ulps, DType d) {
    if (Double.isNaN(value)) return Iv.NAN;
    if (specialOperands || ulps == 0) return Iv.point(Rounding.round(value, d));
    return flushable(Rounding.widen(Iv.point(value), d, ulps), d);
  }

  /**
   * A transcendental result below the normal range may be flushed to zero: XLA's CPU kernels do it
   * ({@code lax.logistic(-100f)} is 0 in JAX, though 3.7e-44 is an f32), and so does any
   * {@code 1 / (1 + exp(-x))} whose exp overflows.
   */
  private static Iv flushable(Iv r, DType d) {
    double tiny = d == DType.F32 ? Float.MIN_NORMAL : Double.MIN_NORMAL;
    if (r.isNaN() || !(Math.abs(r.lo()) < tiny || Math.abs(r.hi()) < tiny)) return r;
    return Iv.hull(r, new Iv(-0.0, 0.0, Iv.NO));
  }

  // ---- unary -------------------------------------------------------------------------------------------

  public static Iv unary(UnaryOp op, Iv x, DType d) {
    if (x.isNaN()) return Iv.NAN;
    int u = Accuracy.ulps(op);
    return switch (op) {
      case NEG -> new Iv(-x.hi(), -x.lo(), x.nan());
      case ABS -> abs(x);
      case SIGN -> new Iv(sign(x.lo()), sign(x.hi()), x.nan());
      case FLOOR -> new Iv(Math.floor(x.lo()), Math.floor(x.hi()), x.nan());
      case CEIL -> new Iv(Math.ceil(x.lo()), Math.ceil(x.hi()), x.nan());
      case SQRT -> monotone(x, StrictMath::sqrt, true, -0.0, 0, d);
      case EXP -> monotone(x, StrictMath::exp, true, Double.NEGATIVE_INFINITY, u, d);
      case EXPM1 -> monotone(x, StrictMath::expm1, true, Double.NEGATIVE_INFINITY, u, d);
      case TANH -> monotone(x, StrictMath::tanh, true, Double.NEGATIVE_INFINITY, u, d);
      case LOGISTIC -> monotone(x, FloatRules::logistic, true, Double.NEGATIVE_INFINITY, u, d);
      case LOG -> monotone(x, StrictMath::log, true, -0.0, u, d);
      case LOG2 -> monotone(x, v -> StrictMath.log(v) / StrictMath.log(2), true, -0.0, u, d);
      case LOG1P -> monotone(x, StrictMath::log1p, true, -1.0, u, d);
      case RSQRT -> rsqrt(x, u, d);
      case SIN -> periodic(x, StrictMath::sin, Math.PI / 2, u, d);
      case COS -> periodic(x, StrictMath::cos, 0, u, d);
      case TAN -> tan(x, u, d);
      case LOGICAL_NOT, BITWISE_NOT -> throw new IllegalArgumentException(op + " on a float");
    };
  }

  /** The logistic function, evaluated without overflow for large negative x. */
  static double logistic(double x) {
    if (x >= 0) return 1 / (1 + StrictMath.exp(-x));
    double e = StrictMath.exp(x);
    return e / (1 + e);
  }

  static double sign(double v) {
    if (Double.isNaN(v) || v == 0) return v;
    return v > 0 ? 1 : -1;
  }

  private static Iv abs(Iv x) {
    if (Double.compare(x.lo(), 0.0) >= 0) return x;
    if (Double.compare(x.hi(), -0.0) <= 0) return new Iv(-x.hi(), -x.lo(), x.nan());
    return new Iv(0.0, Math.max(-x.lo(), x.hi()), x.nan());
  }

  /** An increasing (or decreasing) function defined at and above {@code domainLo}, NaN below. */
  private static Iv monotone(Iv x, DoubleUnaryOperator f, boolean increasing, double domainLo, int ulps, DType d) {
    double lo = x.lo(), hi = x.hi();
    if (Double.compare(hi, domainLo) < 0) return Iv.NAN;
    boolean maybeNaN = x.mayBeNaN();
    if (Double.compare(lo, domainLo) < 0) {
      maybeNaN = true;
      lo = domainLo;
    }
    if (x.isPoint()) return approx(f.applyAsDouble(lo), special(lo), ulps, d).orNaN(maybeNaN);
    double a = f.applyAsDouble(lo), b = f.applyAsDouble(hi);
    Iv r = increasing ? Iv.hullOf(maybeNaN, a, b) : Iv.hullOf(maybeNaN, b, a);
    return flushable(Rounding.loosen(Rounding.widen(r, d, ulps)), d);
  }

  /** {@code 1/sqrt(x)}: decreasing on {@code [+0, inf]}, and {@code -inf} at {@code -0} (IEEE's {@code 1/-0}). */
  private static Iv rsqrt(Iv x, int ulps, DType d) {
    DoubleUnaryOperator f = v -> 1 / StrictMath.sqrt(v);
    if (x.isPoint()) {
      double v = x.lo();
      if (v < 0) return Iv.NAN;
      return approx(f.applyAsDouble(v), special(v), ulps, d);
    }
    Iv positive = monotone(x, f, false, 0.0, ulps, d);
    boolean hasMinusZero = Double.compare(x.lo(), -0.0) <= 0 && Double.compare(x.hi(), -0.0) >= 0;
    if (!hasMinusZero) return positive;
    return Iv.hull(positive, Iv.point(Double.NEGATIVE_INFINITY)).orNaN(true);
  }

  /**
   * sin ({@code peak} = pi/2) or cos ({@code peak} = 0): extrema at {@code peak + k pi}. Wide or huge enclosures
   * are simply [-1, 1] (the reference does not trust its own range reduction of a non-point beyond 1e6).
   */
  private static Iv periodic(Iv x, DoubleUnaryOperator f, double peak, int ulps, DType d) {
    double lo = x.lo(), hi = x.hi();
    if (x.isPoint()) return approx(f.applyAsDouble(lo), special(lo), ulps, d);
    boolean infinite = Double.isInfinite(lo) || Double.isInfinite(hi);
    if (infinite || hi - lo >= 2 * Math.PI || Math.abs(lo) > 1e6 || Math.abs(hi) > 1e6) {
      return new Iv(-1, 1, infinite || x.mayBeNaN() ? Iv.MAYBE : Iv.NO);
    }
    double a = f.applyAsDouble(lo), b = f.applyAsDouble(hi);
    Iv r = Iv.hullOf(x.mayBeNaN(), a, b);
    // Maxima at peak + 2k pi, minima at peak + (2k+1) pi.
    double kLo = Math.ceil((lo - peak) / Math.PI), kHi = Math.floor((hi - peak) / Math.PI);
    for (double k = kLo; k <= kHi && k <= kLo + 2; k++) {
      r = Iv.hull(r, Iv.point(Math.floorMod((long) k, 2) == 0 ? 1 : -1));
    }
    return flushable(Rounding.loosen(Rounding.widen(r, d, ulps)), d);
  }

  /** tan: increasing between poles at {@code pi/2 + k pi}; an enclosure across a pole is the whole line. */
  private static Iv tan(Iv x, int ulps, DType d) {
    double lo = x.lo(), hi = x.hi();
    if (x.isPoint()) return approx(StrictMath.tan(lo), special(lo), ulps, d);
    Iv whole = new Iv(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, Iv.MAYBE);
    if (Double.isInfinite(lo) || Double.isInfinite(hi) || hi - lo >= Math.PI || Math.abs(lo) > 1e6 || Math.abs(hi) > 1e6) {
      return whole;
    }
    if (Math.floor((lo - Math.PI / 2) / Math.PI) != Math.floor((hi - Math.PI / 2) / Math.PI)) return whole;
    double a = StrictMath.tan(lo), b = StrictMath.tan(hi);
    if (!(a <= b)) return whole;
    return flushable(Rounding.loosen(Rounding.widen(Iv.hullOf(x.mayBeNaN(), a, b), d, ulps)), d);
  }

  // ---- binary ------------------------------------------------------------------------------------------

  /** IEEE 754-2019 maximum, as XLA's max: NaN if either is NaN, and {@code max(-0, +0) = +0}. */
  static double max(double a, double b) {
    if (Double.isNaN(a) || Double.isNaN(b)) return Double.NaN;
    return Double.compare(a, b) >= 0 ? a : b;
  }

  static double min(double a, double b) {
    if (Double.isNaN(a) || Double.isNaN(b)) return Double.NaN;
    return Double.compare(a, b) <= 0 ? a : b;
  }

  /**
   * C99's {@code pow} (Annex F.9.4.4), which XLA and JAX follow. It agrees with {@code StrictMath.pow} except that
   * {@code pow(+1, y)} is 1 for every y, NaN included, and {@code pow(-1, +-inf)} is 1.
   */
  static double cpow(double x, double y) {
    if (x == 1) return 1;
    if (x == -1 && Double.isInfinite(y)) return 1;
    return StrictMath.pow(x, y);
  }

  public static Iv binary(BinaryOp op, Iv a, Iv b, DType d, Masks masks) {
    if (a.isPoint() && b.isPoint()) return points(op, a.isNaN() ? Double.NaN : a.lo(), b.isNaN() ? Double.NaN : b.lo(), d, masks);
    if (a.isNaN() || b.isNaN()) {
      // Every op here is NaN for a NaN operand, except pow (pow(x, 0) and pow(1, y)) and the known-issue masks.
      if (op != BinaryOp.POW) return Iv.NAN;
      return Iv.ANY;
    }
    boolean nan = a.mayBeNaN() || b.mayBeNaN();
    return switch (op) {
      case ADD -> corners(a, b, Double::sum, nan, d);
      case SUB -> corners(a, b, (x, y) -> x - y, nan, d);
      // 0 * inf inside the box (not at a corner: the zero is interior) is NaN.
      case MUL -> corners(a, b, (x, y) -> x * y, nan || containsZero(a) && hasInfinity(b) || containsZero(b) && hasInfinity(a), d);
      case MAX -> corners(a, b, FloatRules::max, nan, d);
      case MIN -> corners(a, b, FloatRules::min, nan, d);
      case DIV -> containsZero(b) ? Iv.ANY : corners(a, b, (x, y) -> x / y, nan, d);
      case POW -> powEnclosure(a, b, nan, d);
      case ATAN2 -> new Iv(Rounding.down(-Math.PI, d, 1), Rounding.up(Math.PI, d, 1), nan ? Iv.MAYBE : Iv.NO);
      case REM, REMAINDER -> remainderEnclosure(a, b, nan);
      case FLOOR_DIVIDE -> floorDivideEnclosure(a, b, d);
      default -> throw new IllegalArgumentException(op + " is not an arithmetic float op");
    };
  }

  private static boolean containsZero(Iv x) { return x.lo() <= 0 && x.hi() >= 0; }

  private static boolean hasInfinity(Iv x) { return Double.isInfinite(x.lo()) || Double.isInfinite(x.hi()); }

  /** The image of a function monotone in each argument (or bilinear) over the box: its corners. */
  private static Iv corners(Iv a, Iv b, DoubleBinaryOperator f, boolean nan, DType d) {
    double c1 = Rounding.round(f.applyAsDouble(a.lo(), b.lo()), d);
    double c2 = Rounding.round(f.applyAsDouble(a.lo(), b.hi()), d);
    double c3 = Rounding.round(f.applyAsDouble(a.hi(), b.lo()), d);
    double c4 = Rounding.round(f.applyAsDouble(a.hi(), b.hi()), d);
    if (Double.isNaN(c1) || Double.isNaN(c2) || Double.isNaN(c3) || Double.isNaN(c4)) {
      // A NaN corner is inf * 0, inf - inf or inf / inf: the finite points next to that corner give values
      // around zero (x * 0, x / inf) that no corner shows.
      return Rounding.loosen(Iv.hullOf(true, c1, c2, c3, c4, -0.0, 0.0));
    }
    return Rounding.loosen(Iv.hullOf(nan, c1, c2, c3, c4));
  }

  private static Iv powEnclosure(Iv a, Iv b, boolean nan, DType d) {
    boolean positiveBase = a.lo() > 0 && a.hi() < Double.POSITIVE_INFINITY;
    boolean finiteExponent = Double.isFinite(b.lo()) && Double.isFinite(b.hi());
    if (!positiveBase || !finiteExponent) return Iv.ANY;
    // x^y for x > 0 is monotone in each argument on each side of x = 1 and of y = 0, where it is 1.
    double[] c = {StrictMath.pow(a.lo(), b.lo()), StrictMath.pow(a.lo(), b.hi()), StrictMath.pow(a.hi(), b.lo()),
        StrictMath.pow(a.hi(), b.hi()), 1};
    boolean hasOne = a.lo() <= 1 && a.hi() >= 1 || containsZero(b);
    Iv r = hasOne ? Iv.hullOf(nan, c) : Iv.hullOf(nan, c[0], c[1], c[2], c[3]);
    return flushable(Rounding.loosen(Rounding.widen(r, d, Accuracy.TRANSCENDENTAL)), d);
  }

  /** {@code |fmod(x, y)| <= min(|x|, |y|)}, and the floored remainder is at most |y| in magnitude. */
  private static Iv remainderEnclosure(Iv a, Iv b, boolean nan) {
    double m = Math.max(Math.abs(b.lo()), Math.abs(b.hi()));
    boolean undefined = containsZero(b) || Double.isInfinite(a.lo()) || Double.isInfinite(a.hi());
    if (Double.isInfinite(m)) return Iv.ANY;
    return Rounding.loosen(new Iv(-m, m, nan || undefined ? Iv.MAYBE : Iv.NO));
  }

  private static Iv floorDivideEnclosure(Iv a, Iv b, DType d) {
    if (containsZero(b) || !Double.isFinite(a.lo()) || !Double.isFinite(a.hi()) || !Double.isFinite(b.lo())
        || !Double.isFinite(b.hi())) {
      return Iv.ANY;
    }
    Iv q = corners(a, b, (x, y) -> x / y, a.mayBeNaN() || b.mayBeNaN(), d);
    if (q.isNaN()) return q;
    return Rounding.loosen(new Iv(Math.floor(q.lo()) - 1, Math.floor(q.hi()) + 1, q.nan()));
  }

  private static Iv points(BinaryOp op, double x, double y, DType d, Masks masks) {
    return switch (op) {
      case ADD -> Iv.point(Rounding.round(x + y, d));
      case SUB -> Iv.point(Rounding.round(x - y, d));
      case MUL -> Iv.point(Rounding.round(x * y, d));
      case DIV -> Iv.point(Rounding.round(x / y, d));
      case MAX -> Iv.point(max(x, y));
      case MIN -> Iv.point(min(x, y));
      case REM -> Iv.point(x % y);
      case REMAINDER -> Iv.point(remainder(x, y, d));
      case FLOOR_DIVIDE -> {
        double jax = floorDivide(x, y, d);
        yield Iv.point(jax);
      }
      case POW -> {
        boolean exact = special(x) || special(y) || x == 1 || Double.isNaN(x) || Double.isNaN(y);
        yield approx(cpow(x, y), exact, Accuracy.TRANSCENDENTAL, d);
      }
      case ATAN2 -> approx(StrictMath.atan2(x, y), special(x) || special(y), Accuracy.TRANSCENDENTAL, d);
      default -> throw new IllegalArgumentException(op + " is not an arithmetic float op");
    };
  }

  /** {@code jnp.remainder}: C's fmod, moved by one divisor when its sign differs from the divisor's. */
  static double remainder(double x, double y, DType d) {
    double mod = x % y;
    boolean doPlus = mod != 0 && (mod < 0) != (y < 0);
    return doPlus ? Rounding.round(mod + y, d) : mod;
  }

  /**
   * {@code jnp.floor_divide} of floats, JAX's {@code _float_divmod} (after CPython's float_divmod):
   * {@code div = (x - fmod(x, y)) / y}, minus one where the remainder was moved, rounded half away from zero.
   */
  static double floorDivide(double x, double y, DType d) {
    double mod = x % y;
    double corrected = y == 0 ? x : Rounding.round(x - mod, d);
    double div = Rounding.round(corrected / y, d);
    boolean ind = mod != 0 && sign(y) != sign(mod);
    if (ind) div = Rounding.round(div - 1, d);
    return roundHalfAwayFromZero(div);
  }

  static double roundHalfAwayFromZero(double v) {
    if (!Double.isFinite(v)) return v;
    double r = Math.floor(Math.abs(v) + 0.5);
    // Math.abs(v) + 0.5 can round up for the largest values below a half; those are integers already.
    if (Math.abs(v) >= 0x1p52) r = Math.abs(v);
    else if (r - Math.abs(v) > 0.5) r -= 1;
    return Math.copySign(r, v);
  }

  /** A comparison of enclosures: 1 or 0 when decided, -1 when the enclosures leave it open. */
  public static int compare(BinaryOp op, Iv a, Iv b) {
    if (a.isNaN() || b.isNaN()) return op == BinaryOp.NE ? 1 : 0;
    if (a.isPoint() && b.isPoint()) {
      double x = a.lo(), y = b.lo();
      boolean r = switch (op) {
        case GT -> x > y;
        case LT -> x < y;
        case GE -> x >= y;
        case LE -> x <= y;
        case EQ -> x == y;
        case NE -> x != y;
        default -> throw new IllegalArgumentException(op + " is not a comparison");
      };
      return r ? 1 : 0;
    }
    if (a.mayBeNaN() || b.mayBeNaN()) return -1;
    // Numeric (not total-order) comparison of endpoints: -0 == +0 here, as in IEEE comparisons.
    boolean aAbove = a.lo() > b.hi(), aBelow = a.hi() < b.lo();
    boolean allEqual = a.lo() == a.hi() && b.lo() == b.hi() && a.lo() == b.lo();
    boolean aAtLeast = a.lo() >= b.hi(), aAtMost = a.hi() <= b.lo();
    return switch (op) {
      case GT -> aAbove ? 1 : aAtMost ? 0 : -1;
      case LT -> aBelow ? 1 : aAtLeast ? 0 : -1;
      case GE -> aAtLeast ? 1 : aBelow ? 0 : -1;
      case LE -> aAtMost ? 1 : aAbove ? 0 : -1;
      case EQ -> allEqual ? 1 : aAbove || aBelow ? 0 : -1;
      case NE -> allEqual ? 0 : aAbove || aBelow ? 1 : -1;
      default -> throw new IllegalArgumentException(op + " is not a comparison");
    };
  }

  /** Rounds an enclosure into {@code d} (a float-to-float conversion, monotone). */
  public static Iv convert(Iv x, DType d) {
    if (x.isNaN()) return x;
    if (x.isPoint()) return Iv.point(Rounding.round(x.lo(), d));
    return Rounding.loosen(new Iv(Rounding.round(x.lo(), d), Rounding.round(x.hi(), d), x.nan()));
  }
}
