package dev.olympus.controlflow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.Array;
import dev.olympus.DType;
import dev.olympus.Fn1;
import dev.olympus.Fn2;
import dev.olympus.autodiff.Grad;
import dev.olympus.batching.Vmap;
import dev.olympus.debug.Debug;
import dev.olympus.errors.OlympusException;
import dev.olympus.lax.Lax;
import dev.olympus.numpy.Jnp;
import dev.olympus.transform.Staging;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code vmap} of cond, switchCase, scan, whileLoop and foriLoop against Java loops over the batch. The Java
 * references do the same double-precision operations in the same order as the per-example program, so values
 * must match exactly (a batching rule only rearranges axes, selects, and runs the same elementwise kernels),
 * except where a comment says otherwise.
 */
class ControlFlowVmapTest {
  private static Array f64(double... v) { return Jnp.array(DType.F64, v, v.length); }

  private static Array f64(double[] v, int... shape) { return Jnp.array(DType.F64, v, shape); }

  private static <R> Fn1<Array, R> vmap(Fn1<Array, R> f) { return Vmap.vmap(f, new int[] {0}, 0); }

  private static String irOf(Fn1<Array, ?> f, Array x) { return Staging.makeIr(f, x).toString(); }

  // ---- cond and switchCase ------------------------------------------------------------------------------------

  /** Branches that close over an unbatched constant; the predicate varies per example. */
  private static Array piecewise(Array x) {
    Array c = Jnp.scalar(DType.F64, 0.5);
    return Lax.cond(x.gt(0), (Array v) -> v.mul(v).add(c), (Array v) -> Jnp.sin(v).sub(c), x);
  }

  @Test
  void condWithABatchedPredicateSelectsPerExample() {
    double[] xs = {-1.5, 0.0, 0.25, 2.0, -0.1, 3.0};
    Array out = vmap(ControlFlowVmapTest::piecewise).apply(f64(xs));
    double[] got = out.toDoubleArray();
    for (int i = 0; i < xs.length; i++) {
      double want = xs[i] > 0 ? xs[i] * xs[i] + 0.5 : Math.sin(xs[i]) - 0.5;
      assertEquals(want, got[i], 0.0, "example " + i);
    }
    // As in JAX, a batched predicate becomes select_n over the results of both branches.
    String ir = irOf(vmap(ControlFlowVmapTest::piecewise), f64(xs));
    assertTrue(ir.contains("select_n") && !ir.contains("cond["), ir);
  }

  record Pair(Array a, Array b) {}

  /** A record operand with a batched and an unbatched leaf, and a record result; the predicate is per example. */
  @Test
  void condOnARecordWithOneBatchedLeaf() {
    Array shared = f64(1.0, 2.0, 3.0);
    Fn1<Array, Pair> f = x -> Lax.cond(x.sum().gt(1),
        (Pair p) -> new Pair(p.a().mul(p.b()), p.b().sum()),
        (Pair p) -> new Pair(p.a().sub(p.b()), p.a().sum()),
        new Pair(x, shared));
    double[] xs = {1, 1, 1, -1, 0, 0.5};  // two examples of 3: sums 3 and -0.5
    Pair out = Vmap.vmap(f, new int[] {0}, 0).apply(f64(xs, 2, 3));
    double[] a = out.a().toDoubleArray(), b = out.b().toDoubleArray();
    double[] s = {1, 2, 3};
    for (int e = 0; e < 2; e++) {
      double sum = 0, bsum = 0;
      for (int k = 0; k < 3; k++) sum += xs[3 * e + k];
      for (int k = 0; k < 3; k++) bsum += sum > 1 ? s[k] : xs[3 * e + k];
      for (int k = 0; k < 3; k++) {
        double want = sum > 1 ? xs[3 * e + k] * s[k] : xs[3 * e + k] - s[k];
        assertEquals(want, a[3 * e + k], 0.0, "a of example " + e);
      }
      assertEquals(bsum, b[e], 0.0, "b of example " + e);
    }
  }

  /** With the predicate shared by the batch, the cond stays a cond of batched branches. */
  @Test
  void condWithASharedPredicateStaysACond() {
    Fn2<Array, Array, Array> f = (p, x) -> Lax.cond(p, (Array v) -> v.mul(2.0), (Array v) -> v.neg(), x);
    Fn2<Array, Array, Array> vf = Vmap.vmap(f, new int[] {-1, 0}, 0);
    double[] xs = {1.5, -2.0, 4.0};
    assertArrayEquals(new double[] {3.0, -4.0, 8.0}, vf.apply(Jnp.scalar(true), f64(xs)).toDoubleArray());
    assertArrayEquals(new double[] {-1.5, 2.0, -4.0}, vf.apply(Jnp.scalar(false), f64(xs)).toDoubleArray());
    String ir = Staging.makeIr(vf, Jnp.scalar(true), f64(xs)).toString();
    assertTrue(ir.contains("cond[") && !ir.contains("select_n"), ir);
  }

  @Test
  void switchCaseWithABatchedIndex() {
    Fn2<Array, Array, Array> f = (i, x) -> Lax.switchCase(i, List.of(
        (Array v) -> v.add(10.0), (Array v) -> v.mul(v), (Array v) -> Jnp.exp(v)), x);
    int[] index = {2, 0, 1, 5, -3, 1};  // out of range clamps, as switchCase does: 5 -> 2, -3 -> 0
    double[] xs = {0.5, 1.5, -2.0, 1.0, 3.0, 0.25};
    double[] got = Vmap.vmap(f, new int[] {0, 0}, 0).apply(Jnp.array(index), f64(xs)).toDoubleArray();
    for (int e = 0; e < xs.length; e++) {
      int b = Math.max(0, Math.min(2, index[e]));
      double want = b == 0 ? xs[e] + 10.0 : b == 1 ? xs[e] * xs[e] : Math.exp(xs[e]);
      assertEquals(want, got[e], 0.0, "example " + e + " (branch " + b + ")");
    }
  }

  @Test
  void condWithABatchedPredicateRefusesBranchEffects() {
    Fn1<Array, Array> f = x -> Lax.cond(x.gt(0), (Array v) -> {
      Debug.print("positive {}", v);
      return v;
    }, (Array v) -> v.neg(), x);
    OlympusException e = assertThrows(OlympusException.class, () -> vmap(f).apply(f64(1, -1)));
    assertTrue(e.getMessage().contains("side effects") && e.getMessage().contains("ControlFlowVmapTest.java"),
        e.getMessage());
  }

  // ---- scan and foriLoop ---------------------------------------------------------------------------------

  /** Running sums and products of each row, scanned along the row: xs batched, carry batched by the body. */
  @Test
  void scanOverBatchedRows() {
    record Acc(Array sum, Array prod) {}
    Fn1<Array, Lax.Carry<Acc, Array>> f = row -> Lax.scan((Acc c, Array x) -> {
      Acc next = new Acc(c.sum().add(x), c.prod().mul(x));
      return Lax.carry(next, next.sum().mul(next.prod()));
    }, new Acc(Jnp.scalar(DType.F64, 0), Jnp.scalar(DType.F64, 1)), row);
    int b = 3, t = 4;
    double[] data = new double[b * t];
    for (int i = 0; i < data.length; i++) data[i] = Math.cos(0.7 * i) * 1.5;
    // Batch along axis 0 and along axis 1 of the same data laid out transposed.
    double[] transposed = new double[b * t];
    for (int e = 0; e < b; e++) for (int k = 0; k < t; k++) transposed[k * b + e] = data[e * t + k];
    for (int axis : new int[] {0, 1}) {
      Array in = axis == 0 ? f64(data, b, t) : f64(transposed, t, b);
      Lax.Carry<Acc, Array> out = Vmap.vmap(f, new int[] {axis}, 0).apply(in);
      double[] sums = out.carry().sum().toDoubleArray(), prods = out.carry().prod().toDoubleArray();
      double[] ys = out.y().toDoubleArray();
      assertArrayEquals(new int[] {b, t}, out.y().shape());
      for (int e = 0; e < b; e++) {
        double s = 0, p = 1;
        for (int k = 0; k < t; k++) {
          s += data[e * t + k];
          p *= data[e * t + k];
          assertEquals(s * p, ys[e * t + k], 0.0, "y of example " + e + " step " + k + " (in axis " + axis + ")");
        }
        assertEquals(s, sums[e], 0.0);
        assertEquals(p, prods[e], 0.0);
      }
    }
  }

  /** A per-example decay factor closed over by the body, and rows shared by the whole batch. */
  @Test
  void scanWithABatchedConstantAndSharedRows() {
    double[] xs = {1.0, -2.0, 0.5, 3.0};
    Fn2<Array, Array, Array> f = (decay, x) -> Lax.scan(
        (Array c, Array xi) -> Lax.carry(c.mul(decay).add(xi), (Array) null), Jnp.scalar(DType.F64, 0), x).carry();
    double[] decays = {0.5, 0.9, -1.0};
    double[] got = Vmap.vmap(f, new int[] {0, -1}, 0).apply(f64(decays), f64(xs)).toDoubleArray();
    for (int e = 0; e < decays.length; e++) {
      double c = 0;
      for (double x : xs) c = c * decays[e] + x;
      assertEquals(c, got[e], 0.0, "example " + e);
    }
  }

  /** foriLoop with int bounds (a scan) over a batched carry. */
  @Test
  void foriLoopOverABatchedCarry() {
    Fn1<Array, Array> f = x -> Lax.foriLoop(0, 6, (i, s) -> s.mul(s).mul(0.5).add(i.astype(DType.F64)), x);
    double[] xs = {0.1, -0.4, 1.2};
    double[] got = vmap(f).apply(f64(xs)).toDoubleArray();
    for (int e = 0; e < xs.length; e++) {
      double s = xs[e];
      for (int i = 0; i < 6; i++) s = s * s * 0.5 + i;
      assertEquals(s, got[e], 0.0, "example " + e);
    }
  }

  /** A debug callback in a vmapped scan body runs once per example and step (JAX unrolls it over the batch). */
  @Test
  void debugCallbackInAVmappedScanRunsPerExample() {
    List<Double> seen = new java.util.ArrayList<>();
    Fn1<Array, Array> f = row -> Lax.scan((Array c, Array x) -> {
      Debug.callback(values -> seen.add(values.get(0).doubleValue()), c);
      return Lax.carry(c.add(x), (Array) null);
    }, Jnp.scalar(DType.F64, 0), row).carry();
    double[] rows = {1, 2, 3, 10, 20, 30};
    double[] got = vmap(f).apply(f64(rows, 2, 3)).toDoubleArray();
    assertArrayEquals(new double[] {6, 60}, got);
    // Step by step, example 0 then example 1: the carries before each step.
    assertEquals(List.of(0.0, 0.0, 1.0, 10.0, 3.0, 30.0), seen);
  }

  // ---- whileLoop ---------------------------------------------------------------------------------------------

  record Collatz(Array n, Array steps) {}

  private static Array collatzSteps(Array n) {
    Collatz c = Lax.whileLoop(s -> s.n().ne(1),
        s -> new Collatz(Jnp.where(Jnp.remainder(s.n(), Jnp.scalar(2)).eq(0), Jnp.floorDivide(s.n(), Jnp.scalar(2)),
            s.n().mul(3).add(1)), s.steps().add(1)),
        new Collatz(n, Jnp.scalar(0)));
    return c.steps();
  }

  private static int collatzStepsInJava(int n) {
    int steps = 0;
    while (n != 1) {
      n = n % 2 == 0 ? n / 2 : 3 * n + 1;
      steps++;
    }
    return steps;
  }

  /** Each example runs its own number of steps: the loop runs until every example's predicate fails. */
  @Test
  void whileLoopWithABatchedPredicateRunsEachExampleItsOwnTripCount() {
    int[] ns = {1, 6, 7, 27, 97, 2};
    Array out = vmap(ControlFlowVmapTest::collatzSteps).apply(Jnp.array(ns));
    int[] want = new int[ns.length];
    for (int e = 0; e < ns.length; e++) want[e] = collatzStepsInJava(ns[e]);
    assertArrayEquals(want, out.toIntArray());
    String ir = irOf(vmap(ControlFlowVmapTest::collatzSteps), Jnp.array(ns));
    assertTrue(ir.contains("reduce_max") && ir.contains("select_n"), "any-lane predicate and per-lane select: " + ir);
  }

  /** A fori loop with a per-example traced bound is a while loop whose predicate varies over the batch. */
  @Test
  void foriLoopWithPerExampleBounds() {
    Fn1<Array, Array> f = n -> Lax.foriLoop(0, n, (i, s) -> s.mul(1.5).add(i.astype(DType.F64)), Jnp.scalar(DType.F64, 1));
    int[] ns = {0, 3, 1, 7};
    double[] got = vmap(f).apply(Jnp.array(ns)).toDoubleArray();
    for (int e = 0; e < ns.length; e++) {
      double s = 1;
      for (int i = 0; i < ns[e]; i++) s = s * 1.5 + i;
      assertEquals(s, got[e], 0.0, "example " + e + " with " + ns[e] + " steps");
    }
  }

  /** The counter and bound are shared, only the value is batched: the predicate stays a scalar. */
  @Test
  void whileLoopWithASharedPredicate() {
    Fn1<Array, Array> f = x -> Lax.foriLoop(0, Jnp.scalar(5), (i, s) -> s.mul(2.0).add(1.0), x);
    // The bound is concrete here, so this is a scan; stage it with a traced shared bound instead.
    Fn2<Array, Array, Array> g = (n, x) -> Lax.foriLoop(Jnp.scalar(0), n, (i, s) -> s.mul(2.0).add(1.0), x);
    Fn2<Array, Array, Array> vg = Vmap.vmap(g, new int[] {-1, 0}, 0);
    double[] xs = {0.5, -3.0, 2.0};
    String ir = Staging.makeIr(vg, Jnp.scalar(5), f64(xs)).toString();
    assertTrue(ir.contains("while[") && !ir.contains("reduce_max"), ir);
    double[] got = Staging.makeIr(vg, Jnp.scalar(5), f64(xs)).call(List.of(Jnp.scalar(5), f64(xs))).get(0).toDoubleArray();
    double[] eager = vmap(f).apply(f64(xs)).toDoubleArray();
    for (int e = 0; e < xs.length; e++) {
      double s = xs[e];
      for (int i = 0; i < 5; i++) s = s * 2.0 + 1.0;
      assertEquals(s, got[e], 0.0, "example " + e);
      assertEquals(s, eager[e], 0.0, "example " + e + ", scan");
    }
  }

  // ---- with differentiation ----------------------------------------------------------------------------------

  /** Per-example gradients of a cond: vmap(grad(f)) and grad of the batched sum, against the closed form. */
  @Test
  void perExampleGradientsThroughCond() {
    Fn1<Array, Array> f = x -> Lax.cond(x.gt(0), (Array v) -> v.mul(v).mul(v), (Array v) -> Jnp.sin(v), x);
    double[] xs = {-1.2, 0.4, 2.0, -0.3};
    double[] perExample = vmap(Grad.grad(f)).apply(f64(xs)).toDoubleArray();
    double[] ofSum = Grad.grad((Array x) -> vmap(f).apply(x).sum()).apply(f64(xs)).toDoubleArray();
    for (int e = 0; e < xs.length; e++) {
      double want = xs[e] > 0 ? 3 * xs[e] * xs[e] : Math.cos(xs[e]);
      // The derivative is 3 * x * x (in the order the JVP of v*v*v computes it) or cos x: within 2 ulps.
      assertEquals(want, perExample[e], 4 * Math.ulp(want), "vmap(grad), example " + e);
      assertEquals(want, ofSum[e], 4 * Math.ulp(want), "grad of the sum of vmap, example " + e);
    }
  }

  /**
   * grad of a batched sum through a cond whose untaken branch has an infinite derivative (sqrt at 0) or a NaN
   * value (sqrt of a negative number) for some examples: as in JAX, those examples' gradients come from their
   * own branch only, not NaN.
   */
  @Test
  void gradThroughABatchedPredicateIgnoresUntakenBranches() {
    Fn1<Array, Array> f = x -> Lax.cond(x.gt(0), (Array v) -> Jnp.sqrt(v), (Array v) -> v.mul(2.0), x);
    double[] got = Grad.grad((Array x) -> vmap(f).apply(x).sum()).apply(f64(-1.0, 0.0, 4.0)).toDoubleArray();
    assertArrayEquals(new double[] {2.0, 2.0, 0.25}, got, "d/dx: 2, 2, 1/(2 sqrt 4)");
  }

  /** Per-example gradients through a scan (x^8 by squaring three times): 8 x^7. */
  @Test
  void perExampleGradientsThroughScan() {
    Fn1<Array, Array> f = x -> Lax.foriLoop(0, 3, (i, s) -> s.mul(s), x);
    double[] xs = {0.9, -1.1, 1.3};
    double[] got = vmap(Grad.grad(f)).apply(f64(xs)).toDoubleArray();
    double[] ofSum = Grad.grad((Array x) -> vmap(f).apply(x).sum()).apply(f64(xs)).toDoubleArray();
    for (int e = 0; e < xs.length; e++) {
      double want = 8 * Math.pow(xs[e], 7);
      assertEquals(want, got[e], 1e-12 * Math.abs(want), "vmap(grad), example " + e);
      assertEquals(want, ofSum[e], 1e-12 * Math.abs(want), "grad of the sum, example " + e);
    }
  }

  /** vmap of the forward derivative of a while loop with a per-example trip count. */
  @Test
  void vmapOfJvpThroughAWhileLoop() {
    // y <- 2y until y > 10: the tangent doubles with y, so dy/dy0 = 2^steps.
    Fn1<Array, Array> f = y -> Lax.whileLoop(v -> v.lt(10.0), v -> v.mul(2.0), y);
    Fn1<Array, Array> derivative = y -> Grad.jvp(f, y, Jnp.onesLike(y)).tangent();
    double[] ys = {0.3, 4.0, 12.0, 1.0};
    double[] got = vmap(derivative).apply(f64(ys)).toDoubleArray();
    for (int e = 0; e < ys.length; e++) {
      double y = ys[e], d = 1;
      while (y < 10) {
        y *= 2;
        d *= 2;
      }
      assertEquals(d, got[e], 0.0, "example " + e);
    }
  }
}
