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
 * 0.10.2 computes for the same calls ({@code tracer/src/test/python/make_indexing_values.py} writes
 * {@code indexing/values.txt}), eagerly, under jit, grad and vmap. Gathers copy elements and the sums here are of
 * a few exactly representable values, so results are exact (as 1e-6; integer results exactly), except the sines
 * of the last grad (float32, 1e-6).
 */
class IndexingTest {
  static final JaxValues WANT = JaxValues.load("/dev/olympus/indexing/values.txt");
  /** x = arange(12).reshape(3, 4) * 0.5 - 1. */
  static final Array X = Jnp.arange(12).astype(DType.F32).reshape(3, 4).mul(0.5).sub(1);
  static final Array I = Jnp.array(new int[] {2, -1, 0, 5});

  static void same(float[] want, Array got, int... shape) {
    assertArrayEquals(shape, got.shape());
    assertArrayEquals(want, got.toFloatArray(), 1e-6f);
  }

  static void check(String name, Array got) { WANT.check(name, got, 1e-6f); }

  /** Eagerly and under jit. */
  static void both(String name, Fn1<Array, Array> f, Array x) {
    check(name, f.apply(x));
    check(name, Olympus.jit(f).apply(x));
  }

  @Test
  void takeAlongEachAxisFillsOutOfRangeWithNaN() {
    both("take axis 0", x -> Jnp.take(x, I, 0), X);
    both("take axis 1", x -> Jnp.take(x, I, 1), X);
    both("take flat", x -> Jnp.take(x, Jnp.array(new int[] {0, 11, -2, 3}).reshape(2, 2)), X);
    // An integer gather fills with the most negative int32.
    WANT.checkExact("take int fill", Jnp.take(Jnp.arange(4), Jnp.array(new int[] {1, 9})));
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
    both("at get", x -> x.at(Jnp.array(new int[] {1, -1, 7})).get(), X);
    Array updates = Jnp.array(new float[] {1, 2, 3, 4}).reshape(4, 1);
    both("at add", x -> x.at(Jnp.array(new int[] {0, 2, 0, 9})).add(updates), X);
  }

  @Test
  void takeAlongAxisFollowsArgsortAndBroadcasts() {
    Fn1<Array, Array> descending = x -> Jnp.takeAlongAxis(x, Jnp.argsort(x.neg(), 1), 1);
    both("take_along_axis", descending, X);
    both("take_along_axis bcast", x -> Jnp.takeAlongAxis(x, Jnp.array(new int[] {3, 0, 1}).reshape(3, 1), 1), X);
  }

  /** The gradient of a gather is a scatter-add (rows taken twice get twice), and of a scatter-add a gather. */
  @Test
  void gradientsTransposeGatherAndScatterAdd() {
    Fn1<Array, Array> f = x -> Jnp.sum(Jnp.square(Jnp.take(x, Jnp.array(new int[] {2, 0, 2, 1}), 0)));
    both("grad take", Olympus.grad(f), X);
    Fn1<Array, Array> g = u -> Jnp.sum(Jnp.sin(X.at(Jnp.array(new int[] {1, 1, 2})).add(u)));
    both("grad at add", Olympus.grad(g), Jnp.ones(DType.F32, 3, 4));
  }

  /** Each batching case: the operand batched, the indices batched, both; and a batched scatter-add. */
  @Test
  void vmapOverTheOperandTheIndicesOrBoth() {
    both("vmap take x", Olympus.vmap((Array r) -> Jnp.take(r, Jnp.array(new int[] {3, 0}), 0)), X);
    Array ks = Jnp.array(new int[] {0, 1, 3, 3}).reshape(2, 2);
    both("vmap take i", Olympus.vmap((Array k) -> Jnp.take(X, k, 1)), ks);
    Array perRow = Jnp.array(new int[] {0, 1, 3, 3, 2, 1}).reshape(3, 2);
    Fn2<Array, Array, Array> takeRow = (r, k) -> Jnp.take(r, k, 0);
    check("vmap take both", Olympus.vmap(takeRow).apply(X, perRow));
    check("vmap take both", Olympus.jit(Olympus.vmap(takeRow)).apply(X, perRow));
    Fn2<Array, Array, Array> addRow = (r, k) -> r.at(k).add(10.0);
    Array at = Jnp.array(new int[] {0, 0, 3, 1, 2, 9}).reshape(3, 2);
    check("vmap at add", Olympus.vmap(addRow).apply(X, at));
    check("vmap at add", Olympus.jit(Olympus.vmap(addRow)).apply(X, at));
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
