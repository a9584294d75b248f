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
 * {@code Lax.dynamicSlice} and {@code Lax.dynamicUpdateSlice} against the values JAX 0.10.2 computes for the
 * same calls ({@code tracer/src/test/python/make_dynamic_slice_values.py} writes {@code dynamic_slice/values.txt}):
 * clamped and negative starts, eagerly and under jit (where the starts are traced, so one kernel serves every
 * start), grad and each vmap case. Slices copy exactly; the gradients through sines are float32 (1e-6).
 */
class DynamicSliceTest {
  static final JaxValues WANT = JaxValues.load("/dev/olympus/dynamic_slice/values.txt");

  static void check(String name, Array got) { WANT.check(name, got, 1e-6f); }

  /** x = arange(20).reshape(4, 5) * 0.5 - 2. */
  static final Array X = Jnp.arange(20).astype(DType.F32).reshape(4, 5).mul(0.5).sub(2);
  static final Array U = Jnp.array(new float[] {10, 20, 30, 40}, 2, 2);

  static Array i(int v) { return Jnp.array(new int[] {v}).reshape(); }

  static Array slice(Array x, Array r, Array c) { return Lax.dynamicSlice(x, new Array[] {r, c}, 2, 3); }

  @Test
  void sliceClampsAndCountsNegativeStartsFromTheEnd() {
    Fn3<Array, Array, Array, Array> f = DynamicSliceTest::slice;
    Fn3<Array, Array, Array, Array> jf = Olympus.jit(f);
    for (Fn3<Array, Array, Array, Array> g : java.util.List.of(f, jf)) {
      check("slice 1 2", g.apply(X, i(1), i(2)));
      check("slice clamped 3 4", g.apply(X, i(3), i(4)));
    }
    check("slice negative -1 -5", Lax.dynamicSlice(X, new Array[] {i(-1), i(-5)}, 2, 2));
    check("slice in dim 2 2 axis 1", Lax.dynamicSliceInDim(X, i(2), 2, 1));
  }

  @Test
  void updateClampsAndCountsNegativeStartsFromTheEnd() {
    Fn3<Array, Array, Array, Array> f = (x, r, c) -> Lax.dynamicUpdateSlice(x, U, r, c);
    Fn3<Array, Array, Array, Array> jf = Olympus.jit(f);
    for (Fn3<Array, Array, Array, Array> g : java.util.List.of(f, jf)) {
      check("update 1 2", g.apply(X, i(1), i(2)));
      check("update clamped 9 9", g.apply(X, i(9), i(9)));
      check("update negative -2 0", g.apply(X, i(-2), i(0)));
    }
  }

  @Test
  void gradientsPadTheSliceAndSplitTheUpdate() {
    Fn1<Array, Array> f = x -> Jnp.sum(Jnp.sin(slice(x, i(2), i(1))));
    check("grad slice", Olympus.grad(f).apply(X));
    check("grad slice", Olympus.jit(Olympus.grad(f)).apply(X));
    Fn2<Array, Array, Array> g = (x, u) -> Jnp.sum(Jnp.sin(Lax.dynamicUpdateSlice(x, u, i(0), i(3))));
    check("grad update x", Olympus.<Array, Array, Array>grad(g, 0).apply(X, U));
    check("grad update u", Olympus.jit(Olympus.<Array, Array, Array>grad(g, 1)).apply(X, U));
  }

  @Test
  void vmapOverStartsOperandOrBoth() {
    Array starts = Jnp.array(new int[] {0, 2, 3, 1});
    check("vmap slice starts", Olympus.vmap((Array s) -> Lax.dynamicSlice(X, new Array[] {s, s}, 2, 2)).apply(starts));
    Fn2<Array, Array, Array> rowSlice = (r, s) -> Lax.dynamicSlice(r, new Array[] {s}, 3);
    check("vmap slice both", Olympus.vmap(rowSlice).apply(X, starts));
    check("vmap slice both", Olympus.jit(Olympus.vmap(rowSlice)).apply(X, starts));
    check("vmap slice operand", Olympus.vmap((Array r) -> Lax.dynamicSlice(r, new Array[] {i(1)}, 2)).apply(X));

    Fn2<Array, Array, Array> rowUpdate = (r, s) -> Lax.dynamicUpdateSlice(r, Jnp.array(new float[] {7, 8}), s);
    check("vmap update both", Olympus.vmap(rowUpdate).apply(X, starts));
    check("vmap update both", Olympus.jit(Olympus.vmap(rowUpdate)).apply(X, starts));
    // The whole stack: one updated copy of X per start.
    check("vmap update starts", Olympus.vmap((Array s) -> Lax.dynamicUpdateSlice(X, U, s, i(1))).apply(starts));
    Fn2<Array, Array, Array> withRows = (r, v) -> Lax.dynamicUpdateSlice(r, v, i(2));
    check("vmap update operand",
        Olympus.vmap(withRows).apply(X, Lax.slice(X, new int[] {0, 0}, new int[] {4, 2}, new int[] {1, 1}).mul(10)));
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
