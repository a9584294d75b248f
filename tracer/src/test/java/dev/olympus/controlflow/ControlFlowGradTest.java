package dev.olympus.controlflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.Array;
import dev.olympus.DType;
import dev.olympus.Fn1;
import dev.olympus.PrimalAndTangent;
import dev.olympus.autodiff.Grad;
import dev.olympus.errors.OlympusException;
import dev.olympus.ir.ClosedIr;
import dev.olympus.lax.Lax;
import dev.olympus.numpy.Jnp;
import dev.olympus.transform.Staging;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Derivatives through cond, switchCase, scan, foriLoop and whileLoop: reverse mode ({@code grad}) and forward
 * mode ({@code jvp}) against central finite differences in double precision, and against closed forms where
 * there is one. Each gradient is computed eagerly and also from the staged IR of {@code grad(f)} evaluated on
 * the same arguments (the primal control flow is then staged, not run, while the tangent part is recorded).
 *
 * <p>Tolerances. Central differences in f64 with step {@code h = 1e-6} have truncation error
 * {@code h^2/6 |f'''|} (below 1e-10 for these functions, whose third derivatives stay under 100 at the chosen
 * points, loops included) and rounding error about {@code eps |f| / h} = 2e-16 * 100 / 1e-6 = 2e-8 for values
 * under 100. So derivatives must agree within {@code 1e-6 (1 + |fd|)}, a margin of 50 over the rounding error.
 * Closed forms are compared within 1e-12 relative: both sides are a few dozen f64 operations.
 */
class ControlFlowGradTest {
  private static final double H = 1e-6;
  private static final double TOLERANCE = 1e-6;

  private static Array f64(double... v) { return Jnp.array(DType.F64, v, v.length); }

  private static Array scalar(double v) { return Jnp.scalar(DType.F64, v); }

  private static double value(Fn1<Array, Array> f, double[] x) {
    Array y = f.apply(f64(x));
    assertEquals(DType.F64, y.dtype(), "the function is evaluated in f64");
    return y.doubleValue();
  }

  /** grad(f) at x, eagerly and through its staged IR, against central differences. */
  private static void checkGrad(String name, Fn1<Array, Array> f, double... x) {
    Fn1<Array, Array> grad = Grad.grad(f);
    double[] eager = grad.apply(f64(x)).toDoubleArray();
    ClosedIr staged = Staging.makeIr(grad, f64(x));
    double[] fromIr = staged.call(List.of(f64(x))).get(0).toDoubleArray();
    for (int k = 0; k < x.length; k++) {
      double[] plus = x.clone(), minus = x.clone();
      plus[k] += H;
      minus[k] -= H;
      double fd = (value(f, plus) - value(f, minus)) / (2 * H);
      double tol = TOLERANCE * (1 + Math.abs(fd));
      int fk = k;
      assertTrue(Math.abs(eager[k] - fd) <= tol,
          () -> name + ": d/dx" + fk + " = " + eager[fk] + " by grad, " + fd + " by central difference");
      assertEquals(eager[k], fromIr[k], 1e-12 * (1 + Math.abs(eager[k])), name + ": staged grad, element " + k);
    }
  }

  /** jvp(f) at x along t against the directional difference. */
  private static void checkJvp(String name, Fn1<Array, Array> f, double[] x, double[] t) {
    PrimalAndTangent<Array> out = Grad.jvp(f, f64(x), f64(t));
    assertEquals(value(f, x), out.primal().doubleValue(), 1e-12 * (1 + Math.abs(value(f, x))), name + ": primal");
    double[] plus = x.clone(), minus = x.clone();
    for (int k = 0; k < x.length; k++) {
      plus[k] += H * t[k];
      minus[k] -= H * t[k];
    }
    double fd = (value(f, plus) - value(f, minus)) / (2 * H);
    assertEquals(fd, out.tangent().doubleValue(), TOLERANCE * (1 + Math.abs(fd)), name + ": jvp vs difference");
  }

  // ---- cond and switchCase --------------------------------------------------------------------------------

  /** Branches that close over the argument too, so the cond's constants have tangents as well as its operand. */
  private static Array condOfSum(Array x) {
    Array w = x.mul(x);
    return Lax.cond(x.sum().gt(0),
        (Array v) -> Jnp.sin(v).mul(w).sum(),
        (Array v) -> Jnp.cos(v).mul(v).sum().add(w.sum().mul(0.5)),
        x);
  }

  @Test
  void condGradientInBothBranches() {
    checkGrad("cond, true branch", ControlFlowGradTest::condOfSum, 0.3, -0.2, 1.1);
    checkGrad("cond, false branch", ControlFlowGradTest::condOfSum, -0.3, 0.2, -1.1);
  }

  @Test
  void condJvpInBothBranches() {
    double[] t = {0.7, -1.3, 0.4};
    checkJvp("cond, true branch", ControlFlowGradTest::condOfSum, new double[] {0.3, -0.2, 1.1}, t);
    checkJvp("cond, false branch", ControlFlowGradTest::condOfSum, new double[] {-0.3, 0.2, -1.1}, t);
  }

  /** A branch that ignores the operand gives it a zero cotangent, and results of integer type have none. */
  @Test
  void condWithAConstantBranchAndAnIntegerResult() {
    record Out(Array y, Array count) {}
    Fn1<Array, Array> f = x -> {
      Out o = Lax.cond(x.sum().lt(1), (Array v) -> new Out(v.mul(v).sum(), Jnp.scalar(1)),
          (Array v) -> new Out(scalar(2.0), Jnp.scalar(2)), x);
      return o.y().mul(o.count().astype(DType.F64));
    };
    checkGrad("cond with a constant branch, taken", f, 0.1, 0.2);
    checkGrad("cond with a constant branch, not taken", f, 2.0, 0.2);
    assertEquals(0.0, Grad.grad(f).apply(f64(2.0, 0.2)).toDoubleArray()[0], 0.0, "the constant branch's gradient");
  }

  private static Array switched(Array x) {
    Array index = Jnp.floor(x.sum()).astype(DType.I32);
    return Lax.switchCase(index, List.of(
        (Array v) -> Jnp.exp(v).sum(),
        (Array v) -> v.mul(v).mul(v).sum(),
        (Array v) -> Jnp.tanh(v.mul(x)).sum()), x);
  }

  @Test
  void switchCaseGradientInEveryBranch() {
    checkGrad("switchCase, branch 0", ControlFlowGradTest::switched, 0.1, 0.3);   // floor(0.4) = 0
    checkGrad("switchCase, branch 1", ControlFlowGradTest::switched, 0.9, 0.6);   // floor(1.5) = 1
    checkGrad("switchCase, branch 2", ControlFlowGradTest::switched, 1.4, 1.3);   // floor(2.7) = 2
    checkGrad("switchCase, clamped to 2", ControlFlowGradTest::switched, 3.4, 1.3);
    checkJvp("switchCase, branch 1", ControlFlowGradTest::switched, new double[] {0.9, 0.6}, new double[] {1, -2});
  }

  /** d^2/dx^2 of cond(x > 0, x^3, sin x) is 6x or -sin x: grad of grad transposes the transposed cond. */
  @Test
  void secondDerivativeOfCondMatchesClosedForm() {
    Fn1<Array, Array> f = x -> Lax.cond(x.gt(0), (Array v) -> v.mul(v).mul(v), (Array v) -> Jnp.sin(v), x);
    Fn1<Array, Array> second = Grad.grad(Grad.grad(f));
    assertEquals(6 * 0.7, second.apply(scalar(0.7)).doubleValue(), 1e-12);
    assertEquals(-Math.sin(-0.7), second.apply(scalar(-0.7)).doubleValue(), 1e-12);
  }

  /**
   * Forward over reverse (a Hessian-vector product): jvp of grad runs the linearizing rules under a forward
   * trace, so the primal cond is differentiated forward and the transposed cond too. f'' is 6x or -sin x.
   */
  @Test
  void forwardOverReverseThroughCondAndScan() {
    Fn1<Array, Array> f = x -> Lax.cond(x.gt(0), (Array v) -> v.mul(v).mul(v), (Array v) -> Jnp.sin(v), x);
    Fn1<Array, Array> df = Grad.grad(f);
    assertEquals(6 * 0.7, Grad.jvp(df, scalar(0.7), scalar(1.0)).tangent().doubleValue(), 1e-12);
    assertEquals(-Math.sin(-0.7) * 2, Grad.jvp(df, scalar(-0.7), scalar(2.0)).tangent().doubleValue(), 1e-12);
    // x^8 by squaring three times: f'' = 56 x^6.
    Fn1<Array, Array> g = x -> Lax.foriLoop(0, 3, (i, s) -> s.mul(s), x);
    double x = 1.1;
    assertEquals(56 * Math.pow(x, 6), Grad.jvp(Grad.grad(g), scalar(x), scalar(1.0)).tangent().doubleValue(),
        1e-12 * 56 * Math.pow(x, 6));
  }

  // ---- scan and foriLoop ----------------------------------------------------------------------------------

  /** The cumulative product: every prefix product as ys, plus the final product. */
  private static Array cumulativeProduct(Array x) {
    Lax.Carry<Array, Array> r = Lax.scan((Array c, Array xi) -> Lax.carry(c.mul(xi), c.mul(xi)), scalar(1.0), x);
    return r.y().sum().add(r.carry());
  }

  @Test
  void scanCumulativeProductGradient() {
    checkGrad("cumulative product", ControlFlowGradTest::cumulativeProduct, 0.9, -1.2, 1.5, 0.7, 1.1);
    checkJvp("cumulative product", ControlFlowGradTest::cumulativeProduct, new double[] {0.9, -1.2, 1.5, 0.7, 1.1},
        new double[] {0.3, 1, -0.5, 0.2, 0.9});
  }

  @Test
  void reverseScanGradient() {
    Fn1<Array, Array> f = x -> {
      Lax.Carry<Array, Array> r = Lax.scan((Array c, Array xi) -> Lax.carry(Jnp.sin(c).add(xi), c.mul(xi)),
          scalar(0.5), x, -1, true);
      return r.y().mul(f64(1, 2, 3, 4)).sum().add(r.carry());
    };
    checkGrad("reverse scan", f, 0.4, -0.8, 1.2, 0.1);
  }

  /**
   * An RNN-like recurrence h' = tanh(W h + u x_t) over 6 steps, loss = sum of all h and of the last one. W and u
   * are closed over (loop-invariant operands of the scan), and x is scanned over; all three are differentiated.
   * The argument packs W (2x2), u (2) and x (6).
   */
  private static Array rnn(Array p) {
    Array w = Jnp.reshape(Lax.slice(p, new int[] {0}, new int[] {4}, new int[] {1}), 2, 2);
    Array u = Lax.slice(p, new int[] {4}, new int[] {6}, new int[] {1});
    Array xs = Lax.slice(p, new int[] {6}, new int[] {12}, new int[] {1});
    Array h0 = f64(0.1, -0.2);
    Lax.Carry<Array, Array> r = Lax.scan((Array h, Array x) -> {
      Array next = Jnp.tanh(Jnp.matmul(w, h).add(u.mul(x)));
      return Lax.carry(next, next);
    }, h0, xs);
    return r.y().sum().add(r.carry().sum());
  }

  @Test
  void rnnGradientWithRespectToWeightsAndInputs() {
    double[] p = {0.5, -0.3, 0.8, 0.2, 1.1, -0.7, 0.3, -1.0, 0.6, 0.9, -0.4, 0.2};
    checkGrad("rnn", ControlFlowGradTest::rnn, p);
    double[] t = new double[p.length];
    for (int i = 0; i < t.length; i++) t[i] = Math.cos(1.7 * i);
    checkJvp("rnn", ControlFlowGradTest::rnn, p, t);
  }

  /**
   * A body that transposes a closed-over matrix: the transposed matrix is a residual of every step, but the
   * same on each, so it is computed once before the loops rather than stacked 7 times. The argument packs W
   * (3x2) and xs (7).
   */
  private static Array rnnWithTransposedWeights(Array p) {
    Array w = Jnp.reshape(Lax.slice(p, new int[] {0}, new int[] {6}, new int[] {1}), 3, 2);
    Array xs = Lax.slice(p, new int[] {6}, new int[] {13}, new int[] {1});
    Lax.Carry<Array, Array> r = Lax.scan((Array h, Array x) -> {
      Array next = Jnp.tanh(Jnp.matmul(w.T(), h).mul(x).add(0.1));
      return Lax.carry(Jnp.matmul(w, next), next.sum());
    }, f64(0.3, -0.2, 0.5), xs);
    return r.y().sum().add(r.carry().sum());
  }

  @Test
  void loopInvariantResidualsAreComputedOnceNotStacked() {
    double[] p = {0.5, -0.3, 0.8, 0.2, 1.1, -0.7, 0.3, -1.0, 0.6, 0.9, -0.4, 0.2, 1.3};
    checkGrad("rnn with transposed weights", ControlFlowGradTest::rnnWithTransposedWeights, p);
    String ir = Staging.makeIr(Grad.grad(ControlFlowGradTest::rnnWithTransposedWeights), f64(p)).toString();
    assertTrue(ir.contains("f64[2,3]") && !ir.contains("f64[7,2,3]"), "W^T is hoisted, not stacked: " + ir);
  }

  /** Reverse mode runs the primal loop once: a debug callback in the body fires once per step, not twice. */
  @Test
  void gradRunsTheBodysEffectsOncePerStep() {
    int[] calls = {0};
    Fn1<Array, Array> f = x -> Lax.scan((Array c, Array xi) -> {
      dev.olympus.debug.Debug.callback(values -> calls[0]++, c);
      return Lax.carry(c.mul(xi), (Array) null);
    }, scalar(1.0), x).carry();
    double[] xs = {0.5, 2.0, -1.5, 3.0};
    double[] g = Grad.grad(f).apply(f64(xs)).toDoubleArray();
    assertEquals(xs.length, calls[0], "one call per step");
    assertEquals(2.0 * -1.5 * 3.0, g[0], 1e-12);
    calls[0] = 0;
    Fn1<Array, Array> h = x -> Lax.cond(x.gt(0), (Array v) -> {
      dev.olympus.debug.Debug.callback(values -> calls[0]++, v);
      return v.mul(v);
    }, (Array v) -> v, x);
    assertEquals(6.0, Grad.grad(h).apply(scalar(3.0)).doubleValue(), 1e-12);
    assertEquals(1, calls[0], "the taken branch's callback runs once");
  }

  /** x -> x*x five times is x^32, whose derivative is 32 x^31: foriLoop with int bounds is a scan. */
  @Test
  void foriLoopRepeatedSquaringMatchesClosedForm() {
    Fn1<Array, Array> f = x -> Lax.foriLoop(0, 5, (i, s) -> s.mul(s), x);
    double x = 1.03;
    assertEquals(Math.pow(x, 32), f.apply(scalar(x)).doubleValue(), 1e-12 * Math.pow(x, 32));
    assertEquals(32 * Math.pow(x, 31), Grad.grad(f).apply(scalar(x)).doubleValue(), 1e-12 * 32 * Math.pow(x, 31));
    assertEquals(32 * 31 * Math.pow(x, 30), Grad.grad(Grad.grad(f)).apply(scalar(x)).doubleValue(),
        1e-12 * 32 * 31 * Math.pow(x, 30), "second derivative: the transposed scan differentiated again");
    // Array bounds known now are a trip count too, so reverse mode works with them as well.
    Fn1<Array, Array> g = y -> Lax.foriLoop(Jnp.scalar(0), Jnp.scalar(5), (i, s) -> s.mul(s), y);
    assertEquals(32 * Math.pow(x, 31), Grad.grad(g).apply(scalar(x)).doubleValue(), 1e-12 * 32 * Math.pow(x, 31));
  }

  /** The loop counter is an integer carry: it has no tangent, while the float carry does. */
  @Test
  void foriLoopUsingItsCounter() {
    Fn1<Array, Array> f =
        x -> Lax.foriLoop(0, 4, (i, s) -> Jnp.sin(s.mul(i.astype(DType.F64).add(1))).add(x), x).sum();
    checkGrad("fori loop with the counter", f, 0.3, -0.4);
  }

  /** A cond inside a scan body: each step takes the branch its row selects. */
  @Test
  void condInsideScan() {
    Fn1<Array, Array> f = x -> {
      Lax.Carry<Array, Array> r = Lax.scan((Array c, Array xi) -> {
        Array next = Lax.cond(xi.gt(0), (Array v) -> v.mul(xi).add(Jnp.sin(v)), (Array v) -> Jnp.cos(v).sub(xi), c);
        return Lax.carry(next, next.mul(next));
      }, scalar(0.3), x);
      return r.y().sum().add(r.carry());
    };
    checkGrad("cond in scan", f, 0.5, -0.4, 0.8, -1.1, 0.2);
    checkJvp("cond in scan", f, new double[] {0.5, -0.4, 0.8, -1.1, 0.2}, new double[] {1, 2, -1, 0.5, 0.3});
  }

  /** A scan inside a cond branch. */
  @Test
  void scanInsideCond() {
    Fn1<Array, Array> f = x -> Lax.cond(x.sum().gt(0),
        (Array v) -> Lax.scan((Array c, Array xi) -> Lax.carry(c.mul(xi).add(1), (Array) null), scalar(1.0), v).carry(),
        (Array v) -> v.sum(), x);
    checkGrad("scan in cond", f, 0.5, 1.5, -0.3);
    checkGrad("scan in cond, other branch", f, -0.5, 1.5, -3.3);
  }

  // ---- whileLoop --------------------------------------------------------------------------------------------

  record Growth(Array y, Array steps) {}

  /**
   * y <- 1.5 y + 0.3 sin(y) + x0^2 + 0.1 until y >= 10 (y grows by at least 0.1 and then geometrically): the
   * trip count depends on x, but is constant near the test points.
   */
  private static Array growth(Array x) {
    Array x0 = Lax.slice(x, new int[] {0}, new int[] {1}, new int[] {1}).sum();
    Growth g = Lax.whileLoop(s -> s.y().lt(10.0),
        s -> new Growth(s.y().mul(1.5).add(Jnp.sin(s.y()).mul(0.3)).add(x0.mul(x0)).add(0.1), s.steps().add(1)),
        new Growth(x.mul(x).sum(), Jnp.scalar(0)));
    return g.y().mul(g.steps().astype(DType.F64));
  }

  @Test
  void whileLoopJvpMatchesDifferences() {
    checkJvp("while loop", ControlFlowGradTest::growth, new double[] {0.8, 0.3}, new double[] {1.0, -0.5});
    checkJvp("while loop", ControlFlowGradTest::growth, new double[] {1.9, -0.6}, new double[] {0.2, 0.7});
    // A fori loop with a traced bound is a while loop: forward mode differentiates it.
    Fn1<Array, Array> fori = x -> Lax.foriLoop(Jnp.scalar(0), Jnp.floor(x.sum()).astype(DType.I32),
        (i, s) -> Jnp.sin(s).add(s.mul(0.5)), x.mul(x)).sum();
    checkJvp("fori loop with a traced bound", fori, new double[] {2.2, 1.3}, new double[] {0.5, -1});
  }

  @Test
  void gradOfWhileLoopSaysToUseScanOrForwardMode() {
    OlympusException e = assertThrows(OlympusException.class,
        () -> Grad.grad(ControlFlowGradTest::growth).apply(f64(0.8, 0.3)));
    assertTrue(e.getMessage().startsWith("Reverse-mode differentiation does not work for Lax.whileLoop or "
        + "Lax.foriLoop with dynamic bounds. Use Lax.scan or Lax.foriLoop with static (int) bounds, or jvp "
        + "(forward mode)."), e.getMessage());
    assertTrue(e.getMessage().contains("ControlFlowGradTest.java"), "names the user's line: " + e.getMessage());

    // Under grad alone floor(x) is concrete (its tangent is zero), so the loop below is a scan; staged, the bound
    // is traced and the loop a while loop, which reverse mode refuses.
    Fn1<Array, Array> fori = x -> Lax.foriLoop(Jnp.scalar(0), Jnp.floor(x).astype(DType.I32), (i, s) -> s.mul(s), x);
    assertEquals(4 * Math.pow(2.5, 3), Grad.grad(fori).apply(scalar(2.5)).doubleValue(), 1e-12);
    OlympusException f = assertThrows(OlympusException.class, () -> Staging.makeIr(Grad.grad(fori), scalar(2.5)));
    assertTrue(f.getMessage().contains("Lax.foriLoop with dynamic bounds"), f.getMessage());
  }

  /** A while loop whose carry does not depend on the differentiated input does not block reverse mode. */
  @Test
  void gradThroughAWhileLoopThatDoesNotDependOnTheInput() {
    Fn1<Array, Array> f = x -> {
      Array n = Lax.whileLoop(k -> k.lt(10), k -> k.mul(2), Jnp.scalar(1));
      return x.mul(n.astype(DType.F64));
    };
    assertEquals(16.0, Grad.grad(f).apply(scalar(3.0)).doubleValue(), 0.0);
  }
}
