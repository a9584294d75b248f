package dev.olympus.numpy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.Array;
import dev.olympus.Fn1;
import dev.olympus.Olympus;
import dev.olympus.lax.Lax;
import org.junit.jupiter.api.Test;

/**
 * {@code Jnp.cumprod}, {@code Lax.cumprod/cummax/cummin} (forward and reverse), {@code Lax.associativeScan} and
 * {@code Jnp.flip} against the values JAX 0.10.2 computes for the same calls
 * ({@code tracer/src/test/python/make_cumulative_values.py} writes {@code cumulative/values.txt}), eagerly, under
 * jit, grad and vmap. The inputs are small dyadic numbers whose products and sums are exact in float32, so
 * results compare exactly (as 1e-6; integer results exactly, with JAX's dtype); the gradients of tied maxima are
 * JAX's exact shares (4.5 = 4 + 1/2 of 1).
 */
class CumulativeTest {
  static final JaxValues WANT = JaxValues.load("/dev/olympus/cumulative/values.txt");

  static void check(String name, Array got) { WANT.check(name, got, 1e-6f); }

  /** Eagerly and under jit. */
  static void both(String name, Fn1<Array, Array> f, Array x) {
    check(name, f.apply(x));
    check(name, Olympus.jit(f).apply(x));
  }

  static final Array X = Jnp.array(new float[] {1.5f, -2, 0, 3, 0.5f, 2, 2, -1, 2, 4}, 2, 5);
  static final Array W = Jnp.array(new float[] {1, 2, 3, 4, 5});

  @Test
  void runningProductsMaximaAndMinima() {
    both("cumprod 1", x -> Jnp.cumprod(x, 1), X);
    both("cumprod 0", x -> Jnp.cumprod(x, 0), X);
    both("cumprod reverse", x -> Lax.cumprod(x, 1, true), X);
    both("cummax", x -> Lax.cummax(x, -1, false), X);
    both("cummin reverse", x -> Lax.cummin(x, 1, true), X);
    check("cummax nan", Lax.cummax(Jnp.array(new float[] {1, Float.NaN, 3}), 0, false));
    WANT.checkExact("cumprod int", Jnp.cumprod(Jnp.array(new int[] {3, -2, 5, 7}), 0));
    WANT.checkExact("cummax int", Lax.cummax(Jnp.array(new int[] {3, -2, 5, 1}), 0, false));
    // A bool product is JAX's default int (int32), checked with the values.
    WANT.checkExact("cumprod bool", Jnp.cumprod(Jnp.array(true, true, false), 0));
  }

  /** Products through a zero and maxima reached twice differentiate as JAX's associative scan does. */
  @Test
  void gradientsThroughZerosAndTies() {
    grads("grad cumprod", x -> Jnp.sum(Jnp.cumprod(x, 1).mul(W)));
    grads("grad cumprod reverse", x -> Jnp.sum(Lax.cumprod(x, 1, true).mul(W)));
    grads("grad cummax", x -> Jnp.sum(Lax.cummax(x, 1, false).mul(W)));
    grads("grad cummin", x -> Jnp.sum(Lax.cummin(x, 1, false).mul(W)));
  }

  private static void grads(String name, Fn1<Array, Array> f) {
    check(name, Olympus.grad(f).apply(X));
    check(name, Olympus.jit(Olympus.grad(f)).apply(X));
  }

  @Test
  void vmapMovesTheAxis() {
    Fn1<Array, Array> perColumn = Olympus.vmap((Array c) -> Jnp.cumprod(c, 0), 1);
    both("vmap cumprod", perColumn, X);
    Fn1<Array, Array> rowGrads = Olympus.vmap(Olympus.grad((Array r) -> Jnp.sum(Lax.cummax(r, 0, false).mul(W))));
    both("vmap grad cummax", rowGrads, X);
  }

  /** A non-associative fn shows the exact pairing of JAX's algorithm. */
  @Test
  void associativeScanPairsAsJaxDoes() {
    WANT.checkExact("assoc scan add", Lax.associativeScan(Lax::add, Jnp.arange(7), false, 0));
    WANT.checkExact("assoc scan add reverse", Lax.associativeScan(Lax::add, Jnp.arange(4), true, 0));
    WANT.checkExact("assoc scan sub", Lax.associativeScan(Lax::sub, Jnp.arange(6), false, 0));
    WANT.checkExact("assoc scan sub",
        Olympus.jit((Array v) -> Lax.associativeScan(Lax::sub, v, false, 0)).apply(Jnp.arange(6)));
  }

  @Test
  void flipReversesTheGivenAxesOrAll() {
    both("flip 1", x -> Jnp.flip(x, -1), X);
    both("flip all", x -> Jnp.flip(x), X);
    IndexingTest.same(X.toFloatArray(),
        Olympus.grad((Array x) -> Jnp.sum(Jnp.flip(x, 1).mul(Jnp.flip(X, 1)))).apply(X), 2, 5);
  }

  @Test
  void printsTheJaxprsJaxPrints() {
    assertTrue(Olympus.makeIr((Array x) -> Lax.cummax(x, 1, true), X).toString()
        .contains("b:f32[2,5] = cummax[axis=1 reverse=True] a"));
    assertTrue(Olympus.makeIr((Array x) -> Jnp.flip(x, 1), X).toString().contains("b:f32[2,5] = rev[dimensions=(1,)] a"));
  }
}
