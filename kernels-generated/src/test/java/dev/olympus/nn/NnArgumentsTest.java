package dev.olympus.nn;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.olympus.Array;
import dev.olympus.DType;
import dev.olympus.errors.InvalidArgumentException;
import dev.olympus.errors.OlympusException;
import dev.olympus.errors.ShapeException;
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

/**
 * Every {@link Nn} function, eager and through its generated entry point {@code Nn_Jit}, with each argument null in
 * turn: the check at the top of each function (plain Java, which javac's tracing runs through) names the function
 * and the parameter, in both.
 */
class NnArgumentsTest {
  record Case(Method method, int parameter) {
    String label() {
      return method.getDeclaringClass().getSimpleName() + "." + method.getName() + " with "
          + method.getParameters()[parameter].getName() + " = null";
    }
  }

  static List<Case> cases(Class<?> type) {
    List<Case> out = new ArrayList<>();
    for (Method m : type.getDeclaredMethods()) {
      if (!Modifier.isPublic(m.getModifiers()) || !Modifier.isStatic(m.getModifiers())) continue;
      for (int i = 0; i < m.getParameterCount(); i++) {
        if (!m.getParameterTypes()[i].isPrimitive()) out.add(new Case(m, i));  // an int cannot be null
      }
    }
    return out;
  }

  @TestFactory
  Stream<DynamicTest> nullArgumentsAreNamedEagerAndCompiled() throws ClassNotFoundException {
    List<Case> cases = new ArrayList<>(cases(Nn.class));
    Class<?> generated = Class.forName("dev.olympus.nn.Nn_Jit");
    cases.addAll(cases(generated));
    assertTrue(cases.size() >= 2 * 16, "found " + cases.size());
    return cases.stream().map(c -> DynamicTest.dynamicTest(c.label(), () -> {
      Parameter[] ps = c.method().getParameters();
      Object[] args = new Object[ps.length];
      for (int i = 0; i < ps.length; i++) {
        args[i] = i == c.parameter() ? null : ps[i].getType() == int.class ? (Object) 3
            : ps[i].getType() == boolean.class ? (Object) false : Jnp.ones(DType.F32, 2, 3);
      }
      try {
        c.method().invoke(null, args);
        fail(c.label() + " accepted the null");
      } catch (InvocationTargetException e) {
        Throwable t = e.getCause();
        if (!(t instanceof InvalidArgumentException)) throw new AssertionError(c.label() + " threw " + t, t);
        String m = t.getMessage();
        String name = ps[c.parameter()].getName();
        // Nn_Jit runs Nn's own code for a call its kernel cannot take, so both report Nn's function.
        assertTrue(m.contains("Nn." + c.method().getName() + ": argument " + name + " is null"), m);
        assertTrue(m.contains("Fix: "), m);
      }
    }));
  }

  @Test
  void badShapesAreShapeErrorsNotInternalOnes() {
    Array scalar = Jnp.scalar(1f);
    ShapeException e = assertThrows(ShapeException.class, () -> Nn.softmax(scalar));
    assertTrue(e.getMessage().contains("axis -1 is out of bounds for an array of rank 0"), e.getMessage());
    OlympusException d = assertThrows(OlympusException.class,
        () -> Nn.dense(Jnp.ones(DType.F32, 2, 3), Jnp.ones(DType.F32, 4, 5), Jnp.ones(DType.F32, 5)));
    assertTrue(d.getMessage().contains("matmul: shapes (2, 3) and (4, 5) are not aligned"), d.getMessage());
    assertThrows(ShapeException.class,
        () -> Nn_Jit.dense(Jnp.ones(DType.F32, 2, 3), Jnp.ones(DType.F32, 4, 5), Jnp.ones(DType.F32, 5)));
  }
}
