package dev.olympus.seeds;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.Array;
import dev.olympus.DType;
import dev.olympus.Fn1;
import dev.olympus.Fn2;
import dev.olympus.Olympus;
import dev.olympus.ir.ClosedIr;
import dev.olympus.lax.Lax;
import dev.olympus.numpy.Jnp;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Cells 13, 14, 16 and 17 of SEEDS_IN_JAVA.md under the run-time jit (cell 12, an IR text, is in
 * TransformationSeedCellsTest).
 */
class JitTransformSeedCellsTest {
  static Array fun(Array x) {
    return Jnp.add(2, Jnp.sin(x));
  }

  /** Cell 13: jit(vmap(grad(fun))) on [1, 2, 3] gives the seed's printed values (cos of each, f32). */
  @Test
  void cell13JitVmapGrad() {
    Fn1<Array, Array> f = Olympus.jit(Olympus.vmap(Olympus.grad(JitTransformSeedCellsTest::fun)));
    float[] got = f.apply(Jnp.array(1f, 2f, 3f)).toFloatArray();
    // The seed prints [0.5403023, -0.41614684, -0.9899925]; SIMD cos may differ from libm by an ulp.
    assertArrayEquals(new float[] {0.5403023f, -0.41614684f, -0.9899925f}, got, 2e-7f);
  }

  static Array absOrNeg(Array x) {
    return Lax.cond(x.gt(0), (Array v) -> v.mul(2), (Array v) -> v.neg(), x);
  }

  /** Cell 14: Lax.cond on a traced predicate compiles; both branches are sub-IRs of one cond. */
  @Test
  void cell14CondCompiles() {
    Fn1<Array, Array> f = Olympus.jit(JitTransformSeedCellsTest::absOrNeg);
    assertEquals(6f, f.apply(Jnp.scalar(3f)).floatValue());
    assertEquals(3f, f.apply(Jnp.scalar(-3f)).floatValue());
    String ir = Olympus.makeIr(JitTransformSeedCellsTest::absOrNeg, 1.0f).toString();
    assertTrue(ir.contains("cond["), ir);
    assertTrue(ir.contains("mul") && ir.contains("neg"), "both branches are in the IR: " + ir);
  }

  static Array printing(Array x) {
    Olympus.debugPrint("x = {}", x);
    return x.mul(x);
  }

  /** Cell 16: debugPrint prints the run-time value on every call of the compiled function. */
  @Test
  void cell16DebugPrintRunsOnEveryCall() {
    Fn1<Array, Array> f = Olympus.jit(JitTransformSeedCellsTest::printing);
    PrintStream out = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
      f.apply(Jnp.scalar(3f));
      f.apply(Jnp.scalar(4f));
    } finally {
      System.setOut(out);
    }
    String text = captured.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains("x = 3.0") && text.contains("x = 4.0"), text);
  }

  static Array sumTo(Array x) {
    return Lax.foriLoop(0, 10_000, (Array i, Array acc) -> acc.add(i.astype(DType.F32)), x);
  }

  static Array collatzSteps(Array n) {
    record State(Array n, Array steps) {}
    State end = Lax.whileLoop((State s) -> s.n().gt(1),
        (State s) -> new State(Jnp.where(Jnp.remainder(s.n(), Jnp.scalar(2)).eq(0), Jnp.floorDivide(s.n(), Jnp.scalar(2)), s.n().mul(3).add(1)), s.steps().add(1)),
        new State(n, Jnp.scalar(0)));
    return end.steps();
  }

  /** Cell 17: a 10,000-step foriLoop stays one loop in the IR and runs compiled; whileLoop too. */
  @Test
  void cell17LoopsStayLoops() {
    ClosedIr ir = Olympus.makeIr(JitTransformSeedCellsTest::sumTo, 0.0f);
    assertTrue(ir.ir().equations().size() < 10, "not unrolled: " + ir);
    Fn1<Array, Array> f = Olympus.jit(JitTransformSeedCellsTest::sumTo);
    // sum of 0..9999 = 49,995,000, exactly representable in f32? No (> 2^24): compare with the f32 loop.
    float expected = 0f;
    for (int i = 0; i < 10_000; i++) expected += i;
    assertEquals(expected, f.apply(Jnp.scalar(0f)).floatValue());
    Fn1<Array, Array> collatz = Olympus.jit(JitTransformSeedCellsTest::collatzSteps);
    assertEquals(111, collatz.apply(Jnp.scalar(27)).intValue(), "27 takes 111 Collatz steps");
    assertEquals(0, collatz.apply(Jnp.scalar(1)).intValue());
  }

  record Linear(Array w, Array b) {}

  static Array leastSquares(Linear p, Array x, Array y) {
    Array r = Jnp.matmul(x, p.w()).add(p.b()).sub(y);
    return Jnp.sum(r.mul(r));
  }

  /** Gradients of a record under jit, against the closed form 2 X^T r and 2 sum(r). */
  @Test
  void jitOfGradOfRecord() {
    Array x = Jnp.array(new float[] {1, 2, 3, 4, 5, 6}, 3, 2);
    Array y = Jnp.array(1f, 0f, -1f);
    Linear p = new Linear(Jnp.array(0.5f, -0.25f), Jnp.scalar(0.1f));
    Fn2<Linear, Array, Linear> g = Olympus.jit((Linear q, Array xs) -> Olympus.grad(
        (Linear l, Array a) -> leastSquares(l, a, y)).apply(q, xs));
    Linear grad = g.apply(p, x);
    double[] r = new double[3];
    for (int i = 0; i < 3; i++) r[i] = (i * 2 + 1) * 0.5 + (i * 2 + 2) * -0.25 + 0.1 - (1 - i);
    double gw0 = 0, gw1 = 0, gb = 0;
    for (int i = 0; i < 3; i++) {
      gw0 += 2 * (i * 2 + 1) * r[i];
      gw1 += 2 * (i * 2 + 2) * r[i];
      gb += 2 * r[i];
    }
    assertArrayEquals(new float[] {(float) gw0, (float) gw1}, grad.w().toFloatArray(), 1e-5f);
    assertEquals(gb, grad.b().floatValue(), 1e-5);
  }
}
