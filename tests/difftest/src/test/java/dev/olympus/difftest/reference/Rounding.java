package dev.olympus.difftest.reference;

import dev.olympus.DType;

/** Rounding to a float dtype: to nearest (what every correctly rounded op does), and outward by whole ulps. */
public final class Rounding {
  private Rounding() {}

  /** Round to nearest even in {@code d}. */
  public static double round(double v, DType d) { return d == DType.F32 ? (double) (float) v : v; }

  /** The largest {@code d} value at or below {@code v}, then {@code ulps} more steps down. */
  public static double down(double v, DType d, int ulps) {
    if (Double.isNaN(v)) return v;
    if (d == DType.F32) {
      float f = (float) v;
      if (Double.compare(f, v) > 0) f = Math.nextDown(f);
      for (int i = 0; i < ulps; i++) f = Math.nextDown(f);
      return f;
    }
    for (int i = 0; i < ulps; i++) v = Math.nextDown(v);
    return v;
  }

  /** The smallest {@code d} value at or above {@code v}, then {@code ulps} more steps up. */
  public static double up(double v, DType d, int ulps) {
    if (Double.isNaN(v)) return v;
    if (d == DType.F32) {
      float f = (float) v;
      if (Double.compare(f, v) < 0) f = Math.nextUp(f);
      for (int i = 0; i < ulps; i++) f = Math.nextUp(f);
      return f;
    }
    for (int i = 0; i < ulps; i++) v = Math.nextUp(v);
    return v;
  }

  /** {@code x} widened by {@code ulps} of {@code d} each way (and rounded outward onto {@code d}'s grid). */
  public static Iv widen(Iv x, DType d, int ulps) {
    if (x.isNaN()) return x;
    return new Iv(down(x.lo(), d, ulps), up(x.hi(), d, ulps), x.nan());
  }

  /**
   * A non-point enclosure one double step wider each way: covers the sign of a zero at an endpoint (an enclosure
   * computed from endpoints can end at +0 where a value inside rounds to -0) at no cost in precision.
   */
  public static Iv loosen(Iv x) {
    if (x.isPoint()) return x;
    return new Iv(Math.nextDown(x.lo()), Math.nextUp(x.hi()), x.nan());
  }
}
