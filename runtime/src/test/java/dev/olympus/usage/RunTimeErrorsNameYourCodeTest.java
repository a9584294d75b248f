package dev.olympus.usage;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.Array;
import dev.olympus.Fn2;
import dev.olympus.JitOptions;
import dev.olympus.Olympus;
import dev.olympus.errors.InvalidArgumentException;
import dev.olympus.errors.OlympusException;
import dev.olympus.errors.StaticArgumentException;
import dev.olympus.numpy.Jnp;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Run-time errors as a user meets them: they name the parameter by its name and position, the function, and
 * the user's line that made the call, as the processor's javac-time errors do. This package is outside
 * Olympus' own, so these tests are user code to {@code SourceLocation}.
 */
class RunTimeErrorsNameYourCodeTest {
  static Array scale(Array x, Object factors) {
    return x.mul(((List<?>) factors).size());
  }

  static Array add(Array x, Array y) { return x.add(y); }

  private static final Array X = Jnp.array(1f, 2f);

  /** The line after the caller's: the line the next statement's throwing call is on. */
  private static int nextLine() {
    return new Throwable().getStackTrace()[1].getLineNumber() + 1;
  }

  private static void assertContains(String message, String part) {
    assertTrue(message.contains(part), () -> "expected\n  " + part + "\nin\n  " + message);
  }

  @Test
  void aWrongArgumentTypeNamesTheParameterAndTheCallersLine() {
    @SuppressWarnings({"unchecked", "rawtypes"})
    Fn2<Object, Object, Array> raw = (Fn2) Olympus.jit(RunTimeErrorsNameYourCodeTest::add);
    int line = nextLine();
    String m = assertThrows(InvalidArgumentException.class, () -> raw.apply(X, "two")).getMessage();
    assertContains(m, "argument 'y' (parameter 1 of RunTimeErrorsNameYourCodeTest.add, RunTimeErrorsNameYourCodeTest"
        + ".java:" + line + ") must be a Array, but it is a java.lang.String");
    assertContains(m, "Pass an Array");
  }

  @Test
  void aStaticArgumentWithoutValueEqualityNamesTheParameterAndTheLine() {
    Fn2<Array, Object, Array> jitted = Olympus.jit(RunTimeErrorsNameYourCodeTest::scale, JitOptions.staticArgnums(1));
    List<Integer> mutable = new ArrayList<>(List.of(1, 2));
    int line = nextLine();
    String m = assertThrows(StaticArgumentException.class, () -> jitted.apply(X, mutable)).getMessage();
    assertContains(m, "static argument 'factors' (parameter 1 of RunTimeErrorsNameYourCodeTest.scale, "
        + "RunTimeErrorsNameYourCodeTest.java:" + line + ") is a java.util.ArrayList");
    assertContains(m, "List.copyOf");
  }

  /** vmap with more in_axes than the function has parameters: a typed error, at the user's line, with the fix. */
  @Test
  void vmapWithTheWrongNumberOfAxesIsATypedErrorAtTheLine() {
    Fn2<Array, Array, Array> f = RunTimeErrorsNameYourCodeTest::add;
    int line = nextLine();
    OlympusException e = assertThrows(OlympusException.class, () -> Olympus.vmap(f, 0, 0, 0));
    assertTrue(e instanceof InvalidArgumentException, e.getClass().getName());
    assertContains(e.getMessage(), "3 in_axes for RunTimeErrorsNameYourCodeTest.add, a function of 2 arguments");
    assertContains(e.getMessage(), "give one axis per argument");
    assertContains(e.getMessage(), "RunTimeErrorsNameYourCodeTest.java:" + line + ")");
  }

  /** A matrix product of operands stored the other way round suggests the transpose, under jit too. */
  @Test
  void aMisalignedMatmulUnderJitSuggestsTheTranspose() {
    Fn2<Array, Array, Array> product = Olympus.jit(Jnp::matmul);
    Array x = Jnp.zeros(dev.olympus.DType.F32, 4, 3);
    Array w = Jnp.zeros(dev.olympus.DType.F32, 5, 3);
    int line = nextLine();
    String m = assertThrows(OlympusException.class, () -> product.apply(x, w)).getMessage();
    assertContains(m, "matmul: shapes (4, 3) and (5, 3) are not aligned");
    assertContains(m, "Did you mean matmul(a, b.T())?");
    assertContains(m, "RunTimeErrorsNameYourCodeTest.java:" + line + ")");
  }
}
