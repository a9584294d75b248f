package dev.olympus.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.Array;
import dev.olympus.DType;
import dev.olympus.Fn1;
import dev.olympus.Fn2;
import dev.olympus.errors.ConcretizationException;
import dev.olympus.errors.NonConcreteBooleanIndexException;
import dev.olympus.errors.OlympusException;
import dev.olympus.errors.ShapeException;
import dev.olympus.errors.TracerBoolConversionException;
import dev.olympus.errors.UnexpectedTracerException;
import dev.olympus.numpy.Jnp;
import dev.olympus.transform.Staging;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Error messages as a user sees them. This package is deliberately outside Olympus' own packages, so
 * {@code SourceLocation} treats these tests as user code and every message must name this file and line.
 */
class ErrorMessagesTest {
  /** The line after the caller's: the line the next statement's throwing call is on. */
  private static int nextLine() {
    return new Throwable().getStackTrace()[1].getLineNumber() + 1;
  }

  private static String location(int line) {
    return "ErrorMessagesTest.java:" + line + ")";
  }

  private static <T extends Throwable> String message(Class<T> type, Executable body) {
    return assertThrows(type, body).getMessage();
  }

  private static void assertContains(String message, String... parts) {
    for (String p : parts) assertTrue(message.contains(p), "missing \"" + p + "\" in:\n" + message);
  }

  private static int boolLine;

  static Array positiveOnly(Array x, Array n) {
    boolLine = nextLine();
    if (n.gt(0).bool()) return x;
    return x.neg();
  }

  @Test
  void tracerBoolConversionNamesShapeFunctionArgumentAndFix() {
    String m = message(TracerBoolConversionException.class,
        () -> Staging.makeIr((Fn2<Array, Array, Array>) ErrorMessagesTest::positiveOnly, 1.0f, 3));
    assertTrue(m.startsWith("Attempted boolean conversion of traced array with shape bool[]"), m);
    assertContains(m, "makeIr of ErrorMessagesTest.positiveOnly", "depends on the value of the argument n",
        "Lax.cond", "Jnp.where", "staticArgnums", "ErrorMessagesTest.positiveOnly(" + location(boolLine));
    // It is a ConcretizationException too, as TracerBoolConversionError is a ConcretizationTypeError in JAX.
    assertTrue(ConcretizationException.class.isAssignableFrom(TracerBoolConversionException.class));
  }

  @Test
  void concretizationOnTracers() {
    for (String what : new String[] {"intValue()", "floatValue()", "toFloatArray()", "doubleValue()", "toIntArray()"}) {
      Fn1<Array, Array> f = x -> {
        switch (what) {
          case "intValue()" -> x.intValue();
          case "floatValue()" -> x.floatValue();
          case "toFloatArray()" -> x.toFloatArray();
          case "doubleValue()" -> x.doubleValue();
          default -> x.toIntArray();
        }
        return x;
      };
      String m = message(ConcretizationException.class, () -> Staging.makeIr(f, Jnp.array(1f, 2f)));
      // javac records no parameter names for a lambda's synthetic method, so the argument is named by position.
      assertContains(m, "Abstract tracer value encountered where a concrete value is expected: " + what
          + " was called on Traced<f32[2]>", "makeIr of lambda in ErrorMessagesTest", "depends on the value of argument 0",
          "static argument", "ErrorMessagesTest.java:");
    }
  }

  private static final List<Array> LEAKED = new ArrayList<>();

  @Test
  void leakedTracerUsedAfterItsTrace() {
    LEAKED.clear();
    int created = nextLine();
    Staging.makeIr((Fn1<Array, Array>) x -> { LEAKED.add(x.mul(2)); return x; }, 1.0f);
    Array leaked = LEAKED.get(0);
    assertTrue(leaked.isTracer());
    assertEquals("Traced<f32[]>", leaked.toString());
    int used = nextLine();
    String m = message(UnexpectedTracerException.class, () -> leaked.add(1));
    assertContains(m, "Encountered an unexpected tracer: Traced<f32[]> was passed to 'add' after the trace that "
        + "created it had ended (makeIr of lambda in ErrorMessagesTest", "The tracer was created at", location(created),
        "Return it from the function instead", location(used));
    LEAKED.clear();
  }

  @Test
  void shapeErrorsNameOpShapesAndLine() {
    Array a = Jnp.zeros(DType.F32, 2, 3), b = Jnp.zeros(DType.F32, 3, 2);
    int line = nextLine();
    String add = message(ShapeException.class, () -> a.add(b));
    assertContains(add, "add: shapes (2, 3) and (3, 2) cannot be broadcast together", location(line));

    line = nextLine();
    String reshape = message(ShapeException.class, () -> a.reshape(4, 2));
    assertContains(reshape, "reshape: cannot reshape f32[2,3] (6 elements) into shape (4, 2) (8 elements)",
        location(line));

    line = nextLine();
    String axis = message(ShapeException.class, () -> a.sum(2));
    assertContains(axis, "sum: axis 2 is out of bounds for an array of rank 2 (valid axes are -2 .. 1)", location(line));

    line = nextLine();
    String perm = message(ShapeException.class, () -> a.transpose(1, 1));
    assertContains(perm, "transpose: (1, 1) is not a permutation of the axes of f32[2,3]", location(line));

    line = nextLine();
    String matmul = message(ShapeException.class, () -> Jnp.matmul(a, a));
    assertContains(matmul, "matmul: shapes (2, 3) and (2, 3) are not aligned: axis 1 of the first has size 3 but "
        + "axis 0 of the second has size 2", location(line));

    line = nextLine();
    String concat = message(ShapeException.class, () -> Jnp.concatenate(List.of(a, b), 0));
    assertContains(concat, "concatenate: shapes must agree except along dimension 0, got f32[2,3] and f32[3,2]",
        location(line));

    line = nextLine();
    String empty = message(ShapeException.class, () -> Jnp.max(Jnp.zeros(DType.F32, 0)));
    assertContains(empty, "max: zero-size array to reduction operation max which has no identity", location(line));

    // Inside a trace the line is the user's line in the traced function.
    int traced = nextLine();
    Fn1<Array, Array> bad = x -> x.add(Jnp.zeros(DType.F32, 4));
    String inTrace = message(ShapeException.class, () -> Staging.makeIr(bad, Jnp.zeros(DType.F32, 3)));
    assertContains(inTrace, "add: shapes (3,) and (4,) cannot be broadcast together", location(traced));
    assertTrue(OlympusException.class.isAssignableFrom(ShapeException.class));
  }

  @Test
  void booleanIndexOnTracer() {
    int line = nextLine();
    Fn1<Array, Array> f = x -> Jnp.booleanIndex(x, x.gt(0));
    String m = message(NonConcreteBooleanIndexException.class, () -> Staging.makeIr(f, Jnp.array(1f, -1f)));
    assertContains(m, "Array boolean indices must be concrete; got Traced<bool[2]>", "depends on how many mask values",
        "Jnp.where(mask, x, 0)", location(line));
  }

  /** A Java long argument is a Python int: int32 with x64 off, so one that does not fit is an error, not a wrap. */
  @Test
  void longArgumentOutOfInt32Range() {
    assertEquals("{ lambda ; a:i32[]. let  in (a,) }", Staging.makeIr((Fn1<Array, Array>) x -> x, 5L).toString());
    int line = nextLine();
    String m = message(ShapeException.class, () -> Staging.makeIr((Fn1<Array, Array>) x -> x, 1L << 40));
    assertContains(m, "the Java long 1099511627776 does not fit int32", "Jnp.scalar(1099511627776L)", location(line));
  }

  @Test
  void scalarOfManyElements() {
    int line = nextLine();
    String m = message(ConcretizationException.class, () -> Jnp.array(1, 2, 3).bool());
    assertContains(m, "bool() was called on an array of shape i32[3] with 3 elements", location(line));
    assertContains(message(ConcretizationException.class, () -> Jnp.zeros(DType.F32, 0).floatValue()),
        "with 0 elements");
  }
}
