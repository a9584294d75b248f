package dev.olympus.seeds;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.Array;
import dev.olympus.Fn1;
import dev.olympus.Fn2;
import dev.olympus.JitOptions;
import dev.olympus.Olympus;
import dev.olympus.errors.TracerBoolConversionException;
import dev.olympus.numpy.Jnp;
import org.junit.jupiter.api.Test;

/** Cells 4, 5, 6, 8, 9 and 10 of SEEDS_IN_JAVA.md through the run-time jit. */
class JitSeedCellsTest {
  static Array selu(Array x) {
    double alpha = 1.67;
    double lambda = 1.05;
    return Jnp.where(x.gt(0), x, Jnp.exp(x).mul(alpha).sub(alpha)).mul(lambda);
  }

  /** Cell 4: jitted selu equals eager selu (same primitives, same f32 rounding, so equal to the ulp). */
  @Test
  void cell4SeluJitMatchesEager() {
    Array x = Jnp.arange(1_000_000).astype(dev.olympus.DType.F32).div(100_000.0).sub(5.0);
    float[] eager = selu(x).toFloatArray();
    Fn1<Array, Array> jitted = Olympus.jit(JitSeedCellsTest::selu);
    long before = Olympus.compileCount();
    float[] first = jitted.apply(x).toFloatArray();
    float[] second = jitted.apply(x).toFloatArray();
    assertEquals(before + 1, Olympus.compileCount(), "one compile for one shape");
    // Reference in double: selu's closed form; f32 exp is within a few ulps, hence the relative tolerance.
    for (int i = 0; i < eager.length; i += 997) {
      double xi = x.toFloatArray()[i];
      double ref = 1.05 * (xi > 0 ? xi : 1.67 * Math.exp(xi) - 1.67);
      assertEquals(ref, first[i], 1e-5 * Math.max(1, Math.abs(ref)));
    }
    assertArrayEquals(eager, first, 1e-6f);
    // Not bitwise: eager rounds Math.exp's double, the kernel's vector strip uses SVML's float exp (an ulp
    // apart) once C2 has compiled it.
    assertArrayEquals(eager, second, 1e-6f);
  }

  static int f(Array x) {
    return 0;
  }

  static Array branchy(Array x) {
    if (x.gt(0).bool()) return x;
    return x.mul(2);
  }

  /** Cell 5: Python-style control flow on a traced value fails, naming the fix. */
  @Test
  void cell5ControlFlowOnTracedValueFails() {
    Fn1<Array, Array> jitted = Olympus.jit(JitSeedCellsTest::branchy);
    TracerBoolConversionException e =
        assertThrows(TracerBoolConversionException.class, () -> jitted.apply(Jnp.scalar(10)));
    assertTrue(e.getMessage().startsWith("Attempted boolean conversion of traced array with shape bool[]"),
        e.getMessage());
    assertTrue(e.getMessage().contains("argument x"), e.getMessage());
    assertTrue(e.getMessage().contains("staticArgnums"), e.getMessage());
    assertTrue(e.getMessage().contains("JitSeedCellsTest.java"), "names the user's line: " + e.getMessage());
    // Eagerly the same code is fine (cell 5's f(10) works without jit).
    assertEquals(10, branchy(Jnp.scalar(10)).intValue());
  }

  static Array loopUntil(Array x, Array n) {
    Array i = Jnp.scalar(0);
    while (Jnp.less(i, n).bool()) i = i.add(1);
    return x.add(i);
  }

  /** Cell 6: a while loop on a traced bound fails the same way and names the argument n. */
  @Test
  void cell6WhileOnTracedValueFails() {
    Fn2<Array, Array, Array> jitted = Olympus.jit(JitSeedCellsTest::loopUntil);
    TracerBoolConversionException e = assertThrows(TracerBoolConversionException.class,
        () -> jitted.apply(Jnp.scalar(10), Jnp.scalar(20)));
    assertTrue(e.getMessage().contains("argument n"), e.getMessage());
    assertEquals(30, loopUntil(Jnp.scalar(10), Jnp.scalar(20)).intValue());
  }

  static Array loopBody(Array prevI) {
    return prevI.add(1);
  }

  /** Cell 8: a jitted loop body called from a Java loop: 30, and one compile. */
  @Test
  void cell8JittedLoopBody() {
    Fn1<Array, Array> body = Olympus.jit(JitSeedCellsTest::loopBody);
    long before = Olympus.compileCount();
    Array x = Jnp.scalar(10);
    Array n = Jnp.scalar(20);
    Array i = Jnp.scalar(0);
    while (i.lt(n).bool()) i = body.apply(i);
    assertEquals(30, x.add(i).intValue());
    assertEquals(before + 1, Olympus.compileCount());
  }

  static Array g(Array x, int n) {
    int i = 0;
    while (i < n) i += 1;
    return x.add(i);
  }

  /** Cell 9: static_argnums: one compile per distinct static value, a hit for a repeated one. */
  @Test
  void cell9StaticArgnums() {
    Fn2<Array, Integer, Array> jitted = Olympus.jit(JitSeedCellsTest::g, JitOptions.staticArgnums(1));
    long before = Olympus.compileCount();
    assertEquals(30, jitted.apply(Jnp.scalar(10), 20).intValue());
    assertEquals(30, jitted.apply(Jnp.scalar(10), 20).intValue());
    assertEquals(before + 1, Olympus.compileCount());
    assertEquals(13, jitted.apply(Jnp.scalar(10), 3).intValue());
    assertEquals(before + 2, Olympus.compileCount());
    assertEquals(-1, jitted.apply(Jnp.scalar(-21), 20).intValue());
    assertEquals(before + 2, Olympus.compileCount(), "a new value of a dynamic argument reuses the kernel");
  }

  static Array unitFn(Array x) {
    return x.mul(2).add(1);
  }

  /** Cell 10: a lambda rebuilt in a loop hits the cache (JAX recompiles here); a capture of a new value misses. */
  @Test
  void cell10LambdaInLoopHitsCache() {
    Array x = Jnp.array(1f, 2f, 3f);
    long before = Olympus.compileCount();
    for (int k = 0; k < 5; k++) {
      Fn1<Array, Array> jitted = Olympus.jit(v -> unitFn(v));
      assertArrayEquals(new float[] {3, 5, 7}, jitted.apply(x).toFloatArray());
    }
    assertEquals(before + 1, Olympus.compileCount(), "equal lambdas share one kernel");
    for (int k = 0; k < 3; k++) {
      final int scale = k;
      Fn1<Array, Array> jitted = Olympus.jit(v -> v.mul(scale));
      assertArrayEquals(new float[] {k, 2 * k, 3 * k}, jitted.apply(x).toFloatArray());
    }
    assertEquals(before + 4, Olympus.compileCount(), "each captured value is its own function");
    Fn1<Array, Array> again = Olympus.jit(v -> v.mul(1 + 0));
    again.apply(x);
    assertEquals(before + 5, Olympus.compileCount());
    // Same text, but another lambda expression (another implementation method): compiled once for the loop.
    for (int k = 0; k < 3; k++) Olympus.jit((Array v) -> v.mul(1 + 0)).apply(x);
    assertEquals(before + 6, Olympus.compileCount(), "a rebuilt lambda hits the entry of its first build");
  }
}
