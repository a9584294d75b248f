package dev.olympus.difftest.reference;

import dev.olympus.DType;

/**
 * Sums (reductions, and the sums of products of dot products) whose order JAX leaves to the backend: the reference
 * encloses every order and every accumulator precision at least as fine as the dtype. For {@code n} terms summed
 * in floating point with unit roundoff {@code u} (products rounded or not), the classic bound is
 * {@code |computed - exact| <= gamma_n * sum |t_k|} with {@code gamma_n = n u / (1 - n u)} (Higham, "Accuracy and
 * Stability of Numerical Algorithms", 2nd ed., eq. 3.5), valid while no partial sum overflows.
 */
public final class Accumulation {
  private Accumulation() {}

  /**
   * The enclosure of a sum of {@code terms} computed in {@code d}. {@code representable}: the terms are values of
   * {@code d} (a reduction); otherwise they are exact products still to be rounded (a dot product).
   */
  public static Iv sum(Iv[] terms, DType d, boolean representable) {
    int n = terms.length;
    if (n == 0) return new Iv(-0.0, 0.0, Iv.NO);
    boolean points = true, maybeNaN = false, plusInf = false, minusInf = false, integers = true;
    double lo = 0, hi = 0, abs = 0;
    for (Iv t : terms) {
      if (t.isNaN()) return Iv.NAN;
      points &= t.isPoint();
      maybeNaN |= t.mayBeNaN();
      if (t.hi() == Double.POSITIVE_INFINITY) plusInf = true;
      if (t.lo() == Double.NEGATIVE_INFINITY) minusInf = true;
      lo += t.lo();
      hi += t.hi();
      double m = Math.max(Math.abs(t.lo()), Math.abs(t.hi()));
      abs += m;
      integers &= t.lo() == Math.rint(t.lo());
    }
    double max = d == DType.F32 ? Float.MAX_VALUE : Double.MAX_VALUE;
    double u = Accumulation.unit(d);
    double gamma = n * u / (1 - n * u);
    if (plusInf || minusInf) {
      if (!points) return Iv.ANY;
      if (plusInf && minusInf) return Iv.NAN;
      double inf = plusInf ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
      double finite = 0;
      for (Iv t : terms) if (Double.isFinite(t.lo())) finite += Math.abs(t.lo());
      // The finite terms may overflow to the other infinity in the dtype before they meet this one: NaN then.
      return finite * (1 + gamma) >= max ? new Iv(inf, inf, Iv.MAYBE) : Iv.point(inf);
    }
    // A partial sum may overflow (to either infinity, then to NaN) once the magnitudes could reach the range.
    if (abs * (1 + gamma) >= max || !Double.isFinite(abs)) return Iv.ANY;
    if (points && (n <= (representable ? 2 : 1) || integers && abs <= (d == DType.F32 ? 0x1p24 : 0x1p53))) {
      // Exact in every order: two terms are one correctly rounded addition (one product, one rounding); sums of
      // integers below 2^p never round.
      double r = Rounding.round(lo, d);
      return r == 0 ? new Iv(-0.0, 0.0, Iv.NO) : Iv.point(r);
    }
    // The reference's own double sums add at most n + 2 roundings of 2^-53 relative to abs.
    double err = gamma * abs + (n + 2) * 0x1p-53 * abs;
    Iv r = new Iv(Rounding.down(lo - err, d, 0), Rounding.up(hi + err, d, 0), maybeNaN ? Iv.MAYBE : Iv.NO);
    return Rounding.loosen(r);
  }

  static double unit(DType d) { return Accuracy.unitRoundoff(d); }

  /** The exact product of two enclosures (f32 products are exact in double; f64 ones within 2^-53, in the slack). */
  public static Iv product(Iv a, Iv b) {
    return FloatRules.binary(dev.olympus.difftest.program.BinaryOp.MUL, a, b, DType.F64, new Masks());
  }
}
