package dev.olympus.usage;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.olympus.Array;
import dev.olympus.errors.OlympusException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every public method of the tracer's API called with bad values, one parameter at a time (negative and huge
 * sizes, shapes whose size overflows, out-of-range axes, arrays of the wrong dtype or rank, lists holding
 * non-Arrays, functions returning the wrong thing): whatever the method makes of them, it either returns or throws
 * an {@link OlympusException}; an exception from inside (NullPointerException, ClassCastException,
 * ArithmeticException, ArrayIndexOutOfBoundsException, OutOfMemoryError, ...) fails. Each call also runs under a
 * trace ({@code makeIr}), where the shape rules, not the eager kernels, must find the problem.
 */
class BadArgumentsFuzzTest {
  record Call(Method method, Object receiver, Object[] args, String label) {}

  static List<Call> calls() {
    List<Call> out = new ArrayList<>();
    for (Class<?> type : NullArgumentsTest.STATIC_APIS) {
      for (Method m : ApiArguments.publicMethods(type, true)) add(out, m, null);
    }
    for (Method m : ApiArguments.publicMethods(Array.class, false)) add(out, m, ApiArguments.vector());
    return out;
  }

  private static void add(List<Call> out, Method m, Object receiver) {
    Parameter[] ps = m.getParameters();
    boolean loops = m.getName().equals("scan") || m.getName().equals("foriLoop") || m.getName().equals("whileLoop");
    for (int i = 0; i < ps.length; i++) {
      for (Object bad : ApiArguments.badValues(ps[i], loops)) {
        Object[] args = ApiArguments.defaults(m);
        args[i] = bad;
        out.add(new Call(m, receiver, args,
            ApiArguments.signature(m) + " with " + ps[i].getName() + " = " + ApiArguments.describe(bad)));
      }
    }
  }

  @TestFactory
  Stream<DynamicTest> badValuesGiveOlympusExceptionsOnly() {
    // A guard, not a measurement: each call takes milliseconds, and one that runs on (a loop that never ends, a
    // huge allocation being filled) fails here instead of hanging the build.
    return calls().stream().map(c -> DynamicTest.dynamicTest(c.label(), () -> assertTimeoutPreemptively(
        Duration.ofSeconds(60), () -> check(c))));
  }

  private static void check(Call c) {
    {
      run(c, c.args());
      // The same call on tracers: every Array argument becomes an input of a traced function.
      List<Integer> arrays = new ArrayList<>();
      for (int i = 0; i < c.args().length; i++) if (c.args()[i] instanceof Array) arrays.add(i);
      if (!arrays.isEmpty() || c.receiver() != null) {
        try {
          traced(c, arrays);
        } catch (OlympusException expected) {
          // Reported as it should be.
        }
      }
    }
  }

  private static void run(Call c, Object[] args) {
    invoke(c.label(), c.method(), c.receiver(), args);
  }

  private static Object invoke(String label, Method m, Object receiver, Object[] args) {
    try {
      return m.invoke(receiver, args);
    } catch (InvocationTargetException e) {
      Throwable t = e.getCause();
      if (t instanceof OlympusException o) return o;
      throw new AssertionError(label + " threw " + t, t);
    } catch (IllegalAccessException e) {
      throw new AssertionError(e);
    }
  }

  private static void traced(Call c, List<Integer> arrays) {
    List<Object> inputs = new ArrayList<>();
    if (c.receiver() != null) inputs.add(c.receiver());
    for (int i : arrays) inputs.add(c.args()[i]);
    dev.olympus.transform.Staging.makeIr((dev.olympus.Fn1<List<Object>, Object>) leaves -> {
      Object[] args = c.args().clone();
      int k = c.receiver() != null ? 1 : 0;
      for (int i : arrays) args[i] = leaves.get(k++);
      Object result = invoke(c.label() + " (traced)", c.method(), c.receiver() != null ? leaves.get(0) : null, args);
      if (result instanceof OlympusException o) throw o;
      if (result instanceof Array[] a) return List.of(a);
      return result instanceof Array || result instanceof List ? result : null;
    }, inputs);
  }
}
