package dev.olympus.numpy;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.Array;
import dev.olympus.DType;
import dev.olympus.Fn1;
import dev.olympus.Fn2;
import dev.olympus.Fn3;
import dev.olympus.Olympus;
import dev.olympus.errors.ShapeException;
import dev.olympus.lax.Lax;
import org.junit.jupiter.api.Test;

/**
 * {@code Lax.dynamicSlice} and {@code Lax.dynamicUpdateSlice} against the values JAX 0.10.2 prints for the same
 * calls ({@code tracer/src/test/python/make_dynamic_slice_values.py}): clamped and negative starts, eagerly and
 * under jit (where the starts are traced, so one kernel serves every start), grad and each vmap case. Slices
 * copy exactly; the gradients through sines are float32 (1e-6).
 */
class DynamicSliceTest {
  /** x = arange(20).reshape(4, 5) * 0.5 - 2. */
  static final Array X = Jnp.arange(20).astype(DType.F32).reshape(4, 5).mul(0.5).sub(2);
  static final Array U = Jnp.array(new float[] {10, 20, 30, 40}, 2, 2);

  static Array i(int v) { return Jnp.array(new int[] {v}).reshape(); }

  static Array example(Array stacked, int k) {
    return Lax.slice(stacked, new int[] {k, 0, 0}, new int[] {k + 1, 4, 5}, new int[] {1, 1, 1}).reshape(4, 5);
  }

  static Array slice(Array x, Array r, Array c) { return Lax.dynamicSlice(x, new Array[] {r, c}, 2, 3); }

  @Test
  void sliceClampsAndCountsNegativeStartsFromTheEnd() {
    Fn3<Array, Array, Array, Array> f = DynamicSliceTest::slice;
    Fn3<Array, Array, Array, Array> jf = Olympus.jit(f);
    for (Fn3<Array, Array, Array, Array> g : java.util.List.of(f, jf)) {
      IndexingTest.same(new float[] {1.5f, 2, 2.5f, 4, 4.5f, 5}, g.apply(X, i(1), i(2)), 2, 3);
      IndexingTest.same(new float[] {4, 4.5f, 5, 6.5f, 7, 7.5f}, g.apply(X, i(3), i(4)), 2, 3);
    }
    IndexingTest.same(new float[] {3, 3.5f, 5.5f, 6}, Lax.dynamicSlice(X, new Array[] {i(-1), i(-5)}, 2, 2), 2, 2);
    IndexingTest.same(new float[] {-1, -0.5f, 1.5f, 2, 4, 4.5f, 6.5f, 7},
        Lax.dynamicSliceInDim(X, i(2), 2, 1), 4, 2);
  }

  @Test
  void updateClampsAndCountsNegativeStartsFromTheEnd() {
    Fn3<Array, Array, Array, Array> f = (x, r, c) -> Lax.dynamicUpdateSlice(x, U, r, c);
    Fn3<Array, Array, Array, Array> jf = Olympus.jit(f);
    for (Fn3<Array, Array, Array, Array> g : java.util.List.of(f, jf)) {
      IndexingTest.same(new float[] {-2, -1.5f, -1, -0.5f, 0, 0.5f, 1, 10, 20, 2.5f, 3, 3.5f, 30, 40, 5, 5.5f, 6, 6.5f,
          7, 7.5f}, g.apply(X, i(1), i(2)), 4, 5);
      IndexingTest.same(new float[] {-2, -1.5f, -1, -0.5f, 0, 0.5f, 1, 1.5f, 2, 2.5f, 3, 3.5f, 4, 10, 20, 5.5f, 6, 6.5f,
          30, 40}, g.apply(X, i(9), i(9)), 4, 5);
      IndexingTest.same(new float[] {-2, -1.5f, -1, -0.5f, 0, 0.5f, 1, 1.5f, 2, 2.5f, 10, 20, 4, 4.5f, 5, 30, 40, 6.5f,
          7, 7.5f}, g.apply(X, i(-2), i(0)), 4, 5);
    }
  }

  @Test
  void gradientsPadTheSliceAndSplitTheUpdate() {
    Fn1<Array, Array> f = x -> Jnp.sum(Jnp.sin(slice(x, i(2), i(1))));
    float[] want = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -0.9364567f, -0.6536436f, -0.2107958f, 0, 0, 0.9601703f, 0.9765877f,
        0.7539023f, 0};
    IndexingTest.same(want, Olympus.grad(f).apply(X), 4, 5);
    IndexingTest.same(want, Olympus.jit(Olympus.grad(f)).apply(X), 4, 5);
    Fn2<Array, Array, Array> g = (x, u) -> Jnp.sum(Jnp.sin(Lax.dynamicUpdateSlice(x, u, i(0), i(3))));
    IndexingTest.same(new float[] {-0.4161468f, 0.0707372f, 0.5403023f, 0, 0, 0.8775826f, 0.5403023f, 0.0707372f, 0, 0,
        -0.9899925f, -0.9364567f, -0.6536436f, -0.2107958f, 0.2836622f, 0.7086698f, 0.9601703f, 0.9765877f, 0.7539023f,
        0.3466353f}, Olympus.<Array, Array, Array>grad(g, 0).apply(X, U), 4, 5);
    IndexingTest.same(new float[] {-0.8390715f, 0.4080821f, 0.1542515f, -0.6669381f},
        Olympus.jit(Olympus.<Array, Array, Array>grad(g, 1)).apply(X, U), 2, 2);
  }

  @Test
  void vmapOverStartsOperandOrBoth() {
    Array starts = Jnp.array(new int[] {0, 2, 3, 1});
    IndexingTest.same(new float[] {-2, -1.5f, 0.5f, 1, 4, 4.5f, 6.5f, 7, 4.5f, 5, 7, 7.5f, 1, 1.5f, 3.5f, 4},
        Olympus.vmap((Array s) -> Lax.dynamicSlice(X, new Array[] {s, s}, 2, 2)).apply(starts), 4, 2, 2);
    Fn2<Array, Array, Array> rowSlice = (r, s) -> Lax.dynamicSlice(r, new Array[] {s}, 3);
    float[] both = {-2, -1.5f, -1, 1.5f, 2, 2.5f, 4, 4.5f, 5, 6, 6.5f, 7};
    IndexingTest.same(both, Olympus.vmap(rowSlice).apply(X, starts), 4, 3);
    IndexingTest.same(both, Olympus.jit(Olympus.vmap(rowSlice)).apply(X, starts), 4, 3);
    IndexingTest.same(new float[] {-1.5f, -1, 1, 1.5f, 3.5f, 4, 6, 6.5f},
        Olympus.vmap((Array r) -> Lax.dynamicSlice(r, new Array[] {i(1)}, 2)).apply(X), 4, 2);

    Fn2<Array, Array, Array> rowUpdate = (r, s) -> Lax.dynamicUpdateSlice(r, Jnp.array(new float[] {7, 8}), s);
    float[] updated = {7, 8, -1, -0.5f, 0, 0.5f, 1, 7, 8, 2.5f, 3, 3.5f, 4, 7, 8, 5.5f, 7, 8, 7, 7.5f};
    IndexingTest.same(updated, Olympus.vmap(rowUpdate).apply(X, starts), 4, 5);
    IndexingTest.same(updated, Olympus.jit(Olympus.vmap(rowUpdate)).apply(X, starts), 4, 5);
    Array stacked = Olympus.vmap((Array s) -> Lax.dynamicUpdateSlice(X, U, s, i(1))).apply(starts);
    IndexingTest.same(new float[] {-2, 10, 20, -0.5f, 0, 0.5f, 30, 40, 2, 2.5f, 3, 3.5f, 4, 4.5f, 5, 5.5f, 6, 6.5f, 7,
        7.5f}, example(stacked, 0), 4, 5);
    IndexingTest.same(new float[] {-2, -1.5f, -1, -0.5f, 0, 0.5f, 10, 20, 2, 2.5f, 3, 30, 40, 4.5f, 5, 5.5f, 6, 6.5f, 7,
        7.5f}, example(stacked, 3), 4, 5);
    Fn2<Array, Array, Array> withRows = (r, v) -> Lax.dynamicUpdateSlice(r, v, i(2));
    IndexingTest.same(new float[] {-2, -1.5f, -20, -15, 0, 0.5f, 1, 5, 10, 2.5f, 3, 3.5f, 30, 35, 5, 5.5f, 6, 55, 60,
        7.5f}, Olympus.vmap(withRows).apply(X, Lax.slice(X, new int[] {0, 0}, new int[] {4, 2}, new int[] {1, 1}).mul(10)), 4, 5);
  }

  @Test
  void printsTheJaxprJaxPrints() {
    String ir = Olympus.makeIr((Fn2<Array, Array, Array>) (x, s) -> Lax.dynamicSlice(x, new Array[] {s, s}, 2, 2), X,
        i(1)).toString();
    assertTrue(ir.contains("dynamic_slice[slice_sizes=(2, 2)] a "), ir);
    String update = Olympus.makeIr((Fn3<Array, Array, Array, Array>) (x, u, s) -> Lax.dynamicUpdateSlice(x, u, s, s),
        X, U, i(1)).toString();
    assertTrue(update.contains(":f32[4,5] = dynamic_update_slice a b "), update);
  }

  @Test
  void badStartsSayWhatToPass() {
    ShapeException e = assertThrows(ShapeException.class, () -> Lax.dynamicSlice(X, new Array[] {i(0)}, 2, 2));
    assertTrue(e.getMessage().contains("one start per axis"), e.getMessage());
    e = assertThrows(ShapeException.class, () -> Lax.dynamicSlice(X, new Array[] {i(0), Jnp.literal(1.0)}, 2, 2));
    assertTrue(e.getMessage().contains("integer scalar"), e.getMessage());
    e = assertThrows(ShapeException.class, () -> Lax.dynamicSlice(X, new Array[] {i(0), i(0)}, 5, 2));
    assertTrue(e.getMessage().contains("slice size 5"), e.getMessage());
  }
}
