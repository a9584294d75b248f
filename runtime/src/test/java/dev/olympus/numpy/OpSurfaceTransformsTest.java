package dev.olympus.numpy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.Array;
import dev.olympus.DType;
import dev.olympus.Fn1;
import dev.olympus.Fn2;
import dev.olympus.Olympus;
import dev.olympus.lax.Lax;
import dev.olympus.primitive.GatherDimensionNumbers;
import dev.olympus.primitive.GatherScatterMode;
import dev.olympus.primitive.ScatterDimensionNumbers;
import dev.olympus.random.Random;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Ops the transformation tests had not reached ({@code Nn}'s, in the kernels module, are in its
 * {@code NnTransformsTest}), each checked under the transformations it lacked:
 * {@code vmap(f)(xs)} against stacking {@code f(xs[k])}, {@code jit(f)(x)} against {@code f(x)} eagerly, and
 * {@code grad(f)} against central finite differences in f64 (or, for f16, against the f32 gradient).
 *
 * <p>Values are compared bit for bit (dtype, shape and every element) unless a comment says why not: a batched
 * or compiled op runs the same per-element arithmetic as the eager one, so there is nothing to round differently.
 */
class OpSurfaceTransformsTest {
  /** Fixed seed: every input is the same on every run. */
  private static final java.util.Random RNG = new java.util.Random(20261207L);

  // ---- inputs -------------------------------------------------------------------------------------------

  private static double[] normals(int n) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) v[i] = RNG.nextGaussian();
    return v;
  }

  private static int size(int... shape) {
    int n = 1;
    for (int d : shape) n *= d;
    return n;
  }

  /** Standard normal values of {@code dtype} (rounded from doubles, as a cast rounds). */
  private static Array randn(DType dtype, int... shape) {
    return Jnp.array(dtype, normals(size(shape)), shape);
  }

  /** int32 values in {@code [lo, hi)}. */
  private static Array randint(int lo, int hi, int... shape) {
    int[] v = new int[size(shape)];
    for (int i = 0; i < v.length; i++) v[i] = lo + RNG.nextInt(hi - lo);
    return Jnp.array(v, shape);
  }

  /** A batch of symmetric positive definite matrices {@code m m^T + n I}, well conditioned. */
  private static Array spd(DType dtype, int batch, int n) {
    Array m = randn(dtype, batch, n, n);
    return Jnp.einsum("bij,bkj->bik", m, m).add(Jnp.eye(dtype, n).mul((double) n));
  }

  // ---- comparisons --------------------------------------------------------------------------------------

  /** Same dtype, shape and elements, bit for bit (assertArrayEquals on doubles compares the bits, NaN too). */
  private static void same(String what, Array want, Array got) {
    assertEquals(want.dtype(), got.dtype(), what + ": dtype");
    assertArrayEquals(want.shape(), got.shape(), what + ": shape");
    if (want.dtype().isFloating()) assertArrayEquals(want.toDoubleArray(), got.toDoubleArray(), what);
    else if (want.dtype().isBool()) assertArrayEquals(want.toIntArray(), got.toIntArray(), what);
    else assertArrayEquals(want.toLongArray(), got.toLongArray(), what);
  }

  /** Same dtype and shape, elements within {@code rel} relative (absolute below magnitude 1). */
  private static void close(String what, Array want, Array got, double rel) {
    assertEquals(want.dtype(), got.dtype(), what + ": dtype");
    assertArrayEquals(want.shape(), got.shape(), what + ": shape");
    double[] w = want.toDoubleArray(), g = got.toDoubleArray();
    for (int i = 0; i < w.length; i++) {
      assertEquals(w[i], g[i], rel * Math.max(1, Math.abs(w[i])), what + " at " + i);
    }
  }

  /** {@code f} applied to each row of {@code xs} on its own, stacked: what vmap must give. */
  private static Array loop(Fn1<Array, Array> f, Array xs) {
    List<Array> rows = new ArrayList<>();
    for (int k = 0; k < xs.shape()[0]; k++) rows.add(f.apply(xs.get(k)));
    return Jnp.stack(rows, 0);
  }

  private static void vmapMatchesLoop(String what, Fn1<Array, Array> f, Array xs) {
    same(what + " vmap", loop(f, xs), Olympus.vmap(f).apply(xs));
  }

  /** Two arguments, each batched on axis 0 or (axis -1) shared by every example. */
  private static void vmapMatchesLoop(String what, Fn2<Array, Array, Array> f, Array a, Array b, int axA, int axB) {
    int n = axA == 0 ? a.shape()[0] : b.shape()[0];
    List<Array> rows = new ArrayList<>();
    for (int k = 0; k < n; k++) rows.add(f.apply(axA == 0 ? a.get(k) : a, axB == 0 ? b.get(k) : b));
    same(what + " vmap", Jnp.stack(rows, 0), Olympus.vmap(f, axA, axB).apply(a, b));
  }

  /** vmap over axis 1 ({@code in_axes=1}): example k is {@code xs[:, k]}; results still stacked on axis 0. */
  private static void vmapAxis1MatchesLoop(String what, Fn1<Array, Array> f, Array xs) {
    int[] shape = xs.shape();
    List<Array> rows = new ArrayList<>();
    for (int k = 0; k < shape[1]; k++) {
      int[] start = new int[shape.length], limit = shape.clone(), strides = new int[shape.length];
      java.util.Arrays.fill(strides, 1);
      start[1] = k;
      limit[1] = k + 1;
      rows.add(f.apply(Lax.squeeze(Lax.slice(xs, start, limit, strides), 1)));
    }
    same(what + " vmap in_axes=1", Jnp.stack(rows, 0), Olympus.vmap(f, 1).apply(xs));
  }

  private static void jitMatchesEager(String what, Fn1<Array, Array> f, Array x) {
    same(what + " jit", f.apply(x), Olympus.jit(f).apply(x));
  }

  /**
   * {@code grad(f)(x)} for an f64 {@code x} against central differences {@code (f(x+e) - f(x-e)) / 2e} with
   * {@code e = 1e-6}: their truncation error is about {@code e^2 f''' / 6 ~ 1e-12} and their rounding error about
   * {@code 1e-16 |f| / e ~ 1e-10 |f|}, so 1e-6 relative is far above both and far below any wrong derivative.
   */
  private static void gradMatchesFiniteDifferences(String what, Fn1<Array, Array> f, Array x) {
    assertEquals(DType.F64, x.dtype(), what);
    Array grad = Olympus.grad(f).apply(x);
    // The compiled gradient is the eager one, bit for bit.
    same(what + " jit(grad)", grad, Olympus.jit(Olympus.grad(f)).apply(x));
    double[] g = grad.toDoubleArray();
    double[] v = x.toDoubleArray();
    double eps = 1e-6;
    for (int i = 0; i < v.length; i++) {
      double[] up = v.clone(), down = v.clone();
      up[i] += eps;
      down[i] -= eps;
      double fd = (f.apply(Jnp.array(DType.F64, up, x.shape())).doubleValue()
          - f.apply(Jnp.array(DType.F64, down, x.shape())).doubleValue()) / (2 * eps);
      assertEquals(fd, g[i], 1e-6 * Math.max(1, Math.abs(fd)), what + " grad at " + i);
    }
  }

  /** A scalar that depends nonlinearly on every element of {@code y}, so each element's cotangent differs. */
  private static Array weightedSinSum(Array y) {
    Array w = Jnp.arange(size(y.shape()), y.dtype()).reshape(y.shape()).mul(0.25).add(0.5);
    return Jnp.sum(Jnp.sin(y).mul(w));
  }

  // ---- Jnp.std ------------------------------------------------------------------------------------------

  @Test
  void stdUnderVmap() {
    Array xs = randn(DType.F32, 4, 3, 6);
    vmapMatchesLoop("std axis=1", x -> Jnp.std(x, 1), xs);
    vmapMatchesLoop("std axis=0 ddof=1", x -> Jnp.std(x, new int[] {0}, 1), xs);
    vmapMatchesLoop("std all", x -> Jnp.std(x), xs);
  }

  /** A batch axis that is not the leading one: each op must move or honour it. */
  @Test
  void opsUnderVmapOverAxis1() {
    Array xs = randn(DType.F32, 4, 3, 5);
    vmapAxis1MatchesLoop("std", x -> Jnp.std(x, 1), xs);
    Array w = randn(DType.F32, 5, 2);
    vmapAxis1MatchesLoop("einsum", x -> Jnp.einsum("ij,jk->ik", x, w), xs);
    Array idx = Jnp.array(new int[] {4, 0, 2, 2, 1, 3, 0, 0}, 4, 2);
    vmapAxis1MatchesLoop("takeAlongAxis", x -> Jnp.takeAlongAxis(x, idx, 1), xs);
    Array i = Jnp.array(new int[] {3, 0, 3});
    vmapAxis1MatchesLoop("at(i).get", x -> x.at(i).get(), xs);
    vmapAxis1MatchesLoop("at(i).max", x -> x.at(i).max(0.25), xs);
    vmapAxis1MatchesLoop("reduceWindowMin", x -> Lax.reduceWindowMin(x, new int[] {2, 2}, new int[] {1, 2}, "SAME"),
        xs);
    vmapAxis1MatchesLoop("gather rows", x -> gatherRows(x.T(), Jnp.array(new int[] {4, 1, 4}, 3, 1)), xs);
    vmapAxis1MatchesLoop("cholesky", Jnp.linalg::cholesky, spd(DType.F32, 3, 4).transpose(1, 0, 2));
    vmapAxis1MatchesLoop("bits", k -> Random.bits(k, 3), Random.split(Random.key(3), 4).T());
  }

  // ---- Jnp.einsum ---------------------------------------------------------------------------------------

  @Test
  void einsumUnderVmap() {
    Array xs = randn(DType.F32, 3, 4, 5);
    Array w = randn(DType.F32, 5, 2);
    vmapMatchesLoop("einsum ij,jk->ik, w shared", x -> Jnp.einsum("ij,jk->ik", x, w), xs);
    vmapMatchesLoop("einsum ij,ij->i, both batched", (Array a, Array b) -> Jnp.einsum("ij,ij->i", a, b), xs,
        randn(DType.F32, 3, 4, 5), 0, 0);
    vmapMatchesLoop("einsum ij->ji", x -> Jnp.einsum("ij->ji", x), xs);
    vmapMatchesLoop("einsum ii->i", x -> Jnp.einsum("ii->i", x), randn(DType.F32, 3, 4, 4));
  }

  // ---- Jnp.takeAlongAxis --------------------------------------------------------------------------------

  @Test
  void takeAlongAxisUnderVmap() {
    Array xs = randn(DType.F32, 3, 4, 5);
    Array idx = randint(0, 5, 3, 4, 2);
    vmapMatchesLoop("takeAlongAxis axis=1, both batched", (Array x, Array i) -> Jnp.takeAlongAxis(x, i, 1), xs, idx,
        0, 0);
    vmapMatchesLoop("takeAlongAxis axis=0, indices shared", (Array x, Array i) -> Jnp.takeAlongAxis(x, i, 0), xs,
        randint(0, 4, 2, 5), 0, -1);
    vmapMatchesLoop("takeAlongAxis axis=-1, x shared", (Array x, Array i) -> Jnp.takeAlongAxis(x, i, -1),
        randn(DType.F32, 4, 5), idx, -1, 0);
  }

  @Test
  void takeAlongAxisGradient() {
    // Repeated indices: their cotangents must add up in the transpose.
    Array idx = Jnp.array(new int[] {0, 0, 2, 3, 1, 3, 3, 0}, 2, 4);
    gradMatchesFiniteDifferences("takeAlongAxis axis=1",
        x -> weightedSinSum(Jnp.takeAlongAxis(x, idx, 1)), randn(DType.F64, 2, 4));
    Array idx0 = Jnp.array(new int[] {1, 0, 1, 1, 0, 0}, 2, 3);
    gradMatchesFiniteDifferences("takeAlongAxis axis=0",
        x -> weightedSinSum(Jnp.takeAlongAxis(x, idx0, 0)), randn(DType.F64, 2, 3));
  }

  // ---- x.at(i): get, mul, min, max ----------------------------------------------------------------------

  @Test
  void atGetMulMinMaxUnderVmap() {
    Array xs = randn(DType.F32, 3, 5, 2);
    Array i = Jnp.array(new int[] {4, 0, 4, -1});
    Array is = randint(-5, 5, 3, 4);
    Array us = randn(DType.F32, 3, 4, 2);
    vmapMatchesLoop("at(i).get, i shared", x -> x.at(i).get(), xs);
    vmapMatchesLoop("at(i).get, i batched", (Array x, Array j) -> x.at(j).get(), xs, is, 0, 0);
    vmapMatchesLoop("at(i).get, x shared", (Array x, Array j) -> x.at(j).get(), randn(DType.F32, 5, 2), is, -1, 0);
    // Repeated index 4 (and -1, also 4): each update applies once per repeat.
    vmapMatchesLoop("at(i).mul", (Array x, Array u) -> x.at(i).mul(u), xs, us, 0, 0);
    vmapMatchesLoop("at(i).min", (Array x, Array u) -> x.at(i).min(u), xs, us, 0, 0);
    vmapMatchesLoop("at(i).max", (Array x, Array u) -> x.at(i).max(u), xs, us, 0, 0);
    vmapMatchesLoop("at(i).mul, i batched", (Array x, Array j) -> x.at(j).mul(2.5), xs, is, 0, 0);
    vmapMatchesLoop("at(i).min, updates shared", (Array x, Array u) -> x.at(i).min(u), xs, us.get(0), 0, -1);
    vmapMatchesLoop("at(i).max, x shared", (Array x, Array u) -> x.at(i).max(u), xs.get(1), us, -1, 0);
  }

  @Test
  void atGetAndMinGradients() {
    Array i = Jnp.array(new int[] {3, 0, 3, 1});
    gradMatchesFiniteDifferences("at(i).get", x -> weightedSinSum(x.at(i).get()), randn(DType.F64, 5, 2));
    // min picks x or the update elementwise; the random values are far (> 1e-6) from ties, so f is smooth there.
    Array u = randn(DType.F64, 4, 2);
    gradMatchesFiniteDifferences("at(i).min wrt x", x -> weightedSinSum(x.at(i).min(u)), randn(DType.F64, 5, 2));
    Array x0 = randn(DType.F64, 5, 2);
    gradMatchesFiniteDifferences("at(i).min wrt updates", v -> weightedSinSum(x0.at(i).min(v)),
        randn(DType.F64, 4, 2));
  }

  // ---- Lax.reduceWindow sum and min ---------------------------------------------------------------------

  @Test
  void reduceWindowSumAndMinUnderVmap() {
    Array xs = randn(DType.F32, 3, 6, 5);
    int[] window = {2, 3}, strides = {1, 2};
    vmapMatchesLoop("reduceWindowSum VALID", x -> Lax.reduceWindowSum(x, window, strides, "VALID"), xs);
    vmapMatchesLoop("reduceWindowSum SAME", x -> Lax.reduceWindowSum(x, window, strides, "SAME"), xs);
    vmapMatchesLoop("reduceWindowMin VALID", x -> Lax.reduceWindowMin(x, window, strides, "VALID"), xs);
    vmapMatchesLoop("reduceWindowMin SAME", x -> Lax.reduceWindowMin(x, window, strides, "SAME"), xs);
    vmapMatchesLoop("reduceWindow add", x -> Lax.reduceWindow(x, 0, Lax::add, window, strides, "VALID"), xs);
    vmapMatchesLoop("reduceWindow min", x -> Lax.reduceWindow(x, Double.POSITIVE_INFINITY, Lax::min, window,
        strides, "SAME"), xs);
  }

  // ---- Jnp.linalg: cholesky, inv, triangularSolve -------------------------------------------------------

  @Test
  void linalgUnderVmap() {
    Array as = spd(DType.F32, 3, 4);
    vmapMatchesLoop("cholesky", Jnp.linalg::cholesky, as);
    vmapMatchesLoop("inv", Jnp.linalg::inv, as);
    Array ls = Jnp.linalg.cholesky(as);
    Array bs = randn(DType.F32, 3, 4, 2);
    vmapMatchesLoop("triangularSolve lower", (Array a, Array b) -> Jnp.linalg.triangularSolve(a, b, true), ls, bs,
        0, 0);
    Array us = ls.transpose(0, 2, 1);
    vmapMatchesLoop("triangularSolve upper, b shared", (Array a, Array b) -> Jnp.linalg.triangularSolve(a, b, false),
        us, bs.get(0), 0, -1);
    vmapMatchesLoop("triangularSolve right transposed unit, a shared", (Array a, Array b) ->
        Jnp.linalg.triangularSolve(a, b, false, true, true, true), ls.get(1), randn(DType.F32, 3, 2, 4), -1, 0);
  }

  @Test
  void triangularSolveUnderJit() {
    Array l = Jnp.linalg.cholesky(spd(DType.F32, 1, 5)).get(0);
    Array b = randn(DType.F32, 5, 3);
    for (boolean leftSide : new boolean[] {true, false}) {
      for (boolean transposeA : new boolean[] {false, true}) {
        Array rhs = leftSide ? b : b.T();
        String what = "triangularSolve left=" + leftSide + " transposeA=" + transposeA;
        jitMatchesEager(what, a -> Jnp.linalg.triangularSolve(a, rhs, leftSide, true, transposeA, false), l);
        jitMatchesEager(what + " unit upper", a -> Jnp.linalg.triangularSolve(a, rhs, leftSide, false, transposeA,
            true), l.T());
      }
    }
  }

  // ---- Random -------------------------------------------------------------------------------------------

  /** Each sampler, vmapped over a batch of keys, draws what it draws from each key alone. */
  @Test
  void randomUnderVmapOverKeys() {
    Array keys = Random.split(Random.key(1234), 4);
    Array logits = randn(DType.F32, 3, 5);
    vmapMatchesLoop("split", k -> Random.split(k), keys);
    vmapMatchesLoop("split 3", k -> Random.split(k, 3), keys);
    vmapMatchesLoop("bits", k -> Random.bits(k, 2, 3), keys);
    vmapMatchesLoop("randint", k -> Random.randint(k, new int[] {6}, -3, 10), keys);
    vmapMatchesLoop("randint i8", k -> Random.randint(k, new int[] {6}, -100, 100, DType.I8), keys);
    vmapMatchesLoop("categorical", k -> Random.categorical(k, logits), keys);
    vmapMatchesLoop("categorical axis 0", k -> Random.categorical(k, logits, 0), keys);
    vmapMatchesLoop("permutation n", k -> Random.permutation(k, 7), keys);
    vmapMatchesLoop("permutation rows", k -> Random.permutation(k, logits), keys);
    vmapMatchesLoop("bernoulli", k -> Random.bernoulli(k, 0.3, 8), keys);
    // Keys and logits batched together.
    vmapMatchesLoop("categorical, logits batched", (Array k, Array l) -> Random.categorical(k, l), keys,
        randn(DType.F32, 4, 5), 0, 0);
  }

  @Test
  void randomUnderJit() {
    Array key = Random.split(Random.key(99), 2).get(1);
    Array logits = randn(DType.F32, 3, 5);
    // Random.key makes a constant: inside jit it is folded into the compiled function.
    jitMatchesEager("key", k -> Random.split(Random.key(7), 3), key);
    jitMatchesEager("key mixed with an argument", k -> Jnp.bitwiseXor(k, Random.key(-5)), key);
    jitMatchesEager("split", k -> Random.split(k), key);
    jitMatchesEager("split 5", k -> Random.split(k, 5), key);
    jitMatchesEager("bits", k -> Random.bits(k, 4, 3), key);
    jitMatchesEager("randint", k -> Random.randint(k, new int[] {3, 4}, 5, 1000), key);
    jitMatchesEager("categorical", k -> Random.categorical(k, logits), key);
    jitMatchesEager("permutation n", k -> Random.permutation(k, 9), key);
    jitMatchesEager("permutation rows", k -> Random.permutation(k, logits), key);
    jitMatchesEager("bernoulli", k -> Random.bernoulli(k, 0.7, 10), key);
  }

  // ---- narrow dtypes ------------------------------------------------------------------------------------

  /** Elementwise chains in each narrow dtype: each op rounds (wraps) to the dtype, batched or not alike. */
  @Test
  void narrowDtypeChainsUnderVmap() {
    Fn2<Array, Array, Array> floats = (x, y) -> x.mul(y).add(x.mul(0.5)).sub(y).maximum(x.neg())
        .div(y.abs().add(1.0)).add(Jnp.exp(x.mul(0.25)));
    for (DType d : new DType[] {DType.BF16, DType.F16}) {
      Array x = randn(d, 3, 6).mul(4.0), y = randn(d, 3, 6);
      assertEquals(d, floats.apply(x, y).dtype());
      vmapMatchesLoop(d + " chain", floats, x, y, 0, 0);
      vmapMatchesLoop(d + " chain, y shared", floats, x, y.get(0), 0, -1);
    }
    // i8 wraps: 100 * 3 and the like overflow, and must overflow the same way in the batch.
    Fn2<Array, Array, Array> ints = (x, y) -> x.mul(y).add(x).sub(y.mul(7)).maximum(x.sub(100)).minimum(y.add(90));
    Array i8a = Jnp.array(DType.I8, new double[] {100, -100, 127, -128, 5, -7, 64, 3, -1, 0, 99, -50}, 2, 6);
    Array i8b = Jnp.array(DType.I8, new double[] {3, 50, 1, -1, -3, 2, 2, 127, -128, 9, -2, 4}, 2, 6);
    assertEquals(DType.I8, ints.apply(i8a, i8b).dtype());
    vmapMatchesLoop("i8 chain", ints, i8a, i8b, 0, 0);
    // u32 wraps modulo 2^32: products of large values, and subtraction below zero.
    Fn2<Array, Array, Array> unsigned = (x, y) -> Jnp.bitwiseXor(x.mul(y).add(x), Jnp.rightShift(y,
        Jnp.remainder(x.sub(y), Jnp.full(DType.U32, 31)))).sub(y.mul(3));
    double[] a = new double[12], b = new double[12];
    for (int i = 0; i < 12; i++) {
      a[i] = RNG.nextInt() & 0xffffffffL;
      b[i] = RNG.nextInt(1 << 20);
    }
    Array u32a = Jnp.array(DType.U32, a, 3, 4), u32b = Jnp.array(DType.U32, b, 3, 4);
    assertEquals(DType.U32, unsigned.apply(u32a, u32b).dtype());
    vmapMatchesLoop("u32 chain", unsigned, u32a, u32b, 0, 0);
  }

  /**
   * The gradient of an f16 chain against the f32 gradient of the same chain. f16 keeps 11 significant bits, so
   * each op's result is within 2^-11 (about 4.9e-4) relative of the exact one; the backward pass of this chain
   * does about ten rounded ops per element on values of magnitude about 1, so 5e-3 (relative, absolute below 1; about
   * ten f16 roundings) allows for them adding up and still rejects a wrong derivative. (Seen: 1.1e-3.)
   */
  @Test
  void f16ChainGradientMatchesF32() {
    Fn1<Array, Array> chain = x -> Jnp.sum(Jnp.tanh(x.mul(x).mul(0.5).add(x)).mul(Jnp.exp(x.mul(-0.5))).add(x.div(
        x.square().add(2.0))));
    double[] v = new double[8];
    for (int i = 0; i < v.length; i++) v[i] = Math.round(RNG.nextGaussian() * 64) / 64.0;  // exact in f16 and f32
    Array x16 = Jnp.array(DType.F16, v, 8), x32 = Jnp.array(DType.F32, v, 8);
    Array g16 = Olympus.grad(chain).apply(x16);
    assertEquals(DType.F16, g16.dtype());
    Array g32 = Olympus.grad(chain).apply(x32);
    close("f16 grad vs f32", g32, g16.astype(DType.F32), 5e-3);
  }

  // ---- Lax.gather and Lax.scatterAdd with dimension numbers ---------------------------------------------

  /** Rows of a [5, 3] operand: start vectors of one component (the row), axis 0 collapsed, whole rows sliced. */
  private static final GatherDimensionNumbers ROWS = new GatherDimensionNumbers(new int[] {1}, new int[] {0},
      new int[] {0}, new int[0], new int[0]);
  private static final ScatterDimensionNumbers INTO_ROWS = new ScatterDimensionNumbers(new int[] {1}, new int[] {0},
      new int[] {0}, new int[0], new int[0]);
  /** [2, 2] windows of a [4, 5] operand at two-component start vectors, nothing collapsed. */
  private static final GatherDimensionNumbers PATCHES = new GatherDimensionNumbers(new int[] {1, 2}, new int[0],
      new int[] {0, 1}, new int[0], new int[0]);
  private static final ScatterDimensionNumbers INTO_PATCHES = new ScatterDimensionNumbers(new int[] {1, 2},
      new int[0], new int[] {0, 1}, new int[0], new int[0]);

  private static Array gatherRows(Array x, Array idx) {
    return Lax.gather(x, idx, ROWS, new int[] {1, 3}, GatherScatterMode.PROMISE_IN_BOUNDS);
  }

  private static Array gatherPatches(Array x, Array idx) {
    return Lax.gather(x, idx, PATCHES, new int[] {2, 2}, GatherScatterMode.CLIP);
  }

  private static Array scatterAddRows(Array x, Array idx, Array u) {
    return Lax.scatterAdd(x, idx, u, INTO_ROWS, GatherScatterMode.FILL_OR_DROP);
  }

  private static Array scatterAddPatches(Array x, Array idx, Array u) {
    return Lax.scatterAdd(x, idx, u, INTO_PATCHES, GatherScatterMode.CLIP);
  }

  // Row 3 twice: scatter-add must add both updates. {3, 4} is clipped to the corner {2, 3}.
  private static final Array ROW_IDX = Jnp.array(new int[] {3, 0, 3, 4}, 4, 1);
  private static final Array PATCH_IDX = Jnp.array(new int[] {0, 0, 3, 4, 1, 2}, 3, 2);

  @Test
  void gatherAndScatterAddUnderJit() {
    Array x = randn(DType.F32, 5, 3), u = randn(DType.F32, 4, 3);
    jitMatchesEager("gather rows", o -> gatherRows(o, ROW_IDX), x);
    jitMatchesEager("scatterAdd rows", o -> scatterAddRows(o, ROW_IDX, u), x);
    Array p = randn(DType.F32, 4, 5), pu = randn(DType.F32, 3, 2, 2);
    jitMatchesEager("gather patches", o -> gatherPatches(o, PATCH_IDX), p);
    jitMatchesEager("scatterAdd patches", o -> scatterAddPatches(o, PATCH_IDX, pu), p);
    Array wild = Jnp.array(new int[] {-1, 5, 2, 9}, 4, 1);
    jitMatchesEager("scatterAdd rows FILL_OR_DROP out of range", o -> scatterAddRows(o, wild, u), x);
    jitMatchesEager("gather rows FILL_OR_DROP out of range", o -> Lax.gather(o, wild, ROWS, new int[] {1, 3},
        GatherScatterMode.FILL_OR_DROP, -7.0), x);
    // Indices as a jit argument, not a constant.
    Fn2<Array, Array, Array> g = OpSurfaceTransformsTest::gatherRows;
    same("gather rows, traced indices jit", g.apply(x, ROW_IDX), Olympus.jit(g).apply(x, ROW_IDX));
  }

  @Test
  void gatherAndScatterAddUnderVmap() {
    Array xs = randn(DType.F32, 3, 5, 3), us = randn(DType.F32, 3, 4, 3);
    Array idxs = randint(0, 5, 3, 4, 1);
    vmapMatchesLoop("gather rows, indices shared", x -> gatherRows(x, ROW_IDX), xs);
    vmapMatchesLoop("gather rows, both batched", OpSurfaceTransformsTest::gatherRows, xs, idxs, 0, 0);
    vmapMatchesLoop("gather rows, operand shared", OpSurfaceTransformsTest::gatherRows, xs.get(0), idxs, -1, 0);
    vmapMatchesLoop("scatterAdd rows, updates batched", (Array x, Array u) -> scatterAddRows(x, ROW_IDX, u), xs, us,
        0, 0);
    vmapMatchesLoop("scatterAdd rows, indices batched", (Array x, Array i) -> scatterAddRows(x, i, us.get(0)), xs,
        idxs, 0, 0);
    vmapMatchesLoop("scatterAdd rows, operand shared", (Array x, Array u) -> scatterAddRows(x, ROW_IDX, u),
        xs.get(2), us, -1, 0);
    // Out-of-range indices, batched: FILL_OR_DROP fills (gather) or drops (scatter) each example's own.
    Array wild = randint(-2, 7, 3, 4, 1);
    vmapMatchesLoop("gather rows FILL_OR_DROP, indices batched", (Array x, Array i) -> Lax.gather(x, i, ROWS,
        new int[] {1, 3}, GatherScatterMode.FILL_OR_DROP, 0.0), xs, wild, 0, 0);
    vmapMatchesLoop("scatterAdd rows FILL_OR_DROP, indices batched", (Array x, Array i) -> scatterAddRows(x, i,
        us.get(1)), xs, wild, 0, 0);
    Array ps = randn(DType.F32, 2, 4, 5), pus = randn(DType.F32, 2, 3, 2, 2);
    vmapMatchesLoop("gather patches", x -> gatherPatches(x, PATCH_IDX), ps);
    vmapMatchesLoop("scatterAdd patches", (Array x, Array u) -> scatterAddPatches(x, PATCH_IDX, u), ps, pus, 0, 0);
  }

  @Test
  void gatherAndScatterAddGradients() {
    gradMatchesFiniteDifferences("gather rows", x -> weightedSinSum(gatherRows(x, ROW_IDX)), randn(DType.F64, 5, 3));
    gradMatchesFiniteDifferences("gather patches", x -> weightedSinSum(gatherPatches(x, PATCH_IDX)),
        randn(DType.F64, 4, 5));
    Array u = randn(DType.F64, 4, 3), x0 = randn(DType.F64, 5, 3);
    gradMatchesFiniteDifferences("scatterAdd rows wrt operand", x -> weightedSinSum(scatterAddRows(x, ROW_IDX, u)),
        randn(DType.F64, 5, 3));
    gradMatchesFiniteDifferences("scatterAdd rows wrt updates", v -> weightedSinSum(scatterAddRows(x0, ROW_IDX, v)),
        randn(DType.F64, 4, 3));
    Array p0 = randn(DType.F64, 4, 5);
    gradMatchesFiniteDifferences("scatterAdd patches wrt updates",
        v -> weightedSinSum(scatterAddPatches(p0, PATCH_IDX, v)), randn(DType.F64, 3, 2, 2));
    // The gather's transpose is a scatter-add: its gradient is the count of reads per row, exactly.
    Array counts = Olympus.grad((Array x) -> Jnp.sum(gatherRows(x, ROW_IDX))).apply(Jnp.zeros(DType.F32, 5, 3));
    assertArrayEquals(new float[] {1, 1, 1, 0, 0, 0, 0, 0, 0, 2, 2, 2, 1, 1, 1}, counts.toFloatArray());
    assertTrue(Olympus.makeIr((Array x) -> gatherRows(x, ROW_IDX), x0).toString().contains("gather"));
  }
}
