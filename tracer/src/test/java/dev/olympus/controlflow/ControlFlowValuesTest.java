package dev.olympus.controlflow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.Array;
import dev.olympus.DType;
import dev.olympus.Fn1;
import dev.olympus.Fn2;
import dev.olympus.ir.ClosedIr;
import dev.olympus.lax.Lax;
import dev.olympus.numpy.Jnp;
import dev.olympus.transform.Staging;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Values of control flow against plain Java loops, eagerly (no trace: the primitive evaluates its sub-IR at
 * once) and by evaluating a traced IR on concrete arguments (what compiled code must reproduce). Where both
 * sides do the same float32 operations in the same order the results are compared exactly: each step rounds
 * once to float32 on both sides.
 */
class ControlFlowValuesTest {
  record State(Array n, Array steps) {}

  private static int collatzSteps(int n) {
    int steps = 0;
    while (n != 1) {
      n = n % 2 == 0 ? n / 2 : 3 * n + 1;
      steps++;
    }
    return steps;
  }

  private static State collatz(State s) {
    return Lax.whileLoop(t -> t.n().ne(1),
        t -> new State(Jnp.where(Jnp.remainder(t.n(), Jnp.scalar(2)).eq(0), Jnp.floorDivide(t.n(), Jnp.scalar(2)),
            t.n().mul(3).add(1)), t.steps().add(1)),
        s);
  }

  @Test
  void whileLoopCollatzStepsMatchJava() {
    ClosedIr traced = Staging.makeIr((Fn1<Array, Array>) n -> collatz(new State(n, Jnp.scalar(0))).steps(),
        Jnp.scalar(7));
    for (int n : new int[] {1, 6, 7, 27, 97, 871}) {
      State eager = collatz(new State(Jnp.scalar(n), Jnp.scalar(0)));
      assertEquals(collatzSteps(n), eager.steps().intValue(), "steps from " + n);
      assertEquals(1, eager.n().intValue());
      assertEquals(collatzSteps(n), traced.call(List.of(Jnp.scalar(n))).get(0).intValue(), "traced, from " + n);
    }
  }

  /** The sum of i for i in [0, 10000) is n(n-1)/2 = 49,995,000, which fits int32. */
  @Test
  void foriLoopSumMatchesClosedForm() {
    int n = 10_000;
    Array eager = Lax.foriLoop(0, n, (i, s) -> s.add(i), Jnp.scalar(0));
    assertEquals(DType.I32, eager.dtype());
    assertEquals(n * (n - 1) / 2, eager.intValue());
    // Array bounds: concrete ones are a known trip count; traced ones run as a while loop.
    assertEquals(n * (n - 1) / 2, Lax.foriLoop(Jnp.scalar(0), Jnp.scalar(n), (i, s) -> s.add(i), Jnp.scalar(0)).intValue());
    ClosedIr asWhile = Staging.makeIr((Fn2<Array, Array, Array>) (lo, hi) -> Lax.foriLoop(lo, hi,
        (i, s) -> s.add(i), Jnp.scalar(0)), Jnp.scalar(0), Jnp.scalar(1));
    assertEquals("while", asWhile.ir().equations().get(0).primitive().name());
    assertEquals(n * (n - 1) / 2, asWhile.call(List.of(Jnp.scalar(0), Jnp.scalar(n))).get(0).intValue());
    // Sum of i over [a, b) is (b - a)(a + b - 1) / 2; an empty range leaves the init.
    assertEquals((20 - 5) * (5 + 20 - 1) / 2, asWhile.call(List.of(Jnp.scalar(5), Jnp.scalar(20))).get(0).intValue());
    assertEquals(0, asWhile.call(List.of(Jnp.scalar(9), Jnp.scalar(3))).get(0).intValue());
    assertEquals(7, Lax.foriLoop(5, 2, (i, s) -> s.add(i), Jnp.scalar(7)).intValue());
  }

  private static float[] data(int n) {
    float[] x = new float[n];
    for (int k = 0; k < n; k++) x[k] = (float) (Math.sin(k * 0.37) * (k % 13) / 7.0);
    return x;
  }

  @Test
  void scanCumulativeSumMatchesJavaLoop() {
    float[] x = data(1000);
    Lax.Carry<Array, Array> r = Lax.scan((Array c, Array xi) -> {
      Array next = c.add(xi);
      return Lax.carry(next, next);
    }, Jnp.scalar(0f), Jnp.array(x));
    float acc = 0f;
    float[] want = new float[x.length];
    for (int k = 0; k < x.length; k++) want[k] = acc += x[k];
    assertArrayEquals(want, r.y().toFloatArray());
    assertEquals(acc, r.carry().floatValue());
    assertArrayEquals(new int[] {1000}, r.y().shape());
  }

  /** Reverse: steps run from the last row, and each y is stored at its own row, so ys is a suffix sum. */
  @Test
  void reverseScanStoresYsAtTheirRows() {
    float[] x = data(50);
    Lax.Carry<Array, Array> r = Lax.scan((Array c, Array xi) -> {
      Array next = c.add(xi);
      return Lax.carry(next, next);
    }, Jnp.scalar(0f), Jnp.array(x), -1, true);
    float acc = 0f;
    float[] want = new float[x.length];
    for (int k = x.length - 1; k >= 0; k--) want[k] = acc += x[k];
    assertArrayEquals(want, r.y().toFloatArray());
  }

  record Rows(Array a, Array b) {}

  record Out(Array product, Array running) {}

  /** Trees everywhere: a record of xs (matrix rows), a record of ys, a list carry. */
  @Test
  void scanOverRecordsOfRows() {
    float[] a = data(12), b = data(15);
    Array ra = Jnp.array(a, 4, 3), rb = Jnp.array(java.util.Arrays.copyOf(b, 12), 4, 3);
    Lax.Carry<List<Array>, Out> r = Lax.scan((List<Array> c, Rows rows) -> {
      Array dot = Jnp.sum(rows.a().mul(rows.b()));
      Array total = c.get(0).add(dot);
      return Lax.carry(List.of(total, c.get(1).add(1)), new Out(dot, total));
    }, List.of(Jnp.scalar(0f), Jnp.scalar(0)), new Rows(ra, rb));
    assertEquals(4, r.carry().get(1).intValue());
    assertArrayEquals(new int[] {4}, r.y().product().shape());
    float total = 0f;
    for (int row = 0; row < 4; row++) {
      // reduce_sum folds element j into lane j % 16 and combines the lanes pairwise (lane k with k + 8, k + 4,
      // k + 2, k + 1: see dev.olympus.simd.Lanes), so three products add as (p0 + p2) + p1 in float32.
      float p0 = a[row * 3] * b[row * 3], p1 = a[row * 3 + 1] * b[row * 3 + 1], p2 = a[row * 3 + 2] * b[row * 3 + 2];
      float dot = (p0 + p2) + p1;
      total += dot;
      assertEquals(dot, r.y().product().toFloatArray()[row]);
      assertEquals(total, r.y().running().toFloatArray()[row]);
    }
    assertEquals(total, r.carry().get(0).floatValue());
  }

  @Test
  void scanWithoutXsRunsLengthSteps() {
    Lax.Carry<Array, Array> r = Lax.scan((Array c, Object unused) -> Lax.carry(c.mul(2), c), Jnp.scalar(1), 10);
    int[] powers = new int[10];
    for (int k = 0; k < 10; k++) powers[k] = 1 << k;
    assertArrayEquals(powers, r.y().toIntArray());
    assertEquals(1 << 10, r.carry().intValue());
  }

  @Test
  void condPicksTheBranchWhenItRuns() {
    Fn1<Array, Array> f = x -> Lax.cond(x.gt(0), y -> y.mul(2), y -> y.neg(), x);
    assertEquals(8f, f.apply(Jnp.scalar(4f)).floatValue());
    assertEquals(3f, f.apply(Jnp.scalar(-3f)).floatValue());
    ClosedIr ir = Staging.makeIr(f, 1.0f);
    assertEquals(8f, ir.call(List.of(Jnp.scalar(4f))).get(0).floatValue());
    assertEquals(3f, ir.call(List.of(Jnp.scalar(-3f))).get(0).floatValue());
    // An integer predicate is true when nonzero, as in JAX.
    assertEquals(10, Lax.cond(Jnp.scalar(5), y -> y.add(1), y -> y, Jnp.scalar(9)).intValue());
    assertEquals(9, Lax.cond(Jnp.scalar(0), y -> y.add(1), y -> y, Jnp.scalar(9)).intValue());
    // No operand at all: null.
    assertEquals(1f, Lax.cond(Jnp.scalar(true), u -> Jnp.scalar(1f), u -> Jnp.scalar(2f), null).floatValue());
  }

  /** The result is the join of the branches' types: weak only if every branch's is (JAX). */
  @Test
  void condResultWeakTypeIsTheJoin() {
    Array x = Jnp.scalar(3f);
    assertFalse(Lax.cond(Jnp.scalar(true), y -> Jnp.literal(1.0), y -> y, x).weakType());
    assertTrue(Lax.cond(Jnp.scalar(true), y -> Jnp.literal(1.0), y -> Jnp.literal(2.0), x).weakType());
  }

  @Test
  void switchCaseClampsLikeJax() {
    List<Fn1<Array, Array>> branches = List.of(y -> y.add(10), y -> y.add(20), y -> y.add(30));
    int[][] cases = {{-5, 10}, {0, 10}, {1, 20}, {2, 30}, {3, 30}, {99, 30}};
    ClosedIr ir = Staging.makeIr((Fn1<Array, Array>) i -> Lax.switchCase(i, branches, Jnp.scalar(0)), Jnp.scalar(0));
    for (int[] c : cases) {
      assertEquals(c[1], Lax.switchCase(Jnp.scalar(c[0]), branches, Jnp.scalar(0)).intValue(), "index " + c[0]);
      assertEquals(c[1], ir.call(List.of(Jnp.scalar(c[0]))).get(0).intValue(), "traced, index " + c[0]);
    }
  }

  /** Sum of |x| with a cond per element inside a scan, against a Java loop. */
  @Test
  void condInsideScan() {
    float[] x = data(200);
    Fn1<Array, Array> f = xs -> Lax.scan((Array c, Array xi) -> Lax.carry(
        c.add(Lax.cond(xi.gt(0), v -> v, v -> v.neg(), xi)), (Array) null), Jnp.scalar(0f), xs).carry();
    float want = 0f;
    for (float v : x) want += Math.abs(v);
    assertEquals(want, f.apply(Jnp.array(x)).floatValue());
    assertEquals(want, Staging.makeIr(f, Jnp.array(x)).call(List.of(Jnp.array(x))).get(0).floatValue());
  }

  /**
   * A weakly typed int init that the body turns into a float is converted up front, as JAX does:
   * {@code fori_loop(0, 3, lambda i, c: c * 2.5, 1)} is float32 15.625 (1 * 2.5^3, exact in float32).
   */
  @Test
  void weakInitPromotedByTheBody() {
    Array r = Lax.foriLoop(0, 3, (i, c) -> c.mul(2.5), Jnp.literal(1));
    assertEquals(DType.F32, r.dtype());
    assertFalse(r.weakType());
    assertEquals(15.625f, r.floatValue());
    // A strongly typed int init cannot change type: that is an error (see ControlFlowErrorsTest).
  }

  /** Values the functions close over, outer tracers included, reach the sub-IR as operands. */
  @Test
  void closedOverValuesAreSeenEveryIteration() {
    Array w = Jnp.array(1f, 2f, 3f);
    Fn2<Array, Array, Array> f = (x, y) -> Lax.foriLoop(0, 4,
        (i, c) -> Lax.cond(i.gt(1), v -> v.mul(y).add(w), v -> v.sub(x), c), x);
    float[] x = {0.5f, -1f, 2f};
    float y = 1.5f;
    float[] want = x.clone();
    for (int i = 0; i < 4; i++) {
      for (int k = 0; k < 3; k++) want[k] = i > 1 ? want[k] * y + (k + 1) : want[k] - x[k];
    }
    assertArrayEquals(want, f.apply(Jnp.array(x), Jnp.scalar(y)).toFloatArray());
    ClosedIr ir = Staging.makeIr(f, Jnp.zeros(DType.F32, 3), Jnp.scalar(0f));
    assertArrayEquals(want, ir.call(List.of(Jnp.array(x), Jnp.scalar(y))).get(0).toFloatArray());
  }

  /** The functions run once, at trace time, even eagerly: their Java side effects are not per iteration. */
  @Test
  void javaSideEffectsHappenOncePerTrace() {
    List<String> calls = new ArrayList<>();
    Array r = Lax.foriLoop(0, 100, (i, c) -> {
      calls.add("body");
      return c.add(1);
    }, Jnp.scalar(0));
    assertEquals(100, r.intValue());
    assertEquals(List.of("body"), calls);
  }

  /** Nested loops: sum over i < 30, j < i of j, against the closed form sum_i i(i-1)/2. */
  @Test
  void nestedLoops() {
    Array total = Lax.foriLoop(0, 30, (i, s) -> s.add(Lax.foriLoop(Jnp.scalar(0), i, (j, t) -> t.add(j), Jnp.scalar(0))),
        Jnp.scalar(0));
    int want = 0;
    for (int i = 0; i < 30; i++) want += i * (i - 1) / 2;
    assertEquals(want, total.intValue());
  }
}
