package dev.olympus.usage;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.olympus.Array;
import dev.olympus.callback.Callbacks;
import dev.olympus.debug.Debug;
import dev.olympus.errors.InvalidArgumentException;
import dev.olympus.lax.Lax;
import dev.olympus.numpy.Jnp;
import dev.olympus.pytree.PyTree;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every public method of the tracer's API, called with each of its reference parameters null in turn (the others
 * valid): it must throw an {@link InvalidArgumentException} that names the method, that parameter and the fix,
 * never a NullPointerException from inside, and never accept the null. The methods are found by reflection, so a
 * method added without its check fails here.
 */
class NullArgumentsTest {
  /** Classes whose public static methods are entry points; {@code Array}'s instance methods are tested too. */
  static final List<Class<?>> STATIC_APIS = List.of(Jnp.class, Lax.class, Callbacks.class, Debug.class, PyTree.class,
      dev.olympus.random.Random.class, Array.class);

  record Case(Method method, Object receiver, int parameter) {
    String label() {
      return ApiArguments.signature(method) + " with " + method.getParameters()[parameter].getName() + " = null";
    }
  }

  static List<Case> cases() {
    List<Case> out = new ArrayList<>();
    for (Class<?> type : STATIC_APIS) {
      for (Method m : ApiArguments.publicMethods(type, true)) add(out, m, null);
    }
    for (Method m : ApiArguments.publicMethods(Array.class, false)) add(out, m, ApiArguments.vector());
    return out;
  }

  private static void add(List<Case> out, Method m, Object receiver) {
    Parameter[] ps = m.getParameters();
    for (int i = 0; i < ps.length; i++) if (!ApiArguments.mayBeNull(ps[i])) out.add(new Case(m, receiver, i));
  }

  @TestFactory
  Stream<DynamicTest> eachReferenceParameterRejectsNullByName() {
    return cases().stream().map(c -> DynamicTest.dynamicTest(c.label(), () -> check(c)));
  }

  static void check(Case c) throws IllegalAccessException {
    Object[] args = ApiArguments.defaults(c.method());
    args[c.parameter()] = null;
    String name = c.method().getParameters()[c.parameter()].getName();
    try {
      c.method().invoke(c.receiver(), args);
      fail(c.label() + " accepted the null");
    } catch (InvocationTargetException e) {
      Throwable t = e.getCause();
      if (!(t instanceof InvalidArgumentException)) throw new AssertionError(c.label() + " threw " + t, t);
      String m = t.getMessage();
      // Array's methods are Jnp's with the receiver as x: they report the Jnp function they run.
      String op = c.method().getDeclaringClass().getSimpleName() + "." + c.method().getName() + ": ";
      if (c.receiver() == null) assertTrue(m.startsWith(op), c.label() + ": the message does not start with " + op + "\n" + m);
      assertTrue(m.contains("argument " + name + " is null"), c.label() + ": the message does not name " + name + "\n" + m);
      assertTrue(m.contains("Fix: "), c.label() + ": the message has no fix\n" + m);
      // This test class is user code: the message points at the line that made the call.
      assertTrue(m.contains("NullArgumentsTest.check(NullArgumentsTest.java:"), c.label() + ": no user line\n" + m);
    }
  }

  /** The walk really covers the API: if reflection found nothing (or little), the test above would prove nothing. */
  @Test
  void theWalkCoversTheWholeApi() {
    List<Case> cases = cases();
    long methods = cases.stream().map(Case::method).distinct().count();
    assertTrue(methods > 180, "only " + methods + " methods with reference parameters found");
    for (String expected : new String[] {"Jnp.add(Array x, Array y)", "Lax.scan(Fn2 f, Object init, Object xs)",
        "Lax.dotGeneral(Array lhs, Array rhs, int[] lhsContract, int[] rhsContract, int[] lhsBatch, int[] rhsBatch)",
        "Array.reshape(int[] shape)", "Callbacks.pureCallback(Function callback, List results, Array[] args)",
        "Debug.print(String fmt, Array[] args)", "PyTree.unflatten(TreeDef tree, List leaves)"}) {
      assertTrue(cases.stream().anyMatch(c -> ApiArguments.signature(c.method()).equals(expected)), expected);
    }
  }
}
