package dev.olympus.numpy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.Array;
import dev.olympus.DType;
import dev.olympus.Fn1;
import dev.olympus.Fn2;
import dev.olympus.Olympus;
import dev.olympus.errors.ShapeException;
import org.junit.jupiter.api.Test;

/**
 * {@code Jnp.take}, {@code Jnp.takeAlongAxis} and {@code x.at(i)} (gather and scatter-add) against the values JAX
 * 0.10.2 prints for the same calls ({@code tracer/src/test/python/make_indexing_values.py}), eagerly, under jit,
 * grad and vmap. Gathers copy elements and the sums here are of a few exactly representable values, so
 * results are exact, except the sines of the last grad (float32, 1e-6).
 */
class IndexingTest {
  static final float NAN = Float.NaN;
  /** x = arange(12).reshape(3, 4) * 0.5 - 1. */
  static final Array X = Jnp.arange(12).astype(DType.F32).reshape(3, 4).mul(0.5).sub(1);
  static final Array I = Jnp.array(new int[] {2, -1, 0, 5});

  static void same(float[] want, Array got, int... shape) {
    assertArrayEquals(shape, got.shape());
    assertArrayEquals(want, got.toFloatArray(), 1e-6f);
  }

  /** Eagerly and under jit. */
  static void both(float[] want, Fn1<Array, Array> f, Array x, int... shape) {
    same(want, f.apply(x), shape);
    same(want, Olympus.jit(f).apply(x), shape);
  }

  @Test
  void takeAlongEachAxisFillsOutOfRangeWithNaN() {
    both(new float[] {3, 3.5f, 4, 4.5f, 3, 3.5f, 4, 4.5f, -1, -0.5f, 0, 0.5f, NAN, NAN, NAN, NAN},
        x -> Jnp.take(x, I, 0), X, 4, 4);
    both(new float[] {0, 0.5f, -1, NAN, 2, 2.5f, 1, NAN, 4, 4.5f, 3, NAN}, x -> Jnp.take(x, I, 1), X, 3, 4);
    both(new float[] {-1, 4.5f, 4, 0.5f}, x -> Jnp.take(x, Jnp.array(new int[] {0, 11, -2, 3}).reshape(2, 2)), X, 2, 2);
    assertArrayEquals(new int[] {1, Integer.MIN_VALUE},
        Jnp.take(Jnp.arange(4), Jnp.array(new int[] {1, 9})).toIntArray());
  }

  @Test
  void printsTheGatherJaxPrints() {
    String ir = Olympus.makeIr((Fn2<Array, Array, Array>) (x, i) -> Jnp.take(x, i, 1), X, I).toString();
    assertTrue(ir.contains("gather[\n"
        + "      dimension_numbers=GatherDimensionNumbers(offset_dims=(0,), collapsed_slice_dims=(1,), start_index_map=(1,), "
        + "operand_batching_dims=(), start_indices_batching_dims=())\n"
        + "      fill_value=nan\n"
        + "      indices_are_sorted=False\n"
        + "      mode=GatherScatterMode.FILL_OR_DROP\n"
        + "      slice_sizes=(3, 1)\n"
        + "      unique_indices=False\n"
        + "    ] a f"), ir);
  }

  @Test
  void atGetClampsAndAtAddAccumulatesRepeatsAndDropsOutOfRange() {
    both(new float[] {1, 1.5f, 2, 2.5f, 3, 3.5f, 4, 4.5f, 3, 3.5f, 4, 4.5f},
        x -> x.at(Jnp.array(new int[] {1, -1, 7})).get(), X, 3, 4);
    Array updates = Jnp.array(new float[] {1, 2, 3, 4}).reshape(4, 1);
    both(new float[] {3, 3.5f, 4, 4.5f, 1, 1.5f, 2, 2.5f, 5, 5.5f, 6, 6.5f},
        x -> x.at(Jnp.array(new int[] {0, 2, 0, 9})).add(updates), X, 3, 4);
  }

  @Test
  void takeAlongAxisFollowsArgsortAndBroadcasts() {
    Fn1<Array, Array> descending = x -> Jnp.takeAlongAxis(x, Jnp.argsort(x.neg(), 1), 1);
    both(new float[] {0.5f, 0, -0.5f, -1, 2.5f, 2, 1.5f, 1, 4.5f, 4, 3.5f, 3}, descending, X, 3, 4);
    both(new float[] {0.5f, 1, 3.5f}, x -> Jnp.takeAlongAxis(x, Jnp.array(new int[] {3, 0, 1}).reshape(3, 1), 1), X, 3, 1);
  }

  /** The gradient of a gather is a scatter-add (rows taken twice get twice), and of a scatter-add a gather. */
  @Test
  void gradientsTransposeGatherAndScatterAdd() {
    Fn1<Array, Array> f = x -> Jnp.sum(Jnp.square(Jnp.take(x, Jnp.array(new int[] {2, 0, 2, 1}), 0)));
    float[] want = {-2, -1, 0, 1, 2, 3, 4, 5, 12, 14, 16, 18};
    same(want, Olympus.grad(f).apply(X), 3, 4);
    same(want, Olympus.jit(Olympus.grad(f)).apply(X), 3, 4);
    Fn1<Array, Array> g = u -> Jnp.sum(Jnp.sin(X.at(Jnp.array(new int[] {1, 1, 2})).add(u)));
    float[] wantU = {-0.9899925f, -0.9364567f, -0.6536436f, -0.2107958f, -0.9899925f, -0.9364567f, -0.6536436f,
        -0.2107958f, -0.6536436f, -0.2107958f, 0.2836622f, 0.7086698f};
    same(wantU, Olympus.grad(g).apply(Jnp.ones(DType.F32, 3, 4)), 3, 4);
    same(wantU, Olympus.jit(Olympus.grad(g)).apply(Jnp.ones(DType.F32, 3, 4)), 3, 4);
  }

  /** Each batching case: the operand batched, the indices batched, both; and a batched scatter-add. */
  @Test
  void vmapOverTheOperandTheIndicesOrBoth() {
    both(new float[] {0.5f, -1, 2.5f, 1, 4.5f, 3},
        Olympus.vmap((Array r) -> Jnp.take(r, Jnp.array(new int[] {3, 0}), 0)), X, 3, 2);
    Array ks = Jnp.array(new int[] {0, 1, 3, 3}).reshape(2, 2);
    both(new float[] {-1, -0.5f, 1, 1.5f, 3, 3.5f, 0.5f, 0.5f, 2.5f, 2.5f, 4.5f, 4.5f},
        Olympus.vmap((Array k) -> Jnp.take(X, k, 1)), ks, 2, 3, 2);
    Array perRow = Jnp.array(new int[] {0, 1, 3, 3, 2, 1}).reshape(3, 2);
    Fn2<Array, Array, Array> takeRow = (r, k) -> Jnp.take(r, k, 0);
    same(new float[] {-1, -0.5f, 2.5f, 2.5f, 4, 3.5f}, Olympus.vmap(takeRow).apply(X, perRow), 3, 2);
    same(new float[] {-1, -0.5f, 2.5f, 2.5f, 4, 3.5f}, Olympus.jit(Olympus.vmap(takeRow)).apply(X, perRow), 3, 2);
    Fn2<Array, Array, Array> addRow = (r, k) -> r.at(k).add(10.0);
    Array at = Jnp.array(new int[] {0, 0, 3, 1, 2, 9}).reshape(3, 2);
    same(new float[] {19, -0.5f, 0, 0.5f, 1, 11.5f, 2, 12.5f, 3, 3.5f, 14, 4.5f}, Olympus.vmap(addRow).apply(X, at), 3, 4);
    same(new float[] {19, -0.5f, 0, 0.5f, 1, 11.5f, 2, 12.5f, 3, 3.5f, 14, 4.5f},
        Olympus.jit(Olympus.vmap(addRow)).apply(X, at), 3, 4);
  }

  @Test
  void badIndicesSayWhatToDo() {
    ShapeException e = assertThrows(ShapeException.class, () -> Jnp.take(X, Jnp.array(new float[] {1f}), 0));
    assertTrue(e.getMessage().contains("indices must be integers") && e.getMessage().contains("astype"), e.getMessage());
    e = assertThrows(ShapeException.class, () -> Jnp.takeAlongAxis(X, Jnp.array(new int[] {0, 1}), 1));
    assertTrue(e.getMessage().contains("rank of x"), e.getMessage());
    assertEquals(0, Jnp.take(X, Jnp.zeros(DType.I32, 0), 0).shape()[0]);
  }
}
