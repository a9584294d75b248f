package dev.olympus.simd;

import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API bodies of {@link FloatStrips}, loaded only when {@code jdk.incubator.vector} is present. Each op is
 * its own loop with a constant operator, which is what C2 turns into SIMD (SVML for the transcendentals).
 */
final class FloatVectors {
  private FloatVectors() {}

  static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  static final int L = S.length();
  /** Int lanes as many as {@code S} has: the bool (0/1) strips that comparisons write and selects read. */
  static final VectorSpecies<Integer> SI = VectorSpecies.of(int.class, VectorShape.forBitSize(32 * L));
  private static final FloatVector ONE = FloatVector.broadcast(S, 1.0f);
  private static final IntVector ZERO_I = IntVector.zero(SI);
  private static final IntVector ONE_I = IntVector.broadcast(SI, 1);
  /*
   * Bools are 0/1 ints. Casting a float mask to an int mask is not intrinsified on JDK 17 (~3x slower), so a
   * comparison blends float vectors holding the bit patterns of int 0 and 1 and reinterprets them, and a
   * predicate is read as floats, whose bit pattern 1 (a subnormal) compares unequal to 0 exactly.
   */
  private static final FloatVector ZERO_BITS = FloatVector.zero(S);
  private static final FloatVector ONE_BITS = FloatVector.broadcast(S, Float.intBitsToFloat(1));

  static void neg(float[] a, int ao, float[] d, int dOff, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector v = FloatVector.fromArray(S, a, ao + i);
      (v.neg()).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = FloatStrips.neg(a[ao + i]);
  }

  static void abs(float[] a, int ao, float[] d, int dOff, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector v = FloatVector.fromArray(S, a, ao + i);
      (v.abs()).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = FloatStrips.abs(a[ao + i]);
  }

  static void sqrt(float[] a, int ao, float[] d, int dOff, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector v = FloatVector.fromArray(S, a, ao + i);
      (v.lanewise(VectorOperators.SQRT)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = FloatStrips.sqrt(a[ao + i]);
  }

  static void rsqrt(float[] a, int ao, float[] d, int dOff, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector v = FloatVector.fromArray(S, a, ao + i);
      (ONE.div(v.lanewise(VectorOperators.SQRT))).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = FloatStrips.rsqrt(a[ao + i]);
  }

  static void exp(float[] a, int ao, float[] d, int dOff, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector v = FloatVector.fromArray(S, a, ao + i);
      (v.lanewise(VectorOperators.EXP)).intoArray(d, dOff + i);
    }
    if (i < n) {
      // The tail goes through the same vector op as the body, so an element's value never depends on where a
      // strip boundary falls (a masked load is erratic on JDK 17; a padded copy is not).
      float[] t = new float[L];
      System.arraycopy(a, ao + i, t, 0, n - i);
      FloatVector v = FloatVector.fromArray(S, t, 0);
      (v.lanewise(VectorOperators.EXP)).intoArray(t, 0);
      System.arraycopy(t, 0, d, dOff + i, n - i);
    }
  }

  static float exp(float x) {
    FloatVector v = FloatVector.broadcast(S, x);
    return (v.lanewise(VectorOperators.EXP)).lane(0);
  }

  static void expm1(float[] a, int ao, float[] d, int dOff, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector v = FloatVector.fromArray(S, a, ao + i);
      (v.lanewise(VectorOperators.EXPM1)).intoArray(d, dOff + i);
    }
    if (i < n) {
      // The tail goes through the same vector op as the body, so an element's value never depends on where a
      // strip boundary falls (a masked load is erratic on JDK 17; a padded copy is not).
      float[] t = new float[L];
      System.arraycopy(a, ao + i, t, 0, n - i);
      FloatVector v = FloatVector.fromArray(S, t, 0);
      (v.lanewise(VectorOperators.EXPM1)).intoArray(t, 0);
      System.arraycopy(t, 0, d, dOff + i, n - i);
    }
  }

  static float expm1(float x) {
    FloatVector v = FloatVector.broadcast(S, x);
    return (v.lanewise(VectorOperators.EXPM1)).lane(0);
  }

  static void log(float[] a, int ao, float[] d, int dOff, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector v = FloatVector.fromArray(S, a, ao + i);
      (v.lanewise(VectorOperators.LOG)).intoArray(d, dOff + i);
    }
    if (i < n) {
      // The tail goes through the same vector op as the body, so an element's value never depends on where a
      // strip boundary falls (a masked load is erratic on JDK 17; a padded copy is not).
      float[] t = new float[L];
      System.arraycopy(a, ao + i, t, 0, n - i);
      FloatVector v = FloatVector.fromArray(S, t, 0);
      (v.lanewise(VectorOperators.LOG)).intoArray(t, 0);
      System.arraycopy(t, 0, d, dOff + i, n - i);
    }
  }

  static float log(float x) {
    FloatVector v = FloatVector.broadcast(S, x);
    return (v.lanewise(VectorOperators.LOG)).lane(0);
  }

  static void log1p(float[] a, int ao, float[] d, int dOff, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector v = FloatVector.fromArray(S, a, ao + i);
      (v.lanewise(VectorOperators.LOG1P)).intoArray(d, dOff + i);
    }
    if (i < n) {
      // The tail goes through the same vector op as the body, so an element's value never depends on where a
      // strip boundary falls (a masked load is erratic on JDK 17; a padded copy is not).
      float[] t = new float[L];
      System.arraycopy(a, ao + i, t, 0, n - i);
      FloatVector v = FloatVector.fromArray(S, t, 0);
      (v.lanewise(VectorOperators.LOG1P)).intoArray(t, 0);
      System.arraycopy(t, 0, d, dOff + i, n - i);
    }
  }

  static float log1p(float x) {
    FloatVector v = FloatVector.broadcast(S, x);
    return (v.lanewise(VectorOperators.LOG1P)).lane(0);
  }

  static void sin(float[] a, int ao, float[] d, int dOff, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector v = FloatVector.fromArray(S, a, ao + i);
      (v.lanewise(VectorOperators.SIN)).intoArray(d, dOff + i);
    }
    if (i < n) {
      // The tail goes through the same vector op as the body, so an element's value never depends on where a
      // strip boundary falls (a masked load is erratic on JDK 17; a padded copy is not).
      float[] t = new float[L];
      System.arraycopy(a, ao + i, t, 0, n - i);
      FloatVector v = FloatVector.fromArray(S, t, 0);
      (v.lanewise(VectorOperators.SIN)).intoArray(t, 0);
      System.arraycopy(t, 0, d, dOff + i, n - i);
    }
  }

  static float sin(float x) {
    FloatVector v = FloatVector.broadcast(S, x);
    return (v.lanewise(VectorOperators.SIN)).lane(0);
  }

  static void cos(float[] a, int ao, float[] d, int dOff, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector v = FloatVector.fromArray(S, a, ao + i);
      (v.lanewise(VectorOperators.COS)).intoArray(d, dOff + i);
    }
    if (i < n) {
      // The tail goes through the same vector op as the body, so an element's value never depends on where a
      // strip boundary falls (a masked load is erratic on JDK 17; a padded copy is not).
      float[] t = new float[L];
      System.arraycopy(a, ao + i, t, 0, n - i);
      FloatVector v = FloatVector.fromArray(S, t, 0);
      (v.lanewise(VectorOperators.COS)).intoArray(t, 0);
      System.arraycopy(t, 0, d, dOff + i, n - i);
    }
  }

  static float cos(float x) {
    FloatVector v = FloatVector.broadcast(S, x);
    return (v.lanewise(VectorOperators.COS)).lane(0);
  }

  static void tan(float[] a, int ao, float[] d, int dOff, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector v = FloatVector.fromArray(S, a, ao + i);
      (v.lanewise(VectorOperators.TAN)).intoArray(d, dOff + i);
    }
    if (i < n) {
      // The tail goes through the same vector op as the body, so an element's value never depends on where a
      // strip boundary falls (a masked load is erratic on JDK 17; a padded copy is not).
      float[] t = new float[L];
      System.arraycopy(a, ao + i, t, 0, n - i);
      FloatVector v = FloatVector.fromArray(S, t, 0);
      (v.lanewise(VectorOperators.TAN)).intoArray(t, 0);
      System.arraycopy(t, 0, d, dOff + i, n - i);
    }
  }

  static float tan(float x) {
    FloatVector v = FloatVector.broadcast(S, x);
    return (v.lanewise(VectorOperators.TAN)).lane(0);
  }

  static void tanh(float[] a, int ao, float[] d, int dOff, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector v = FloatVector.fromArray(S, a, ao + i);
      (v.lanewise(VectorOperators.TANH)).intoArray(d, dOff + i);
    }
    if (i < n) {
      // The tail goes through the same vector op as the body, so an element's value never depends on where a
      // strip boundary falls (a masked load is erratic on JDK 17; a padded copy is not).
      float[] t = new float[L];
      System.arraycopy(a, ao + i, t, 0, n - i);
      FloatVector v = FloatVector.fromArray(S, t, 0);
      (v.lanewise(VectorOperators.TANH)).intoArray(t, 0);
      System.arraycopy(t, 0, d, dOff + i, n - i);
    }
  }

  static float tanh(float x) {
    FloatVector v = FloatVector.broadcast(S, x);
    return (v.lanewise(VectorOperators.TANH)).lane(0);
  }

  static void logistic(float[] a, int ao, float[] d, int dOff, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector v = FloatVector.fromArray(S, a, ao + i);
      (ONE.div(ONE.add(v.neg().lanewise(VectorOperators.EXP)))).intoArray(d, dOff + i);
    }
    if (i < n) {
      // The tail goes through the same vector op as the body, so an element's value never depends on where a
      // strip boundary falls (a masked load is erratic on JDK 17; a padded copy is not).
      float[] t = new float[L];
      System.arraycopy(a, ao + i, t, 0, n - i);
      FloatVector v = FloatVector.fromArray(S, t, 0);
      (ONE.div(ONE.add(v.neg().lanewise(VectorOperators.EXP)))).intoArray(t, 0);
      System.arraycopy(t, 0, d, dOff + i, n - i);
    }
  }

  static float logistic(float x) {
    FloatVector v = FloatVector.broadcast(S, x);
    return (ONE.div(ONE.add(v.neg().lanewise(VectorOperators.EXP)))).lane(0);
  }

  static void add(float[] a, int ao, float[] b, int bo, float[] d, int dOff, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector x = FloatVector.fromArray(S, a, ao + i), y = FloatVector.fromArray(S, b, bo + i);
      (x.add(y)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = FloatStrips.add(a[ao + i], b[bo + i]);
  }

  static void add(float[] a, int ao, float b, float[] d, int dOff, int n) {
    FloatVector yb = FloatVector.broadcast(S, b);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector x = FloatVector.fromArray(S, a, ao + i), y = yb;
      (x.add(y)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = FloatStrips.add(a[ao + i], b);
  }

  static void add(float a, float[] b, int bo, float[] d, int dOff, int n) {
    FloatVector xa = FloatVector.broadcast(S, a);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector x = xa, y = FloatVector.fromArray(S, b, bo + i);
      (x.add(y)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = FloatStrips.add(a, b[bo + i]);
  }

  static void sub(float[] a, int ao, float[] b, int bo, float[] d, int dOff, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector x = FloatVector.fromArray(S, a, ao + i), y = FloatVector.fromArray(S, b, bo + i);
      (x.sub(y)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = FloatStrips.sub(a[ao + i], b[bo + i]);
  }

  static void sub(float[] a, int ao, float b, float[] d, int dOff, int n) {
    FloatVector yb = FloatVector.broadcast(S, b);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector x = FloatVector.fromArray(S, a, ao + i), y = yb;
      (x.sub(y)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = FloatStrips.sub(a[ao + i], b);
  }

  static void sub(float a, float[] b, int bo, float[] d, int dOff, int n) {
    FloatVector xa = FloatVector.broadcast(S, a);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector x = xa, y = FloatVector.fromArray(S, b, bo + i);
      (x.sub(y)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = FloatStrips.sub(a, b[bo + i]);
  }

  static void mul(float[] a, int ao, float[] b, int bo, float[] d, int dOff, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector x = FloatVector.fromArray(S, a, ao + i), y = FloatVector.fromArray(S, b, bo + i);
      (x.mul(y)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = FloatStrips.mul(a[ao + i], b[bo + i]);
  }

  static void mul(float[] a, int ao, float b, float[] d, int dOff, int n) {
    FloatVector yb = FloatVector.broadcast(S, b);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector x = FloatVector.fromArray(S, a, ao + i), y = yb;
      (x.mul(y)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = FloatStrips.mul(a[ao + i], b);
  }

  static void mul(float a, float[] b, int bo, float[] d, int dOff, int n) {
    FloatVector xa = FloatVector.broadcast(S, a);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector x = xa, y = FloatVector.fromArray(S, b, bo + i);
      (x.mul(y)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = FloatStrips.mul(a, b[bo + i]);
  }

  static void div(float[] a, int ao, float[] b, int bo, float[] d, int dOff, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector x = FloatVector.fromArray(S, a, ao + i), y = FloatVector.fromArray(S, b, bo + i);
      (x.div(y)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = FloatStrips.div(a[ao + i], b[bo + i]);
  }

  static void div(float[] a, int ao, float b, float[] d, int dOff, int n) {
    FloatVector yb = FloatVector.broadcast(S, b);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector x = FloatVector.fromArray(S, a, ao + i), y = yb;
      (x.div(y)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = FloatStrips.div(a[ao + i], b);
  }

  static void div(float a, float[] b, int bo, float[] d, int dOff, int n) {
    FloatVector xa = FloatVector.broadcast(S, a);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector x = xa, y = FloatVector.fromArray(S, b, bo + i);
      (x.div(y)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = FloatStrips.div(a, b[bo + i]);
  }

  static void max(float[] a, int ao, float[] b, int bo, float[] d, int dOff, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector x = FloatVector.fromArray(S, a, ao + i), y = FloatVector.fromArray(S, b, bo + i);
      (x.max(y)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = FloatStrips.max(a[ao + i], b[bo + i]);
  }

  static void max(float[] a, int ao, float b, float[] d, int dOff, int n) {
    FloatVector yb = FloatVector.broadcast(S, b);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector x = FloatVector.fromArray(S, a, ao + i), y = yb;
      (x.max(y)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = FloatStrips.max(a[ao + i], b);
  }

  static void max(float a, float[] b, int bo, float[] d, int dOff, int n) {
    FloatVector xa = FloatVector.broadcast(S, a);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector x = xa, y = FloatVector.fromArray(S, b, bo + i);
      (x.max(y)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = FloatStrips.max(a, b[bo + i]);
  }

  static void min(float[] a, int ao, float[] b, int bo, float[] d, int dOff, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector x = FloatVector.fromArray(S, a, ao + i), y = FloatVector.fromArray(S, b, bo + i);
      (x.min(y)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = FloatStrips.min(a[ao + i], b[bo + i]);
  }

  static void min(float[] a, int ao, float b, float[] d, int dOff, int n) {
    FloatVector yb = FloatVector.broadcast(S, b);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector x = FloatVector.fromArray(S, a, ao + i), y = yb;
      (x.min(y)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = FloatStrips.min(a[ao + i], b);
  }

  static void min(float a, float[] b, int bo, float[] d, int dOff, int n) {
    FloatVector xa = FloatVector.broadcast(S, a);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector x = xa, y = FloatVector.fromArray(S, b, bo + i);
      (x.min(y)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = FloatStrips.min(a, b[bo + i]);
  }

  static void atan2(float[] a, int ao, float[] b, int bo, float[] d, int dOff, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector x = FloatVector.fromArray(S, a, ao + i), y = FloatVector.fromArray(S, b, bo + i);
      (x.lanewise(VectorOperators.ATAN2, y)).intoArray(d, dOff + i);
    }
    if (i < n) {
      float[] ta = new float[L];
      System.arraycopy(a, ao + i, ta, 0, n - i);
      float[] tb = new float[L];
      System.arraycopy(b, bo + i, tb, 0, n - i);
      FloatVector x = FloatVector.fromArray(S, ta, 0), y = FloatVector.fromArray(S, tb, 0);
      float[] t = new float[L];
      (x.lanewise(VectorOperators.ATAN2, y)).intoArray(t, 0);
      System.arraycopy(t, 0, d, dOff + i, n - i);
    }
  }

  static void atan2(float[] a, int ao, float b, float[] d, int dOff, int n) {
    FloatVector yb = FloatVector.broadcast(S, b);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector x = FloatVector.fromArray(S, a, ao + i), y = yb;
      (x.lanewise(VectorOperators.ATAN2, y)).intoArray(d, dOff + i);
    }
    if (i < n) {
      float[] ta = new float[L];
      System.arraycopy(a, ao + i, ta, 0, n - i);
      FloatVector x = FloatVector.fromArray(S, ta, 0), y = yb;
      float[] t = new float[L];
      (x.lanewise(VectorOperators.ATAN2, y)).intoArray(t, 0);
      System.arraycopy(t, 0, d, dOff + i, n - i);
    }
  }

  static void atan2(float a, float[] b, int bo, float[] d, int dOff, int n) {
    FloatVector xa = FloatVector.broadcast(S, a);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector x = xa, y = FloatVector.fromArray(S, b, bo + i);
      (x.lanewise(VectorOperators.ATAN2, y)).intoArray(d, dOff + i);
    }
    if (i < n) {
      float[] tb = new float[L];
      System.arraycopy(b, bo + i, tb, 0, n - i);
      FloatVector x = xa, y = FloatVector.fromArray(S, tb, 0);
      float[] t = new float[L];
      (x.lanewise(VectorOperators.ATAN2, y)).intoArray(t, 0);
      System.arraycopy(t, 0, d, dOff + i, n - i);
    }
  }

  static float atan2(float a, float b) {
    FloatVector x = FloatVector.broadcast(S, a), y = FloatVector.broadcast(S, b);
    return (x.lanewise(VectorOperators.ATAN2, y)).lane(0);
  }

  static void gt(float[] a, int ao, float[] b, int bo, int[] d, int dOff, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector x = FloatVector.fromArray(S, a, ao + i), y = FloatVector.fromArray(S, b, bo + i);
      ZERO_BITS.blend(ONE_BITS, x.compare(VectorOperators.GT, y)).reinterpretAsInts().intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = a[ao + i] > b[bo + i] ? 1 : 0;
  }

  static void gt(float[] a, int ao, float b, int[] d, int dOff, int n) {
    FloatVector yb = FloatVector.broadcast(S, b);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector x = FloatVector.fromArray(S, a, ao + i), y = yb;
      ZERO_BITS.blend(ONE_BITS, x.compare(VectorOperators.GT, y)).reinterpretAsInts().intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = a[ao + i] > b ? 1 : 0;
  }

  static void gt(float a, float[] b, int bo, int[] d, int dOff, int n) {
    FloatVector xa = FloatVector.broadcast(S, a);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector x = xa, y = FloatVector.fromArray(S, b, bo + i);
      ZERO_BITS.blend(ONE_BITS, x.compare(VectorOperators.GT, y)).reinterpretAsInts().intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = a > b[bo + i] ? 1 : 0;
  }

  static void lt(float[] a, int ao, float[] b, int bo, int[] d, int dOff, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector x = FloatVector.fromArray(S, a, ao + i), y = FloatVector.fromArray(S, b, bo + i);
      ZERO_BITS.blend(ONE_BITS, x.compare(VectorOperators.LT, y)).reinterpretAsInts().intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = a[ao + i] < b[bo + i] ? 1 : 0;
  }

  static void lt(float[] a, int ao, float b, int[] d, int dOff, int n) {
    FloatVector yb = FloatVector.broadcast(S, b);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector x = FloatVector.fromArray(S, a, ao + i), y = yb;
      ZERO_BITS.blend(ONE_BITS, x.compare(VectorOperators.LT, y)).reinterpretAsInts().intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = a[ao + i] < b ? 1 : 0;
  }

  static void lt(float a, float[] b, int bo, int[] d, int dOff, int n) {
    FloatVector xa = FloatVector.broadcast(S, a);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector x = xa, y = FloatVector.fromArray(S, b, bo + i);
      ZERO_BITS.blend(ONE_BITS, x.compare(VectorOperators.LT, y)).reinterpretAsInts().intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = a < b[bo + i] ? 1 : 0;
  }

  static void ge(float[] a, int ao, float[] b, int bo, int[] d, int dOff, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector x = FloatVector.fromArray(S, a, ao + i), y = FloatVector.fromArray(S, b, bo + i);
      ZERO_BITS.blend(ONE_BITS, x.compare(VectorOperators.GE, y)).reinterpretAsInts().intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = a[ao + i] >= b[bo + i] ? 1 : 0;
  }

  static void ge(float[] a, int ao, float b, int[] d, int dOff, int n) {
    FloatVector yb = FloatVector.broadcast(S, b);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector x = FloatVector.fromArray(S, a, ao + i), y = yb;
      ZERO_BITS.blend(ONE_BITS, x.compare(VectorOperators.GE, y)).reinterpretAsInts().intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = a[ao + i] >= b ? 1 : 0;
  }

  static void ge(float a, float[] b, int bo, int[] d, int dOff, int n) {
    FloatVector xa = FloatVector.broadcast(S, a);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector x = xa, y = FloatVector.fromArray(S, b, bo + i);
      ZERO_BITS.blend(ONE_BITS, x.compare(VectorOperators.GE, y)).reinterpretAsInts().intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = a >= b[bo + i] ? 1 : 0;
  }

  static void le(float[] a, int ao, float[] b, int bo, int[] d, int dOff, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector x = FloatVector.fromArray(S, a, ao + i), y = FloatVector.fromArray(S, b, bo + i);
      ZERO_BITS.blend(ONE_BITS, x.compare(VectorOperators.LE, y)).reinterpretAsInts().intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = a[ao + i] <= b[bo + i] ? 1 : 0;
  }

  static void le(float[] a, int ao, float b, int[] d, int dOff, int n) {
    FloatVector yb = FloatVector.broadcast(S, b);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector x = FloatVector.fromArray(S, a, ao + i), y = yb;
      ZERO_BITS.blend(ONE_BITS, x.compare(VectorOperators.LE, y)).reinterpretAsInts().intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = a[ao + i] <= b ? 1 : 0;
  }

  static void le(float a, float[] b, int bo, int[] d, int dOff, int n) {
    FloatVector xa = FloatVector.broadcast(S, a);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector x = xa, y = FloatVector.fromArray(S, b, bo + i);
      ZERO_BITS.blend(ONE_BITS, x.compare(VectorOperators.LE, y)).reinterpretAsInts().intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = a <= b[bo + i] ? 1 : 0;
  }

  static void eq(float[] a, int ao, float[] b, int bo, int[] d, int dOff, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector x = FloatVector.fromArray(S, a, ao + i), y = FloatVector.fromArray(S, b, bo + i);
      ZERO_BITS.blend(ONE_BITS, x.compare(VectorOperators.EQ, y)).reinterpretAsInts().intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = a[ao + i] == b[bo + i] ? 1 : 0;
  }

  static void eq(float[] a, int ao, float b, int[] d, int dOff, int n) {
    FloatVector yb = FloatVector.broadcast(S, b);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector x = FloatVector.fromArray(S, a, ao + i), y = yb;
      ZERO_BITS.blend(ONE_BITS, x.compare(VectorOperators.EQ, y)).reinterpretAsInts().intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = a[ao + i] == b ? 1 : 0;
  }

  static void eq(float a, float[] b, int bo, int[] d, int dOff, int n) {
    FloatVector xa = FloatVector.broadcast(S, a);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector x = xa, y = FloatVector.fromArray(S, b, bo + i);
      ZERO_BITS.blend(ONE_BITS, x.compare(VectorOperators.EQ, y)).reinterpretAsInts().intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = a == b[bo + i] ? 1 : 0;
  }

  static void ne(float[] a, int ao, float[] b, int bo, int[] d, int dOff, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector x = FloatVector.fromArray(S, a, ao + i), y = FloatVector.fromArray(S, b, bo + i);
      ZERO_BITS.blend(ONE_BITS, x.compare(VectorOperators.NE, y)).reinterpretAsInts().intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = a[ao + i] != b[bo + i] ? 1 : 0;
  }

  static void ne(float[] a, int ao, float b, int[] d, int dOff, int n) {
    FloatVector yb = FloatVector.broadcast(S, b);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector x = FloatVector.fromArray(S, a, ao + i), y = yb;
      ZERO_BITS.blend(ONE_BITS, x.compare(VectorOperators.NE, y)).reinterpretAsInts().intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = a[ao + i] != b ? 1 : 0;
  }

  static void ne(float a, float[] b, int bo, int[] d, int dOff, int n) {
    FloatVector xa = FloatVector.broadcast(S, a);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector x = xa, y = FloatVector.fromArray(S, b, bo + i);
      ZERO_BITS.blend(ONE_BITS, x.compare(VectorOperators.NE, y)).reinterpretAsInts().intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = a != b[bo + i] ? 1 : 0;
  }

  static void where(int[] p, int po, float[] t, int to, float[] f, int fo, float[] d, int dOff, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      VectorMask<Float> m = IntVector.fromArray(SI, p, po + i).reinterpretAsFloats().compare(VectorOperators.NE, 0f);
      (FloatVector.fromArray(S, f, fo + i)).blend(FloatVector.fromArray(S, t, to + i), m).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = p[po + i] != 0 ? t[to + i] : f[fo + i];
  }

  static void where(int[] p, int po, float[] t, int to, float f, float[] d, int dOff, int n) {
    FloatVector fv = FloatVector.broadcast(S, f);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      VectorMask<Float> m = IntVector.fromArray(SI, p, po + i).reinterpretAsFloats().compare(VectorOperators.NE, 0f);
      (fv).blend(FloatVector.fromArray(S, t, to + i), m).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = p[po + i] != 0 ? t[to + i] : f;
  }

  static void where(int[] p, int po, float t, float[] f, int fo, float[] d, int dOff, int n) {
    FloatVector tv = FloatVector.broadcast(S, t);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      VectorMask<Float> m = IntVector.fromArray(SI, p, po + i).reinterpretAsFloats().compare(VectorOperators.NE, 0f);
      (FloatVector.fromArray(S, f, fo + i)).blend(tv, m).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = p[po + i] != 0 ? t : f[fo + i];
  }

  static void where(int[] p, int po, float t, float f, float[] d, int dOff, int n) {
    FloatVector tv = FloatVector.broadcast(S, t), fv = FloatVector.broadcast(S, f);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      VectorMask<Float> m = IntVector.fromArray(SI, p, po + i).reinterpretAsFloats().compare(VectorOperators.NE, 0f);
      (fv).blend(tv, m).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = p[po + i] != 0 ? t : f;
  }

  static void integerPow(float[] a, int ao, int y, float[] d, int dOff, int n) {
    // The products of the scalar form's square-and-multiply, in its order, written out per exponent: a loop
    // over the exponent's bits inside the vector loop keeps C2 from holding the vectors in registers (50x).
    int abs = Math.abs(y);
    if (abs > 4) {
      for (int i = 0; i < n; i++) d[dOff + i] = FloatStrips.integerPow(a[ao + i], y);
      return;
    }
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector x = FloatVector.fromArray(S, a, ao + i);
      FloatVector r = switch (abs) {
        case 0 -> ONE;
        case 1 -> x;
        case 2 -> x.mul(x);
        case 3 -> x.mul(x.mul(x));
        default -> x.mul(x).mul(x.mul(x));
      };
      (y < 0 ? ONE.div(r) : r).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = FloatStrips.integerPow(a[ao + i], y);
  }


  static void sumInto(float[] lanes, float[] a, int ao, int n) {
    if (L == Lanes.COUNT) {
      FloatVector acc = FloatVector.fromArray(S, lanes, 0);
      int j = 0;
      for (; j + L <= n; j += L) acc = acc.add(FloatVector.fromArray(S, a, ao + j));
      acc.intoArray(lanes, 0);
      for (int k = 0; j + k < n; k++) lanes[k] = lanes[k] + a[ao + j + k];
      return;
    }
    if (2 * L == Lanes.COUNT) {
      FloatVector acc0 = FloatVector.fromArray(S, lanes, 0), acc1 = FloatVector.fromArray(S, lanes, L);
      int j = 0;
      for (; j + 2 * L <= n; j += 2 * L) {
        acc0 = acc0.add(FloatVector.fromArray(S, a, ao + j));
        acc1 = acc1.add(FloatVector.fromArray(S, a, ao + j + L));
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

  static void maxInto(float[] lanes, float[] a, int ao, int n) {
    if (L == Lanes.COUNT) {
      // Four chains, as max is idempotent, commutative and associative: lane k still folds exactly the
      // elements j = k mod COUNT, but the vector max's latency (with its NaN and signed-zero fix-ups) no longer
      // serializes the loop.
      FloatVector acc0 = FloatVector.fromArray(S, lanes, 0), acc1 = acc0, acc2 = acc0, acc3 = acc0;
      int j = 0;
      for (; j + 4 * L <= n; j += 4 * L) {
        acc0 = acc0.max(FloatVector.fromArray(S, a, ao + j));
        acc1 = acc1.max(FloatVector.fromArray(S, a, ao + j + L));
        acc2 = acc2.max(FloatVector.fromArray(S, a, ao + j + 2 * L));
        acc3 = acc3.max(FloatVector.fromArray(S, a, ao + j + 3 * L));
      }
      FloatVector acc = acc0.max(acc1).max(acc2.max(acc3));
      for (; j + L <= n; j += L) acc = acc.max(FloatVector.fromArray(S, a, ao + j));
      acc.intoArray(lanes, 0);
      for (int k = 0; j + k < n; k++) lanes[k] = Math.max(lanes[k], a[ao + j + k]);
      return;
    }
    if (2 * L == Lanes.COUNT) {
      // Two chains per half of the lanes (see the case above): the same elements per lane, half the latency.
      FloatVector acc0 = FloatVector.fromArray(S, lanes, 0), acc1 = FloatVector.fromArray(S, lanes, L), acc2 = acc0, acc3 = acc1;
      int j = 0;
      for (; j + 4 * L <= n; j += 4 * L) {
        acc0 = acc0.max(FloatVector.fromArray(S, a, ao + j));
        acc1 = acc1.max(FloatVector.fromArray(S, a, ao + j + L));
        acc2 = acc2.max(FloatVector.fromArray(S, a, ao + j + 2 * L));
        acc3 = acc3.max(FloatVector.fromArray(S, a, ao + j + 3 * L));
      }
      acc0 = acc0.max(acc2);
      acc1 = acc1.max(acc3);
      for (; j + 2 * L <= n; j += 2 * L) {
        acc0 = acc0.max(FloatVector.fromArray(S, a, ao + j));
        acc1 = acc1.max(FloatVector.fromArray(S, a, ao + j + L));
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

  static void minInto(float[] lanes, float[] a, int ao, int n) {
    if (L == Lanes.COUNT) {
      // Four chains, as min is idempotent, commutative and associative: lane k still folds exactly the
      // elements j = k mod COUNT, but the vector min's latency (with its NaN and signed-zero fix-ups) no longer
      // serializes the loop.
      FloatVector acc0 = FloatVector.fromArray(S, lanes, 0), acc1 = acc0, acc2 = acc0, acc3 = acc0;
      int j = 0;
      for (; j + 4 * L <= n; j += 4 * L) {
        acc0 = acc0.min(FloatVector.fromArray(S, a, ao + j));
        acc1 = acc1.min(FloatVector.fromArray(S, a, ao + j + L));
        acc2 = acc2.min(FloatVector.fromArray(S, a, ao + j + 2 * L));
        acc3 = acc3.min(FloatVector.fromArray(S, a, ao + j + 3 * L));
      }
      FloatVector acc = acc0.min(acc1).min(acc2.min(acc3));
      for (; j + L <= n; j += L) acc = acc.min(FloatVector.fromArray(S, a, ao + j));
      acc.intoArray(lanes, 0);
      for (int k = 0; j + k < n; k++) lanes[k] = Math.min(lanes[k], a[ao + j + k]);
      return;
    }
    if (2 * L == Lanes.COUNT) {
      // Two chains per half of the lanes (see the case above): the same elements per lane, half the latency.
      FloatVector acc0 = FloatVector.fromArray(S, lanes, 0), acc1 = FloatVector.fromArray(S, lanes, L), acc2 = acc0, acc3 = acc1;
      int j = 0;
      for (; j + 4 * L <= n; j += 4 * L) {
        acc0 = acc0.min(FloatVector.fromArray(S, a, ao + j));
        acc1 = acc1.min(FloatVector.fromArray(S, a, ao + j + L));
        acc2 = acc2.min(FloatVector.fromArray(S, a, ao + j + 2 * L));
        acc3 = acc3.min(FloatVector.fromArray(S, a, ao + j + 3 * L));
      }
      acc0 = acc0.min(acc2);
      acc1 = acc1.min(acc3);
      for (; j + 2 * L <= n; j += 2 * L) {
        acc0 = acc0.min(FloatVector.fromArray(S, a, ao + j));
        acc1 = acc1.min(FloatVector.fromArray(S, a, ao + j + L));
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

  /**
   * Java's cast: truncation toward zero, NaN to 0, saturating at the int bounds. The lanes out of range and the
   * NaNs are set explicitly, so the result does not depend on what the vector conversion does with them.
   */
  static void toI32(float[] a, int ao, int[] d, int dOff, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector v = FloatVector.fromArray(S, a, ao + i);
      IntVector r = (IntVector) v.convertShape(VectorOperators.F2I, SI, 0);
      r = r.blend(Integer.MAX_VALUE, v.compare(VectorOperators.GE, 0x1p31f).cast(SI))
          .blend(Integer.MIN_VALUE, v.compare(VectorOperators.LE, -0x1p31f).cast(SI))
          .blend(0, v.compare(VectorOperators.NE, v).cast(SI));
      r.intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = (int) a[ao + i];
  }
}
