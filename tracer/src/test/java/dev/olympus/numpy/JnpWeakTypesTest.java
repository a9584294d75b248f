package dev.olympus.numpy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.Array;
import dev.olympus.DType;
import dev.olympus.Fn1;
import dev.olympus.ir.ClosedIr;
import dev.olympus.transform.Staging;
import org.junit.jupiter.api.Test;

/**
 * Weak types of jnp results where JAX's rule is not the plain promotion of the operands, each checked against
 * jax 0.10.2 ({@code .weak_type} of the result). Found by the differential test (tests/difftest).
 */
class JnpWeakTypesTest {
  /** {@code jnp.arange(4).reshape(2, 2) + 1.5}: a weakly typed f32 array, [[1.5, 2.5], [3.5, 4.5]]. */
  private static Array weakFloats() { return Jnp.arange(4).reshape(2, 2).add(1.5); }

  /**
   * jnp reductions return strongly typed arrays whatever their operand's weak type: JAX's {@code _reduction}
   * converts the operand with {@code convert_element_type[weak_type=False]} first, so
   * {@code jnp.sum(jnp.arange(3) + 1.5).weak_type} is False, as are max, min and mean.
   */
  @Test
  void reductionsOfWeakArraysAreStrong() {
    Array w = weakFloats();
    assertTrue(w.weakType());
    for (Array r : new Array[] {Jnp.sum(w), Jnp.sum(w, 1), Jnp.max(w, 0), Jnp.min(w), Jnp.mean(w, 1), w.sum(), w.max()}) {
      assertEquals(DType.F32, r.dtype());
      assertFalse(r.weakType(), "a reduction of a weak array is strongly typed: " + r);
    }
    assertArrayEquals(new float[] {4f, 8f}, Jnp.sum(w, 1).toFloatArray());
    assertArrayEquals(new float[] {3.5f, 4.5f}, Jnp.max(w, 0).toFloatArray());
    assertArrayEquals(new float[] {2f, 4f}, Jnp.mean(w, 1).toFloatArray());
  }

  @Test
  void weakIntegersToo() {
    // jnp.minimum(bools, 2147483647) is a weak int32; its min over an axis is a strong int32.
    Array b = Jnp.array(new boolean[] {false, true, true, true}, 2, 2);
    Array v = Jnp.minimum(b, Jnp.literal(Integer.MAX_VALUE));
    assertTrue(v.weakType());
    Array m = Jnp.min(v, 1);
    assertFalse(m.weakType());
    assertArrayEquals(new int[] {0, 1}, m.toIntArray());
    assertFalse(Jnp.sum(v).weakType());
  }

  @Test
  void tracedReductionConvertsFirstAsJaxDoes() {
    Fn1<Array, Array> f = x -> Jnp.sum(x.add(1.5), 0);
    ClosedIr ir = Staging.makeIr(f, Jnp.array(new int[] {1, 2, 3}));
    assertFalse(ir.outAvals().get(0).weak());
    // jax.make_jaxpr: add of the weak literal, then convert_element_type[new_dtype=float32 weak_type=False].
    assertTrue(ir.toString().contains("convert_element_type[new_dtype=float32 weak_type=False]"), ir.toString());
  }

  /** {@code jnp.power(2.0, jnp.array([1, 2, 3]))} is a strong f32 [2, 4, 8] (lax.pow of a weak and a strong value). */
  @Test
  void floatLiteralToIntegerPowerIsStrong() {
    Array r = Jnp.power(Jnp.literal(2.0), Jnp.array(1, 2, 3));
    assertEquals(DType.F32, r.dtype());
    assertFalse(r.weakType());
    assertArrayEquals(new float[] {2, 4, 8}, r.toFloatArray());
    // Both weak (a weak int array: bools plus a literal) stays weak, as lax's weak-type rule says.
    Array weakInts = Jnp.add(Jnp.array(new boolean[] {true, false}), Jnp.literal(1));
    assertTrue(weakInts.weakType());
    Array both = Jnp.power(Jnp.literal(3.0), weakInts);
    assertTrue(both.weakType());
    assertArrayEquals(new float[] {9, 3}, both.toFloatArray());
    // A strong float base keeps its dtype whatever the integer exponent's width.
    Array f64 = Jnp.power(Jnp.array(DType.F64, new double[] {2}, 1), Jnp.array(new long[] {3}, 1));
    assertEquals(DType.F64, f64.dtype());
    assertArrayEquals(new double[] {8}, f64.toDoubleArray());
  }
}
