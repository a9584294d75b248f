package dev.olympus.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.Array;
import dev.olympus.DType;
import dev.olympus.Olympus;
import dev.olympus.numpy.Jnp;
import org.junit.jupiter.api.Test;

/** The seed walkthrough's functions through the entry points javac generated for them ({@code Ex_Jit}). */
class ExJitTest {
  /** Cell 4: selu on a million elements, by the javac-time kernel: no run-time compile, eager's values. */
  @Test
  void seluRunsTheJavacTimeKernel() {
    Array x = Jnp.arange(1_000_000).astype(DType.F32).div(100_000.0).sub(5.0);
    long compiles = Olympus.compileCount();
    float[] jitted = Ex_Jit.selu(x).toFloatArray();
    assertEquals(compiles, Olympus.compileCount());
    // Eager rounds Math.exp's double; the kernel's vector strip is SVML's float exp (within 1 ulp) once C2 has
    // compiled it;
    // exp(x) * a - a turns that ulp into one of a (~2): 4 ulps of max(|e|, 2).
    float[] eager = Ex.selu(x).toFloatArray();
    for (int i = 0; i < eager.length; i++) assertEquals(eager[i], jitted[i], Float.isFinite(eager[i]) ? 4 * Math.ulp(Math.max(Math.abs(eager[i]), 2f)) : 0, "element " + i);
    float[] in = x.toFloatArray();
    for (int i = 0; i < in.length; i += 9973) {
      double ref = 1.05 * (in[i] > 0 ? in[i] : 1.67 * Math.exp(in[i]) - 1.67);
      assertEquals(ref, jitted[i], 1e-6 * Math.max(1, Math.abs(ref)), "independent double closed form");
    }
  }

  /**
   * Cell 9: javac stages the counting loop, so one kernel serves every n >= 0 and nothing compiles; a negative
   * n (the loop never runs, i stays 0) takes the run-time path, once per value.
   */
  @Test
  void staticArgumentG() {
    long compiles = Olympus.compileCount();
    assertEquals(30, Ex_Jit.g(Jnp.scalar(10), 20).intValue());
    assertEquals(37, Ex_Jit.g(Jnp.scalar(10), 27).intValue());
    assertEquals(10, Ex_Jit.g(Jnp.scalar(10), 0).intValue());
    assertEquals(1_000_010, Ex_Jit.g(Jnp.scalar(10), 1_000_000).intValue());
    assertArrayEquals(new int[] {4, 5, 6}, Ex_Jit.g(Jnp.array(new int[] {1, 2, 3}, 3), 3).toIntArray());
    assertEquals(compiles, Olympus.compileCount(), "every n >= 0 fits the javac-time kernel");
    // Values of n no other test or the walkthrough uses (the compile cache is per JVM).
    assertEquals(10, Ex_Jit.g(Jnp.scalar(10), -7).intValue());
    assertEquals(10, Ex_Jit.g(Jnp.scalar(10), -7).intValue());
    assertEquals(compiles + 1, Olympus.compileCount());
    assertEquals(Ex.g(Jnp.scalar(10), -3).intValue(), Ex_Jit.g(Jnp.scalar(10), -3).intValue());
    assertEquals(compiles + 2, Olympus.compileCount());
  }

  /** Cell 8: a Java while loop around the jitted body gives 30 and compiles once (int32 takes the run-time path). */
  @Test
  void loopBodyInAJavaLoop() {
    long compiles = Olympus.compileCount();
    Array x = Jnp.scalar(10);
    Array n = Jnp.scalar(20);
    Array i = Jnp.scalar(0);
    while (i.lt(n).bool()) i = Ex_Jit.loopBody(i);
    assertEquals(30, x.add(i).intValue());
    // Once at most: the walkthrough, run in the same JVM, may have compiled the i32 scalar entry already.
    long afterFirstLoop = Olympus.compileCount();
    assertTrue(afterFirstLoop - compiles <= 1, "compiled " + (afterFirstLoop - compiles) + " times");
    i = Jnp.scalar(0);
    while (i.lt(n).bool()) i = Ex_Jit.loopBody(i);
    assertEquals(afterFirstLoop, Olympus.compileCount(), "a second loop compiles nothing");
    compiles = afterFirstLoop;
    // On float32 arrays the javac-time kernel serves it.
    assertArrayEquals(new float[] {2, 3}, Ex_Jit.loopBody(Jnp.array(1f, 2f)).toFloatArray());
    assertEquals(compiles, Olympus.compileCount(), "no run-time compile");
  }

  @Test
  void log2AndFun() {
    Array x = Jnp.array(1f, 2f, 8f, 0.5f);
    assertArrayEquals(new float[] {0, 1, 3, -1}, Ex_Jit.log2(x).toFloatArray(), 1e-6f);
    float[] fun = Ex_Jit.fun(x).toFloatArray();
    for (int k = 0; k < 4; k++) {
      // 2 + sin(x) in double: f32 sin rounding only.
      assertEquals(2 + Math.sin(x.toFloatArray()[k]), fun[k], 1e-6);
    }
  }
}
