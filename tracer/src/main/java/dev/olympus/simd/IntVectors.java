package dev.olympus.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** The Vector API bodies of {@link IntStrips}, loaded only when {@code jdk.incubator.vector} is present. */
final class IntVectors {
  private IntVectors() {}

  static final VectorSpecies<Integer> S = IntVector.SPECIES_PREFERRED;
  static final int L = S.length();
  static final VectorSpecies<Integer> SI = S;
  private static final IntVector ZERO_I = IntVector.zero(SI);
  private static final IntVector ONE_I = IntVector.broadcast(SI, 1);

  static void neg(int[] a, int ao, int[] d, int dOff, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      IntVector v = IntVector.fromArray(S, a, ao + i);
      (v.neg()).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = IntStrips.neg(a[ao + i]);
  }

  static void abs(int[] a, int ao, int[] d, int dOff, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      IntVector v = IntVector.fromArray(S, a, ao + i);
      (v.abs()).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = IntStrips.abs(a[ao + i]);
  }

  static void not(int[] a, int ao, int[] d, int dOff, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      IntVector v = IntVector.fromArray(S, a, ao + i);
      (v.not()).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = IntStrips.not(a[ao + i]);
  }

  static void boolNot(int[] a, int ao, int[] d, int dOff, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      IntVector v = IntVector.fromArray(S, a, ao + i);
      (v.lanewise(VectorOperators.XOR, 1)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = IntStrips.boolNot(a[ao + i]);
  }

  static void add(int[] a, int ao, int[] b, int bo, int[] d, int dOff, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      IntVector x = IntVector.fromArray(S, a, ao + i), y = IntVector.fromArray(S, b, bo + i);
      (x.add(y)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = IntStrips.add(a[ao + i], b[bo + i]);
  }

  static void add(int[] a, int ao, int b, int[] d, int dOff, int n) {
    IntVector yb = IntVector.broadcast(S, b);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      IntVector x = IntVector.fromArray(S, a, ao + i), y = yb;
      (x.add(y)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = IntStrips.add(a[ao + i], b);
  }

  static void add(int a, int[] b, int bo, int[] d, int dOff, int n) {
    IntVector xa = IntVector.broadcast(S, a);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      IntVector x = xa, y = IntVector.fromArray(S, b, bo + i);
      (x.add(y)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = IntStrips.add(a, b[bo + i]);
  }

  static void sub(int[] a, int ao, int[] b, int bo, int[] d, int dOff, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      IntVector x = IntVector.fromArray(S, a, ao + i), y = IntVector.fromArray(S, b, bo + i);
      (x.sub(y)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = IntStrips.sub(a[ao + i], b[bo + i]);
  }

  static void sub(int[] a, int ao, int b, int[] d, int dOff, int n) {
    IntVector yb = IntVector.broadcast(S, b);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      IntVector x = IntVector.fromArray(S, a, ao + i), y = yb;
      (x.sub(y)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = IntStrips.sub(a[ao + i], b);
  }

  static void sub(int a, int[] b, int bo, int[] d, int dOff, int n) {
    IntVector xa = IntVector.broadcast(S, a);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      IntVector x = xa, y = IntVector.fromArray(S, b, bo + i);
      (x.sub(y)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = IntStrips.sub(a, b[bo + i]);
  }

  static void mul(int[] a, int ao, int[] b, int bo, int[] d, int dOff, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      IntVector x = IntVector.fromArray(S, a, ao + i), y = IntVector.fromArray(S, b, bo + i);
      (x.mul(y)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = IntStrips.mul(a[ao + i], b[bo + i]);
  }

  static void mul(int[] a, int ao, int b, int[] d, int dOff, int n) {
    IntVector yb = IntVector.broadcast(S, b);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      IntVector x = IntVector.fromArray(S, a, ao + i), y = yb;
      (x.mul(y)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = IntStrips.mul(a[ao + i], b);
  }

  static void mul(int a, int[] b, int bo, int[] d, int dOff, int n) {
    IntVector xa = IntVector.broadcast(S, a);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      IntVector x = xa, y = IntVector.fromArray(S, b, bo + i);
      (x.mul(y)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = IntStrips.mul(a, b[bo + i]);
  }

  static void max(int[] a, int ao, int[] b, int bo, int[] d, int dOff, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      IntVector x = IntVector.fromArray(S, a, ao + i), y = IntVector.fromArray(S, b, bo + i);
      (x.max(y)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = IntStrips.max(a[ao + i], b[bo + i]);
  }

  static void max(int[] a, int ao, int b, int[] d, int dOff, int n) {
    IntVector yb = IntVector.broadcast(S, b);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      IntVector x = IntVector.fromArray(S, a, ao + i), y = yb;
      (x.max(y)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = IntStrips.max(a[ao + i], b);
  }

  static void max(int a, int[] b, int bo, int[] d, int dOff, int n) {
    IntVector xa = IntVector.broadcast(S, a);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      IntVector x = xa, y = IntVector.fromArray(S, b, bo + i);
      (x.max(y)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = IntStrips.max(a, b[bo + i]);
  }

  static void min(int[] a, int ao, int[] b, int bo, int[] d, int dOff, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      IntVector x = IntVector.fromArray(S, a, ao + i), y = IntVector.fromArray(S, b, bo + i);
      (x.min(y)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = IntStrips.min(a[ao + i], b[bo + i]);
  }

  static void min(int[] a, int ao, int b, int[] d, int dOff, int n) {
    IntVector yb = IntVector.broadcast(S, b);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      IntVector x = IntVector.fromArray(S, a, ao + i), y = yb;
      (x.min(y)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = IntStrips.min(a[ao + i], b);
  }

  static void min(int a, int[] b, int bo, int[] d, int dOff, int n) {
    IntVector xa = IntVector.broadcast(S, a);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      IntVector x = xa, y = IntVector.fromArray(S, b, bo + i);
      (x.min(y)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = IntStrips.min(a, b[bo + i]);
  }

  static void and(int[] a, int ao, int[] b, int bo, int[] d, int dOff, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      IntVector x = IntVector.fromArray(S, a, ao + i), y = IntVector.fromArray(S, b, bo + i);
      (x.and(y)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = IntStrips.and(a[ao + i], b[bo + i]);
  }

  static void and(int[] a, int ao, int b, int[] d, int dOff, int n) {
    IntVector yb = IntVector.broadcast(S, b);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      IntVector x = IntVector.fromArray(S, a, ao + i), y = yb;
      (x.and(y)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = IntStrips.and(a[ao + i], b);
  }

  static void and(int a, int[] b, int bo, int[] d, int dOff, int n) {
    IntVector xa = IntVector.broadcast(S, a);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      IntVector x = xa, y = IntVector.fromArray(S, b, bo + i);
      (x.and(y)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = IntStrips.and(a, b[bo + i]);
  }

  static void or(int[] a, int ao, int[] b, int bo, int[] d, int dOff, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      IntVector x = IntVector.fromArray(S, a, ao + i), y = IntVector.fromArray(S, b, bo + i);
      (x.or(y)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = IntStrips.or(a[ao + i], b[bo + i]);
  }

  static void or(int[] a, int ao, int b, int[] d, int dOff, int n) {
    IntVector yb = IntVector.broadcast(S, b);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      IntVector x = IntVector.fromArray(S, a, ao + i), y = yb;
      (x.or(y)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = IntStrips.or(a[ao + i], b);
  }

  static void or(int a, int[] b, int bo, int[] d, int dOff, int n) {
    IntVector xa = IntVector.broadcast(S, a);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      IntVector x = xa, y = IntVector.fromArray(S, b, bo + i);
      (x.or(y)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = IntStrips.or(a, b[bo + i]);
  }

  static void xor(int[] a, int ao, int[] b, int bo, int[] d, int dOff, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      IntVector x = IntVector.fromArray(S, a, ao + i), y = IntVector.fromArray(S, b, bo + i);
      (x.lanewise(VectorOperators.XOR, y)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = IntStrips.xor(a[ao + i], b[bo + i]);
  }

  static void xor(int[] a, int ao, int b, int[] d, int dOff, int n) {
    IntVector yb = IntVector.broadcast(S, b);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      IntVector x = IntVector.fromArray(S, a, ao + i), y = yb;
      (x.lanewise(VectorOperators.XOR, y)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = IntStrips.xor(a[ao + i], b);
  }

  static void xor(int a, int[] b, int bo, int[] d, int dOff, int n) {
    IntVector xa = IntVector.broadcast(S, a);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      IntVector x = xa, y = IntVector.fromArray(S, b, bo + i);
      (x.lanewise(VectorOperators.XOR, y)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = IntStrips.xor(a, b[bo + i]);
  }

  static void gt(int[] a, int ao, int[] b, int bo, int[] d, int dOff, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      IntVector x = IntVector.fromArray(S, a, ao + i), y = IntVector.fromArray(S, b, bo + i);
      ZERO_I.blend(ONE_I, x.compare(VectorOperators.GT, y)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = a[ao + i] > b[bo + i] ? 1 : 0;
  }

  static void gt(int[] a, int ao, int b, int[] d, int dOff, int n) {
    IntVector yb = IntVector.broadcast(S, b);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      IntVector x = IntVector.fromArray(S, a, ao + i), y = yb;
      ZERO_I.blend(ONE_I, x.compare(VectorOperators.GT, y)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = a[ao + i] > b ? 1 : 0;
  }

  static void gt(int a, int[] b, int bo, int[] d, int dOff, int n) {
    IntVector xa = IntVector.broadcast(S, a);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      IntVector x = xa, y = IntVector.fromArray(S, b, bo + i);
      ZERO_I.blend(ONE_I, x.compare(VectorOperators.GT, y)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = a > b[bo + i] ? 1 : 0;
  }

  static void lt(int[] a, int ao, int[] b, int bo, int[] d, int dOff, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      IntVector x = IntVector.fromArray(S, a, ao + i), y = IntVector.fromArray(S, b, bo + i);
      ZERO_I.blend(ONE_I, x.compare(VectorOperators.LT, y)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = a[ao + i] < b[bo + i] ? 1 : 0;
  }

  static void lt(int[] a, int ao, int b, int[] d, int dOff, int n) {
    IntVector yb = IntVector.broadcast(S, b);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      IntVector x = IntVector.fromArray(S, a, ao + i), y = yb;
      ZERO_I.blend(ONE_I, x.compare(VectorOperators.LT, y)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = a[ao + i] < b ? 1 : 0;
  }

  static void lt(int a, int[] b, int bo, int[] d, int dOff, int n) {
    IntVector xa = IntVector.broadcast(S, a);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      IntVector x = xa, y = IntVector.fromArray(S, b, bo + i);
      ZERO_I.blend(ONE_I, x.compare(VectorOperators.LT, y)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = a < b[bo + i] ? 1 : 0;
  }

  static void ge(int[] a, int ao, int[] b, int bo, int[] d, int dOff, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      IntVector x = IntVector.fromArray(S, a, ao + i), y = IntVector.fromArray(S, b, bo + i);
      ZERO_I.blend(ONE_I, x.compare(VectorOperators.GE, y)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = a[ao + i] >= b[bo + i] ? 1 : 0;
  }

  static void ge(int[] a, int ao, int b, int[] d, int dOff, int n) {
    IntVector yb = IntVector.broadcast(S, b);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      IntVector x = IntVector.fromArray(S, a, ao + i), y = yb;
      ZERO_I.blend(ONE_I, x.compare(VectorOperators.GE, y)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = a[ao + i] >= b ? 1 : 0;
  }

  static void ge(int a, int[] b, int bo, int[] d, int dOff, int n) {
    IntVector xa = IntVector.broadcast(S, a);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      IntVector x = xa, y = IntVector.fromArray(S, b, bo + i);
      ZERO_I.blend(ONE_I, x.compare(VectorOperators.GE, y)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = a >= b[bo + i] ? 1 : 0;
  }

  static void le(int[] a, int ao, int[] b, int bo, int[] d, int dOff, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      IntVector x = IntVector.fromArray(S, a, ao + i), y = IntVector.fromArray(S, b, bo + i);
      ZERO_I.blend(ONE_I, x.compare(VectorOperators.LE, y)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = a[ao + i] <= b[bo + i] ? 1 : 0;
  }

  static void le(int[] a, int ao, int b, int[] d, int dOff, int n) {
    IntVector yb = IntVector.broadcast(S, b);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      IntVector x = IntVector.fromArray(S, a, ao + i), y = yb;
      ZERO_I.blend(ONE_I, x.compare(VectorOperators.LE, y)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = a[ao + i] <= b ? 1 : 0;
  }

  static void le(int a, int[] b, int bo, int[] d, int dOff, int n) {
    IntVector xa = IntVector.broadcast(S, a);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      IntVector x = xa, y = IntVector.fromArray(S, b, bo + i);
      ZERO_I.blend(ONE_I, x.compare(VectorOperators.LE, y)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = a <= b[bo + i] ? 1 : 0;
  }

  static void eq(int[] a, int ao, int[] b, int bo, int[] d, int dOff, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      IntVector x = IntVector.fromArray(S, a, ao + i), y = IntVector.fromArray(S, b, bo + i);
      ZERO_I.blend(ONE_I, x.compare(VectorOperators.EQ, y)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = a[ao + i] == b[bo + i] ? 1 : 0;
  }

  static void eq(int[] a, int ao, int b, int[] d, int dOff, int n) {
    IntVector yb = IntVector.broadcast(S, b);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      IntVector x = IntVector.fromArray(S, a, ao + i), y = yb;
      ZERO_I.blend(ONE_I, x.compare(VectorOperators.EQ, y)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = a[ao + i] == b ? 1 : 0;
  }

  static void eq(int a, int[] b, int bo, int[] d, int dOff, int n) {
    IntVector xa = IntVector.broadcast(S, a);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      IntVector x = xa, y = IntVector.fromArray(S, b, bo + i);
      ZERO_I.blend(ONE_I, x.compare(VectorOperators.EQ, y)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = a == b[bo + i] ? 1 : 0;
  }

  static void ne(int[] a, int ao, int[] b, int bo, int[] d, int dOff, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      IntVector x = IntVector.fromArray(S, a, ao + i), y = IntVector.fromArray(S, b, bo + i);
      ZERO_I.blend(ONE_I, x.compare(VectorOperators.NE, y)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = a[ao + i] != b[bo + i] ? 1 : 0;
  }

  static void ne(int[] a, int ao, int b, int[] d, int dOff, int n) {
    IntVector yb = IntVector.broadcast(S, b);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      IntVector x = IntVector.fromArray(S, a, ao + i), y = yb;
      ZERO_I.blend(ONE_I, x.compare(VectorOperators.NE, y)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = a[ao + i] != b ? 1 : 0;
  }

  static void ne(int a, int[] b, int bo, int[] d, int dOff, int n) {
    IntVector xa = IntVector.broadcast(S, a);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      IntVector x = xa, y = IntVector.fromArray(S, b, bo + i);
      ZERO_I.blend(ONE_I, x.compare(VectorOperators.NE, y)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = a != b[bo + i] ? 1 : 0;
  }

  static void where(int[] p, int po, int[] t, int to, int[] f, int fo, int[] d, int dOff, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      VectorMask<Integer> m = IntVector.fromArray(SI, p, po + i).compare(VectorOperators.NE, 0);
      (IntVector.fromArray(S, f, fo + i)).blend(IntVector.fromArray(S, t, to + i), m).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = p[po + i] != 0 ? t[to + i] : f[fo + i];
  }

  static void where(int[] p, int po, int[] t, int to, int f, int[] d, int dOff, int n) {
    IntVector fv = IntVector.broadcast(S, f);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      VectorMask<Integer> m = IntVector.fromArray(SI, p, po + i).compare(VectorOperators.NE, 0);
      (fv).blend(IntVector.fromArray(S, t, to + i), m).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = p[po + i] != 0 ? t[to + i] : f;
  }

  static void where(int[] p, int po, int t, int[] f, int fo, int[] d, int dOff, int n) {
    IntVector tv = IntVector.broadcast(S, t);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      VectorMask<Integer> m = IntVector.fromArray(SI, p, po + i).compare(VectorOperators.NE, 0);
      (IntVector.fromArray(S, f, fo + i)).blend(tv, m).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = p[po + i] != 0 ? t : f[fo + i];
  }

  static void where(int[] p, int po, int t, int f, int[] d, int dOff, int n) {
    IntVector tv = IntVector.broadcast(S, t), fv = IntVector.broadcast(S, f);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      VectorMask<Integer> m = IntVector.fromArray(SI, p, po + i).compare(VectorOperators.NE, 0);
      (fv).blend(tv, m).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = p[po + i] != 0 ? t : f;
  }

  static void fromBools(boolean[] a, int ao, int[] d, int dOff, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      ZERO_I.blend(ONE_I, VectorMask.fromArray(S, a, ao + i)).intoArray(d, dOff + i);
    }
    for (; i < n; i++) d[dOff + i] = a[ao + i] ? 1 : 0;
  }

  /** To the nearest f32 (vcvtdq2ps rounds to nearest even, as Java's widening conversion does). */
  static void toF32(int[] a, int ao, float[] d, int dOff, int n) {
    VectorSpecies<Float> sf = FloatVector.SPECIES_PREFERRED;
    int i = 0;
    if (sf.length() == L) {
      for (int bound = S.loopBound(n); i < bound; i += L) {
        ((FloatVector) IntVector.fromArray(S, a, ao + i).convertShape(VectorOperators.I2F, sf, 0))
            .intoArray(d, dOff + i);
      }
    }
    for (; i < n; i++) d[dOff + i] = a[ao + i];
  }
}
