package dev.olympus.controlflow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.Array;
import dev.olympus.DType;
import dev.olympus.Fn1;
import dev.olympus.callback.Callbacks;
import dev.olympus.debug.Debug;
import dev.olympus.errors.ShapeException;
import dev.olympus.ir.ClosedIr;
import dev.olympus.lax.Lax;
import dev.olympus.numpy.Jnp;
import dev.olympus.transform.Staging;
import dev.olympus.types.AbstractValue;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@code debugPrint} and host callbacks: printed and called with concrete values eagerly at once, and, when
 * traced, on every evaluation of the IR (what compiled code does on every call), never at trace time. Printed
 * values are NumPy's {@code str}, checked against NumPy in ArrayFormatTest.
 */
class DebugAndCallbacksTest {
  /** What {@code body} prints to System.out, lines separated by '\n'. */
  private static String stdout(Runnable body) {
    PrintStream saved = System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try {
      body.run();
    } finally {
      System.setOut(saved);
    }
    return bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
  }

  @Test
  void eagerPrintFormatsValuesAsNumpy() {
    String out = stdout(() -> {
      Debug.print("x = {}", Jnp.scalar(1.5f));
      Debug.print("v = {} and m =\n{}", Jnp.array(1f, 2f, 3f), Jnp.array(new int[] {1, 2, 3, 4}, 2, 2));
      Debug.print("{1} before {0}; {{braces}}", Jnp.scalar(true), Jnp.array(true, false));
      Debug.print("no values");
    });
    assertEquals("x = 1.5\nv = [1. 2. 3.] and m =\n[[1 2]\n [3 4]]\n[ True False] before True; {braces}\nno values\n",
        out);
  }

  /** Traced, nothing prints; each evaluation of the IR prints the values of that evaluation. */
  @Test
  void tracedPrintRunsOnEveryEvaluation() {
    Fn1<Array, Array> f = x -> {
      Debug.print("x = {}", x);
      return x.mul(2);
    };
    ClosedIr[] ir = new ClosedIr[1];
    assertEquals("", stdout(() -> ir[0] = Staging.makeIr(f, 1.0f)));
    assertTrue(ir[0].ir().hasEffects());
    String out = stdout(() -> {
      assertEquals(6f, ir[0].call(List.of(Jnp.scalar(3f))).get(0).floatValue());
      assertEquals(-1f, ir[0].call(List.of(Jnp.scalar(-0.5f))).get(0).floatValue());
    });
    assertEquals("x = 3.0\nx = -0.5\n", out);
  }

  /** In a loop body the print runs once per iteration, with that iteration's values. */
  @Test
  void printInsideALoopRunsPerIteration() {
    String out = stdout(() -> Lax.foriLoop(0, 3, (i, c) -> {
      Debug.print("i={} c={}", i, c);
      return c.add(i);
    }, Jnp.scalar(10)));
    assertEquals("i=0 c=10\ni=1 c=10\ni=2 c=11\n", out);
    ClosedIr ir = Staging.makeIr((Fn1<Array, Array>) x -> Lax.cond(x.gt(0), y -> {
      Debug.print("positive {}", y);
      return y;
    }, y -> y, x), 1.0f);
    // The cond equation has the effects of the branch it may run.
    assertTrue(ir.ir().hasEffects());
    assertEquals("positive 2.0\n", stdout(() -> {
      ir.call(List.of(Jnp.scalar(2f)));
      ir.call(List.of(Jnp.scalar(-2f)));
    }));
  }

  @Test
  void debugCallbackGetsConcreteValues() {
    List<float[]> seen = new ArrayList<>();
    ClosedIr ir = Staging.makeIr((Fn1<Array, Array>) x -> {
      Debug.callback(values -> seen.add(values.get(0).toFloatArray()), x.add(1));
      return x;
    }, Jnp.zeros(DType.F32, 2));
    assertTrue(seen.isEmpty());
    ir.call(List.of(Jnp.array(1f, 2f)));
    ir.call(List.of(Jnp.array(5f, 6f)));
    assertEquals(2, seen.size());
    assertArrayEquals(new float[] {2f, 3f}, seen.get(0));
    assertArrayEquals(new float[] {6f, 7f}, seen.get(1));
  }

  /** A pure callback computes what Olympus has no op for: here a cube root, against StrictMath. */
  @Test
  void pureCallbackValues() {
    Fn1<Array, Array> f = x -> Callbacks.pureCallback(args -> {
      float[] v = args.get(0).toFloatArray();
      float[] r = new float[v.length];
      for (int k = 0; k < v.length; k++) r[k] = (float) StrictMath.cbrt(v[k]);
      return Jnp.array(r);
    }, AbstractValue.of(DType.F32, 3), x).add(1);
    float[] in = {8f, -27f, 2f};
    float[] want = new float[3];
    for (int k = 0; k < 3; k++) want[k] = (float) StrictMath.cbrt(in[k]) + 1f;
    assertArrayEquals(want, f.apply(Jnp.array(in)).toFloatArray());
    ClosedIr ir = Staging.makeIr(f, Jnp.zeros(DType.F32, 3));
    assertEquals("""
        { lambda ; a:f32[3]. let
            b:f32[3] = pure_callback[
              callback=<lambda in DebugAndCallbacksTest>
              result_avals=(f32[3],)
            ] a
            c:f32[3] = add b 1.0:f32[]
          in (c,) }""", ir.toString());
    assertFalse(ir.ir().hasEffects());
    assertArrayEquals(want, ir.call(List.of(Jnp.array(in))).get(0).toFloatArray());
  }

  /** An io callback has effects: it runs on every evaluation even though its result is unused. */
  @Test
  void ioCallbackRunsEveryTime() {
    AtomicInteger calls = new AtomicInteger();
    ClosedIr ir = Staging.makeIr((Fn1<Array, Array>) x -> {
      Callbacks.ioCallback(args -> Jnp.scalar(calls.incrementAndGet()), AbstractValue.of(DType.I32), x);
      return x;
    }, 1.0f);
    assertEquals(0, calls.get());
    assertTrue(ir.ir().hasEffects());
    for (int k = 0; k < 3; k++) ir.call(List.of(Jnp.scalar(1f)));
    assertEquals(3, calls.get());
    List<Array> two = Callbacks.ioCallback(args -> List.of(args.get(0), args.get(0).mul(2)),
        List.of(AbstractValue.of(DType.I32, 2), AbstractValue.of(DType.I32, 2)), Jnp.array(1, 2));
    assertArrayEquals(new int[] {2, 4}, two.get(1).toIntArray());
  }

  @Test
  void callbackReturningTheWrongTypeIsAnError() {
    String m = assertThrows(ShapeException.class, () -> Callbacks.pureCallback(args -> Jnp.zeros(DType.F32, 2),
        AbstractValue.of(DType.F32, 3), Jnp.scalar(1f))).getMessage();
    assertTrue(m.contains("pure_callback: the callback <lambda in DebugAndCallbacksTest> returned (f32[2],) but its "
        + "declared result types are (f32[3],)"), m);
  }
}
