package dev.olympus.batching;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.olympus.Array;
import dev.olympus.Fn2;
import dev.olympus.Fn3;
import dev.olympus.numpy.Jnp;
import org.junit.jupiter.api.Test;

/**
 * vmap of {@code select_n} whose per-example operands are scalars, some batched and some not: a 0-d case is not
 * broadcast by the primitive (unlike a binary op's scalar operand), so the batching rule has to. Each result is
 * checked against the loop over the batch, written out. Found by the differential test (tests/difftest).
 */
class SelectNVmapTest {
  private static final Array C = Jnp.array(new boolean[] {true, false, true}, 3);
  private static final Array X = Jnp.array(new float[] {1, 2, 3});

  @Test
  void scalarLiteralCaseWithBatchedCondition() {
    // where(c, 10.0, 0.0) per example: the cases are unbatched scalars, the selector is batched.
    Fn2<Array, Array, Array> f = (c, x) -> Jnp.where(c, 10.0, 0.0);
    assertArrayEquals(new float[] {10, 0, 10}, Vmap.vmap(f, new int[] {0, 0}, 0).apply(C, X).toFloatArray());
  }

  @Test
  void batchedCaseWithUnbatchedScalarCase() {
    // where(c, x, 0.0): x batched, 0.0 not; the condition batched, or shared by the batch.
    Fn2<Array, Array, Array> f = (c, x) -> Jnp.where(c, x, 0.0);
    assertArrayEquals(new float[] {1, 0, 3}, Vmap.vmap(f, new int[] {0, 0}, 0).apply(C, X).toFloatArray());
    Array shared = Jnp.scalar(false);
    assertArrayEquals(new float[] {0, 0, 0}, Vmap.vmap(f, new int[] {-1, 0}, 0).apply(shared, X).toFloatArray());
  }

  @Test
  void batchedSelectorOverUnbatchedArrays() {
    // Per example: c is a scalar, x and y rows of two; only c is batched.
    Fn3<Array, Array, Array, Array> f = (c, x, y) -> Jnp.where(c, x, y);
    Array x = Jnp.array(new float[] {1, 2}), y = Jnp.array(new float[] {-1, -2});
    float[] want = {1, 2, -1, -2, 1, 2};
    assertArrayEquals(want, Vmap.vmap(f, new int[] {0, -1, -1}, 0).apply(C, x, y).toFloatArray());
  }
}
