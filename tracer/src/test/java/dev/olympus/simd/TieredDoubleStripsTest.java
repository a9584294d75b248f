package dev.olympus.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The float64 twin of {@link TieredStripsTest}: what makes {@link DoubleStrips#EXACT} safe is that each tiered
 * op's Vector API form gives the bits of its scalar form (NaN payloads aside) over every pair of special values,
 * checked after the tier has warmed, so C2's code is what is compared.
 */
class TieredDoubleStripsTest {
  @BeforeAll
  static void warmTheVectorForms() {
    if (!DoubleStrips.VECTOR) return;
    DoubleStrips.EXACT.vector();
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (!DoubleStrips.EXACT.settled() && System.nanoTime() < deadline) LockSupport.parkNanos(10_000_000);
  }

  private static final double[] SPECIAL = {0, -0.0, 1, -1, 0.1, -2.5, 3e7, Double.MIN_VALUE, -Double.MIN_VALUE,
      Double.MIN_NORMAL, 1e-310, Double.MAX_VALUE, -Double.MAX_VALUE, Double.POSITIVE_INFINITY,
      Double.NEGATIVE_INFINITY, Double.NaN, 9007199254740993.0, 1 / 3.0};

  /** All pairs: {@code a[i]} and {@code b[i]} run over SPECIAL x SPECIAL. */
  private static final double[] A = new double[SPECIAL.length * SPECIAL.length];
  private static final double[] B = new double[A.length];

  static {
    for (int i = 0; i < SPECIAL.length; i++) {
      for (int j = 0; j < SPECIAL.length; j++) {
        A[i * SPECIAL.length + j] = SPECIAL[i];
        B[i * SPECIAL.length + j] = SPECIAL[j];
      }
    }
  }

  private interface Binary { void run(double[] a, int ao, double[] b, int bo, double[] d, int dOff, int n); }

  private interface Compare { void run(double[] a, int ao, double[] b, int bo, int[] d, int dOff, int n); }

  private interface Unary { void run(double[] a, int ao, double[] d, int dOff, int n); }

  /**
   * The unit the tier runs after its switch calls every dispatcher with every op {@code supports} names, at every
   * warm-up length; an op a dispatcher does not handle would throw here rather than on the warming thread.
   */
  @Test
  void theAfterSwitchUnitReachesEveryDispatcher() {
    DoubleStrips.Warming.dispatch();
  }

  @Test
  void arithmeticGivesTheScalarBits() {
    assumeTrue(DoubleStrips.VECTOR, "needs --add-modules jdk.incubator.vector");
    binary("add", DoubleVectors::add, DoubleStrips::add);
    binary("sub", DoubleVectors::sub, DoubleStrips::sub);
    binary("mul", DoubleVectors::mul, DoubleStrips::mul);
    binary("div", DoubleVectors::div, DoubleStrips::div);
    binary("max", DoubleVectors::max, DoubleStrips::max);
    binary("min", DoubleVectors::min, DoubleStrips::min);
    unary("neg", DoubleVectors::neg, DoubleStrips::neg);
    unary("sqrt", DoubleVectors::sqrt, DoubleStrips::sqrt);
    unary("rsqrt", DoubleVectors::rsqrt, DoubleStrips::rsqrt);
  }

  @Test
  void comparisonsAndSelectsGiveTheScalarBits() {
    assumeTrue(DoubleStrips.VECTOR, "needs --add-modules jdk.incubator.vector");
    compare("gt", DoubleVectors::gt, (x, y) -> x > y);
    compare("lt", DoubleVectors::lt, (x, y) -> x < y);
    compare("ge", DoubleVectors::ge, (x, y) -> x >= y);
    compare("le", DoubleVectors::le, (x, y) -> x <= y);
    compare("eq", DoubleVectors::eq, (x, y) -> x == y);
    compare("ne", DoubleVectors::ne, (x, y) -> x != y);
    int[] p = new int[A.length];
    for (int i = 0; i < p.length; i++) p[i] = i % 3 == 0 ? 0 : i;
    double[] got = new double[A.length];
    DoubleVectors.where(p, 0, A, 0, B, 0, got, 0, A.length);
    for (int i = 0; i < A.length; i++) same("where", i, p[i] != 0 ? A[i] : B[i], got[i]);
  }

  @Test
  void laneFoldsGiveTheScalarBits() {
    assumeTrue(DoubleStrips.VECTOR, "needs --add-modules jdk.incubator.vector");
    for (int n : new int[] {A.length, 83, 64, 37, 16, 5}) {
      double[] sum = DoubleStrips.lanes(0), max = DoubleStrips.lanes(Double.NEGATIVE_INFINITY);
      double[] min = DoubleStrips.lanes(Double.POSITIVE_INFINITY);
      DoubleVectors.sumInto(sum, A, 0, n);
      DoubleVectors.maxInto(max, A, 0, n);
      DoubleVectors.minInto(min, A, 0, n);
      double[] wantSum = DoubleStrips.lanes(0), wantMax = DoubleStrips.lanes(Double.NEGATIVE_INFINITY);
      double[] wantMin = DoubleStrips.lanes(Double.POSITIVE_INFINITY);
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

  private static void binary(String name, Binary vector, BinaryOperator<Double> scalar) {
    double[] got = new double[A.length];
    vector.run(A, 0, B, 0, got, 0, A.length);
    for (int i = 0; i < A.length; i++) same(name, i, scalar.apply(A[i], B[i]), got[i]);
  }

  private static void unary(String name, Unary vector, UnaryOperator<Double> scalar) {
    double[] got = new double[A.length];
    vector.run(A, 0, got, 0, A.length);
    for (int i = 0; i < A.length; i++) same(name, i, scalar.apply(A[i]), got[i]);
  }

  private interface PairPredicate { boolean test(double x, double y); }

  private static void compare(String name, Compare vector, PairPredicate scalar) {
    int[] got = new int[A.length];
    vector.run(A, 0, B, 0, got, 0, A.length);
    for (int i = 0; i < A.length; i++) {
      assertEquals(scalar.test(A[i], B[i]) ? 1 : 0, got[i], name + "(" + A[i] + ", " + B[i] + ")");
    }
  }

  /** Equal bits, except that any NaN equals any NaN: which NaN x86 makes of inf - inf is not specified to Java. */
  private static void same(String name, int i, double want, double got) {
    if (Double.isNaN(want) && Double.isNaN(got)) return;
    assertEquals(Double.doubleToRawLongBits(want), Double.doubleToRawLongBits(got),
        name + " element " + i + " (" + A[i] + ", " + B[i] + "): want " + want + ", got " + got);
  }
}
