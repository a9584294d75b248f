package dev.olympus.simd;

import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API bodies of {@link DoubleStrips}, loaded only when {@code jdk.incubator.vector} is present. Each op is
 * its own loop with a constant operator, which is what C2 turns into SIMD (SVML for the transcendentals).
 */
final class DoubleVectors {
  private DoubleVectors() {}

  static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  static final int L = S.length();
  /** Int lanes as many as {@code S} has: the bool (0/1) strips that comparisons write and selects read. */
  static final VectorSpecies<Integer> SI = VectorSpecies.of(int.class, VectorShape.forBitSize(32 * L));
  private static final DoubleVector ONE = DoubleVector.broadcast(S, 1.0);
  private static final IntVector ZERO_I = IntVector.zero(SI);
  private static final IntVector ONE_I = IntVector.broadcast(SI, 1);

  static void neg(double[] a, int ao, double[] d, int dOff, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      DoubleVector v = DoubleVector.fromArray(S, a, ao + i);
      (v.neg()).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = DoubleStrips.neg(a[ao + i]);
  }

  static void abs(double[] a, int ao, double[] d, int dOff, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      DoubleVector v = DoubleVector.fromArray(S, a, ao + i);
      (v.abs()).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = DoubleStrips.abs(a[ao + i]);
  }

  static void sqrt(double[] a, int ao, double[] d, int dOff, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      DoubleVector v = DoubleVector.fromArray(S, a, ao + i);
      (v.lanewise(VectorOperators.SQRT)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = DoubleStrips.sqrt(a[ao + i]);
  }

  static void rsqrt(double[] a, int ao, double[] d, int dOff, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      DoubleVector v = DoubleVector.fromArray(S, a, ao + i);
      (ONE.div(v.lanewise(VectorOperators.SQRT))).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = DoubleStrips.rsqrt(a[ao + i]);
  }

  static void exp(double[] a, int ao, double[] d, int dOff, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      DoubleVector v = DoubleVector.fromArray(S, a, ao + i);
      (v.lanewise(VectorOperators.EXP)).intoArray(d, dOff + i);
    }
    if (i < n) {
      // The tail goes through the same vector op as the body, so an element's value never depends on where a
      // strip boundary falls (a masked load is erratic on JDK 17; a padded copy is not).
      double[] t = new double[L];
      System.arraycopy(a, ao + i, t, 0, n - i);
      DoubleVector v = DoubleVector.fromArray(S, t, 0);
      (v.lanewise(VectorOperators.EXP)).intoArray(t, 0);
      System.arraycopy(t, 0, d, dOff + i, n - i);
    }
  }

  static double exp(double x) {
    DoubleVector v = DoubleVector.broadcast(S, x);
    return (v.lanewise(VectorOperators.EXP)).lane(0);
  }

  static void expm1(double[] a, int ao, double[] d, int dOff, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      DoubleVector v = DoubleVector.fromArray(S, a, ao + i);
      (v.lanewise(VectorOperators.EXPM1)).intoArray(d, dOff + i);
    }
    if (i < n) {
      // The tail goes through the same vector op as the body, so an element's value never depends on where a
      // strip boundary falls (a masked load is erratic on JDK 17; a padded copy is not).
      double[] t = new double[L];
      System.arraycopy(a, ao + i, t, 0, n - i);
      DoubleVector v = DoubleVector.fromArray(S, t, 0);
      (v.lanewise(VectorOperators.EXPM1)).intoArray(t, 0);
      System.arraycopy(t, 0, d, dOff + i, n - i);
    }
  }

  static double expm1(double x) {
    DoubleVector v = DoubleVector.broadcast(S, x);
    return (v.lanewise(VectorOperators.EXPM1)).lane(0);
  }

  static void log(double[] a, int ao, double[] d, int dOff, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      DoubleVector v = DoubleVector.fromArray(S, a, ao + i);
      (v.lanewise(VectorOperators.LOG)).intoArray(d, dOff + i);
    }
    if (i < n) {
      // The tail goes through the same vector op as the body, so an element's value never depends on where a
      // strip boundary falls (a masked load is erratic on JDK 17; a padded copy is not).
      double[] t = new double[L];
      System.arraycopy(a, ao + i, t, 0, n - i);
      DoubleVector v = DoubleVector.fromArray(S, t, 0);
      (v.lanewise(VectorOperators.LOG)).intoArray(t, 0);
      System.arraycopy(t, 0, d, dOff + i, n - i);
    }
  }

  static double log(double x) {
    DoubleVector v = DoubleVector.broadcast(S, x);
    return (v.lanewise(VectorOperators.LOG)).lane(0);
  }

  static void log1p(double[] a, int ao, double[] d, int dOff, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      DoubleVector v = DoubleVector.fromArray(S, a, ao + i);
      (v.lanewise(VectorOperators.LOG1P)).intoArray(d, dOff + i);
    }
    if (i < n) {
      // The tail goes through the same vector op as the body, so an element's value never depends on where a
      // strip boundary falls (a masked load is erratic on JDK 17; a padded copy is not).
      double[] t = new double[L];
      System.arraycopy(a, ao + i, t, 0, n - i);
      DoubleVector v = DoubleVector.fromArray(S, t, 0);
      (v.lanewise(VectorOperators.LOG1P)).intoArray(t, 0);
      System.arraycopy(t, 0, d, dOff + i, n - i);
    }
  }

  static double log1p(double x) {
    DoubleVector v = DoubleVector.broadcast(S, x);
    return (v.lanewise(VectorOperators.LOG1P)).lane(0);
  }

  static void sin(double[] a, int ao, double[] d, int dOff, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      DoubleVector v = DoubleVector.fromArray(S, a, ao + i);
      (v.lanewise(VectorOperators.SIN)).intoArray(d, dOff + i);
    }
    if (i < n) {
      // The tail goes through the same vector op as the body, so an element's value never depends on where a
      // strip boundary falls (a masked load is erratic on JDK 17; a padded copy is not).
      double[] t = new double[L];
      System.arraycopy(a, ao + i, t, 0, n - i);
      DoubleVector v = DoubleVector.fromArray(S, t, 0);
      (v.lanewise(VectorOperators.SIN)).intoArray(t, 0);
      System.arraycopy(t, 0, d, dOff + i, n - i);
    }
  }

  static double sin(double x) {
    DoubleVector v = DoubleVector.broadcast(S, x);
    return (v.lanewise(VectorOperators.SIN)).lane(0);
  }

  static void cos(double[] a, int ao, double[] d, int dOff, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      DoubleVector v = DoubleVector.fromArray(S, a, ao + i);
      (v.lanewise(VectorOperators.COS)).intoArray(d, dOff + i);
    }
    if (i < n) {
      // The tail goes through the same vector op as the body, so an element's value never depends on where a
      // strip boundary falls (a masked load is erratic on JDK 17; a padded copy is not).
      double[] t = new double[L];
      System.arraycopy(a, ao + i, t, 0, n - i);
      DoubleVector v = DoubleVector.fromArray(S, t, 0);
      (v.lanewise(VectorOperators.COS)).intoArray(t, 0);
      System.arraycopy(t, 0, d, dOff + i, n - i);
    }
  }

  static double cos(double x) {
    DoubleVector v = DoubleVector.broadcast(S, x);
    return (v.lanewise(VectorOperators.COS)).lane(0);
  }

  static void tan(double[] a, int ao, double[] d, int dOff, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      DoubleVector v = DoubleVector.fromArray(S, a, ao + i);
      (v.lanewise(VectorOperators.TAN)).intoArray(d, dOff + i);
    }
    if (i < n) {
      // The tail goes through the same vector op as the body, so an element's value never depends on where a
      // strip boundary falls (a masked load is erratic on JDK 17; a padded copy is not).
      double[] t = new double[L];
      System.arraycopy(a, ao + i, t, 0, n - i);
      DoubleVector v = DoubleVector.fromArray(S, t, 0);
      (v.lanewise(VectorOperators.TAN)).intoArray(t, 0);
      System.arraycopy(t, 0, d, dOff + i, n - i);
    }
  }

  static double tan(double x) {
    DoubleVector v = DoubleVector.broadcast(S, x);
    return (v.lanewise(VectorOperators.TAN)).lane(0);
  }

  static void tanh(double[] a, int ao, double[] d, int dOff, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      DoubleVector v = DoubleVector.fromArray(S, a, ao + i);
      (v.lanewise(VectorOperators.TANH)).intoArray(d, dOff + i);
    }
    if (i < n) {
      // The tail goes through the same vector op as the body, so an element's value never depends on where a
      // strip boundary falls (a masked load is erratic on JDK 17; a padded copy is not).
      double[] t = new double[L];
      System.arraycopy(a, ao + i, t, 0, n - i);
      DoubleVector v = DoubleVector.fromArray(S, t, 0);
      (v.lanewise(VectorOperators.TANH)).intoArray(t, 0);
      System.arraycopy(t, 0, d, dOff + i, n - i);
    }
  }

  static double tanh(double x) {
    DoubleVector v = DoubleVector.broadcast(S, x);
    return (v.lanewise(VectorOperators.TANH)).lane(0);
  }

  static void logistic(double[] a, int ao, double[] d, int dOff, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      DoubleVector v = DoubleVector.fromArray(S, a, ao + i);
      (ONE.div(ONE.add(v.neg().lanewise(VectorOperators.EXP)))).intoArray(d, dOff + i);
    }
    if (i < n) {
      // The tail goes through the same vector op as the body, so an element's value never depends on where a
      // strip boundary falls (a masked load is erratic on JDK 17; a padded copy is not).
      double[] t = new double[L];
      System.arraycopy(a, ao + i, t, 0, n - i);
      DoubleVector v = DoubleVector.fromArray(S, t, 0);
      (ONE.div(ONE.add(v.neg().lanewise(VectorOperators.EXP)))).intoArray(t, 0);
      System.arraycopy(t, 0, d, dOff + i, n - i);
    }
  }

  static double logistic(double x) {
    DoubleVector v = DoubleVector.broadcast(S, x);
    return (ONE.div(ONE.add(v.neg().lanewise(VectorOperators.EXP)))).lane(0);
  }

  static void add(double[] a, int ao, double[] b, int bo, double[] d, int dOff, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      DoubleVector x = DoubleVector.fromArray(S, a, ao + i), y = DoubleVector.fromArray(S, b, bo + i);
      (x.add(y)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = DoubleStrips.add(a[ao + i], b[bo + i]);
  }

  static void add(double[] a, int ao, double b, double[] d, int dOff, int n) {
    DoubleVector yb = DoubleVector.broadcast(S, b);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      DoubleVector x = DoubleVector.fromArray(S, a, ao + i), y = yb;
      (x.add(y)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = DoubleStrips.add(a[ao + i], b);
  }

  static void add(double a, double[] b, int bo, double[] d, int dOff, int n) {
    DoubleVector xa = DoubleVector.broadcast(S, a);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      DoubleVector x = xa, y = DoubleVector.fromArray(S, b, bo + i);
      (x.add(y)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = DoubleStrips.add(a, b[bo + i]);
  }

  static void sub(double[] a, int ao, double[] b, int bo, double[] d, int dOff, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      DoubleVector x = DoubleVector.fromArray(S, a, ao + i), y = DoubleVector.fromArray(S, b, bo + i);
      (x.sub(y)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = DoubleStrips.sub(a[ao + i], b[bo + i]);
  }

  static void sub(double[] a, int ao, double b, double[] d, int dOff, int n) {
    DoubleVector yb = DoubleVector.broadcast(S, b);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      DoubleVector x = DoubleVector.fromArray(S, a, ao + i), y = yb;
      (x.sub(y)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = DoubleStrips.sub(a[ao + i], b);
  }

  static void sub(double a, double[] b, int bo, double[] d, int dOff, int n) {
    DoubleVector xa = DoubleVector.broadcast(S, a);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      DoubleVector x = xa, y = DoubleVector.fromArray(S, b, bo + i);
      (x.sub(y)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = DoubleStrips.sub(a, b[bo + i]);
  }

  static void mul(double[] a, int ao, double[] b, int bo, double[] d, int dOff, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      DoubleVector x = DoubleVector.fromArray(S, a, ao + i), y = DoubleVector.fromArray(S, b, bo + i);
      (x.mul(y)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = DoubleStrips.mul(a[ao + i], b[bo + i]);
  }

  static void mul(double[] a, int ao, double b, double[] d, int dOff, int n) {
    DoubleVector yb = DoubleVector.broadcast(S, b);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      DoubleVector x = DoubleVector.fromArray(S, a, ao + i), y = yb;
      (x.mul(y)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = DoubleStrips.mul(a[ao + i], b);
  }

  static void mul(double a, double[] b, int bo, double[] d, int dOff, int n) {
    DoubleVector xa = DoubleVector.broadcast(S, a);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      DoubleVector x = xa, y = DoubleVector.fromArray(S, b, bo + i);
      (x.mul(y)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = DoubleStrips.mul(a, b[bo + i]);
  }

  static void div(double[] a, int ao, double[] b, int bo, double[] d, int dOff, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      DoubleVector x = DoubleVector.fromArray(S, a, ao + i), y = DoubleVector.fromArray(S, b, bo + i);
      (x.div(y)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = DoubleStrips.div(a[ao + i], b[bo + i]);
  }

  static void div(double[] a, int ao, double b, double[] d, int dOff, int n) {
    DoubleVector yb = DoubleVector.broadcast(S, b);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      DoubleVector x = DoubleVector.fromArray(S, a, ao + i), y = yb;
      (x.div(y)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = DoubleStrips.div(a[ao + i], b);
  }

  static void div(double a, double[] b, int bo, double[] d, int dOff, int n) {
    DoubleVector xa = DoubleVector.broadcast(S, a);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      DoubleVector x = xa, y = DoubleVector.fromArray(S, b, bo + i);
      (x.div(y)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = DoubleStrips.div(a, b[bo + i]);
  }

  static void max(double[] a, int ao, double[] b, int bo, double[] d, int dOff, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      DoubleVector x = DoubleVector.fromArray(S, a, ao + i), y = DoubleVector.fromArray(S, b, bo + i);
      (x.max(y)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = DoubleStrips.max(a[ao + i], b[bo + i]);
  }

  static void max(double[] a, int ao, double b, double[] d, int dOff, int n) {
    DoubleVector yb = DoubleVector.broadcast(S, b);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      DoubleVector x = DoubleVector.fromArray(S, a, ao + i), y = yb;
      (x.max(y)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = DoubleStrips.max(a[ao + i], b);
  }

  static void max(double a, double[] b, int bo, double[] d, int dOff, int n) {
    DoubleVector xa = DoubleVector.broadcast(S, a);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      DoubleVector x = xa, y = DoubleVector.fromArray(S, b, bo + i);
      (x.max(y)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = DoubleStrips.max(a, b[bo + i]);
  }

  static void min(double[] a, int ao, double[] b, int bo, double[] d, int dOff, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      DoubleVector x = DoubleVector.fromArray(S, a, ao + i), y = DoubleVector.fromArray(S, b, bo + i);
      (x.min(y)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = DoubleStrips.min(a[ao + i], b[bo + i]);
  }

  static void min(double[] a, int ao, double b, double[] d, int dOff, int n) {
    DoubleVector yb = DoubleVector.broadcast(S, b);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      DoubleVector x = DoubleVector.fromArray(S, a, ao + i), y = yb;
      (x.min(y)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = DoubleStrips.min(a[ao + i], b);
  }

  static void min(double a, double[] b, int bo, double[] d, int dOff, int n) {
    DoubleVector xa = DoubleVector.broadcast(S, a);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      DoubleVector x = xa, y = DoubleVector.fromArray(S, b, bo + i);
      (x.min(y)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = DoubleStrips.min(a, b[bo + i]);
  }

  static void atan2(double[] a, int ao, double[] b, int bo, double[] d, int dOff, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      DoubleVector x = DoubleVector.fromArray(S, a, ao + i), y = DoubleVector.fromArray(S, b, bo + i);
      (x.lanewise(VectorOperators.ATAN2, y)).intoArray(d, dOff + i);
    }
    if (i < n) {
      double[] ta = new double[L];
      System.arraycopy(a, ao + i, ta, 0, n - i);
      double[] tb = new double[L];
      System.arraycopy(b, bo + i, tb, 0, n - i);
      DoubleVector x = DoubleVector.fromArray(S, ta, 0), y = DoubleVector.fromArray(S, tb, 0);
      double[] t = new double[L];
      (x.lanewise(VectorOperators.ATAN2, y)).intoArray(t, 0);
      System.arraycopy(t, 0, d, dOff + i, n - i);
    }
  }

  static void atan2(double[] a, int ao, double b, double[] d, int dOff, int n) {
    DoubleVector yb = DoubleVector.broadcast(S, b);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      DoubleVector x = DoubleVector.fromArray(S, a, ao + i), y = yb;
      (x.lanewise(VectorOperators.ATAN2, y)).intoArray(d, dOff + i);
    }
    if (i < n) {
      double[] ta = new double[L];
      System.arraycopy(a, ao + i, ta, 0, n - i);
      DoubleVector x = DoubleVector.fromArray(S, ta, 0), y = yb;
      double[] t = new double[L];
      (x.lanewise(VectorOperators.ATAN2, y)).intoArray(t, 0);
      System.arraycopy(t, 0, d, dOff + i, n - i);
    }
  }

  static void atan2(double a, double[] b, int bo, double[] d, int dOff, int n) {
    DoubleVector xa = DoubleVector.broadcast(S, a);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      DoubleVector x = xa, y = DoubleVector.fromArray(S, b, bo + i);
      (x.lanewise(VectorOperators.ATAN2, y)).intoArray(d, dOff + i);
    }
    if (i < n) {
      double[] tb = new double[L];
      System.arraycopy(b, bo + i, tb, 0, n - i);
      DoubleVector x = xa, y = DoubleVector.fromArray(S, tb, 0);
      double[] t = new double[L];
      (x.lanewise(VectorOperators.ATAN2, y)).intoArray(t, 0);
      System.arraycopy(t, 0, d, dOff + i, n - i);
    }
  }

  static double atan2(double a, double b) {
    DoubleVector x = DoubleVector.broadcast(S, a), y = DoubleVector.broadcast(S, b);
    return (x.lanewise(VectorOperators.ATAN2, y)).lane(0);
  }

  static void gt(double[] a, int ao, double[] b, int bo, int[] d, int dOff, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      DoubleVector x = DoubleVector.fromArray(S, a, ao + i), y = DoubleVector.fromArray(S, b, bo + i);
      ZERO_I.blend(ONE_I, x.compare(VectorOperators.GT, y).cast(SI)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = a[ao + i] > b[bo + i] ? 1 : 0;
  }

  static void gt(double[] a, int ao, double b, int[] d, int dOff, int n) {
    DoubleVector yb = DoubleVector.broadcast(S, b);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      DoubleVector x = DoubleVector.fromArray(S, a, ao + i), y = yb;
      ZERO_I.blend(ONE_I, x.compare(VectorOperators.GT, y).cast(SI)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = a[ao + i] > b ? 1 : 0;
  }

  static void gt(double a, double[] b, int bo, int[] d, int dOff, int n) {
    DoubleVector xa = DoubleVector.broadcast(S, a);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      DoubleVector x = xa, y = DoubleVector.fromArray(S, b, bo + i);
      ZERO_I.blend(ONE_I, x.compare(VectorOperators.GT, y).cast(SI)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = a > b[bo + i] ? 1 : 0;
  }

  static void lt(double[] a, int ao, double[] b, int bo, int[] d, int dOff, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      DoubleVector x = DoubleVector.fromArray(S, a, ao + i), y = DoubleVector.fromArray(S, b, bo + i);
      ZERO_I.blend(ONE_I, x.compare(VectorOperators.LT, y).cast(SI)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = a[ao + i] < b[bo + i] ? 1 : 0;
  }

  static void lt(double[] a, int ao, double b, int[] d, int dOff, int n) {
    DoubleVector yb = DoubleVector.broadcast(S, b);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      DoubleVector x = DoubleVector.fromArray(S, a, ao + i), y = yb;
      ZERO_I.blend(ONE_I, x.compare(VectorOperators.LT, y).cast(SI)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = a[ao + i] < b ? 1 : 0;
  }

  static void lt(double a, double[] b, int bo, int[] d, int dOff, int n) {
    DoubleVector xa = DoubleVector.broadcast(S, a);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      DoubleVector x = xa, y = DoubleVector.fromArray(S, b, bo + i);
      ZERO_I.blend(ONE_I, x.compare(VectorOperators.LT, y).cast(SI)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = a < b[bo + i] ? 1 : 0;
  }

  static void ge(double[] a, int ao, double[] b, int bo, int[] d, int dOff, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      DoubleVector x = DoubleVector.fromArray(S, a, ao + i), y = DoubleVector.fromArray(S, b, bo + i);
      ZERO_I.blend(ONE_I, x.compare(VectorOperators.GE, y).cast(SI)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = a[ao + i] >= b[bo + i] ? 1 : 0;
  }

  static void ge(double[] a, int ao, double b, int[] d, int dOff, int n) {
    DoubleVector yb = DoubleVector.broadcast(S, b);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      DoubleVector x = DoubleVector.fromArray(S, a, ao + i), y = yb;
      ZERO_I.blend(ONE_I, x.compare(VectorOperators.GE, y).cast(SI)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = a[ao + i] >= b ? 1 : 0;
  }

  static void ge(double a, double[] b, int bo, int[] d, int dOff, int n) {
    DoubleVector xa = DoubleVector.broadcast(S, a);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      DoubleVector x = xa, y = DoubleVector.fromArray(S, b, bo + i);
      ZERO_I.blend(ONE_I, x.compare(VectorOperators.GE, y).cast(SI)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = a >= b[bo + i] ? 1 : 0;
  }

  static void le(double[] a, int ao, double[] b, int bo, int[] d, int dOff, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      DoubleVector x = DoubleVector.fromArray(S, a, ao + i), y = DoubleVector.fromArray(S, b, bo + i);
      ZERO_I.blend(ONE_I, x.compare(VectorOperators.LE, y).cast(SI)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = a[ao + i] <= b[bo + i] ? 1 : 0;
  }

  static void le(double[] a, int ao, double b, int[] d, int dOff, int n) {
    DoubleVector yb = DoubleVector.broadcast(S, b);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      DoubleVector x = DoubleVector.fromArray(S, a, ao + i), y = yb;
      ZERO_I.blend(ONE_I, x.compare(VectorOperators.LE, y).cast(SI)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = a[ao + i] <= b ? 1 : 0;
  }

  static void le(double a, double[] b, int bo, int[] d, int dOff, int n) {
    DoubleVector xa = DoubleVector.broadcast(S, a);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      DoubleVector x = xa, y = DoubleVector.fromArray(S, b, bo + i);
      ZERO_I.blend(ONE_I, x.compare(VectorOperators.LE, y).cast(SI)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = a <= b[bo + i] ? 1 : 0;
  }

  static void eq(double[] a, int ao, double[] b, int bo, int[] d, int dOff, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      DoubleVector x = DoubleVector.fromArray(S, a, ao + i), y = DoubleVector.fromArray(S, b, bo + i);
      ZERO_I.blend(ONE_I, x.compare(VectorOperators.EQ, y).cast(SI)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = a[ao + i] == b[bo + i] ? 1 : 0;
  }

  static void eq(double[] a, int ao, double b, int[] d, int dOff, int n) {
    DoubleVector yb = DoubleVector.broadcast(S, b);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      DoubleVector x = DoubleVector.fromArray(S, a, ao + i), y = yb;
      ZERO_I.blend(ONE_I, x.compare(VectorOperators.EQ, y).cast(SI)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = a[ao + i] == b ? 1 : 0;
  }

  static void eq(double a, double[] b, int bo, int[] d, int dOff, int n) {
    DoubleVector xa = DoubleVector.broadcast(S, a);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      DoubleVector x = xa, y = DoubleVector.fromArray(S, b, bo + i);
      ZERO_I.blend(ONE_I, x.compare(VectorOperators.EQ, y).cast(SI)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = a == b[bo + i] ? 1 : 0;
  }

  static void ne(double[] a, int ao, double[] b, int bo, int[] d, int dOff, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      DoubleVector x = DoubleVector.fromArray(S, a, ao + i), y = DoubleVector.fromArray(S, b, bo + i);
      ZERO_I.blend(ONE_I, x.compare(VectorOperators.NE, y).cast(SI)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = a[ao + i] != b[bo + i] ? 1 : 0;
  }

  static void ne(double[] a, int ao, double b, int[] d, int dOff, int n) {
    DoubleVector yb = DoubleVector.broadcast(S, b);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      DoubleVector x = DoubleVector.fromArray(S, a, ao + i), y = yb;
      ZERO_I.blend(ONE_I, x.compare(VectorOperators.NE, y).cast(SI)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = a[ao + i] != b ? 1 : 0;
  }

  static void ne(double a, double[] b, int bo, int[] d, int dOff, int n) {
    DoubleVector xa = DoubleVector.broadcast(S, a);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      DoubleVector x = xa, y = DoubleVector.fromArray(S, b, bo + i);
      ZERO_I.blend(ONE_I, x.compare(VectorOperators.NE, y).cast(SI)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = a != b[bo + i] ? 1 : 0;
  }

  static void where(int[] p, int po, double[] t, int to, double[] f, int fo, double[] d, int dOff, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      VectorMask<Double> m = IntVector.fromArray(SI, p, po + i).compare(VectorOperators.NE, 0).cast(S);
      (DoubleVector.fromArray(S, f, fo + i)).blend(DoubleVector.fromArray(S, t, to + i), m).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = p[po + i] != 0 ? t[to + i] : f[fo + i];
  }

  static void where(int[] p, int po, double[] t, int to, double f, double[] d, int dOff, int n) {
    DoubleVector fv = DoubleVector.broadcast(S, f);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      VectorMask<Double> m = IntVector.fromArray(SI, p, po + i).compare(VectorOperators.NE, 0).cast(S);
      (fv).blend(DoubleVector.fromArray(S, t, to + i), m).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = p[po + i] != 0 ? t[to + i] : f;
  }

  static void where(int[] p, int po, double t, double[] f, int fo, double[] d, int dOff, int n) {
    DoubleVector tv = DoubleVector.broadcast(S, t);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      VectorMask<Double> m = IntVector.fromArray(SI, p, po + i).compare(VectorOperators.NE, 0).cast(S);
      (DoubleVector.fromArray(S, f, fo + i)).blend(tv, m).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = p[po + i] != 0 ? t : f[fo + i];
  }

  static void where(int[] p, int po, double t, double f, double[] d, int dOff, int n) {
    DoubleVector tv = DoubleVector.broadcast(S, t), fv = DoubleVector.broadcast(S, f);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      VectorMask<Double> m = IntVector.fromArray(SI, p, po + i).compare(VectorOperators.NE, 0).cast(S);
      (fv).blend(tv, m).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = p[po + i] != 0 ? t : f;
  }

  static void integerPow(double[] a, int ao, int y, double[] d, int dOff, int n) {
    // The products of the scalar form's square-and-multiply, in its order, written out per exponent: a loop
    // over the exponent's bits inside the vector loop keeps C2 from holding the vectors in registers (50x).
    int abs = Math.abs(y);
    if (abs > 4) {
      for (int i = 0; i < n; i++) d[dOff + i] = DoubleStrips.integerPow(a[ao + i], y);
      return;
    }
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      DoubleVector x = DoubleVector.fromArray(S, a, ao + i);
      DoubleVector r = switch (abs) {
        case 0 -> ONE;
        case 1 -> x;
        case 2 -> x.mul(x);
        case 3 -> x.mul(x.mul(x));
        default -> x.mul(x).mul(x.mul(x));
      };
      (y < 0 ? ONE.div(r) : r).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = DoubleStrips.integerPow(a[ao + i], y);
  }


  static void sumInto(double[] lanes, double[] a, int ao, int n) {
    if (L == Lanes.COUNT) {
      DoubleVector acc = DoubleVector.fromArray(S, lanes, 0);
      int j = 0;
      for (; j + L <= n; j += L) acc = acc.add(DoubleVector.fromArray(S, a, ao + j));
      acc.intoArray(lanes, 0);
      for (int k = 0; j + k < n; k++) lanes[k] = lanes[k] + a[ao + j + k];
      return;
    }
    if (2 * L == Lanes.COUNT) {
      DoubleVector acc0 = DoubleVector.fromArray(S, lanes, 0), acc1 = DoubleVector.fromArray(S, lanes, L);
      int j = 0;
      for (; j + 2 * L <= n; j += 2 * L) {
        acc0 = acc0.add(DoubleVector.fromArray(S, a, ao + j));
        acc1 = acc1.add(DoubleVector.fromArray(S, a, ao + j + L));
      }
      acc0.intoArray(lanes, 0);
      acc1.intoArray(lanes, L);
      for (int k = 0; j + k < n; k++) lanes[k] = lanes[k] + a[ao + j + k];
      return;
    }
    int j = 0;
    for (; j + Lanes.COUNT <= n; j += Lanes.COUNT) {
      for (int k = 0; k < Lanes.COUNT; k++) lanes[k] = lanes[k] + a[ao + j + k];
    }
    for (int k = 0; j + k < n; k++) lanes[k] = lanes[k] + a[ao + j + k];
  }

  static void maxInto(double[] lanes, double[] a, int ao, int n) {
    if (L == Lanes.COUNT) {
      DoubleVector acc = DoubleVector.fromArray(S, lanes, 0);
      int j = 0;
      for (; j + L <= n; j += L) acc = acc.max(DoubleVector.fromArray(S, a, ao + j));
      acc.intoArray(lanes, 0);
      for (int k = 0; j + k < n; k++) lanes[k] = Math.max(lanes[k], a[ao + j + k]);
      return;
    }
    if (2 * L == Lanes.COUNT) {
      // Two chains per half of the lanes, as max and min are idempotent, commutative and associative: each lane
      // folds the same elements, and the vector op's latency (NaN and signed-zero fix-ups) no longer serializes.
      DoubleVector acc0 = DoubleVector.fromArray(S, lanes, 0), acc1 = DoubleVector.fromArray(S, lanes, L), acc2 = acc0, acc3 = acc1;
      int j = 0;
      for (; j + 4 * L <= n; j += 4 * L) {
        acc0 = acc0.max(DoubleVector.fromArray(S, a, ao + j));
        acc1 = acc1.max(DoubleVector.fromArray(S, a, ao + j + L));
        acc2 = acc2.max(DoubleVector.fromArray(S, a, ao + j + 2 * L));
        acc3 = acc3.max(DoubleVector.fromArray(S, a, ao + j + 3 * L));
      }
      acc0 = acc0.max(acc2);
      acc1 = acc1.max(acc3);
      for (; j + 2 * L <= n; j += 2 * L) {
        acc0 = acc0.max(DoubleVector.fromArray(S, a, ao + j));
        acc1 = acc1.max(DoubleVector.fromArray(S, a, ao + j + L));
      }
      acc0.intoArray(lanes, 0);
      acc1.intoArray(lanes, L);
      for (int k = 0; j + k < n; k++) lanes[k] = Math.max(lanes[k], a[ao + j + k]);
      return;
    }
    int j = 0;
    for (; j + Lanes.COUNT <= n; j += Lanes.COUNT) {
      for (int k = 0; k < Lanes.COUNT; k++) lanes[k] = Math.max(lanes[k], a[ao + j + k]);
    }
    for (int k = 0; j + k < n; k++) lanes[k] = Math.max(lanes[k], a[ao + j + k]);
  }

  static void minInto(double[] lanes, double[] a, int ao, int n) {
    if (L == Lanes.COUNT) {
      DoubleVector acc = DoubleVector.fromArray(S, lanes, 0);
      int j = 0;
      for (; j + L <= n; j += L) acc = acc.min(DoubleVector.fromArray(S, a, ao + j));
      acc.intoArray(lanes, 0);
      for (int k = 0; j + k < n; k++) lanes[k] = Math.min(lanes[k], a[ao + j + k]);
      return;
    }
    if (2 * L == Lanes.COUNT) {
      // Two chains per half of the lanes, as max and min are idempotent, commutative and associative: each lane
      // folds the same elements, and the vector op's latency (NaN and signed-zero fix-ups) no longer serializes.
      DoubleVector acc0 = DoubleVector.fromArray(S, lanes, 0), acc1 = DoubleVector.fromArray(S, lanes, L), acc2 = acc0, acc3 = acc1;
      int j = 0;
      for (; j + 4 * L <= n; j += 4 * L) {
        acc0 = acc0.min(DoubleVector.fromArray(S, a, ao + j));
        acc1 = acc1.min(DoubleVector.fromArray(S, a, ao + j + L));
        acc2 = acc2.min(DoubleVector.fromArray(S, a, ao + j + 2 * L));
        acc3 = acc3.min(DoubleVector.fromArray(S, a, ao + j + 3 * L));
      }
      acc0 = acc0.min(acc2);
      acc1 = acc1.min(acc3);
      for (; j + 2 * L <= n; j += 2 * L) {
        acc0 = acc0.min(DoubleVector.fromArray(S, a, ao + j));
        acc1 = acc1.min(DoubleVector.fromArray(S, a, ao + j + L));
      }
      acc0.intoArray(lanes, 0);
      acc1.intoArray(lanes, L);
      for (int k = 0; j + k < n; k++) lanes[k] = Math.min(lanes[k], a[ao + j + k]);
      return;
    }
    int j = 0;
    for (; j + Lanes.COUNT <= n; j += Lanes.COUNT) {
      for (int k = 0; k < Lanes.COUNT; k++) lanes[k] = Math.min(lanes[k], a[ao + j + k]);
    }
    for (int k = 0; j + k < n; k++) lanes[k] = Math.min(lanes[k], a[ao + j + k]);
  }
}
