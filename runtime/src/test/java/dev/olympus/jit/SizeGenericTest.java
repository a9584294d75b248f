package dev.olympus.jit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.olympus.Array;
import dev.olympus.DType;
import dev.olympus.Fn1;
import dev.olympus.Fn2;
import dev.olympus.Olympus;
import dev.olympus.numpy.Jnp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/** A trace that never read a size serves every size; one that did is traced again for each. */
@Isolated
class SizeGenericTest {
  static Array softsign(Array x) {
    return x.div(Jnp.abs(x).add(1));
  }

  static Array meanCentered(Array x) {
    return x.sub(Jnp.mean(x));
  }

  static Array scaledSum(Array x, Array w) {
    return Jnp.sum(x.mul(w)).add(Jnp.max(x));
  }

  static Array firstDimScaled(Array x) {
    return x.mul(x.shape()[0]);
  }

  static Array arange(int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) v[i] = i - n / 2f;
    return Jnp.array(v);
  }

  @Test
  void elementwiseFunctionCompilesOnceForAllSizes() {
    Fn1<Array, Array> f = Olympus.jit(SizeGenericTest::softsign);
    long compiles = Olympus.compileCount();
    long specs = Olympus.jitStats().specializations();
    for (int n : new int[] {10, 1000, 7, 100_000}) {
      Array x = arange(n);
      assertArrayEquals(softsign(x).toFloatArray(), f.apply(x).toFloatArray(), "size " + n);
    }
    assertEquals(compiles + 1, Olympus.compileCount(), "traced and compiled once");
    assertEquals(specs + 3, Olympus.jitStats().specializations(), "three new sizes reuse the trace");
  }

  @Test
  void reductionsAreSizeGenericToo() {
    Fn2<Array, Array, Array> f = Olympus.jit(SizeGenericTest::scaledSum);
    long compiles = Olympus.compileCount();
    for (int n : new int[] {5, 50, 500}) {
      Array x = arange(n);
      Array w = Jnp.full(DType.F32, 0.5, n);
      assertEquals(scaledSum(x, w).floatValue(), f.apply(x, w).floatValue(), 1e-4f, "size " + n);
    }
    assertEquals(compiles + 1, Olympus.compileCount());
  }

  @Test
  void readingASizeMakesTheTraceSizeSpecific() {
    Fn1<Array, Array> centered = Olympus.jit(SizeGenericTest::meanCentered);
    Fn1<Array, Array> scaled = Olympus.jit(SizeGenericTest::firstDimScaled);
    long compiles = Olympus.compileCount();
    for (int n : new int[] {4, 6}) {
      Array x = arange(n);
      assertArrayEquals(meanCentered(x).toFloatArray(), centered.apply(x).toFloatArray(), 1e-6f);
      assertArrayEquals(firstDimScaled(x).toFloatArray(), scaled.apply(x).toFloatArray());
    }
    assertEquals(compiles + 4, Olympus.compileCount(), "mean's divisor and x.shape()[0] depend on the size");
  }

  @Test
  void differentShapesOfTwoArgumentsAreNotMixedUp() {
    Fn2<Array, Array, Array> f = Olympus.jit((Array x, Array y) -> x.add(y));
    Array a = Jnp.array(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
    Array b = Jnp.array(new float[] {1, 2, 3}, 3);
    assertArrayEquals(new float[] {2, 4, 6, 5, 7, 9}, f.apply(a, b).toFloatArray());
    assertArrayEquals(new float[] {2, 4}, f.apply(Jnp.array(1f, 2f), Jnp.array(1f, 2f)).toFloatArray());
  }
}
