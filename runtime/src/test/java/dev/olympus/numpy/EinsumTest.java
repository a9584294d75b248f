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
 * {@code Jnp.einsum} against what JAX 0.10.2 prints for the same subscripts and operands (products of
 * quarter-integers in float32, so every value is exact), eagerly and under jit, its gradient, and its IR.
 * {@link EinsumJaxValuesTest} checks einsum against values a script computed with JAX and stored.
 */
class EinsumTest {
  static final Array A = Jnp.arange(24).astype(DType.F32).reshape(2, 3, 4).mul(0.25).sub(2);
  static final Array B = Jnp.arange(40).astype(DType.F32).reshape(2, 4, 5).mul(0.5).sub(3);
  static final Array M = Jnp.take(A, Jnp.array(new int[] {0}), 0).reshape(3, 4);
  static final Array N = Jnp.take(B, Jnp.array(new int[] {0}), 0).reshape(4, 5);
  static final Array V = Jnp.arange(4).astype(DType.F32);
  static final float[] MN = {-1.75f, -5, -8.25f, -11.5f, -14.75f, 1.25f, 0, -1.25f, -2.5f, -3.75f, 4.25f, 5, 5.75f, 6.5f,
      7.25f};
  static final float[] AB = {-1.75f, -5, -8.25f, -11.5f, -14.75f, 1.25f, 0, -1.25f, -2.5f, -3.75f, 4.25f, 5, 5.75f, 6.5f,
      7.25f, 62.25f, 65, 67.75f, 70.5f, 73.25f, 105.25f, 110, 114.75f, 119.5f, 124.25f, 148.25f, 155, 161.75f, 168.5f,
      175.25f};

  static void same(float[] want, String subscripts, Array... operands) {
    assertArrayEquals(want, Jnp.einsum(subscripts, operands).toFloatArray(), subscripts);
  }

  @Test
  void subscriptsAsJax() {
    same(MN, "ij,jk->ik", M, N);
    same(MN, "ij,jk", M, N);
    same(AB, "bij,bjk->bik", A, B);
    same(AB, "...ij,...jk->...ik", A, B);
    same(new float[] {-2, -1, 0, -1.75f, -0.75f, 0.25f, -1.5f, -0.5f, 0.5f, -1.25f, -0.25f, 0.75f}, "ij->ji", M);
    same(new float[] {-7.5f}, "ij->", M);
    same(new float[] {-8.5f, -2.5f, 3.5f}, "ij,j->i", M, V);
    same(new float[] {10.875f, 4.375f, -2.125f, 4.375f, 1.875f, -0.625f, -2.125f, -0.625f, 0.875f, 7.875f, 13.375f,
        18.875f, 13.375f, 22.875f, 32.375f, 18.875f, 32.375f, 45.875f}, "bij,bkj->bki", A, A);
    same(new float[] {0, 0, 0, 0, 1, 2, 0, 2, 4, 0, 3, 6}, "i,j->ij", V, Jnp.arange(3).astype(DType.F32));
    same(new float[] {66.25f, -36.875f, -140, -243.125f, 6.25f, -9.375f, -25, -40.625f, -53.75f, 18.125f, 90, 161.875f},
        "ij,jk,kl->il", M, N, Jnp.transpose(N));
    Fn2<Array, Array, Array> batched = (a, b) -> Jnp.einsum("bij,bjk->bik", a, b);
    assertArrayEquals(AB, Olympus.jit(batched).apply(A, B).toFloatArray());
  }

  @Test
  void oneDotGeneralAsJaxPrints() {
    String ir = Olympus.makeIr((Fn2<Array, Array, Array>) (a, b) -> Jnp.einsum("bij,bjk->bik", a, b), A, B).toString();
    assertTrue(ir.contains("c:f32[2,3,5] = dot_general[") && ir.contains("dimension_numbers=(([2], [1]), ([0], [0]))"), ir);
  }

  @Test
  void gradient() {
    Fn1<Array, Array> f = m -> Jnp.sum(Jnp.square(Jnp.einsum("ij,jk->ik", m, N)));
    float[] want = {132.5f, -73.75f, -280, -486.25f, 12.5f, -18.75f, -50, -81.25f, -107.5f, 36.25f, 180, 323.75f};
    assertArrayEquals(want, Olympus.grad(f).apply(M).toFloatArray());
    assertArrayEquals(want, Olympus.jit(Olympus.grad(f)).apply(M).toFloatArray());
  }

  /** A letter repeated within an operand takes the diagonal (values from jnp.einsum in JAX 0.10.2). */
  @Test
  void repeatedLettersTakeDiagonals() {
    Array m = Jnp.arange(9).astype(DType.F32).reshape(3, 3).sub(4);
    Array t = Jnp.arange(12).astype(DType.F32).reshape(2, 2, 3);
    Array v = Jnp.array(new float[] {1, -2, 0.5f});
    assertArrayEquals(new float[] {0}, Jnp.einsum("ii", m).toFloatArray());
    assertArrayEquals(new float[] {-4, 0, 4}, Jnp.einsum("ii->i", m).toFloatArray());
    assertArrayEquals(new float[] {0, 1, 2, 9, 10, 11}, Jnp.einsum("iij->ij", t).toFloatArray());
    assertArrayEquals(new float[] {9, 11, 13}, Jnp.einsum("iij->j", t).toFloatArray());
    // JAX's -0.0s (0 * -2 and the masked-out gradient) compare equal to 0 here: a delta of 0.
    assertArrayEquals(new float[] {-4, 0, 2}, Olympus.jit((Array a) -> Jnp.einsum("ii,i->i", a, v)).apply(m).toFloatArray(),
        0f);
    assertArrayEquals(new float[] {-8, 0, 0, 0, 0, 0, 0, 0, 8},
        Olympus.grad((Array a) -> Jnp.einsum("ii", a.mul(a))).apply(m).toFloatArray(), 0f);
  }

  @Test
  void badSubscriptsSayWhatIsWrong() {
    ShapeException e = assertThrows(ShapeException.class, () -> Jnp.einsum("ij,jk->ik", M));
    assertTrue(e.getMessage().contains("names 2 operands but 1 was passed"), e.getMessage());
    e = assertThrows(ShapeException.class, () -> Jnp.einsum("ij,jk->ik", M, M));
    assertTrue(e.getMessage().contains("gives 'j' size 4 and size 3"), e.getMessage());
    e = assertThrows(ShapeException.class, () -> Jnp.einsum("ii->i", M));
    assertTrue(e.getMessage().contains("gives 'i' size 3 and size 4"), e.getMessage());
    e = assertThrows(ShapeException.class, () -> Jnp.einsum("ij->iz", M));
    assertEquals("Jnp.einsum: the subscripts \"ij->iz\" has 'z' in the result but in no operand.",
        e.getMessage().lines().findFirst().orElse(""));
  }
}
