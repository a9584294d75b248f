package dev.olympus.difftest.reference;

/**
 * What the reference knows about one floating-point element: Olympus' value must lie in {@code [lo, hi]} (in
 * IEEE total order, so {@code -0.0 < +0.0} and a point {@code [-0.0, -0.0]} pins the sign of a zero), or be NaN
 * where {@link #nan} allows it. A point is the exact expected value; a wider enclosure comes from ops that are
 * not correctly rounded (a few ulps), from summation order, or from an input that was itself an enclosure.
 */
public record Iv(double lo, double hi, byte nan) {
  /** Never NaN. */
  public static final byte NO = 0;
  /** NaN or a value in range. */
  public static final byte MAYBE = 1;
  /** Always NaN; {@code lo} and {@code hi} are meaningless. */
  public static final byte ALWAYS = 2;

  public static final Iv NAN = new Iv(Double.NaN, Double.NaN, ALWAYS);
  /** Nothing known: any value, or NaN. */
  public static final Iv ANY = new Iv(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, MAYBE);

  public Iv {
    if (nan != ALWAYS && (Double.isNaN(lo) || Double.isNaN(hi) || Double.compare(lo, hi) > 0)) {
      throw new IllegalArgumentException("bad enclosure [" + lo + ", " + hi + "]");
    }
  }

  public static Iv point(double v) { return Double.isNaN(v) ? NAN : new Iv(v, v, NO); }

  /** The enclosure of the non-NaN {@code candidates}, NaN allowed if any candidate is NaN or {@code maybeNaN}. */
  public static Iv hullOf(boolean maybeNaN, double... candidates) {
    double lo = Double.NaN, hi = Double.NaN;
    boolean sawNaN = false;
    for (double c : candidates) {
      if (Double.isNaN(c)) {
        sawNaN = true;
        continue;
      }
      if (Double.isNaN(lo) || Double.compare(c, lo) < 0) lo = c;
      if (Double.isNaN(hi) || Double.compare(c, hi) > 0) hi = c;
    }
    if (Double.isNaN(lo)) return NAN;
    return new Iv(lo, hi, maybeNaN || sawNaN ? MAYBE : NO);
  }

  public static Iv hull(Iv a, Iv b) {
    if (a.nan == ALWAYS && b.nan == ALWAYS) return NAN;
    if (a.nan == ALWAYS) return new Iv(b.lo, b.hi, MAYBE);
    if (b.nan == ALWAYS) return new Iv(a.lo, a.hi, MAYBE);
    double lo = Double.compare(a.lo, b.lo) <= 0 ? a.lo : b.lo;
    double hi = Double.compare(a.hi, b.hi) >= 0 ? a.hi : b.hi;
    return new Iv(lo, hi, a.nan == NO && b.nan == NO ? NO : MAYBE);
  }

  public boolean isPoint() { return nan == ALWAYS || nan == NO && Double.compare(lo, hi) == 0; }

  public boolean isNaN() { return nan == ALWAYS; }

  public boolean mayBeNaN() { return nan != NO; }

  /** Whether nothing at all is known. */
  public boolean isAny() { return nan == MAYBE && lo == Double.NEGATIVE_INFINITY && hi == Double.POSITIVE_INFINITY; }

  public Iv orNaN(boolean maybe) {
    if (!maybe || nan != NO) return this;
    return new Iv(lo, hi, MAYBE);
  }

  public boolean contains(double v) {
    if (Double.isNaN(v)) return nan != NO;
    return nan != ALWAYS && Double.compare(lo, v) <= 0 && Double.compare(v, hi) <= 0;
  }

  @Override
  public String toString() {
    if (nan == ALWAYS) return "NaN";
    if (isPoint()) return Double.toString(lo);
    if (isAny()) return "anything";
    return "[" + lo + ", " + hi + "]" + (nan == MAYBE ? " or NaN" : "");
  }
}
