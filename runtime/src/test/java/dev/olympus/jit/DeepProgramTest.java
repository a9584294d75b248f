package dev.olympus.jit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.Array;
import dev.olympus.DType;
import dev.olympus.Fn1;
import dev.olympus.Olympus;
import dev.olympus.numpy.Jnp;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Nothing recurses in proportion to a program's length: a 100,000-equation program traces, prints, lowers,
 * runs, differentiates and vectorizes on a thread with a quarter of the default stack.
 */
class DeepProgramTest {
  private static final int STEPS = 50_000;

  static Array chain(Array x) {
    Array y = x;
    for (int i = 0; i < STEPS; i++) y = y.mul(1.00001).add(0.25);
    return y;
  }

  static Array chainSum(Array x) {
    return chain(x).sum();
  }

  @Test
  void aHundredThousandEquations() throws Exception {
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread t = new Thread(null, () -> {
      try {
        check();
      } catch (Throwable e) {
        failure.set(e);
      }
    }, "small-stack", 256 * 1024);
    t.start();
    t.join();
    if (failure.get() != null) throw new AssertionError(failure.get());
  }

  private static void check() {
    Array x = Jnp.array(1f, 2f, -3f);
    String ir = Olympus.makeIr((Fn1<Array, Array>) DeepProgramTest::chain, x).toString();
    assertEquals(2 * STEPS, ir.lines().filter(l -> l.contains(" = ")).count());

    // mul and add round once each, in the same order eagerly and in the kernel: equal to the bit.
    float[] eager = chain(x).toFloatArray();
    assertArrayEquals(eager, Olympus.jit(DeepProgramTest::chain).apply(x).toFloatArray());
    // y_n = a^n x + b (a^n - 1) / (a - 1); f32 rounding adds at most ~STEPS half-ulps relative: 1e-2 is loose.
    double a = 1.00001, an = Math.pow(a, STEPS);
    float[] xs = x.toFloatArray();
    for (int i = 0; i < xs.length; i++) {
      double want = an * xs[i] + 0.25 * (an - 1) / (a - 1);
      assertEquals(want, eager[i], 1e-2 * Math.abs(want));
    }

    // d/dx sum(chain(x)) = a^n for every element (the product of STEPS roundings of 1.00001: same bound).
    float[] grad = Olympus.jit(Olympus.grad(DeepProgramTest::chainSum)).apply(x).toFloatArray();
    for (float g : grad) assertEquals(an, g, 1e-2 * an);

    Array batch = Jnp.full(DType.F32, 0.5, 2, 3);
    float[] mapped = Olympus.jit(Olympus.vmap(DeepProgramTest::chain)).apply(batch).toFloatArray();
    float[] row = chain(Jnp.full(DType.F32, 0.5, 3)).toFloatArray();
    for (int i = 0; i < mapped.length; i++) assertEquals(row[i % 3], mapped[i]);
    assertTrue(ir.length() > 1_000_000);
  }
}
