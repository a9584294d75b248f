package dev.olympus.numpy;

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
 * the values JAX 0.10.2 computes for the same calls ({@code tracer/src/test/python/make_scatter_values.py} writes
 * {@code scatter/values.txt}), eagerly, under jit, grad and vmap. Scatters copy or combine a few exactly
 * representable values, so those are exact (as 1e-6; integer and bool results exactly); the gradients through
 * sines and the shared max tangent (JAX computes 1/(n+1) sums in float32, hence its 1.0000001) are within 1e-6.
 */
class ScatterTest {
  static final JaxValues WANT = JaxValues.load("/dev/olympus/scatter/values.txt");
  /** x = arange(12).reshape(3, 4) * 0.5 - 1. */
  static final Array X = IndexingTest.X;
  /** Repeats (2), a negative index and one out of range (7, dropped). */
  static final Array I = Jnp.array(new int[] {2, 0, 2, 7, -1});
  static final Array V = Jnp.array(new float[] {1, -2, 3, 4, 5}).reshape(5, 1)
      .mul(Jnp.array(new float[] {1, 0.5f, -1, 2}));

  static void check(String name, Array got) { WANT.check(name, got, 1e-6f); }

  /** Eagerly and under jit. */
  static void both(String name, Fn1<Array, Array> f, Array x) {
    check(name, f.apply(x));
    check(name, Olympus.jit(f).apply(x));
  }

  @Test
  void setMulMinMaxAtRepeatedNegativeAndDroppedIndices() {
    // Of the two updates at row 2 (index 2 and -1), the later wins, as on XLA's CPU.
    both("set", x -> x.at(I).set(V), X);
    both("mul", x -> x.at(I).mul(V), X);
    both("min", x -> x.at(I).min(V), X);
    both("max", x -> x.at(I).max(V), X);
    both("divide", x -> x.at(I).divide(2.0), X);
    both("power", x -> x.at(Jnp.array(new int[] {1, 1})).power(2.0), X);
  }

  @Test
  void integerAndBoolOperands() {
    WANT.checkExact("int set", Jnp.arange(5).at(Jnp.array(new int[] {4, 0})).set(Jnp.array(new int[] {7, 9})));
    WANT.checkExact("int max", Jnp.arange(5).at(Jnp.array(new int[] {1, 1, 3})).max(Jnp.array(new int[] {4, 2, 1})));
    Array flags = Olympus.jit((Array z) -> z.at(Jnp.array(new int[] {1, 3})).set(Jnp.array(true)))
        .apply(Jnp.zeros(DType.BOOL, 4));
    WANT.checkExact("bool set", flags);
  }

  /** A window of two axes, clamped into the operand at its far corner. */
  @Test
  void laxScatterWithTwoDimensionalWindowsClipped() {
    ScatterDimensionNumbers dn = new ScatterDimensionNumbers(new int[] {1, 2}, new int[0], new int[] {0, 1}, new int[0],
        new int[0]);
    Array at = Jnp.array(new int[] {0, 0, 3, 4}, 2, 2);
    Array updates = Jnp.arange(8).astype(DType.F32).reshape(2, 2, 2).add(1);
    both("lax scatter clip", z -> Lax.scatter(z, at, updates, dn, GatherScatterMode.CLIP), Jnp.zeros(DType.F32, 4, 5));
    both("lax scatter_min clip", z -> Lax.scatterMin(z, at, updates, dn, GatherScatterMode.CLIP),
        Jnp.full(DType.F32, 3, 4, 5));
    both("lax scatter_max clip", z -> Lax.scatterMax(z, at, updates, dn, GatherScatterMode.CLIP),
        Jnp.full(DType.F32, 3, 4, 5));
  }

  /** With repeats, the update that survived takes the tangent; rows it replaced get none. */
  @Test
  void gradientOfSetFollowsTheSurvivingUpdate() {
    Array w = Jnp.array(new float[] {1, 2, 3, 4}).reshape(1, 4);
    Fn2<Array, Array, Array> f = (x, v) -> Jnp.sum(Jnp.sin(x.at(I).set(v)).mul(w));
    check("grad set x", Olympus.<Array, Array, Array>grad(f, 0).apply(X, V));
    check("grad set v", Olympus.<Array, Array, Array>grad(f, 1).apply(X, V));
    check("grad set v", Olympus.jit(Olympus.<Array, Array, Array>grad(f, 1)).apply(X, V));
  }

  /** Ties share: two updates equal to the max split its cotangent, and with the operand element three ways. */
  @Test
  void gradientOfMaxSharesTiesAsJaxDoes() {
    Array m = Jnp.array(new float[] {0, 1, 2, 2, 0, 1}, 2, 3);
    Array mi = Jnp.array(new int[] {0, 0, 1});
    Array mv = Jnp.array(new float[] {2, 2, 0.5f}).reshape(3, 1).mul(Jnp.ones(DType.F32, 1, 3));
    Array weights = Jnp.array(new float[] {1, 2, 3});
    Fn2<Array, Array, Array> g = (a, u) -> Jnp.sum(a.at(mi).max(u).mul(weights));
    check("max value", m.at(mi).max(mv));
    check("grad max m", Olympus.<Array, Array, Array>grad(g, 0).apply(m, mv));
    check("grad max v", Olympus.<Array, Array, Array>grad(g, 1).apply(m, mv));
    check("grad max v", Olympus.jit(Olympus.<Array, Array, Array>grad(g, 1)).apply(m, mv));
  }

  @Test
  void gradientOfMulInTheOperandAndAClearErrorInTheUpdates() {
    Fn1<Array, Array> h = x -> Jnp.sum(Jnp.square(x.at(I).mul(V)));
    both("grad mul x", Olympus.grad(h), X);
    Fn1<Array, Array> inUpdates = v -> Jnp.sum(X.at(I).mul(v));
    OlympusException e = assertThrows(OlympusException.class, () -> Olympus.grad(inUpdates).apply(V));
    assertTrue(e.getMessage().contains("unique indices"), e.getMessage());
  }

  @Test
  void vmapOfSet() {
    Fn2<Array, Array, Array> setRow = (r, k) -> r.at(k).set(9.0);
    Array at = Jnp.array(new int[] {0, 0, 3, 1, 2, 9}).reshape(3, 2);
    check("vmap set", Olympus.vmap(setRow).apply(X, at));
    check("vmap set", Olympus.jit(Olympus.vmap(setRow)).apply(X, at));
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
