package dev.olympus.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;

/**
 * The integer vector forms give, element by element, what each op's scalar function gives, over all pairs of
 * edge values (the extremes, shift widths, alternating bits): kernels and eager use the vector forms whenever the
 * Vector API is present, and the scalar functions are the reference semantics (Java's wrapping arithmetic,
 * XLA's). The vector forms are found by the op's name, so an op added later is checked without a line here. The
 * runs are 17 x 17 = 289 long: the unrolled body, single vectors and the scalar tail all run. Integer strips are
 * not tiered like the float ones: see {@code tests/benchmarks/README.md} for the measurement.
 */
class IntegerVectorFormsTest {
  private static final long[] EDGES = {0, 1, -1, 2, -2, 7, 31, 32, 33, 63, 64, Integer.MIN_VALUE, Integer.MAX_VALUE,
      Long.MIN_VALUE, Long.MAX_VALUE, 0x5555555555555555L, 1L << 40};

  private static final long[] A = new long[EDGES.length * EDGES.length];
  private static final long[] B = new long[A.length];
  private static final int[] IA = new int[A.length];
  private static final int[] IB = new int[A.length];

  static {
    for (int i = 0; i < A.length; i++) {
      A[i] = EDGES[i / EDGES.length];
      B[i] = EDGES[i % EDGES.length];
      IA[i] = (int) A[i];
      IB[i] = (int) B[i];
    }
  }

  @Test
  void intVectorFormsGiveTheScalarResults() throws Exception {
    assumeTrue(IntStrips.VECTOR, "needs --add-modules jdk.incubator.vector");
    int checked = 0;
    int n = A.length;
    for (StripOp.Unary op : StripOp.Unary.values()) {
      Method m = vectorForm(IntVectors.class, op.method(), int[].class, int.class, int[].class, int.class, int.class);
      if (m == null || !IntStrips.supports(op)) continue;
      int[] got = new int[n];
      m.invoke(null, IA, 0, got, 0, n);
      for (int i = 0; i < n; i++) assertEquals(IntStrips.unary(op, IA[i]), got[i], op + "(" + IA[i] + ")");
      checked++;
    }
    for (Enum<?> op : binaryAndCompareOps()) {
      if (op instanceof StripOp.Binary && !IntStrips.supports(op)) continue;
      String name = op instanceof StripOp.Binary b ? b.method() : ((StripOp.Compare) op).method();
      Method both = vectorForm(IntVectors.class, name, int[].class, int.class, int[].class, int.class, int[].class, int.class, int.class);
      Method right = vectorForm(IntVectors.class, name, int[].class, int.class, int.class, int[].class, int.class, int.class);
      Method left = vectorForm(IntVectors.class, name, int.class, int[].class, int.class, int[].class, int.class, int.class);
      if (both == null) continue;
      int[] got = new int[n], gotRight = new int[n], gotLeft = new int[n];
      both.invoke(null, IA, 0, IB, 0, got, 0, n);
      right.invoke(null, IA, 0, 33, gotRight, 0, n);
      left.invoke(null, -7, IB, 0, gotLeft, 0, n);
      for (int i = 0; i < n; i++) {
        assertEquals(intScalar(op, IA[i], IB[i]), got[i], op + "(" + IA[i] + ", " + IB[i] + ")");
        assertEquals(intScalar(op, IA[i], 33), gotRight[i], op + "(" + IA[i] + ", 33)");
        assertEquals(intScalar(op, -7, IB[i]), gotLeft[i], op + "(-7, " + IB[i] + ")");
      }
      checked++;
    }
    int[] p = new int[n], got = new int[n];
    for (int i = 0; i < n; i++) p[i] = i % 3 == 0 ? 0 : 1;
    IntVectors.where(p, 0, IA, 0, IB, 0, got, 0, n);
    for (int i = 0; i < n; i++) assertEquals(p[i] != 0 ? IA[i] : IB[i], got[i], "where at " + i);
    assertTrue(checked >= 18, "only " + checked + " int ops have vector forms: did the names change?");
  }

  @Test
  void longVectorFormsGiveTheScalarResults() throws Exception {
    assumeTrue(LongStrips.VECTOR, "needs --add-modules jdk.incubator.vector");
    int checked = 0;
    int n = A.length;
    for (StripOp.Unary op : StripOp.Unary.values()) {
      Method m = vectorForm(LongVectors.class, op.method(), long[].class, int.class, long[].class, int.class, int.class);
      if (m == null || !LongStrips.supports(op)) continue;
      long[] got = new long[n];
      m.invoke(null, A, 0, got, 0, n);
      for (int i = 0; i < n; i++) assertEquals(LongStrips.unary(op, A[i]), got[i], op + "(" + A[i] + ")");
      checked++;
    }
    for (StripOp.Binary op : StripOp.Binary.values()) {
      Method both = vectorForm(LongVectors.class, op.method(), long[].class, int.class, long[].class, int.class, long[].class, int.class, int.class);
      if (both == null || !LongStrips.supports(op)) continue;
      Method right = vectorForm(LongVectors.class, op.method(), long[].class, int.class, long.class, long[].class, int.class, int.class);
      Method left = vectorForm(LongVectors.class, op.method(), long.class, long[].class, int.class, long[].class, int.class, int.class);
      long[] got = new long[n], gotRight = new long[n], gotLeft = new long[n];
      both.invoke(null, A, 0, B, 0, got, 0, n);
      right.invoke(null, A, 0, 33L, gotRight, 0, n);
      left.invoke(null, -7L, B, 0, gotLeft, 0, n);
      for (int i = 0; i < n; i++) {
        assertEquals(LongStrips.binary(op, A[i], B[i]), got[i], op + "(" + A[i] + ", " + B[i] + ")");
        assertEquals(LongStrips.binary(op, A[i], 33L), gotRight[i], op + "(" + A[i] + ", 33)");
        assertEquals(LongStrips.binary(op, -7L, B[i]), gotLeft[i], op + "(-7, " + B[i] + ")");
      }
      checked++;
    }
    for (StripOp.Compare op : StripOp.Compare.values()) {
      Method both = vectorForm(LongVectors.class, op.method(), long[].class, int.class, long[].class, int.class, int[].class, int.class, int.class);
      if (both == null) continue;
      Method right = vectorForm(LongVectors.class, op.method(), long[].class, int.class, long.class, int[].class, int.class, int.class);
      Method left = vectorForm(LongVectors.class, op.method(), long.class, long[].class, int.class, int[].class, int.class, int.class);
      int[] got = new int[n], gotRight = new int[n], gotLeft = new int[n];
      both.invoke(null, A, 0, B, 0, got, 0, n);
      right.invoke(null, A, 0, 33L, gotRight, 0, n);
      left.invoke(null, -7L, B, 0, gotLeft, 0, n);
      for (int i = 0; i < n; i++) {
        assertEquals(LongStrips.compare(op, A[i], B[i]), got[i], op + "(" + A[i] + ", " + B[i] + ")");
        assertEquals(LongStrips.compare(op, A[i], 33L), gotRight[i], op + "(" + A[i] + ", 33)");
        assertEquals(LongStrips.compare(op, -7L, B[i]), gotLeft[i], op + "(-7, " + B[i] + ")");
      }
      checked++;
    }
    int[] p = new int[n];
    long[] got = new long[n];
    for (int i = 0; i < n; i++) p[i] = i % 3 == 0 ? 0 : 1;
    LongVectors.where(p, 0, A, 0, B, 0, got, 0, n);
    for (int i = 0; i < n; i++) assertEquals(p[i] != 0 ? A[i] : B[i], got[i], "where at " + i);
    assertTrue(checked >= 17, "only " + checked + " long ops have vector forms: did the names change?");
  }

  private static Enum<?>[] binaryAndCompareOps() {
    StripOp.Binary[] b = StripOp.Binary.values();
    StripOp.Compare[] c = StripOp.Compare.values();
    Enum<?>[] all = new Enum<?>[b.length + c.length];
    System.arraycopy(b, 0, all, 0, b.length);
    System.arraycopy(c, 0, all, b.length, c.length);
    return all;
  }

  private static int intScalar(Enum<?> op, int x, int y) {
    return op instanceof StripOp.Binary b ? IntStrips.binary(b, x, y) : IntStrips.compare((StripOp.Compare) op, x, y);
  }

  /** The package-private static method {@code name(types)} of {@code owner}, or null when the op has none. */
  private static Method vectorForm(Class<?> owner, String name, Class<?>... types) {
    try {
      Method m = owner.getDeclaredMethod(name, types);
      m.setAccessible(true);
      return m;
    } catch (NoSuchMethodException scalarOnly) {
      return null;
    }
  }
}
