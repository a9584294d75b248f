package dev.olympus.numpy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.Array;
import dev.olympus.DType;
import dev.olympus.Fn1;
import dev.olympus.Olympus;
import dev.olympus.lax.Lax;
import org.junit.jupiter.api.Test;

/**
 * {@code Jnp.cumprod}, {@code Lax.cumprod/cummax/cummin} (forward and reverse), {@code Lax.associativeScan} and
 * {@code Jnp.flip} against the values JAX 0.10.2 prints for the same calls
 * ({@code tracer/src/test/python/make_cumulative_values.py}), eagerly, under jit, grad and vmap. The inputs are
 * small dyadic numbers whose products and sums are exact in float32, so results compare exactly (as 1e-6);
 * the gradients of tied maxima are JAX's exact shares (4.5 = 4 + 1/2 of 1).
 */
class CumulativeTest {
  static final Array X = Jnp.array(new float[] {1.5f, -2, 0, 3, 0.5f, 2, 2, -1, 2, 4}, 2, 5);
  static final Array W = Jnp.array(new float[] {1, 2, 3, 4, 5});

  @Test
  void runningProductsMaximaAndMinima() {
    IndexingTest.both(new float[] {1.5f, -3, -0f, -0f, -0f, 2, 4, -4, -8, -32}, x -> Jnp.cumprod(x, 1), X, 2, 5);
    IndexingTest.both(new float[] {1.5f, -2, 0, 3, 0.5f, 3, -4, -0f, 6, 2}, x -> Jnp.cumprod(x, 0), X, 2, 5);
    IndexingTest.both(new float[] {-0f, -0f, 0, 1.5f, 0.5f, -32, -16, -8, 8, 4}, x -> Lax.cumprod(x, 1, true), X, 2, 5);
    IndexingTest.both(new float[] {1.5f, 1.5f, 1.5f, 3, 3, 2, 2, 2, 2, 4}, x -> Lax.cummax(x, -1, false), X, 2, 5);
    IndexingTest.both(new float[] {-2, -2, 0, 0.5f, 0.5f, -1, -1, -1, 2, 4}, x -> Lax.cummin(x, 1, true), X, 2, 5);
    float nan = Float.NaN;
    IndexingTest.same(new float[] {1, nan, nan}, Lax.cummax(Jnp.array(new float[] {1, nan, 3}), 0, false), 3);
    assertArrayEquals(new int[] {3, -6, -30, -210}, Jnp.cumprod(Jnp.array(new int[] {3, -2, 5, 7}), 0).toIntArray());
    assertArrayEquals(new int[] {3, 3, 5, 5}, Lax.cummax(Jnp.array(new int[] {3, -2, 5, 1}), 0, false).toIntArray());
    Array bools = Jnp.cumprod(Jnp.array(true, true, false), 0);
    assertTrue(bools.dtype() == DType.I32);
    assertArrayEquals(new int[] {1, 1, 0}, bools.toIntArray());
  }

  /** Products through a zero and maxima reached twice differentiate as JAX's associative scan does. */
  @Test
  void gradientsThroughZerosAndTies() {
    grads(new float[] {-3, 3, -67.5f, 0, 0, -97, -98, 204, -96, -40}, x -> Jnp.sum(Jnp.cumprod(x, 1).mul(W)));
    grads(new float[] {0, 0, -6, 2, 17, -16, -32, 88, -28, -9}, x -> Jnp.sum(Lax.cumprod(x, 1, true).mul(W)));
    grads(new float[] {6, 0, 0, 9, 0, 4.5f, 3.5f, 0, 2, 5}, x -> Jnp.sum(Lax.cummax(x, 1, false).mul(W)));
    grads(new float[] {1, 14, 0, 0, 0, 2, 1, 12, 0, 0}, x -> Jnp.sum(Lax.cummin(x, 1, false).mul(W)));
  }

  private static void grads(float[] want, Fn1<Array, Array> f) {
    IndexingTest.same(want, Olympus.grad(f).apply(X), 2, 5);
    IndexingTest.same(want, Olympus.jit(Olympus.grad(f)).apply(X), 2, 5);
  }

  @Test
  void vmapMovesTheAxis() {
    Fn1<Array, Array> perColumn = Olympus.vmap((Array c) -> Jnp.cumprod(c, 0), 1);
    IndexingTest.both(new float[] {1.5f, 3, -2, -4, 0, -0f, 3, 6, 0.5f, 2}, perColumn, X, 5, 2);
    Fn1<Array, Array> rowGrads = Olympus.vmap(Olympus.grad((Array r) -> Jnp.sum(Lax.cummax(r, 0, false).mul(W))));
    IndexingTest.both(new float[] {6, 0, 0, 9, 0, 4.5f, 3.5f, 0, 2, 5}, rowGrads, X, 2, 5);
  }

  /** A non-associative fn shows the exact pairing of JAX's algorithm. */
  @Test
  void associativeScanPairsAsJaxDoes() {
    assertArrayEquals(new int[] {0, 1, 3, 6, 10, 15, 21}, Lax.associativeScan(Lax::add, Jnp.arange(7), false, 0)
        .toIntArray());
    assertArrayEquals(new int[] {6, 6, 5, 3}, Lax.associativeScan(Lax::add, Jnp.arange(4), true, 0).toIntArray());
    assertArrayEquals(new int[] {0, -1, -3, 0, -4, 1}, Lax.associativeScan(Lax::sub, Jnp.arange(6), false, 0)
        .toIntArray());
    assertArrayEquals(new int[] {0, -1, -3, 0, -4, 1},
        Olympus.jit((Array v) -> Lax.associativeScan(Lax::sub, v, false, 0)).apply(Jnp.arange(6)).toIntArray());
  }

  @Test
  void flipReversesTheGivenAxesOrAll() {
    IndexingTest.both(new float[] {0.5f, 3, 0, -2, 1.5f, 4, 2, -1, 2, 2}, x -> Jnp.flip(x, -1), X, 2, 5);
    IndexingTest.both(new float[] {4, 2, -1, 2, 2, 0.5f, 3, 0, -2, 1.5f}, x -> Jnp.flip(x), X, 2, 5);
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
