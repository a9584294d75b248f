package dev.olympus.numpy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.Array;
import dev.olympus.DType;
import dev.olympus.Fn1;
import dev.olympus.Fn2;
import dev.olympus.Olympus;
import dev.olympus.errors.OlympusException;
import dev.olympus.lax.Lax;
import dev.olympus.primitive.GatherScatterMode;
import dev.olympus.primitive.ScatterDimensionNumbers;
import org.junit.jupiter.api.Test;

/**
 * {@code x.at(i).set/mul/min/max/divide/power} and {@code Lax.scatter/scatterMul/scatterMin/scatterMax} against
 * the values JAX 0.10.2 prints for the same calls ({@code tracer/src/test/python/make_scatter_values.py}),
 * eagerly, under jit, grad and vmap. Scatters copy or combine a few exactly representable values, so those are
 * exact; the gradients through sines and the shared max tangent (JAX computes 1/(n+1) sums in float32, hence its
 * 1.0000001) are within 1e-6.
 */
class ScatterTest {
  /** x = arange(12).reshape(3, 4) * 0.5 - 1. */
  static final Array X = IndexingTest.X;
  /** Repeats (2), a negative index and one out of range (7, dropped). */
  static final Array I = Jnp.array(new int[] {2, 0, 2, 7, -1});
  static final Array V = Jnp.array(new float[] {1, -2, 3, 4, 5}).reshape(5, 1)
      .mul(Jnp.array(new float[] {1, 0.5f, -1, 2}));

  static void both(float[] want, Fn1<Array, Array> f, Array x, int... shape) {
    IndexingTest.both(want, f, x, shape);
  }

  @Test
  void setMulMinMaxAtRepeatedNegativeAndDroppedIndices() {
    // Of the two updates at row 2 (index 2 and -1), the later wins, as on XLA's CPU.
    both(new float[] {-2, -1, 2, -4, 1, 1.5f, 2, 2.5f, 5, 2.5f, -5, 10}, x -> x.at(I).set(V), X, 3, 4);
    both(new float[] {2, 0.5f, 0, -2, 1, 1.5f, 2, 2.5f, 45, 6.5625f, -60, 540}, x -> x.at(I).mul(V), X, 3, 4);
    both(new float[] {-2, -1, 0, -4, 1, 1.5f, 2, 2.5f, 1, 0.5f, -5, 2}, x -> x.at(I).min(V), X, 3, 4);
    both(new float[] {-1, -0.5f, 2, 0.5f, 1, 1.5f, 2, 2.5f, 5, 3.5f, 4, 10}, x -> x.at(I).max(V), X, 3, 4);
    both(new float[] {-0.5f, -0.25f, 0, 0.25f, 1, 1.5f, 2, 2.5f, 0.375f, 0.4375f, 0.5f, 0.5625f},
        x -> x.at(I).divide(2.0), X, 3, 4);
    both(new float[] {-1, -0.5f, 0, 0.5f, 1, 5.0625f, 16, 39.0625f, 3, 3.5f, 4, 4.5f},
        x -> x.at(Jnp.array(new int[] {1, 1})).power(2.0), X, 3, 4);
  }

  @Test
  void integerAndBoolOperands() {
    assertArrayEquals(new int[] {9, 1, 2, 3, 7},
        Jnp.arange(5).at(Jnp.array(new int[] {4, 0})).set(Jnp.array(new int[] {7, 9})).toIntArray());
    assertArrayEquals(new int[] {0, 4, 2, 3, 4},
        Jnp.arange(5).at(Jnp.array(new int[] {1, 1, 3})).max(Jnp.array(new int[] {4, 2, 1})).toIntArray());
    Array flags = Olympus.jit((Array z) -> z.at(Jnp.array(new int[] {1, 3})).set(Jnp.array(true)))
        .apply(Jnp.zeros(DType.BOOL, 4));
    assertArrayEquals(new int[] {0, 1, 0, 1}, flags.toIntArray());
  }

  /** A window of two axes, clamped into the operand at its far corner. */
  @Test
  void laxScatterWithTwoDimensionalWindowsClipped() {
    ScatterDimensionNumbers dn = new ScatterDimensionNumbers(new int[] {1, 2}, new int[0], new int[] {0, 1}, new int[0],
        new int[0]);
    Array at = Jnp.array(new int[] {0, 0, 3, 4}, 2, 2);
    Array updates = Jnp.arange(8).astype(DType.F32).reshape(2, 2, 2).add(1);
    both(new float[] {1, 2, 0, 0, 0, 3, 4, 0, 0, 0, 0, 0, 0, 5, 6, 0, 0, 0, 7, 8},
        z -> Lax.scatter(z, at, updates, dn, GatherScatterMode.CLIP), Jnp.zeros(DType.F32, 4, 5), 4, 5);
    float[] mins = new float[20];
    java.util.Arrays.fill(mins, 3);
    mins[0] = 1;
    mins[1] = 2;
    both(mins, z -> Lax.scatterMin(z, at, updates, dn, GatherScatterMode.CLIP), Jnp.full(DType.F32, 3, 4, 5), 4, 5);
    float[] maxes = {3, 3, 3, 3, 3, 3, 4, 3, 3, 3, 3, 3, 3, 5, 6, 3, 3, 3, 7, 8};
    both(maxes, z -> Lax.scatterMax(z, at, updates, dn, GatherScatterMode.CLIP), Jnp.full(DType.F32, 3, 4, 5), 4, 5);
  }

  /** With repeats, the update that survived takes the tangent; rows it replaced get none. */
  @Test
  void gradientOfSetFollowsTheSurvivingUpdate() {
    Array w = Jnp.array(new float[] {1, 2, 3, 4}).reshape(1, 4);
    Fn2<Array, Array, Array> f = (x, v) -> Jnp.sum(Jnp.sin(x.at(I).set(v)).mul(w));
    float[] wantX = {0, 0, 0, 0, 0.5403023f, 0.1414744f, -1.2484405f, -3.2045743f, 0, 0, 0, 0};
    float[] wantV = {0, 0, 0, 0, -0.4161468f, 1.0806046f, -1.2484405f, -2.6145744f, 0, 0, 0, 0, 0, 0, 0, 0,
        0.2836622f, -1.6022872f, 0.8509866f, -3.356286f};
    IndexingTest.same(wantX, Olympus.<Array, Array, Array>grad(f, 0).apply(X, V), 3, 4);
    IndexingTest.same(wantV, Olympus.<Array, Array, Array>grad(f, 1).apply(X, V), 5, 4);
    IndexingTest.same(wantV, Olympus.jit(Olympus.<Array, Array, Array>grad(f, 1)).apply(X, V), 5, 4);
  }

  /** Ties share: two updates equal to the max split its cotangent, and with the operand element three ways. */
  @Test
  void gradientOfMaxSharesTiesAsJaxDoes() {
    Array m = Jnp.array(new float[] {0, 1, 2, 2, 0, 1}, 2, 3);
    Array mi = Jnp.array(new int[] {0, 0, 1});
    Array mv = Jnp.array(new float[] {2, 2, 0.5f}).reshape(3, 1).mul(Jnp.ones(DType.F32, 1, 3));
    Array weights = Jnp.array(new float[] {1, 2, 3});
    Fn2<Array, Array, Array> g = (a, u) -> Jnp.sum(a.at(mi).max(u).mul(weights));
    IndexingTest.same(new float[] {2, 2, 2, 2, 0.5f, 1}, m.at(mi).max(mv), 2, 3);
    IndexingTest.same(new float[] {0, 0, 1, 1, 0, 3}, Olympus.<Array, Array, Array>grad(g, 0).apply(m, mv), 2, 3);
    IndexingTest.same(new float[] {0.5f, 1, 1, 0.5f, 1, 1, 0, 2, 0}, Olympus.<Array, Array, Array>grad(g, 1).apply(m, mv),
        3, 3);
    IndexingTest.same(new float[] {0.5f, 1, 1, 0.5f, 1, 1, 0, 2, 0},
        Olympus.jit(Olympus.<Array, Array, Array>grad(g, 1)).apply(m, mv), 3, 3);
  }

  @Test
  void gradientOfMulInTheOperandAndAClearErrorInTheUpdates() {
    Fn1<Array, Array> h = x -> Jnp.sum(Jnp.square(x.at(I).mul(V)));
    both(new float[] {-8, -1, 0, 16, 2, 3, 4, 5, 1350, 24.609375f, 1800, 129600}, Olympus.grad(h), X, 3, 4);
    Fn1<Array, Array> inUpdates = v -> Jnp.sum(X.at(I).mul(v));
    OlympusException e = assertThrows(OlympusException.class, () -> Olympus.grad(inUpdates).apply(V));
    assertTrue(e.getMessage().contains("unique indices"), e.getMessage());
  }

  @Test
  void vmapOfSet() {
    Fn2<Array, Array, Array> setRow = (r, k) -> r.at(k).set(9.0);
    Array at = Jnp.array(new int[] {0, 0, 3, 1, 2, 9}).reshape(3, 2);
    float[] want = {9, -0.5f, 0, 0.5f, 1, 9, 2, 9, 3, 3.5f, 9, 4.5f};
    IndexingTest.same(want, Olympus.vmap(setRow).apply(X, at), 3, 4);
    IndexingTest.same(want, Olympus.jit(Olympus.vmap(setRow)).apply(X, at), 3, 4);
  }

  @Test
  void printsTheUpdateJaxprJaxPrints() {
    String ir = Olympus.makeIr((Fn2<Array, Array, Array>) (x, i) -> x.at(i).mul(2.0), X, Jnp.array(new int[] {0, 2}))
        .toString();
    assertTrue(ir.contains("    h:f32[3,4] = scatter-mul[\n"
        + "      dimension_numbers=ScatterDimensionNumbers(update_window_dims=(1,), inserted_window_dims=(0,), "
        + "scatter_dims_to_operand_dims=(0,), operand_batching_dims=(), scatter_indices_batching_dims=())\n"
        + "      indices_are_sorted=False\n"
        + "      mode=GatherScatterMode.FILL_OR_DROP\n"
        + "      unique_indices=False\n"
        + "      update_consts=()\n"
        + "      update_jaxpr={ lambda ; i:f32[] j:f32[]. let k:f32[] = mul i j in (k,) }\n"
        + "    ] a f g"), ir);
    String set = Olympus.makeIr((Fn2<Array, Array, Array>) (x, i) -> x.at(i).set(2.0), X, Jnp.array(new int[] {0, 2}))
        .toString();
    assertTrue(set.contains("update_jaxpr=None\n    ] a f g"), set);
  }
}
