package dev.olympus.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What makes {@link FloatStrips#EXACT} safe: each tiered op's Vector API form gives the bits of its scalar form
 * (NaN payloads aside), element by element, over every pair of special values (signed zeros, infinities, NaN,
 * subnormals, the extremes) and ordinary ones, so a kernel's result does not depend on which form ran. Element
 * {@code i} of the runs is pair {@code i}, and the runs are longer than a vector, so both the vector body and the
 * tail are checked. The comparisons run after the tier has warmed: uncompiled, the Vector API computes each lane
 * with scalar Java, so only C2's code is worth checking.
 */
class TieredStripsTest {
  @BeforeAll
  static void warmTheVectorForms() {
    if (!FloatStrips.VECTOR) return;
    FloatStrips.EXACT.vector();
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (!FloatStrips.EXACT.settled() && System.nanoTime() < deadline) LockSupport.parkNanos(10_000_000);
  }

  private static final float[] SPECIAL = {0f, -0f, 1f, -1f, 0.1f, -2.5f, 3e7f, Float.MIN_VALUE, -Float.MIN_VALUE,
      Float.MIN_NORMAL, 1e-40f, Float.MAX_VALUE, -Float.MAX_VALUE, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
      Float.NaN, 16777217f, 0.333333f};

  /** All pairs: {@code a[i]} and {@code b[i]} run over SPECIAL x SPECIAL. */
  private static final float[] A = new float[SPECIAL.length * SPECIAL.length];
  private static final float[] B = new float[A.length];

  static {
    for (int i = 0; i < SPECIAL.length; i++) {
      for (int j = 0; j < SPECIAL.length; j++) {
        A[i * SPECIAL.length + j] = SPECIAL[i];
        B[i * SPECIAL.length + j] = SPECIAL[j];
      }
    }
  }

  private interface Binary { void run(float[] a, int ao, float[] b, int bo, float[] d, int dOff, int n); }

  private interface Compare { void run(float[] a, int ao, float[] b, int bo, int[] d, int dOff, int n); }

  private interface Unary { void run(float[] a, int ao, float[] d, int dOff, int n); }

  /**
   * The unit the tier runs after its switch calls every dispatcher with every op {@code supports} names, at every
   * warm-up length; an op a dispatcher does not handle would throw here rather than on the warming thread.
   */
  @Test
  void theAfterSwitchUnitReachesEveryDispatcher() {
    FloatStrips.Warming.dispatch();
  }

  @Test
  void arithmeticGivesTheScalarBits() {
    assumeTrue(FloatStrips.VECTOR, "needs --add-modules jdk.incubator.vector");
    binary("add", FloatVectors::add, FloatStrips::add);
    binary("sub", FloatVectors::sub, FloatStrips::sub);
    binary("mul", FloatVectors::mul, FloatStrips::mul);
    binary("div", FloatVectors::div, FloatStrips::div);
    binary("max", FloatVectors::max, FloatStrips::max);
    binary("min", FloatVectors::min, FloatStrips::min);
    unary("neg", FloatVectors::neg, FloatStrips::neg);
    unary("sqrt", FloatVectors::sqrt, FloatStrips::sqrt);
    unary("rsqrt", FloatVectors::rsqrt, FloatStrips::rsqrt);
  }

  @Test
  void comparisonsAndSelectsGiveTheScalarBits() {
    assumeTrue(FloatStrips.VECTOR, "needs --add-modules jdk.incubator.vector");
    compare("gt", FloatVectors::gt, (x, y) -> x > y);
    compare("lt", FloatVectors::lt, (x, y) -> x < y);
    compare("ge", FloatVectors::ge, (x, y) -> x >= y);
    compare("le", FloatVectors::le, (x, y) -> x <= y);
    compare("eq", FloatVectors::eq, (x, y) -> x == y);
    compare("ne", FloatVectors::ne, (x, y) -> x != y);
    int[] p = new int[A.length];
    for (int i = 0; i < p.length; i++) p[i] = i % 3 == 0 ? 0 : i;
    float[] got = new float[A.length];
    FloatVectors.where(p, 0, A, 0, B, 0, got, 0, A.length);
    for (int i = 0; i < A.length; i++) same("where", i, p[i] != 0 ? A[i] : B[i], got[i]);
  }

  @Test
  void laneFoldsGiveTheScalarBits() {
    assumeTrue(FloatStrips.VECTOR, "needs --add-modules jdk.incubator.vector");
    for (int n : new int[] {A.length, 83, 64, 37, 16, 5}) {
      float[] sum = FloatStrips.lanes(0f), max = FloatStrips.lanes(Float.NEGATIVE_INFINITY);
      float[] min = FloatStrips.lanes(Float.POSITIVE_INFINITY);
      FloatVectors.sumInto(sum, A, 0, n);
      FloatVectors.maxInto(max, A, 0, n);
      FloatVectors.minInto(min, A, 0, n);
      float[] wantSum = FloatStrips.lanes(0f), wantMax = FloatStrips.lanes(Float.NEGATIVE_INFINITY);
      float[] wantMin = FloatStrips.lanes(Float.POSITIVE_INFINITY);
      for (int j = 0; j < n; j++) {
        int lane = j % Lanes.COUNT;
        wantSum[lane] = wantSum[lane] + A[j];
        wantMax[lane] = Math.max(wantMax[lane], A[j]);
        wantMin[lane] = Math.min(wantMin[lane], A[j]);
      }
      for (int k = 0; k < Lanes.COUNT; k++) {
        same("sumInto lane " + k + " of " + n, k, wantSum[k], sum[k]);
        same("maxInto lane " + k + " of " + n, k, wantMax[k], max[k]);
        same("minInto lane " + k + " of " + n, k, wantMin[k], min[k]);
      }
    }
  }

  private static void binary(String name, Binary vector, BinaryOperator<Float> scalar) {
    float[] got = new float[A.length];
    vector.run(A, 0, B, 0, got, 0, A.length);
    for (int i = 0; i < A.length; i++) same(name, i, scalar.apply(A[i], B[i]), got[i]);
  }

  private static void unary(String name, Unary vector, UnaryOperator<Float> scalar) {
    float[] got = new float[A.length];
    vector.run(A, 0, got, 0, A.length);
    for (int i = 0; i < A.length; i++) same(name, i, scalar.apply(A[i]), got[i]);
  }

  private interface PairPredicate { boolean test(float x, float y); }

  private static void compare(String name, Compare vector, PairPredicate scalar) {
    int[] got = new int[A.length];
    vector.run(A, 0, B, 0, got, 0, A.length);
    for (int i = 0; i < A.length; i++) {
      assertEquals(scalar.test(A[i], B[i]) ? 1 : 0, got[i], name + "(" + A[i] + ", " + B[i] + ")");
    }
  }

  /** Equal bits, except that any NaN equals any NaN: which NaN x86 makes of inf - inf is not specified to Java. */
  private static void same(String name, int i, float want, float got) {
    if (Float.isNaN(want) && Float.isNaN(got)) return;
    assertEquals(Float.floatToRawIntBits(want), Float.floatToRawIntBits(got),
        name + " element " + i + " (" + A[i] + ", " + B[i] + "): want " + want + ", got " + got);
  }
}
