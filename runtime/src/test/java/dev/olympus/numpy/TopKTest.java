package dev.olympus.numpy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.Array;
import dev.olympus.Fn1;
import dev.olympus.Olympus;
import dev.olympus.errors.ShapeException;
import dev.olympus.lax.Lax;
import org.junit.jupiter.api.Test;

/**
 * {@code Lax.topK} against what JAX 0.10.2 prints for {@code jax.lax.top_k} on the same rows (NaN largest, ties
 * in index order), its IR, its gradient (the tangent taken at the indices) and vmap over another axis. The
 * values are copies and the gradient 2x of them, so everything is exact. {@link TopKJaxValuesTest} checks top_k
 * against values a script computed with JAX and stored.
 */
class TopKTest {
  static final float NAN = Float.NaN;
  static final Array X = Jnp.array(new float[] {3, 1, 4, 1, 5, 9, 2, 6, 5, 3, NAN, 1, 1, 2, -1}).reshape(3, 5);

  @Test
  void valuesAndIndicesAsJax() {
    Lax.TopK top = Lax.topK(X, 3);
    assertArrayEquals(new float[] {5, 4, 3, 9, 6, 5, NAN, 2, 1}, top.values().toFloatArray());
    assertArrayEquals(new int[] {4, 2, 0, 0, 2, 3, 0, 3, 1}, top.indices().toIntArray());
    Fn1<Array, Array> indices = x -> Lax.topK(x, 3).indices();
    assertArrayEquals(new int[] {4, 2, 0, 0, 2, 3, 0, 3, 1}, Olympus.jit(indices).apply(X).toIntArray());
    assertEquals("{ lambda ; a:f32[3,5]. let _:f32[3,2] b:i32[3,2] = top_k[axis=1 k=2] a in (b,) }",
        Olympus.makeIr((Fn1<Array, Array>) x -> Lax.topK(x, 2).indices(), X).toString());
  }

  @Test
  void gradientFlowsToThePickedElements() {
    Fn1<Array, Array> f = x -> Jnp.sum(Jnp.square(Lax.topK(x, 2).values()));
    float[] want = {0, 0, 8, 0, 10, 18, 0, 12, 0, 0, NAN, 0, 0, 4, 0};
    assertArrayEquals(want, Olympus.grad(f).apply(X).toFloatArray());
    assertArrayEquals(want, Olympus.jit(Olympus.grad(f)).apply(X).toFloatArray());
  }

  @Test
  void vmapOverTheColumns() {
    Fn1<Array, Array> top2 = r -> Lax.topK(r, 2).indices();
    assertArrayEquals(new int[] {2, 1, 1, 0, 1, 0, 1, 2, 0, 1}, Olympus.vmap(top2, 1).apply(X).toIntArray());
  }

  @Test
  void kOutOfRangeIsAShapeError() {
    ShapeException e = assertThrows(ShapeException.class, () -> Lax.topK(X, 6));
    assertTrue(e.getMessage().contains("k = 6 must be between 0 and the 5 elements"), e.getMessage());
  }
}
