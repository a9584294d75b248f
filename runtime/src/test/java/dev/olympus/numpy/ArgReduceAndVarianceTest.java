package dev.olympus.numpy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.Array;
import dev.olympus.DType;
import dev.olympus.Fn1;
import dev.olympus.Olympus;
import dev.olympus.errors.ShapeException;
import dev.olympus.lax.Lax;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * {@code Jnp.argmax/argmin/cumsum/var/std} against values JAX 0.10.2 computed (tracer's
 * {@code src/test/python/make_arg_var_values.py}), eagerly, under jit and under vmap; gradients of var and std
 * against their closed forms.
 */
class ArgReduceAndVarianceTest {
  /** One line of the table: the function's name, its input and JAX's result. */
  record Case(String name, Array input, DType resultDtype, int[] resultShape, double[] expected) {
    @Override
    public String toString() { return name; }
  }

  static List<Case> cases() throws Exception {
    List<Case> cases = new ArrayList<>();
    try (var in = ArgReduceAndVarianceTest.class.getResourceAsStream("/dev/olympus/reductions/arg_var.txt");
        var r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        if (line.startsWith("#") || line.isBlank()) continue;
        String[] f = line.split("\t", -1);
        DType dtype = f[1].equals("int32") ? DType.I32 : DType.F32;
        Array x = Jnp.array(dtype, values(f[3]), dims(f[2]));
        cases.add(new Case(f[0], x, f[4].equals("int32") ? DType.I32 : DType.F32, dims(f[5]), values(f[6])));
      }
    }
    return cases;
  }

  static int[] dims(String s) {
    return s.isEmpty() ? new int[0] : Arrays.stream(s.split(",")).mapToInt(Integer::parseInt).toArray();
  }

  static double[] values(String s) {
    return s.isEmpty() ? new double[0] : Arrays.stream(s.split(" ")).mapToDouble(v -> v.equals("nan") ? Double.NaN : Double.parseDouble(v)).toArray();
  }

  /** The Olympus call a case's name describes, e.g. {@code var axis=1 ddof=1 f32}. */
  static Function<Array, Array> function(String name) {
    String[] w = name.split(" ");
    int axis = w[1].startsWith("axis=") ? Integer.parseInt(w[1].substring(5)) : Integer.MIN_VALUE;
    int ddof = w[2].startsWith("ddof=") ? Integer.parseInt(w[2].substring(5)) : 0;
    int[] axes = axis == Integer.MIN_VALUE ? new int[0] : new int[] {axis};
    return switch (w[0]) {
      case "argmax" -> x -> Jnp.argmax(x, axis);
      case "argmin" -> x -> Jnp.argmin(x, axis);
      case "cumsum" -> x -> Jnp.cumsum(x, axis);
      case "sort" -> x -> Jnp.sort(x, axis);
      case "argsort" -> x -> Jnp.argsort(x, axis);
      case "var" -> x -> Jnp.var(x, axes, ddof);
      case "std" -> x -> Jnp.std(x, axes, ddof);
      default -> throw new IllegalArgumentException(name);
    };
  }

  /**
   * Indices must match exactly. Variances may differ from XLA's in the last bits: both sum at most 24 terms in
   * float32, in different orders (ours is dev.olympus.simd.Lanes'), each within a few ulps; 1e-6 relative is
   * about 8 ulps.
   */
  static void check(Case c, Array got) {
    assertEquals(c.resultDtype(), got.dtype(), c.name());
    assertArrayEquals(c.resultShape(), got.shape(), c.name());
    double[] g = got.toDoubleArray();
    for (int i = 0; i < g.length; i++) {
      double want = c.expected()[i];
      if (c.resultDtype() == DType.I32 || Double.isNaN(want)) assertEquals(want, g[i], c.name() + " at " + i);
      else assertEquals(want, g[i], 1e-6 * Math.max(1, Math.abs(want)), c.name() + " at " + i);
    }
  }

  @TestFactory
  Stream<DynamicTest> matchJax() throws Exception {
    List<DynamicTest> tests = new ArrayList<>();
    for (Case c : cases()) {
      Function<Array, Array> f = function(c.name());
      Fn1<Array, Array> jitted = Olympus.jit((Array x) -> f.apply(x));
      tests.add(DynamicTest.dynamicTest(c.name() + " eager", () -> check(c, f.apply(c.input()))));
      tests.add(DynamicTest.dynamicTest(c.name() + " jit", () -> check(c, jitted.apply(c.input()))));
    }
    return tests.stream();
  }

  /** vmap over the leading axis gives each example's result, bit for bit. */
  @TestFactory
  Stream<DynamicTest> vmapMatchesLoop() throws Exception {
    List<DynamicTest> tests = new ArrayList<>();
    for (Case c : cases()) {
      if (c.input().ndim() < 2 || c.name().contains("axis=0") || c.name().contains("all")) continue;
      String[] w = c.name().split(" ");
      int axis = Integer.parseInt(w[1].substring(5));
      if (axis == 0) continue;
      // Inside vmap each example has one axis fewer: the case's axis, counted without the batch axis.
      int inner = axis < 0 ? axis : axis - 1;
      Function<Array, Array> f = function(w[0] + " axis=" + inner + (w.length > 3 ? " " + w[2] : "") + " x");
      tests.add(DynamicTest.dynamicTest(c.name(), () -> {
        Array batched = Olympus.vmap((Array x) -> f.apply(x)).apply(c.input());
        double[] b = batched.toDoubleArray();
        int per = b.length / c.input().shape()[0];
        for (int e = 0; e < c.input().shape()[0]; e++) {
          double[] one = f.apply(example(c.input(), e)).toDoubleArray();
          assertArrayEquals(one, Arrays.copyOfRange(b, e * per, (e + 1) * per), c.name() + " example " + e);
        }
      }));
    }
    return tests.stream();
  }

  static Array example(Array x, int e) {
    int[] dims = x.shape();
    int[] start = new int[dims.length], limit = dims.clone(), ones = new int[dims.length];
    Arrays.fill(ones, 1);
    start[0] = e;
    limit[0] = e + 1;
    return Lax.slice(x, start, limit, ones).reshape(Arrays.copyOfRange(dims, 1, dims.length));
  }

  @Test
  void gradientsAreTheClosedForms() {
    float[] xs = {1.5f, -2f, 0.25f, 4f, 3f};
    Array x = Jnp.array(xs);
    double mean = 0;
    for (float v : xs) mean += v / 5.0;
    double var = 0;
    for (float v : xs) var += (v - mean) * (v - mean) / 5.0;
    double[] gVar = Olympus.grad((Array v) -> Jnp.var(v)).apply(x).toDoubleArray();
    double[] gStd = Olympus.grad((Array v) -> Jnp.std(v)).apply(x).toDoubleArray();
    for (int i = 0; i < 5; i++) {
      // d var / d x_i = 2 (x_i - mean) / n; d std = d var / (2 std). float32 arithmetic: 1e-5 relative.
      assertEquals(2 * (xs[i] - mean) / 5, gVar[i], 1e-5);
      assertEquals((xs[i] - mean) / 5 / Math.sqrt(var), gStd[i], 1e-5);
    }
    // argmax is piecewise constant: its gradient contribution is zero, as JAX's.
    Array g = Olympus.grad((Array v) -> Jnp.sum(v.mul(Lax.convertElementType(Jnp.argmax(v, 0), DType.F32, false))))
        .apply(x);
    assertArrayEquals(new float[] {3, 3, 3, 3, 3}, g.toFloatArray());
  }

  /** cumsum is linear: its gradient is the reversed cumulative sum of the cotangent (here all ones). */
  @Test
  void cumsumGradientAndTranspose() {
    Array x = Jnp.array(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
    Array g = Olympus.grad((Array v) -> Jnp.sum(Jnp.cumsum(v, 1).mul(Jnp.cumsum(v, 1)))).apply(x);
    // d/dx_j sum_i c_i^2 = 2 sum_{i >= j} c_i, with c = cumsum(x): row [1, 3, 6] -> [20, 18, 12].
    assertArrayEquals(new float[] {20, 18, 12, 2 * (4 + 9 + 15), 2 * (9 + 15), 2 * 15}, g.toFloatArray());
    String ir = Olympus.makeIr((Array v) -> Jnp.cumsum(v, -1), x).toString();
    assertTrue(ir.contains("cumsum[axis=1 reverse=False]"), ir);
  }

  /** sort's tangent is sorted with it; its transpose sends each cotangent back where its element came from. */
  @Test
  void sortGradientUnsortsTheCotangent() {
    Array x = Jnp.array(new float[] {3, 1, 2, 1});
    Array w = Jnp.array(new float[] {10, 20, 30, 40});
    Fn1<Array, Array> f = v -> Jnp.sum(Jnp.sort(v, 0).mul(w));
    // sorted (stably): x1=1, x3=1, x2=2, x0=3, so x1 gets 10, x3 20, x2 30, x0 40.
    assertArrayEquals(new float[] {40, 10, 30, 20}, Olympus.grad(f).apply(x).toFloatArray());
    assertArrayEquals(new float[] {40, 10, 30, 20}, Olympus.jit(Olympus.grad(f)).apply(x).toFloatArray());
    var jt = Olympus.jvp((Array v) -> Jnp.sort(v, 0), x, Jnp.array(new float[] {1, 2, 3, 4}));
    assertArrayEquals(new float[] {2, 4, 3, 1}, jt.tangent().toFloatArray());
    String ir = Olympus.makeIr((Array v) -> Jnp.argsort(v, 0), x).toString();
    assertTrue(ir.contains("sort[dimension=0 is_stable=True num_keys=1]"), ir);
  }

  @Test
  void jaxprNamesAndErrors() {
    String ir = Olympus.makeIr((Array v) -> Jnp.argmax(v, 1), Jnp.zeros(DType.F32, 3, 4)).toString();
    assertTrue(ir.contains("argmax[axes=(1,) index_dtype=int32]"), ir);
    ShapeException e = assertThrows(ShapeException.class, () -> Jnp.argmin(Jnp.zeros(DType.F32, 3, 0), 1));
    assertTrue(e.getMessage().contains("empty"), e.getMessage());
    assertThrows(ShapeException.class, () -> Jnp.argmax(Jnp.zeros(DType.F32, 3), 1));
  }
}
