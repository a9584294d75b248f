package dev.olympus.jit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.Array;
import dev.olympus.Fn1;
import dev.olympus.Fn2;
import dev.olympus.Fn3;
import dev.olympus.JitOptions;
import dev.olympus.Olympus;
import dev.olympus.errors.InvalidArgumentException;
import dev.olympus.numpy.Jnp;
import org.junit.jupiter.api.Test;

/**
 * A jitted function of any arity is a function like any other to the transformations: they see its arity and
 * parameter names, and trace through it (the jitted function is inlined into the outer trace).
 */
class CompositionTest {
  static Array f(Array x, Array y) {
    return Jnp.sin(x).mul(y).sum();
  }

  static Array g(Array x, Array y, Array z) {
    return x.mul(y).add(z);
  }

  private static final Array X = Jnp.array(0.5f, 1.5f, -2f);
  private static final Array Y = Jnp.array(2f, -1f, 3f);

  @Test
  void gradOfJitOfTwoArguments() {
    Fn2<Array, Array, Array> jitted = Olympus.jit(CompositionTest::f);
    float[] viaJit = Olympus.grad(jitted).apply(X, Y).toFloatArray();
    float[] plain = Olympus.grad(CompositionTest::f).apply(X, Y).toFloatArray();
    assertArrayEquals(plain, viaJit);
    // d/dx sum(sin(x) * y) = cos(x) * y, in double and rounded once; f32 cos is within an ulp or two.
    float[] x = X.toFloatArray(), y = Y.toFloatArray();
    for (int i = 0; i < x.length; i++) assertEquals(Math.cos(x[i]) * y[i], viaJit[i], 1e-6);
    float[] dy = Olympus.grad(jitted, 1).apply(X, Y) instanceof Array a ? a.toFloatArray() : null;
    for (int i = 0; i < x.length; i++) assertEquals(Math.sin(x[i]), dy[i], 1e-6);
  }

  @Test
  void vmapAndJitOfJitOfThreeArguments() {
    Fn3<Array, Array, Array, Array> jitted = Olympus.jit(CompositionTest::g);
    Array z = Jnp.array(1f, 1f, 1f);
    float[] want = g(X, Y, z).toFloatArray();
    assertArrayEquals(want, Olympus.jit(jitted).apply(X, Y, z).toFloatArray());
    assertArrayEquals(want, Olympus.vmap(jitted).apply(X, Y, z).toFloatArray());
    assertArrayEquals(want, Olympus.jit(Olympus.vmap(Olympus.jit(jitted))).apply(X, Y, z).toFloatArray());
    String ir = Olympus.makeIr(jitted, X, Y, z).toString();
    assertTrue(ir.contains("mul") && ir.contains("add"), ir);
  }

  static Array scaled(Array x, int n) {
    return x.mul(n).sum();
  }

  @Test
  void gradOfJitWithAStaticArgument() {
    Fn2<Array, Integer, Array> jitted = Olympus.jit(CompositionTest::scaled, JitOptions.staticArgnums(1));
    assertArrayEquals(new float[] {3f, 3f, 3f}, Olympus.grad(jitted).apply(X, 3).toFloatArray());
    assertArrayEquals(new float[] {3f, 3f, 3f}, Olympus.jit(Olympus.grad(jitted), JitOptions.staticArgnums(1))
        .apply(X, 3).toFloatArray());
  }

  @Test
  void wrongArityAndWrongTypesNameTheParameter() {
    Fn2<Array, Array, Array> jitted = Olympus.jit(CompositionTest::f);
    @SuppressWarnings({"unchecked", "rawtypes"})
    Fn1<Object, Array> asOne = (Fn1) jitted;
    InvalidArgumentException arity = assertThrows(InvalidArgumentException.class, () -> asOne.apply(X));
    assertTrue(arity.getMessage().contains("takes 2 arguments [x, y]"), arity.getMessage());
    @SuppressWarnings({"unchecked", "rawtypes"})
    Fn2<Object, Object, Array> raw = (Fn2) jitted;
    InvalidArgumentException type = assertThrows(InvalidArgumentException.class, () -> raw.apply(X, "hello"));
    assertTrue(type.getMessage().contains("argument 'y' (parameter 1 of CompositionTest.f)"),
        type.getMessage());
    assertTrue(type.getMessage().contains("java.lang.String"), type.getMessage());
    @SuppressWarnings({"unchecked", "rawtypes"})
    Fn2<Object, Object, Array> rawGrad = (Fn2) Olympus.grad(CompositionTest::f);
    assertThrows(InvalidArgumentException.class, () -> rawGrad.apply(X, "hello"));
    InvalidArgumentException nul = assertThrows(InvalidArgumentException.class, () -> jitted.apply(X, null));
    assertTrue(nul.getMessage().contains("CompositionTest.f: argument y is null"), nul.getMessage());
  }
}
