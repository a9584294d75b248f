package dev.olympus.numpy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.Array;
import dev.olympus.DType;
import dev.olympus.Fn2;
import dev.olympus.Olympus;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BinaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The jnp conveniences against values JAX 0.10.2 computed (tracer's
 * {@code src/test/python/make_convenience_values.py}), eagerly and under jit; vmap against a loop; gradients
 * against closed forms.
 */
class ConveniencesTest {
  record Case(String name, Array x, Array y, DType resultDtype, int[] resultShape, double[] expected) {
    @Override
    public String toString() { return name; }
  }

  static List<Case> cases() throws Exception {
    List<Case> cases = new ArrayList<>();
    try (var in = ConveniencesTest.class.getResourceAsStream("/dev/olympus/conveniences/values.txt");
        var r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        if (line.startsWith("#") || line.isBlank()) continue;
        String[] f = line.split("\t", -1);
        int[] shape = ArgReduceAndVarianceTest.dims(f[2]);
        Array x = Jnp.array(DType.F32, values(f[3]), shape);
        Array y = f[4].isEmpty() ? null : Jnp.array(DType.F32, values(f[4]), shape);
        cases.add(new Case(f[0], x, y, f[5].equals("bool") ? DType.BOOL : DType.F32,
            ArgReduceAndVarianceTest.dims(f[6]), values(f[7])));
      }
    }
    return cases;
  }

  static double[] values(String s) {
    if (s.isEmpty()) return new double[0];
    return Arrays.stream(s.split(" ")).mapToDouble(v -> switch (v) {
      case "nan" -> Double.NaN;
      case "inf" -> Double.POSITIVE_INFINITY;
      case "-inf" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(v);
    }).toArray();
  }

  private static int[] ints(String csv) {
    return Arrays.stream(csv.split(",")).mapToInt(Integer::parseInt).toArray();
  }

  static BinaryOperator<Array> function(String name) {
    String[] w = name.split(" ");
    int[] axes = w.length > 2 && w[1].equals("keepdims") ? ints(w[2].substring(5)) : new int[0];
    return switch (w[0]) {
      case "log10" -> (x, y) -> Jnp.log10(x);
      case "exp2" -> (x, y) -> Jnp.exp2(x);
      case "rsqrt" -> (x, y) -> Jnp.rsqrt(x);
      case "reciprocal" -> (x, y) -> Jnp.reciprocal(x);
      case "isnan" -> (x, y) -> Jnp.isnan(x);
      case "isfinite" -> (x, y) -> Jnp.isfinite(x);
      case "isinf" -> (x, y) -> Jnp.isinf(x);
      case "arcsin" -> (x, y) -> Jnp.arcsin(x);
      case "arccos" -> (x, y) -> Jnp.arccos(x);
      case "arctan" -> (x, y) -> Jnp.arctan(x);
      case "tile" -> (x, y) -> Jnp.tile(x, ints(w[1].substring("reps=".length())));
      case "repeat" -> w.length > 2
          ? (x, y) -> Jnp.repeat(x, Integer.parseInt(w[1].substring("repeats=".length())),
              Integer.parseInt(w[2].substring("axis=".length())))
          : (x, y) -> Jnp.repeat(x, Integer.parseInt(w[1].substring("repeats=".length())));
      case "pad" -> {
        String[] pairs = w[1].substring("width=".length()).split(";");
        int[][] width = new int[pairs.length][];
        for (int k = 0; k < pairs.length; k++) width[k] = ints(pairs[k]);
        double value = w.length > 2 ? Double.parseDouble(w[2].substring("value=".length())) : 0;
        yield (x, y) -> Jnp.pad(x, width, value);
      }
      case "logaddexp" -> Jnp::logaddexp;
      case "allclose" -> Jnp::allclose;
      case "sum" -> (x, y) -> Jnp.sum(x, axes, true);
      case "mean" -> (x, y) -> Jnp.mean(x, axes, true);
      case "max" -> (x, y) -> Jnp.max(x, axes, true);
      case "min" -> (x, y) -> Jnp.min(x, axes, true);
      case "prod" -> (x, y) -> Jnp.prod(x, axes, true);
      default -> throw new IllegalArgumentException(name);
    };
  }

  /**
   * Bools and exact ops match exactly; log10, exp2, rsqrt, logaddexp and the sums within 4 float32 ulps
   * (2e-6 relative): both sides round transcendental functions within an ulp or two, and sum up to 60 terms in
   * different orders. NaN, infinities and zeros must match exactly.
   */
  static void check(Case c, Array got) {
    assertEquals(c.resultDtype(), got.dtype(), c.name());
    assertArrayEquals(c.resultShape(), got.shape(), c.name());
    double[] g = got.toDoubleArray();
    for (int i = 0; i < g.length; i++) {
      double want = c.expected()[i];
      if (Double.isNaN(want) || Double.isInfinite(want) || want == 0 || c.resultDtype() == DType.BOOL) {
        assertEquals(want, g[i], c.name() + " at " + i);
      } else if (c.name().equals("exp2")) {
        // XLA computes exp2 as exp(x ln 2), whose error grows with |x|: at x = 100 JAX gives 1.2676533e30, 21 ulps
        // from 2^100. Olympus's is pow(2, x), exact at integers: checked against the exact power, and against
        // JAX within the 32 ulps (4e-6 relative) its own error reaches on this table.
        assertEquals(Math.pow(2, c.x().toDoubleArray()[i]), g[i], 2e-7 * g[i], "exp2 at " + i);
        assertEquals(want, g[i], 4e-6 * Math.abs(want), c.name() + " at " + i);
      } else if (c.name().startsWith("prod")) {
        // Up to 60 float32 products in another order than XLA's: each rounds by half an ulp, 1e-5 relative
        // bounds them with room (60 x 2^-24 = 3.6e-6).
        assertEquals(want, g[i], 1e-5 * Math.abs(want), c.name() + " at " + i);
      } else {
        assertEquals(want, g[i], 2e-6 * Math.abs(want), c.name() + " at " + i);
      }
    }
  }

  @TestFactory
  Stream<DynamicTest> matchJax() throws Exception {
    List<DynamicTest> tests = new ArrayList<>();
    for (Case c : cases()) {
      BinaryOperator<Array> f = function(c.name());
      Array y = c.y() == null ? c.x() : c.y();
      Fn2<Array, Array, Array> jitted = Olympus.jit((Array a, Array b) -> f.apply(a, b));
      tests.add(DynamicTest.dynamicTest(c.name() + " eager", () -> check(c, f.apply(c.x(), y))));
      tests.add(DynamicTest.dynamicTest(c.name() + " jit", () -> check(c, jitted.apply(c.x(), y))));
    }
    return tests.stream();
  }

  @Test
  void vmapOfElementwiseConveniencesIsTheLoop() {
    Array x = Jnp.array(new float[] {0.5f, 2, 10, 3, 0.25f, 8}, 2, 3);
    Array y = Jnp.array(new float[] {1, -3, 10, 40, -7, 0.5f}, 2, 3);
    Fn2<Array, Array, Array> f = (a, b) -> Jnp.logaddexp(Jnp.log10(a), Jnp.exp2(b)).add(Jnp.rsqrt(a))
        .add(Jnp.reciprocal(a)).add(Jnp.sum(a, new int[] {0}, true));
    double[] batched = Olympus.vmap(f).apply(x, y).toDoubleArray();
    for (int e = 0; e < 2; e++) {
      double[] one = f.apply(ArgReduceAndVarianceTest.example(x, e), ArgReduceAndVarianceTest.example(y, e))
          .toDoubleArray();
      assertArrayEquals(one, Arrays.copyOfRange(batched, e * 3, e * 3 + 3));
    }
  }

  @Test
  void gradientsAreTheClosedForms() {
    float[] xs = {0.5f, 2, 10, 3};
    float[] ys = {1, -3, 10, 0.25f};
    Array x = Jnp.array(xs), y = Jnp.array(ys);
    double[] gLog10 = Olympus.grad((Array v) -> Jnp.sum(Jnp.log10(v))).apply(x).toDoubleArray();
    double[] gExp2 = Olympus.grad((Array v) -> Jnp.sum(Jnp.exp2(v))).apply(x).toDoubleArray();
    double[] gRsqrt = Olympus.grad((Array v) -> Jnp.sum(Jnp.rsqrt(v))).apply(x).toDoubleArray();
    double[] gLae = Olympus.grad((Array v) -> Jnp.sum(Jnp.logaddexp(v, y))).apply(x).toDoubleArray();
    Array unit = Jnp.array(new float[] {-0.9f, -0.25f, 0.5f, 0.75f});
    double[] u = unit.toDoubleArray();
    double[] gAsin = Olympus.grad((Array v) -> Jnp.sum(Jnp.arcsin(v))).apply(unit).toDoubleArray();
    double[] gAcos = Olympus.jit(Olympus.grad((Array v) -> Jnp.sum(Jnp.arccos(v)))).apply(unit).toDoubleArray();
    double[] gAtan = Olympus.grad((Array v) -> Jnp.sum(Jnp.arctan(v))).apply(x).toDoubleArray();
    for (int i = 0; i < u.length; i++) {
      assertEquals(1 / Math.sqrt(1 - u[i] * u[i]), gAsin[i], 1e-5 * Math.abs(gAsin[i]), "d arcsin");
      assertEquals(-1 / Math.sqrt(1 - u[i] * u[i]), gAcos[i], 1e-5 * Math.abs(gAcos[i]), "d arccos");
    }
    for (int i = 0; i < xs.length; i++) {
      double v = xs[i];
      // float32 arithmetic throughout: 1e-5 relative.
      assertEquals(1 / (v * Math.log(10)), gLog10[i], 1e-5 * Math.abs(gLog10[i]));
      assertEquals(Math.log(2) * Math.pow(2, v), gExp2[i], 1e-5 * Math.abs(gExp2[i]));
      assertEquals(-0.5 * Math.pow(v, -1.5), gRsqrt[i], 1e-5 * Math.abs(gRsqrt[i]));
      assertEquals(Math.exp(v) / (Math.exp(v) + Math.exp(ys[i])), gLae[i], 1e-5);
      assertEquals(1 / (1 + v * v), gAtan[i], 1e-5 * Math.abs(gAtan[i]), "d arctan");
    }
    assertTrue(Jnp.allclose(x, x).bool());
  }

  /**
   * tile, repeat and pad move elements without arithmetic: under vmap they equal the loop over the batch exactly,
   * and the gradient of a weighted sum through them is the weights gathered back: for tile and repeat the sum of
   * each element's copies' weights, for pad the weights of the interior.
   */
  @Test
  void layoutConveniencesUnderVmapAndGrad() {
    Array x = Jnp.array(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
    Fn2<Array, Array, Array> f = (a, b) -> Jnp.tile(a, 2, 1).sum().add(Jnp.repeat(a, 2, 0).mul(b.sum()).sum())
        .add(Jnp.pad(a, new int[][] {{1, 0}}, 0.5).sum());
    Array batch = Jnp.stack(List.of(x, x.mul(2)), 0);
    double[] batched = Olympus.vmap(f).apply(batch, batch).toDoubleArray();
    for (int e = 0; e < 2; e++) {
      Array one = ArgReduceAndVarianceTest.example(batch, e);
      assertEquals(f.apply(one, one).toDoubleArray()[0], batched[e]);
    }
    // Weights w (2x3 tiled to 4x3, repeated along axis 1 to 2x6, padded to 3x4): d/dx of sum(w * op(x)).
    float[] w = new float[24];
    for (int i = 0; i < w.length; i++) w[i] = i + 1;
    double[] gTile = Olympus.grad((Array a) -> Jnp.sum(Jnp.tile(a, 2, 1).mul(Jnp.array(Arrays.copyOf(w, 12), 4, 3))))
        .apply(x).toDoubleArray();
    double[] gRepeat = Olympus.grad((Array a) -> Jnp.sum(Jnp.repeat(a, 2, 1).mul(Jnp.array(Arrays.copyOf(w, 12), 2, 6))))
        .apply(x).toDoubleArray();
    double[] gPad = Olympus.grad((Array a) -> Jnp.sum(Jnp.pad(a, new int[][] {{1, 0}, {0, 1}})
        .mul(Jnp.array(Arrays.copyOf(w, 12), 3, 4)))).apply(x).toDoubleArray();
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 3; j++) {
        assertEquals(w[i * 3 + j] + w[(i + 2) * 3 + j], gTile[i * 3 + j], "tile " + i + "," + j);
        assertEquals(w[i * 6 + 2 * j] + w[i * 6 + 2 * j + 1], gRepeat[i * 3 + j], "repeat " + i + "," + j);
        assertEquals(w[(i + 1) * 4 + j], gPad[i * 3 + j], "pad " + i + "," + j);
      }
    }
  }

  @Test
  void layoutConveniencesRejectBadArguments() {
    Array x = Jnp.zeros(DType.F32, 2, 3);
    assertTrue(org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class, () -> Jnp.tile(x, -1))
        .getMessage().contains("reps"));
    assertTrue(org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class, () -> Jnp.repeat(x, 2, 2))
        .getMessage().contains("axis"));
    assertTrue(org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
        () -> Jnp.pad(x, new int[][] {{1, 1}, {1, 1}, {1, 1}})).getMessage().contains("pairs"));
    assertTrue(org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
        () -> Jnp.pad(x, new int[][] {{-1, 1}, {0, 0}})).getMessage().contains("pair 0"));
  }

  /**
   * The gradient of a product is the product of the other elements, JAX's finite values at zeros included:
   * for {@code [2, 3, 4]} it is {@code [12, 8, 6]}; with one zero {@code [2, 0, 4]} it is {@code [0, 8, 0]};
   * with two, zeros. Rows of a matrix reduce independently, under jit and vmap too.
   */
  @Test
  void prodGradientsAreTheOtherElementsProducts() {
    Array rows = Jnp.array(new float[] {2, 3, 4, 2, 0, 4, 0, 5, 0}, 3, 3);
    dev.olympus.Fn1<Array, Array> total = v -> Jnp.sum(Jnp.prod(v, 1));
    double[] g = Olympus.grad(total).apply(rows).toDoubleArray();
    assertArrayEquals(new double[] {12, 8, 6, 0, 8, 0, 0, 0, 0}, g);
    assertArrayEquals(g, Olympus.jit(Olympus.grad(total)).apply(rows).toDoubleArray());
    assertArrayEquals(new float[] {24, 0, 0}, Olympus.vmap((Array r) -> Jnp.prod(r)).apply(rows).toFloatArray());
    assertArrayEquals(new float[] {24, 0, 0}, Olympus.jit((Array r) -> Jnp.prod(r, 1)).apply(rows).toFloatArray());
    assertEquals(6, Jnp.prod(Jnp.array(new int[] {1, 2, 3})).intValue(), "int32 products stay int32");
    assertEquals(1f, Jnp.prod(Jnp.zeros(DType.F32, 0)).floatValue(), "the empty product is 1");
  }

  /** Array's math methods are Jnp's functions with the receiver as the first operand, under jit and vmap too. */
  @Test
  void arrayMethodsAreJnpFunctions() {
    Array x = Jnp.array(new float[] {0.5f, 2, 1.5f, 3, 0.25f, 4}, 2, 3);
    Array w = Jnp.array(new float[] {1, -1, 2, 0.5f, -3, 1}, 3, 2);
    Fn2<Array, Array, Array> methods = (a, b) -> a.exp().add(a.log()).add(a.sin()).add(a.cos()).add(a.tanh())
        .add(a.sqrt()).add(a.neg().abs()).add(a.square()).matmul(b).add(a.argmax(1).astype(DType.F32).reshape(2, 1))
        .add(a.var(1).reshape(2, 1)).add(a.std(1).reshape(2, 1));
    Fn2<Array, Array, Array> functions = (a, b) -> Jnp.matmul(Jnp.exp(a).add(Jnp.log(a)).add(Jnp.sin(a))
        .add(Jnp.cos(a)).add(Jnp.tanh(a)).add(Jnp.sqrt(a)).add(Jnp.abs(Jnp.negative(a))).add(Jnp.square(a)), b)
        .add(Jnp.argmax(a, 1).astype(DType.F32).reshape(2, 1)).add(Jnp.var(a, 1).reshape(2, 1))
        .add(Jnp.std(a, 1).reshape(2, 1));
    assertArrayEquals(functions.apply(x, w).toFloatArray(), methods.apply(x, w).toFloatArray());
    assertArrayEquals(Olympus.jit(functions).apply(x, w).toFloatArray(), Olympus.jit(methods).apply(x, w).toFloatArray());
  }
}
