package dev.olympus.usage;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.olympus.Array;
import dev.olympus.DType;
import dev.olympus.Fn1;
import dev.olympus.Fn2;
import dev.olympus.Fn3;
import dev.olympus.Fn4;
import dev.olympus.JitOptions;
import dev.olympus.Olympus;
import dev.olympus.errors.InvalidArgumentException;
import dev.olympus.errors.ShapeException;
import dev.olympus.lax.Lax;
import dev.olympus.numpy.Jnp;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;

/**
 * The transformations' arguments: every public method of {@link Olympus} and {@link JitOptions} with each
 * reference parameter null in turn (found by reflection, so a new overload is tested too), and the bad values
 * that are not null: an argument count that does not fit the function, an argnum or static argnum past the last
 * argument, and shapes too large for any array inside a jitted function.
 */
class OlympusArgumentsTest {
  private static int nextLine() {
    return new Throwable().getStackTrace()[1].getLineNumber() + 1;
  }

  private static String at(int line) {
    return "OlympusArgumentsTest.java:" + line + ")";
  }

  private static <T extends Throwable> String message(Class<T> type, Executable body) {
    return assertThrows(type, body).getMessage();
  }

  private static void assertContains(String message, String... parts) {
    for (String p : parts) assertTrue(message.contains(p), "missing \"" + p + "\" in:\n" + message);
  }

  static Object defaultValue(Class<?> t) {
    if (t == int.class) return 0;
    if (t == Fn1.class) return (Fn1<Array, Array>) x -> x;
    if (t == Fn2.class) return (Fn2<Array, Array, Array>) (x, y) -> x;
    if (t == Fn3.class) return (Fn3<Array, Array, Array, Array>) (x, y, z) -> x;
    if (t == Fn4.class) return (Fn4<Array, Array, Array, Array, Array>) (x, y, z, w) -> x;
    if (t == JitOptions.class) return JitOptions.defaults();
    if (t == int[].class) return new int[] {0};
    if (t == Array[].class) return new Array[] {Jnp.scalar(1f)};
    if (t == Object[].class) return new Object[] {Jnp.scalar(1f)};
    if (t == String.class) return "{}";
    return Jnp.scalar(1f);
  }

  record Case(Method method, Object receiver, int parameter) {
    String label() {
      return method.getDeclaringClass().getSimpleName() + "." + method.getName() + " "
          + java.util.Arrays.toString(method.getParameterTypes()) + " with "
          + method.getParameters()[parameter].getName() + " = null";
    }
  }

  static List<Case> cases() {
    List<Case> out = new ArrayList<>();
    for (Class<?> type : List.of(Olympus.class, JitOptions.class)) {
      for (Method m : type.getDeclaredMethods()) {
        int mod = m.getModifiers();
        if (!Modifier.isPublic(mod) || m.isSynthetic()) continue;
        // Object's own methods take what Object's contract says (equals(null) is false).
        if (m.getName().equals("equals")) continue;
        Object receiver = Modifier.isStatic(mod) ? null : JitOptions.staticArgnums(0);
        Parameter[] ps = m.getParameters();
        for (int i = 0; i < ps.length; i++) {
          // Primitives cannot be null; an Object parameter is a pytree, where null is the empty tree.
          if (!ps[i].getType().isPrimitive() && ps[i].getType() != Object.class) out.add(new Case(m, receiver, i));
        }
      }
    }
    return out;
  }

  @TestFactory
  Stream<DynamicTest> eachReferenceParameterRejectsNullByName() {
    List<Case> cases = cases();
    assertTrue(cases.stream().map(Case::method).distinct().count() > 40, "the walk found " + cases.size());
    return cases.stream().map(c -> DynamicTest.dynamicTest(c.label(), () -> {
      Parameter[] ps = c.method().getParameters();
      Object[] args = new Object[ps.length];
      for (int i = 0; i < ps.length; i++) args[i] = i == c.parameter() ? null : defaultValue(ps[i].getType());
      try {
        c.method().invoke(c.receiver(), args);
        fail(c.label() + " accepted the null");
      } catch (InvocationTargetException e) {
        Throwable t = e.getCause();
        if (!(t instanceof InvalidArgumentException)) throw new AssertionError(c.label() + " threw " + t, t);
        String name = ps[c.parameter()].getName();
        assertContains(t.getMessage(), c.method().getDeclaringClass().getSimpleName() + "." + c.method().getName()
            + ": argument " + name + " is null", "Fix: ");
      }
    }));
  }

  static Array add(Array x, Array y) { return x.add(y); }

  @Test
  void argumentCountsAndPositionsThatDoNotFitTheFunction() {
    int line = nextLine();
    String m = message(InvalidArgumentException.class, () -> Olympus.makeIr((Fn1<Array, Array>) x -> x, 1f, 2f));
    assertContains(m, "Olympus.makeIr: argument args has 2 values but f takes 1 argument", "Fix: pass one value",
        at(line));
    m = message(InvalidArgumentException.class, () -> Olympus.grad(OlympusArgumentsTest::add, 2));
    assertContains(m, "Olympus.grad: argument argnum is 2, out of range for OlympusArgumentsTest.add, which takes 2 "
        + "arguments", "0 .. 1");
    m = message(InvalidArgumentException.class, () -> Olympus.vmap(OlympusArgumentsTest::add, 0, 0, 0));
    assertContains(m, "Olympus.vmap: argument inAxes is [0, 0, 0]: 3 in_axes for OlympusArgumentsTest.add");
    m = message(InvalidArgumentException.class,
        () -> Olympus.jit(OlympusArgumentsTest::add, JitOptions.staticArgnums(5)));
    assertContains(m, "JitOptions.staticArgnums: argument argnums contains 5 but OlympusArgumentsTest.add takes 2 "
        + "arguments", "use positions 0 .. 1, or -2 .. -1");
  }

  /** The fuzz run's {@code ArithmeticException: integer overflow} under jit now names the shape and the line. */
  @Test
  void shapesTooLargeForAnArrayInsideJit() {
    int line = nextLine();
    Fn1<Array, Array> broadcast = Olympus.jit(x -> Jnp.broadcastTo(x, 65536, 65536));
    String m = message(ShapeException.class, () -> broadcast.apply(Jnp.scalar(1f)));
    assertContains(m, "Jnp.broadcastTo: shape (65536, 65536) has 4294967296 elements", "Fix:", at(line));

    line = nextLine();
    Fn1<Array, Array> iota = Olympus.jit(x -> x.add(Lax.iota(DType.F32, new int[] {65536, 65536}, 1)));
    m = message(ShapeException.class, () -> iota.apply(Jnp.scalar(1f)));
    assertContains(m, "Lax.iota: shape (65536, 65536) has 4294967296 elements", at(line));

    Fn1<Array, Array> zeros = Olympus.jit(x -> x.add(Jnp.zeros(DType.F32, 65536, 65536)));
    m = message(ShapeException.class, () -> zeros.apply(Jnp.scalar(1f)));
    assertContains(m, "Jnp.zeros: shape (65536, 65536) has 4294967296 elements");

    // vmap makes the batch axis part of every shape: a broadcast that fits per example may not fit batched.
    Fn1<Array, Array> batched = Olympus.vmap(x -> Jnp.broadcastTo(x, 1 << 16, 1 << 14));
    m = message(ShapeException.class, () -> batched.apply(Jnp.zeros(DType.F32, 4, 1)));
    assertContains(m, "broadcast_in_dim: shape (4, 65536, 16384) has 4294967296 elements");
  }
}
