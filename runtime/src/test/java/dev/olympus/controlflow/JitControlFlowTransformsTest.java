package dev.olympus.controlflow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.Array;
import dev.olympus.DType;
import dev.olympus.Fn1;
import dev.olympus.Olympus;
import dev.olympus.errors.OlympusException;
import dev.olympus.lax.Lax;
import dev.olympus.numpy.Jnp;
import org.junit.jupiter.api.Test;

/**
 * Control flow under composed transformations, compiled by the run-time jit: {@code jit(grad(f))},
 * {@code jit(vmap(f))} and {@code jit(vmap(grad(f)))} with cond, scan, foriLoop and whileLoop, against closed
 * forms and Java loops in double precision. Compiled kernels may evaluate transcendental functions with
 * vectorized implementations that differ from {@code Math} by an ulp or two, and a chain of a dozen f64
 * operations accumulates a few ulps, so values are compared within 1e-12 relative; integer results exactly.
 *
 * <p>This class is outside Olympus' own packages on purpose: errors name the first frame of user code, and
 * code in {@code dev.olympus.jit} would not count as that.
 */
class JitControlFlowTransformsTest {
  private static final double RELATIVE = 1e-12;

  private static Array f64(double... v) { return Jnp.array(DType.F64, v, v.length); }

  private static Array scalar(double v) { return Jnp.scalar(DType.F64, v); }

  private static void assertClose(double want, double got, String what) {
    assertEquals(want, got, RELATIVE * Math.max(1, Math.abs(want)), what);
  }

  static Array cubeOrSine(Array x) {
    return Lax.cond(x.gt(0), (Array v) -> v.mul(v).mul(v), (Array v) -> Jnp.sin(v), x);
  }

  @Test
  void jitOfGradThroughCondTakesEachBranch() {
    Fn1<Array, Array> df = Olympus.jit(Olympus.grad(JitControlFlowTransformsTest::cubeOrSine));
    assertClose(3 * 0.7 * 0.7, df.apply(scalar(0.7)).doubleValue(), "3x^2 at 0.7");
    assertClose(Math.cos(-0.7), df.apply(scalar(-0.7)).doubleValue(), "cos x at -0.7");
    Fn1<Array, Array> d2f = Olympus.jit(Olympus.grad(Olympus.grad(JitControlFlowTransformsTest::cubeOrSine)));
    assertClose(6 * 1.3, d2f.apply(scalar(1.3)).doubleValue(), "6x at 1.3");
    assertClose(-Math.sin(-1.3), d2f.apply(scalar(-1.3)).doubleValue(), "-sin x at -1.3");
  }

  @Test
  void jitOfGradThroughSwitchCase() {
    Fn1<Array, Array> f = x -> Lax.switchCase(Jnp.floor(x).astype(DType.I32), java.util.List.of(
        (Array v) -> v.mul(v), (Array v) -> Jnp.exp(v), (Array v) -> Jnp.cos(v).mul(v)), x);
    Fn1<Array, Array> df = Olympus.jit(Olympus.grad(f));
    assertClose(2 * 0.5, df.apply(scalar(0.5)).doubleValue(), "branch 0");
    assertClose(Math.exp(1.5), df.apply(scalar(1.5)).doubleValue(), "branch 1");
    assertClose(Math.cos(2.5) - 2.5 * Math.sin(2.5), df.apply(scalar(2.5)).doubleValue(), "branch 2");
  }

  /** x -> x*x five times is x^32: d/dx = 32 x^31, through a scan compiled as a loop, forward and transposed. */
  @Test
  void jitOfGradThroughFixedTripCountLoop() {
    Fn1<Array, Array> f = x -> Lax.foriLoop(0, 5, (i, s) -> s.mul(s), x);
    Fn1<Array, Array> df = Olympus.jit(Olympus.grad(f));
    for (double x : new double[] {1.03, -0.97, 0.5}) {
      assertClose(32 * Math.pow(x, 31), df.apply(scalar(x)).doubleValue(), "32 x^31 at " + x);
    }
  }

  /**
   * A 10,000-step loop stays two loops under jit(grad): the forward scan and the transposed one running
   * backwards, never unrolled. s <- a s makes the derivative a^10000; each loop rounds 10,000 products (relative
   * 1.1e-16 each), so the result is within 1e-11 of Math.pow.
   */
  @Test
  void jitOfGradOfALongLoopStaysTwoLoops() {
    double a = 0.9999;
    // An f64 multiplier: a Java double literal would be a weakly typed f32 (x64 disabled), 0.9999 rounded to f32.
    Fn1<Array, Array> f = x -> Lax.foriLoop(0, 10_000, (i, s) -> s.mul(scalar(a)), x);
    String ir = Olympus.makeIr(Olympus.grad(f), scalar(1.0)).toString();
    assertEquals(2, ir.split("scan\\[", -1).length - 1, "one scan forward, one backward: " + ir);
    double want = Math.pow(a, 10_000);
    assertEquals(want, Olympus.jit(Olympus.grad(f)).apply(scalar(1.5)).doubleValue(), 1e-11 * want);
  }

  /** A running product scanned over x: d/dx_k of the product of all x is the product of the others. */
  @Test
  void jitOfGradThroughScanOverAnArray() {
    Fn1<Array, Array> f = x -> Lax.scan((Array c, Array xi) -> Lax.carry(c.mul(xi), (Array) null), scalar(1), x)
        .carry();
    double[] xs = {0.9, -1.2, 1.5, 0.7, 1.1};
    double[] got = Olympus.jit(Olympus.grad(f)).apply(f64(xs)).toDoubleArray();
    for (int k = 0; k < xs.length; k++) {
      double others = 1;
      for (int j = 0; j < xs.length; j++) if (j != k) others *= xs[j];
      assertClose(others, got[k], "d/dx" + k);
    }
  }

  /** cond with a per-example predicate compiles as select_n over both branches. */
  @Test
  void jitOfVmapOfCondWithABatchedPredicate() {
    double[] xs = {-1.5, 0.0, 0.25, 2.0, -0.1};
    double[] got = Olympus.jit(Olympus.vmap(JitControlFlowTransformsTest::cubeOrSine)).apply(f64(xs)).toDoubleArray();
    for (int e = 0; e < xs.length; e++) {
      assertClose(xs[e] > 0 ? xs[e] * xs[e] * xs[e] : Math.sin(xs[e]), got[e], "example " + e);
    }
  }

  @Test
  void jitOfVmapOfGradThroughCond() {
    double[] xs = {-1.2, 0.4, 2.0, -0.3};
    double[] got = Olympus.jit(Olympus.vmap(Olympus.grad(JitControlFlowTransformsTest::cubeOrSine))).apply(f64(xs))
        .toDoubleArray();
    for (int e = 0; e < xs.length; e++) {
      assertClose(xs[e] > 0 ? 3 * xs[e] * xs[e] : Math.cos(xs[e]), got[e], "example " + e);
    }
  }

  /** Running sums of each row of a batch, scanned and compiled: ys batched along axis 1 inside the scan. */
  @Test
  void jitOfVmapOfScan() {
    Fn1<Array, Array> cumsum = row -> Lax.scan((Array c, Array x) -> Lax.carry(c.add(x), c.add(x)), scalar(0), row)
        .y();
    int b = 3, t = 5;
    double[] data = new double[b * t];
    for (int i = 0; i < data.length; i++) data[i] = Math.sin(1.3 * i);
    Array out = Olympus.jit(Olympus.vmap(cumsum)).apply(Jnp.array(DType.F64, data, b, t));
    assertArrayEquals(new int[] {b, t}, out.shape());
    double[] got = out.toDoubleArray();
    for (int e = 0; e < b; e++) {
      double s = 0;
      for (int k = 0; k < t; k++) {
        s += data[e * t + k];
        assertEquals(s, got[e * t + k], 0.0, "example " + e + " step " + k + ": the same additions in order");
      }
    }
  }

  record Collatz(Array n, Array steps) {}

  static Array collatzSteps(Array n) {
    return Lax.whileLoop(s -> s.n().ne(1),
        s -> new Collatz(Jnp.where(Jnp.remainder(s.n(), Jnp.scalar(2)).eq(0), Jnp.floorDivide(s.n(), Jnp.scalar(2)),
            s.n().mul(3).add(1)), s.steps().add(1)),
        new Collatz(n, Jnp.scalar(0))).steps();
  }

  /** Per-example trip counts of a while loop: the compiled loop runs until the last example finishes. */
  @Test
  void jitOfVmapOfWhileLoopWithABatchedPredicate() {
    int[] ns = {1, 6, 7, 27, 97, 2, 871};
    int[] got = Olympus.jit(Olympus.vmap(JitControlFlowTransformsTest::collatzSteps)).apply(Jnp.array(ns)).toIntArray();
    for (int e = 0; e < ns.length; e++) {
      int n = ns[e], steps = 0;
      while (n != 1) {
        n = n % 2 == 0 ? n / 2 : 3 * n + 1;
        steps++;
      }
      assertEquals(steps, got[e], "steps from " + ns[e]);
    }
  }

  /** Forward mode through a while loop, compiled: y <- 2y until y >= 10 has dy/dy0 = 2^steps. */
  @Test
  void jitOfJvpThroughAWhileLoop() {
    Fn1<Array, Array> f = y -> Lax.whileLoop(v -> v.lt(10.0), v -> v.mul(2.0), y);
    Fn1<Array, Array> derivative = Olympus.jit(y -> Olympus.jvp(f, y, Jnp.onesLike(y)).tangent());
    for (double y0 : new double[] {0.3, 4.0, 12.0}) {
      double y = y0, d = 1;
      while (y < 10) {
        y *= 2;
        d *= 2;
      }
      assertEquals(d, derivative.apply(scalar(y0)).doubleValue(), 0.0, "from " + y0);
    }
  }

  @Test
  void jitOfGradOfWhileLoopIsAClearError() {
    Fn1<Array, Array> f = y -> Lax.whileLoop(v -> v.lt(10.0), v -> v.mul(2.0), y);
    OlympusException e = assertThrows(OlympusException.class, () -> Olympus.jit(Olympus.grad(f)).apply(scalar(1)));
    assertTrue(e.getMessage().contains("Reverse-mode differentiation does not work for Lax.whileLoop"), e.getMessage());
    assertTrue(e.getMessage().contains("JitControlFlowTransformsTest.java"), "names the user's line: " + e.getMessage());
  }
}
