package dev.olympus.simd;

import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/** The Vector API bodies of {@link LongStrips}, loaded only when {@code jdk.incubator.vector} is present. */
final class LongVectors {
  private LongVectors() {}

  static final VectorSpecies<Long> S = LongVector.SPECIES_PREFERRED;
  static final int L = S.length();
  static final VectorSpecies<Integer> SI = VectorSpecies.of(int.class, VectorShape.forBitSize(32 * L));
  private static final IntVector ZERO_I = IntVector.zero(SI);
  private static final IntVector ONE_I = IntVector.broadcast(SI, 1);

  static void neg(long[] a, int ao, long[] d, int dOff, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      LongVector v = LongVector.fromArray(S, a, ao + i);
      (v.neg()).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = LongStrips.neg(a[ao + i]);
  }

  static void abs(long[] a, int ao, long[] d, int dOff, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      LongVector v = LongVector.fromArray(S, a, ao + i);
      (v.abs()).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = LongStrips.abs(a[ao + i]);
  }

  static void not(long[] a, int ao, long[] d, int dOff, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      LongVector v = LongVector.fromArray(S, a, ao + i);
      (v.not()).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = LongStrips.not(a[ao + i]);
  }

  static void add(long[] a, int ao, long[] b, int bo, long[] d, int dOff, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      LongVector x = LongVector.fromArray(S, a, ao + i), y = LongVector.fromArray(S, b, bo + i);
      (x.add(y)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = LongStrips.add(a[ao + i], b[bo + i]);
  }

  static void add(long[] a, int ao, long b, long[] d, int dOff, int n) {
    LongVector yb = LongVector.broadcast(S, b);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      LongVector x = LongVector.fromArray(S, a, ao + i), y = yb;
      (x.add(y)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = LongStrips.add(a[ao + i], b);
  }

  static void add(long a, long[] b, int bo, long[] d, int dOff, int n) {
    LongVector xa = LongVector.broadcast(S, a);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      LongVector x = xa, y = LongVector.fromArray(S, b, bo + i);
      (x.add(y)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = LongStrips.add(a, b[bo + i]);
  }

  static void sub(long[] a, int ao, long[] b, int bo, long[] d, int dOff, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      LongVector x = LongVector.fromArray(S, a, ao + i), y = LongVector.fromArray(S, b, bo + i);
      (x.sub(y)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = LongStrips.sub(a[ao + i], b[bo + i]);
  }

  static void sub(long[] a, int ao, long b, long[] d, int dOff, int n) {
    LongVector yb = LongVector.broadcast(S, b);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      LongVector x = LongVector.fromArray(S, a, ao + i), y = yb;
      (x.sub(y)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = LongStrips.sub(a[ao + i], b);
  }

  static void sub(long a, long[] b, int bo, long[] d, int dOff, int n) {
    LongVector xa = LongVector.broadcast(S, a);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      LongVector x = xa, y = LongVector.fromArray(S, b, bo + i);
      (x.sub(y)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = LongStrips.sub(a, b[bo + i]);
  }

  static void mul(long[] a, int ao, long[] b, int bo, long[] d, int dOff, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      LongVector x = LongVector.fromArray(S, a, ao + i), y = LongVector.fromArray(S, b, bo + i);
      (x.mul(y)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = LongStrips.mul(a[ao + i], b[bo + i]);
  }

  static void mul(long[] a, int ao, long b, long[] d, int dOff, int n) {
    LongVector yb = LongVector.broadcast(S, b);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      LongVector x = LongVector.fromArray(S, a, ao + i), y = yb;
      (x.mul(y)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = LongStrips.mul(a[ao + i], b);
  }

  static void mul(long a, long[] b, int bo, long[] d, int dOff, int n) {
    LongVector xa = LongVector.broadcast(S, a);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      LongVector x = xa, y = LongVector.fromArray(S, b, bo + i);
      (x.mul(y)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = LongStrips.mul(a, b[bo + i]);
  }

  static void max(long[] a, int ao, long[] b, int bo, long[] d, int dOff, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      LongVector x = LongVector.fromArray(S, a, ao + i), y = LongVector.fromArray(S, b, bo + i);
      (x.max(y)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = LongStrips.max(a[ao + i], b[bo + i]);
  }

  static void max(long[] a, int ao, long b, long[] d, int dOff, int n) {
    LongVector yb = LongVector.broadcast(S, b);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      LongVector x = LongVector.fromArray(S, a, ao + i), y = yb;
      (x.max(y)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = LongStrips.max(a[ao + i], b);
  }

  static void max(long a, long[] b, int bo, long[] d, int dOff, int n) {
    LongVector xa = LongVector.broadcast(S, a);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      LongVector x = xa, y = LongVector.fromArray(S, b, bo + i);
      (x.max(y)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = LongStrips.max(a, b[bo + i]);
  }

  static void min(long[] a, int ao, long[] b, int bo, long[] d, int dOff, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      LongVector x = LongVector.fromArray(S, a, ao + i), y = LongVector.fromArray(S, b, bo + i);
      (x.min(y)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = LongStrips.min(a[ao + i], b[bo + i]);
  }

  static void min(long[] a, int ao, long b, long[] d, int dOff, int n) {
    LongVector yb = LongVector.broadcast(S, b);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      LongVector x = LongVector.fromArray(S, a, ao + i), y = yb;
      (x.min(y)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = LongStrips.min(a[ao + i], b);
  }

  static void min(long a, long[] b, int bo, long[] d, int dOff, int n) {
    LongVector xa = LongVector.broadcast(S, a);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      LongVector x = xa, y = LongVector.fromArray(S, b, bo + i);
      (x.min(y)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = LongStrips.min(a, b[bo + i]);
  }

  static void and(long[] a, int ao, long[] b, int bo, long[] d, int dOff, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      LongVector x = LongVector.fromArray(S, a, ao + i), y = LongVector.fromArray(S, b, bo + i);
      (x.and(y)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = LongStrips.and(a[ao + i], b[bo + i]);
  }

  static void and(long[] a, int ao, long b, long[] d, int dOff, int n) {
    LongVector yb = LongVector.broadcast(S, b);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      LongVector x = LongVector.fromArray(S, a, ao + i), y = yb;
      (x.and(y)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = LongStrips.and(a[ao + i], b);
  }

  static void and(long a, long[] b, int bo, long[] d, int dOff, int n) {
    LongVector xa = LongVector.broadcast(S, a);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      LongVector x = xa, y = LongVector.fromArray(S, b, bo + i);
      (x.and(y)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = LongStrips.and(a, b[bo + i]);
  }

  static void or(long[] a, int ao, long[] b, int bo, long[] d, int dOff, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      LongVector x = LongVector.fromArray(S, a, ao + i), y = LongVector.fromArray(S, b, bo + i);
      (x.or(y)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = LongStrips.or(a[ao + i], b[bo + i]);
  }

  static void or(long[] a, int ao, long b, long[] d, int dOff, int n) {
    LongVector yb = LongVector.broadcast(S, b);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      LongVector x = LongVector.fromArray(S, a, ao + i), y = yb;
      (x.or(y)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = LongStrips.or(a[ao + i], b);
  }

  static void or(long a, long[] b, int bo, long[] d, int dOff, int n) {
    LongVector xa = LongVector.broadcast(S, a);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      LongVector x = xa, y = LongVector.fromArray(S, b, bo + i);
      (x.or(y)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = LongStrips.or(a, b[bo + i]);
  }

  static void xor(long[] a, int ao, long[] b, int bo, long[] d, int dOff, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      LongVector x = LongVector.fromArray(S, a, ao + i), y = LongVector.fromArray(S, b, bo + i);
      (x.lanewise(VectorOperators.XOR, y)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = LongStrips.xor(a[ao + i], b[bo + i]);
  }

  static void xor(long[] a, int ao, long b, long[] d, int dOff, int n) {
    LongVector yb = LongVector.broadcast(S, b);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      LongVector x = LongVector.fromArray(S, a, ao + i), y = yb;
      (x.lanewise(VectorOperators.XOR, y)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = LongStrips.xor(a[ao + i], b);
  }

  static void xor(long a, long[] b, int bo, long[] d, int dOff, int n) {
    LongVector xa = LongVector.broadcast(S, a);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      LongVector x = xa, y = LongVector.fromArray(S, b, bo + i);
      (x.lanewise(VectorOperators.XOR, y)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = LongStrips.xor(a, b[bo + i]);
  }

  static void gt(long[] a, int ao, long[] b, int bo, int[] d, int dOff, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      LongVector x = LongVector.fromArray(S, a, ao + i), y = LongVector.fromArray(S, b, bo + i);
      ZERO_I.blend(ONE_I, x.compare(VectorOperators.GT, y).cast(SI)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = a[ao + i] > b[bo + i] ? 1 : 0;
  }

  static void gt(long[] a, int ao, long b, int[] d, int dOff, int n) {
    LongVector yb = LongVector.broadcast(S, b);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      LongVector x = LongVector.fromArray(S, a, ao + i), y = yb;
      ZERO_I.blend(ONE_I, x.compare(VectorOperators.GT, y).cast(SI)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = a[ao + i] > b ? 1 : 0;
  }

  static void gt(long a, long[] b, int bo, int[] d, int dOff, int n) {
    LongVector xa = LongVector.broadcast(S, a);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      LongVector x = xa, y = LongVector.fromArray(S, b, bo + i);
      ZERO_I.blend(ONE_I, x.compare(VectorOperators.GT, y).cast(SI)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = a > b[bo + i] ? 1 : 0;
  }

  static void lt(long[] a, int ao, long[] b, int bo, int[] d, int dOff, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      LongVector x = LongVector.fromArray(S, a, ao + i), y = LongVector.fromArray(S, b, bo + i);
      ZERO_I.blend(ONE_I, x.compare(VectorOperators.LT, y).cast(SI)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = a[ao + i] < b[bo + i] ? 1 : 0;
  }

  static void lt(long[] a, int ao, long b, int[] d, int dOff, int n) {
    LongVector yb = LongVector.broadcast(S, b);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      LongVector x = LongVector.fromArray(S, a, ao + i), y = yb;
      ZERO_I.blend(ONE_I, x.compare(VectorOperators.LT, y).cast(SI)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = a[ao + i] < b ? 1 : 0;
  }

  static void lt(long a, long[] b, int bo, int[] d, int dOff, int n) {
    LongVector xa = LongVector.broadcast(S, a);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      LongVector x = xa, y = LongVector.fromArray(S, b, bo + i);
      ZERO_I.blend(ONE_I, x.compare(VectorOperators.LT, y).cast(SI)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = a < b[bo + i] ? 1 : 0;
  }

  static void ge(long[] a, int ao, long[] b, int bo, int[] d, int dOff, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      LongVector x = LongVector.fromArray(S, a, ao + i), y = LongVector.fromArray(S, b, bo + i);
      ZERO_I.blend(ONE_I, x.compare(VectorOperators.GE, y).cast(SI)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = a[ao + i] >= b[bo + i] ? 1 : 0;
  }

  static void ge(long[] a, int ao, long b, int[] d, int dOff, int n) {
    LongVector yb = LongVector.broadcast(S, b);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      LongVector x = LongVector.fromArray(S, a, ao + i), y = yb;
      ZERO_I.blend(ONE_I, x.compare(VectorOperators.GE, y).cast(SI)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = a[ao + i] >= b ? 1 : 0;
  }

  static void ge(long a, long[] b, int bo, int[] d, int dOff, int n) {
    LongVector xa = LongVector.broadcast(S, a);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      LongVector x = xa, y = LongVector.fromArray(S, b, bo + i);
      ZERO_I.blend(ONE_I, x.compare(VectorOperators.GE, y).cast(SI)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = a >= b[bo + i] ? 1 : 0;
  }

  static void le(long[] a, int ao, long[] b, int bo, int[] d, int dOff, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      LongVector x = LongVector.fromArray(S, a, ao + i), y = LongVector.fromArray(S, b, bo + i);
      ZERO_I.blend(ONE_I, x.compare(VectorOperators.LE, y).cast(SI)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = a[ao + i] <= b[bo + i] ? 1 : 0;
  }

  static void le(long[] a, int ao, long b, int[] d, int dOff, int n) {
    LongVector yb = LongVector.broadcast(S, b);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      LongVector x = LongVector.fromArray(S, a, ao + i), y = yb;
      ZERO_I.blend(ONE_I, x.compare(VectorOperators.LE, y).cast(SI)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = a[ao + i] <= b ? 1 : 0;
  }

  static void le(long a, long[] b, int bo, int[] d, int dOff, int n) {
    LongVector xa = LongVector.broadcast(S, a);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      LongVector x = xa, y = LongVector.fromArray(S, b, bo + i);
      ZERO_I.blend(ONE_I, x.compare(VectorOperators.LE, y).cast(SI)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = a <= b[bo + i] ? 1 : 0;
  }

  static void eq(long[] a, int ao, long[] b, int bo, int[] d, int dOff, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      LongVector x = LongVector.fromArray(S, a, ao + i), y = LongVector.fromArray(S, b, bo + i);
      ZERO_I.blend(ONE_I, x.compare(VectorOperators.EQ, y).cast(SI)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = a[ao + i] == b[bo + i] ? 1 : 0;
  }

  static void eq(long[] a, int ao, long b, int[] d, int dOff, int n) {
    LongVector yb = LongVector.broadcast(S, b);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      LongVector x = LongVector.fromArray(S, a, ao + i), y = yb;
      ZERO_I.blend(ONE_I, x.compare(VectorOperators.EQ, y).cast(SI)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = a[ao + i] == b ? 1 : 0;
  }

  static void eq(long a, long[] b, int bo, int[] d, int dOff, int n) {
    LongVector xa = LongVector.broadcast(S, a);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      LongVector x = xa, y = LongVector.fromArray(S, b, bo + i);
      ZERO_I.blend(ONE_I, x.compare(VectorOperators.EQ, y).cast(SI)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = a == b[bo + i] ? 1 : 0;
  }

  static void ne(long[] a, int ao, long[] b, int bo, int[] d, int dOff, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      LongVector x = LongVector.fromArray(S, a, ao + i), y = LongVector.fromArray(S, b, bo + i);
      ZERO_I.blend(ONE_I, x.compare(VectorOperators.NE, y).cast(SI)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = a[ao + i] != b[bo + i] ? 1 : 0;
  }

  static void ne(long[] a, int ao, long b, int[] d, int dOff, int n) {
    LongVector yb = LongVector.broadcast(S, b);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      LongVector x = LongVector.fromArray(S, a, ao + i), y = yb;
      ZERO_I.blend(ONE_I, x.compare(VectorOperators.NE, y).cast(SI)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = a[ao + i] != b ? 1 : 0;
  }

  static void ne(long a, long[] b, int bo, int[] d, int dOff, int n) {
    LongVector xa = LongVector.broadcast(S, a);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      LongVector x = xa, y = LongVector.fromArray(S, b, bo + i);
      ZERO_I.blend(ONE_I, x.compare(VectorOperators.NE, y).cast(SI)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = a != b[bo + i] ? 1 : 0;
  }

  static void where(int[] p, int po, long[] t, int to, long[] f, int fo, long[] d, int dOff, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      VectorMask<Long> m = IntVector.fromArray(SI, p, po + i).compare(VectorOperators.NE, 0).cast(S);
      (LongVector.fromArray(S, f, fo + i)).blend(LongVector.fromArray(S, t, to + i), m).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = p[po + i] != 0 ? t[to + i] : f[fo + i];
  }

  static void where(int[] p, int po, long[] t, int to, long f, long[] d, int dOff, int n) {
    LongVector fv = LongVector.broadcast(S, f);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      VectorMask<Long> m = IntVector.fromArray(SI, p, po + i).compare(VectorOperators.NE, 0).cast(S);
      (fv).blend(LongVector.fromArray(S, t, to + i), m).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = p[po + i] != 0 ? t[to + i] : f;
  }

  static void where(int[] p, int po, long t, long[] f, int fo, long[] d, int dOff, int n) {
    LongVector tv = LongVector.broadcast(S, t);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      VectorMask<Long> m = IntVector.fromArray(SI, p, po + i).compare(VectorOperators.NE, 0).cast(S);
      (LongVector.fromArray(S, f, fo + i)).blend(tv, m).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = p[po + i] != 0 ? t : f[fo + i];
  }

  static void where(int[] p, int po, long t, long f, long[] d, int dOff, int n) {
    LongVector tv = LongVector.broadcast(S, t), fv = LongVector.broadcast(S, f);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      VectorMask<Long> m = IntVector.fromArray(SI, p, po + i).compare(VectorOperators.NE, 0).cast(S);
      (fv).blend(tv, m).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = p[po + i] != 0 ? t : f;
  }
}
