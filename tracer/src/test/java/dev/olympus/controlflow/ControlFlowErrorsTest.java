package dev.olympus.controlflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.Array;
import dev.olympus.DType;
import dev.olympus.Fn1;
import dev.olympus.Fn2;
import dev.olympus.errors.OlympusException;
import dev.olympus.errors.ShapeException;
import dev.olympus.errors.TracerBoolConversionException;
import dev.olympus.errors.UnexpectedTracerException;
import dev.olympus.lax.Lax;
import dev.olympus.numpy.Jnp;
import dev.olympus.transform.Staging;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Errors of control flow as a user sees them. This package is outside Olympus' own, so messages must name
 * this file and line. Each error is raised the same way eagerly and while tracing (the functions are traced
 * in both cases), which the tests check where it matters.
 */
class ControlFlowErrorsTest {
  private static int nextLine() {
    return new Throwable().getStackTrace()[1].getLineNumber() + 1;
  }

  private static String at(int line) {
    return "ControlFlowErrorsTest.java:" + line + ")";
  }

  private static <T extends Throwable> String message(Class<T> type, Executable body) {
    return assertThrows(type, body).getMessage();
  }

  private static void assertContains(String message, String... parts) {
    for (String p : parts) assertTrue(message.contains(p), "missing \"" + p + "\" in:\n" + message);
  }

  @Test
  void condBranchesOfDifferentTypes() {
    Array x = Jnp.array(1f, 2f, 3f);
    int line = nextLine();
    String eager = message(ShapeException.class, () -> Lax.cond(Jnp.scalar(true), y -> y, y -> y.astype(DType.I32), x));
    assertContains(eager, "Lax.cond: every branch must return the same types (structure, shapes and dtypes), but "
        + "ifTrue returns f32[3] and ifFalse returns i32[3]", "astype", at(line));
    int traced = nextLine();
    Fn1<Array, Array> f = v -> Lax.cond(v.sum().gt(0), y -> y, y -> y.sum(), v);
    String m = message(ShapeException.class, () -> Staging.makeIr(f, x));
    assertContains(m, "ifTrue returns f32[3] and ifFalse returns f32[]", at(traced));
  }

  record Pair(Array a, Array b) {}

  @Test
  void switchBranchesOfDifferentStructure() {
    List<Fn1<Array, Object>> branches = List.of(y -> new Pair(y, y), y -> List.of(y, y));
    int line = nextLine();
    String m = message(ShapeException.class, () -> Lax.switchCase(Jnp.scalar(0), branches, Jnp.scalar(1f)));
    assertContains(m, "branch 1 returns [f32[], f32[]] and branch 0 returns Pair[a=f32[], b=f32[]]", at(line));
  }

  @Test
  void condPredicateMustBeAScalar() {
    Array x = Jnp.array(1f, -2f);
    int line = nextLine();
    String m = message(ShapeException.class, () -> Lax.cond(x.gt(0), y -> y, y -> y.neg(), x));
    assertContains(m, "Lax.cond: the predicate must be a scalar, got bool[2]", "Jnp.where", "Jnp.all", at(line));
    String f = message(ShapeException.class, () -> Lax.cond(Jnp.scalar(1f), y -> y, y -> y.neg(), x));
    assertContains(f, "must be a bool (or integer) scalar, got f32[]");
  }

  @Test
  void whileBodyChangesTheCarryShape() {
    int line = nextLine();
    String m = message(ShapeException.class, () -> Lax.whileLoop(s -> s.sum().lt(10), s -> s.sum(),
        Jnp.zeros(DType.F32, 3)));
    assertContains(m, "Lax.whileLoop: the body must return a carry with the same shapes and dtypes as init, but "
        + "init is f32[3] and the body returned f32[]", "Fix:", at(line));
  }

  record State(Array x, Array n) {}

  /** A strongly typed int carry cannot become a float (only a weakly typed literal init is promoted). */
  @Test
  void carryDtypeChangeInARecord() {
    int line = nextLine();
    String m = message(ShapeException.class, () -> Lax.foriLoop(0, 3,
        (i, s) -> new State(s.x().add(1), s.n().mul(0.5)), new State(Jnp.scalar(0f), Jnp.scalar(1))));
    assertContains(m, "Lax.foriLoop: the body must return a carry with the same shapes and dtypes as init, but "
        + "init is State[x=f32[], n=i32[]] and the body returned State[x=f32[], n=f32[]]",
        "Jnp.scalar(0f) rather than Jnp.scalar(0)", at(line));
  }

  @Test
  void scanCarryMismatchAndXsErrors() {
    Array xs = Jnp.ones(DType.F32, 4, 2);
    int line = nextLine();
    String m = message(ShapeException.class, () -> Lax.scan((Array c, Array x) -> Lax.carry(c.add(x), x),
        Jnp.scalar(0f), xs));
    assertContains(m, "Lax.scan: the body must return a carry with the same shapes and dtypes as init, but init is "
        + "f32[] and the body returned f32[2]", at(line));
    String lengths = message(ShapeException.class, () -> Lax.scan((Array c, List<Array> x) -> Lax.carry(c, x),
        Jnp.scalar(0f), List.of(xs, Jnp.ones(DType.F32, 3))));
    assertContains(lengths, "must all have the scan length as their leading axis, got [f32[4,2], f32[3]]");
    String none = message(ShapeException.class, () -> Lax.scan((Array c, Object x) -> Lax.carry(c, null),
        Jnp.scalar(0f), null));
    assertContains(none, "without xs the number of steps is unknown", "Lax.scan(f, init, length)");
  }

  @Test
  void whileCondMustReturnABoolScalar() {
    int line = nextLine();
    String m = message(ShapeException.class, () -> Lax.whileLoop(s -> s.sub(10), s -> s.add(1), Jnp.scalar(0f)));
    assertContains(m, "Lax.whileLoop: cond must return a bool scalar, e.g. i.lt(n), but it returned f32[]", at(line));
    String vector = message(ShapeException.class, () -> Lax.whileLoop(s -> s.lt(10), s -> s.add(1),
        Jnp.zeros(DType.F32, 2)));
    assertContains(vector, "it returned bool[2]", "Jnp.all or Jnp.any");
  }

  private static int seedLine;

  /** Seed cell 6: {@code while i < n} with a traced {@code n}. */
  static Array g(Array x, Array n) {
    Array i = Jnp.scalar(0);
    seedLine = nextLine();
    while (Jnp.less(i, n).bool()) i = i.add(1);
    return x.add(i);
  }

  @Test
  void seedSixJavaWhileOnATracedBound() {
    String m = message(TracerBoolConversionException.class,
        () -> Staging.makeIr((Fn2<Array, Array, Array>) ControlFlowErrorsTest::g, 10, 20));
    assertTrue(m.startsWith("Attempted boolean conversion of traced array with shape bool[]"), m);
    assertContains(m, "makeIr of ControlFlowErrorsTest.g", "depends on the value of the argument n",
        "Lax.cond / Lax.whileLoop", "Jnp.where", "staticArgnums", "ControlFlowErrorsTest.g(" + at(seedLine));
    // The fix the message points to: the same loop with Lax.foriLoop traces, as one while equation.
    var fixed = Staging.makeIr((Fn2<Array, Array, Array>) (x, n) -> x.add(Lax.foriLoop(0, n, (k, i) -> i.add(1),
        Jnp.scalar(0))), 10, 20);
    assertEquals(30, fixed.call(List.of(Jnp.scalar(10), Jnp.scalar(20))).get(0).intValue());
  }

  /** Inside a loop body the message names the body's trace, and what the value depends on, outer arguments too. */
  @Test
  void boolInsideABody() {
    int line = nextLine();
    Fn2<Array, Array, Array> f = (x, n) -> Lax.whileLoop(s -> s.lt(10), s -> s.add(s.gt(n).bool() ? 1 : 2), x);
    String m = message(TracerBoolConversionException.class, () -> Staging.makeIr(f, 0, 5));
    assertContains(m, "while tracing (Lax.whileLoop body (lambda in ControlFlowErrorsTest.boolInsideABody))",
        // javac keeps no parameter names for a lambda's synthetic method, so the outer argument goes by position.
        "depends on the value of the loop carry and argument 1", at(line));
  }

  private static final List<Array> LEAKED = new ArrayList<>();

  /**
   * A tracer stored into a static list inside a loop body and used after the body's trace ended: an
   * UnexpectedTracerException naming where the tracer was made, even though the outer trace is still running.
   */
  @Test
  void tracerLeakedFromALoopBody() {
    LEAKED.clear();
    int[] created = new int[1];
    int[] used = new int[1];
    Fn1<Array, Array> f = x -> {
      Array r = Lax.foriLoop(0, 3, (i, c) -> {
        created[0] = nextLine();
        LEAKED.add(c.mul(2));
        return c.add(1);
      }, x);
      used[0] = nextLine();
      return r.add(LEAKED.get(0));
    };
    String m = message(UnexpectedTracerException.class, () -> Staging.makeIr(f, 1.0f));
    assertContains(m, "Encountered an unexpected tracer: Traced<f32[]> was passed to 'add' after the trace that "
        + "created it had ended (Lax.foriLoop body (lambda in ControlFlowErrorsTest.tracerLeakedFromALoopBody))",
        "The tracer was created at", at(created[0]), at(used[0]));
    LEAKED.clear();
  }

  /** The same leak after the whole trace, the case JAX's check_tracer_leaks exists for. */
  @Test
  void tracerLeakedFromAFunctionIntoAStaticList() {
    LEAKED.clear();
    int created = nextLine();
    Staging.makeIr((Fn1<Array, Array>) x -> { LEAKED.add(x.mul(2)); return x; }, 1.0f);
    int used = nextLine();
    String m = message(UnexpectedTracerException.class, () -> Jnp.sin(LEAKED.get(0)));
    assertContains(m, "was passed to 'sin' after the trace that created it had ended", "The tracer was created at "
        + "ControlFlowErrorsTest.lambda$tracerLeakedFromAFunctionIntoAStaticList", at(created), at(used));
    LEAKED.clear();
  }

  @Test
  void debugPrintFormatErrors() {
    Array x = Jnp.scalar(1f);
    int line = nextLine();
    String m = message(OlympusException.class, () -> dev.olympus.debug.Debug.print("{} and {}", x));
    assertContains(m, "debugPrint: bad format \"{} and {}\": it refers to argument 1 but 1 array was given", at(line));
    assertContains(message(OlympusException.class, () -> dev.olympus.debug.Debug.print("{x}", x)),
        "the field {x} is not supported");
    assertContains(message(OlympusException.class, () -> dev.olympus.debug.Debug.print("{} {0}", x, x)),
        "mixes automatic fields");
    assertContains(message(OlympusException.class, () -> dev.olympus.debug.Debug.print("}", x)), "single '}'");
    // Traced, the error still comes at the call, not when the print would run.
    int traced = nextLine();
    Fn1<Array, Array> f = v -> { dev.olympus.debug.Debug.print("{1}", v); return v; };
    assertContains(message(OlympusException.class, () -> Staging.makeIr(f, 1.0f)), at(traced));
  }
}
