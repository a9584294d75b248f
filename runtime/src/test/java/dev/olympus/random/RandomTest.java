package dev.olympus.random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.Array;
import dev.olympus.DType;
import dev.olympus.Fn1;
import dev.olympus.Olympus;
import dev.olympus.errors.OlympusException;
import dev.olympus.lax.Lax;
import dev.olympus.numpy.Jnp;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * {@link Random} against jax.random's own output ({@code tracer/src/test/python/make_random_values.py}), bit for
 * bit: keys, bits, integers and the floats' bit patterns must be identical, since both run the same cipher on the
 * same counters and build floats with the same integer operations. The one exception is {@code normal}, whose
 * {@code erf_inv} Olympus evaluates in double and rounds once, where XLA uses an f32 polynomial: there the check is
 * 4 ulps of f32 (bf16: 1 ulp), the polynomial's documented accuracy.
 */
class RandomTest {
  private static final Map<String, Want> JAX = load();

  private record Want(String dtype, int[] shape, long[] values) {}

  private static final Array K0 = Random.key(0);
  private static final Array K42 = Random.key(42);

  @Test
  void keysSplitsAndFoldsAreJaxs() {
    exact("key 0", K0);
    exact("key 42", K42);
    exact("key -1", Random.key(-1));
    exact("key 2147483647", Random.key(Integer.MAX_VALUE));
    exact("split 0", Random.split(K0));
    exact("split 42 5", Random.split(K42, 5));
    exact("fold_in 0 7", Random.foldIn(K0, 7));
    exact("fold_in 42 123456", Random.foldIn(K42, 123456));
    assertArrayEquals(new long[] {1, 0}, Random.key(1L << 32).toLongArray(), "a long seed keeps its high word");
  }

  @Test
  void bitsAndUniformFloatsAreJaxsBitForBit() {
    exact("bits 0 3,4", Random.bits(K0, 3, 4));
    exact("bits 42 7", Random.bits(K42, 7));
    exact("uniform 0 f32 5", Random.uniform(K0, DType.F32, 5));
    exact("uniform 42 f32 2,3 -2 3", Random.uniform(K42, DType.F32, new int[] {2, 3}, -2, 3));
    exact("uniform 0 bf16 6", Random.uniform(K0, DType.BF16, 6));
    exact("uniform 0 f16 6", Random.uniform(K0, DType.F16, 6));
  }

  @Test
  void integersBernoulliCategoricalAndPermutationsAreJaxs() {
    exact("randint 0 10 0 10", Random.randint(K0, new int[] {10}, 0, 10));
    exact("randint 42 3,4 -5 5", Random.randint(K42, new int[] {3, 4}, -5, 5));
    exact("randint 0 8 0 256 uint8", Random.randint(K0, new int[] {8}, 0, 256, DType.U8));
    exact("randint 42 8 -128 127 int8", Random.randint(K42, new int[] {8}, -128, 127, DType.I8));
    exact("randint 0 4 5 5", Random.randint(K0, new int[] {4}, 5, 5));
    exact("randint 42 6 -2147483648 2147483647",
        Random.randint(K42, new int[] {6}, Integer.MIN_VALUE, Integer.MAX_VALUE));
    exact("bernoulli 0 0.3 20", Random.bernoulli(K0, 0.3, 20));
    Array logits = Lax.log(Lax.reshape(Jnp.arange(1, 16, 1).astype(DType.F32), 3, 5));
    exact("categorical 0 3,5 -1", Random.categorical(K0, logits));
    exact("categorical 42 3,5 0", Random.categorical(K42, logits, 0));
    exact("permutation 0 10", Random.permutation(K0, 10));
    exact("permutation 42 3000", Random.permutation(K42, 3000));
    exact("permutation 0 rows 5,2", Random.permutation(K0, Lax.reshape(Jnp.arange(10).astype(DType.F32), 5, 2)));
  }

  @Test
  void normalIsJaxsWithinItsErfInvAccuracy() {
    close("normal 0 f32 64", Random.normal(K0, DType.F32, 64), 4);
    close("normal 42 bf16 8", Random.normal(K42, DType.BF16, 8), 1);
  }

  @Test
  void samplesAreTheSameEagerJittedAndVmapped() {
    Fn1<Array, Array> draw = k -> Lax.add(Random.uniform(k, DType.F32, 4), Random.normal(Random.foldIn(k, 3), DType.F32, 4));
    Array keys = Random.split(K42, 3);
    Array eager = Jnp.stack(java.util.List.of(draw.apply(row(keys, 0)), draw.apply(row(keys, 1)), draw.apply(row(keys, 2))), 0);
    assertArrayEquals(row(eager, 1).toFloatArray(), Olympus.jit(draw).apply(row(keys, 1)).toFloatArray(), 0f);
    assertArrayEquals(eager.toFloatArray(), Olympus.vmap(draw).apply(keys).toFloatArray(), 0f);
    assertArrayEquals(eager.toFloatArray(), Olympus.jit(Olympus.vmap(draw)).apply(keys).toFloatArray(), 0f);
    String ir = Olympus.makeIr(draw, K0).toString();
    assertTrue(ir.contains("threefry2x32") && ir.contains("iota_2x32_shape[shape=(4,)]")
        && ir.contains("bitcast_convert_type[new_dtype=float32]") && ir.contains("shift_right_logical"), ir);
  }

  @Test
  void samplesAreConstantsToGrad() {
    Fn1<Array, Array> loss = w -> Jnp.sum(Lax.mul(w, Random.normal(K0, DType.F32, 3)));
    Array g = Olympus.grad(loss).apply(Jnp.array(new float[] {1, 2, 3}));
    assertArrayEquals(Random.normal(K0, DType.F32, 3).toFloatArray(), g.toFloatArray(), 0f);
  }

  @Test
  void distributionsHaveTheirMoments() {
    // 20000 samples: the sample mean of U(0,1) has standard deviation 0.29/sqrt(20000) = 0.002, so 0.01 is 5 sigma.
    float[] u = Random.uniform(K0, DType.F32, 20000).toFloatArray();
    float[] z = Random.normal(K42, DType.F32, 20000).toFloatArray();
    double mu = 0, mz = 0, vz = 0;
    for (int i = 0; i < u.length; i++) {
      assertTrue(u[i] >= 0 && u[i] < 1);
      mu += u[i] / u.length;
      mz += z[i] / z.length;
    }
    for (float v : z) vz += (v - mz) * (v - mz) / z.length;
    assertEquals(0.5, mu, 0.01);
    assertEquals(0.0, mz, 0.035);
    assertEquals(1.0, vz, 0.05);
    double[] d = Random.uniform(K0, DType.F64, 1000).toDoubleArray();
    for (double v : d) assertTrue(v >= 0 && v < 1);
    int[] perm = Random.permutation(K0, 100).toIntArray();
    java.util.Arrays.sort(perm);
    for (int i = 0; i < 100; i++) assertEquals(i, perm[i]);
  }

  @Test
  void badKeysAndArgumentsSayWhatToPass() {
    OlympusException notAKey = assertThrows(OlympusException.class, () -> Random.uniform(Jnp.array(new int[] {0, 1}), DType.F32, 2));
    assertTrue(notAKey.getMessage().startsWith("Random.uniform") && notAKey.getMessage().contains("Random.key(seed)"),
        notAKey.getMessage());
    OlympusException ints = assertThrows(OlympusException.class, () -> Random.uniform(K0, DType.I32, 2));
    assertTrue(ints.getMessage().contains("Random.randint"), ints.getMessage());
    OlympusException wide = assertThrows(OlympusException.class, () -> Random.randint(K0, new int[] {2}, 0, 3, DType.I64));
    assertTrue(wide.getMessage().contains("int32"), wide.getMessage());
    assertThrows(OlympusException.class, () -> Random.bernoulli(K0, 1.5, 2));
    assertThrows(OlympusException.class, () -> Random.bits(K0, -1));
  }

  private static Array row(Array x, int i) {
    return Lax.squeeze(Lax.slice(x, prefix(x, i), prefixEnd(x, i), ones(x.ndim())), 0);
  }

  private static int[] prefix(Array x, int i) {
    int[] s = new int[x.ndim()];
    s[0] = i;
    return s;
  }

  private static int[] prefixEnd(Array x, int i) {
    int[] s = x.shape().clone();
    s[0] = i + 1;
    return s;
  }

  private static int[] ones(int n) {
    int[] s = new int[n];
    java.util.Arrays.fill(s, 1);
    return s;
  }

  private static void exact(String name, Array got) {
    Want want = want(name, got);
    assertArrayEquals(want.values(), bits(got), name);
  }

  private static void close(String name, Array got, int ulps) {
    Want want = want(name, got);
    long[] have = bits(got);
    for (int i = 0; i < have.length; i++) {
      long a = ordinal(want.values()[i], got.dtype()), b = ordinal(have[i], got.dtype());
      assertTrue(Math.abs(a - b) <= ulps, name + " element " + i + ": " + want.values()[i] + " vs " + have[i]);
    }
  }

  /** Consecutive integers for consecutive floats of {@code d}'s width, from their unsigned bits. */
  private static long ordinal(long bits, DType d) {
    int width = d.bits();
    long sign = 1L << (width - 1);
    return (bits & sign) == 0 ? bits : -(bits & (sign - 1)) - 1;
  }

  private static Want want(String name, Array got) {
    Want want = JAX.get(name);
    if (want == null) throw new IllegalStateException("no JAX value for case " + name);
    assertEquals(want.dtype(), got.dtype().numpyName(), name);
    assertArrayEquals(want.shape(), got.shape(), name);
    return want;
  }

  private static long[] bits(Array a) {
    DType d = a.dtype();
    if (d == DType.F32) return Lax.bitcastConvertType(a, DType.U32).toLongArray();
    if (d == DType.BF16 || d == DType.F16) return Lax.bitcastConvertType(a, DType.U16).toLongArray();
    return a.toLongArray();
  }

  private static Map<String, Want> load() {
    Map<String, Want> out = new HashMap<>();
    var in = RandomTest.class.getResourceAsStream("/dev/olympus/random/random.txt");
    if (in == null) throw new IllegalStateException("missing test resource random.txt");
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        if (line.startsWith("#") || line.isBlank()) continue;
        String[] p = line.split("\t");
        String[] dims = p[2].split(",");
        int[] shape = new int[p[2].isEmpty() ? 0 : dims.length];
        for (int i = 0; i < shape.length; i++) shape[i] = Integer.parseInt(dims[i]);
        String[] vs = p[3].split(" ");
        long[] values = new long[vs.length];
        for (int i = 0; i < vs.length; i++) values[i] = Long.parseLong(vs[i]);
        out.put(p[0], new Want(p[1], shape, values));
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out;
  }
}
