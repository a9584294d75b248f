package dev.olympus.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.olympus.Array;
import dev.olympus.Olympus;
import dev.olympus.numpy.Jnp;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Every {@link Nn} function against its closed form computed in double, eagerly ({@code Nn}) and through the
 * generated entry points ({@code Nn_Jit}: javac-time kernels where the arguments fit, run-time jit otherwise),
 * on several shapes.
 *
 * <p>Tolerance: float32 results of chains of up to ~10 operations, each rounded once (relative error 6e-8),
 * and of sums over at most 60 terms: within 1e-5 relative (plus 1e-6 absolute near zero) of the double
 * reference. {@link NnJaxValuesTest} checks gelu, oneHot and pooling against values a script computed with JAX
 * and stored.
 */
class NnTest {
  static final double TOL = 1e-5;

  /** Values over negatives, zero and positives, including large ones where naive formulas overflow. */
  static float[] values(int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) v[i] = (float) (Math.sin(i * 1.7) * (i % 5 == 4 ? 40 : 3));
    return v;
  }

  static List<int[]> shapes() {
    return List.of(new int[] {7}, new int[] {3, 5}, new int[] {2, 3, 4}, new int[] {});
  }

  static void assertClose(double[] expected, float[] actual, String what) {
    assertEquals(expected.length, actual.length, what);
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], TOL * Math.abs(expected[i]) + 1e-6, what + " [" + i + "]");
    }
  }

  private static void elementwise(String name, UnaryOperator<Array> eager, UnaryOperator<Array> jitted,
      DoubleUnaryOperator reference) {
    long compiles = Olympus.compileCount();
    for (int[] shape : shapes()) {
      int n = 1;
      for (int d : shape) n *= d;
      float[] v = values(n);
      Array x = Jnp.array(v, shape);
      double[] ref = new double[n];
      for (int i = 0; i < n; i++) ref[i] = reference.applyAsDouble(v[i]);
      Array e = eager.apply(x);
      Array j = jitted.apply(x);
      assertArrayEquals(shape, j.shape(), name);
      assertClose(ref, e.toFloatArray(), name + " eager");
      assertClose(ref, j.toFloatArray(), name + " jitted");
    }
    assertEquals(compiles, Olympus.compileCount(), name + ": every call served by its javac-time kernel");
  }

  @Test
  void activations() {
    elementwise("relu", Nn::relu, Nn_Jit::relu, x -> Math.max(x, 0));
    elementwise("gelu", Nn::gelu, Nn_Jit::gelu,
        x -> 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x))));
    double alpha = 1.6732632423543772848170429916717;
    double scale = 1.0507009873554804934193349852946;
    elementwise("selu", Nn::selu, Nn_Jit::selu, x -> scale * (x > 0 ? x : alpha * Math.expm1(x)));
    elementwise("sigmoid", Nn::sigmoid, Nn_Jit::sigmoid, x -> 1 / (1 + Math.exp(-x)));
    elementwise("softplus", Nn::softplus, Nn_Jit::softplus, x -> Math.log1p(Math.exp(-Math.abs(x))) + Math.max(x, 0));
    elementwise("silu", Nn::silu, Nn_Jit::silu, x -> x / (1 + Math.exp(-x)));
  }

  /** Row-wise reference of the last-axis reductions: logsumexp in double, shifted by the row maximum. */
  static double[] logsumexpRows(float[] v, int rows, int cols) {
    double[] out = new double[rows];
    for (int r = 0; r < rows; r++) {
      double m = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < cols; c++) m = Math.max(m, v[r * cols + c]);
      double s = 0;
      for (int c = 0; c < cols; c++) s += Math.exp(v[r * cols + c] - m);
      out[r] = m + Math.log(s);
    }
    return out;
  }

  @Test
  void softmaxFamilyOverTheLastAxisOnSeveralBatchSizes() {
    long compiles = Olympus.compileCount();
    for (int[] shape : List.of(new int[] {1, 4}, new int[] {3, 5}, new int[] {6, 2}, new int[] {4, 60})) {
      int rows = shape[0];
      int cols = shape[1];
      float[] v = values(rows * cols);
      Array x = Jnp.array(v, shape);
      double[] lse = logsumexpRows(v, rows, cols);
      double[] softmax = new double[v.length];
      double[] logSoftmax = new double[v.length];
      for (int i = 0; i < v.length; i++) {
        logSoftmax[i] = v[i] - lse[i / cols];
        softmax[i] = Math.exp(logSoftmax[i]);
      }
      for (Array out : List.of(Nn.logsumexp(x), Nn_Jit.logsumexp(x))) assertClose(lse, out.toFloatArray(), "logsumexp");
      for (Array out : List.of(Nn.softmax(x), Nn_Jit.softmax(x))) assertClose(softmax, out.toFloatArray(), "softmax");
      for (Array out : List.of(Nn.logSoftmax(x), Nn_Jit.logSoftmax(x))) {
        assertClose(logSoftmax, out.toFloatArray(), "logSoftmax");
      }
    }
    // The symbolic dimensions b and n are loop bounds: every batch and row size ran the javac-time kernels.
    assertEquals(compiles, Olympus.compileCount());
  }

  @Test
  void denseOnSeveralSizes() {
    long compiles = Olympus.compileCount();
    for (int[] bnm : List.of(new int[] {1, 3, 2}, new int[] {4, 5, 3}, new int[] {2, 1, 6})) {
      int b = bnm[0];
      int n = bnm[1];
      int m = bnm[2];
      float[] xv = values(b * n);
      float[] wv = values(n * m + 3);
      float[] bv = values(m + 7);
      Array x = Jnp.array(xv, b, n);
      Array w = Jnp.array(java.util.Arrays.copyOf(wv, n * m), n, m);
      Array bias = Jnp.array(java.util.Arrays.copyOf(bv, m), m);
      double[] ref = new double[b * m];
      for (int i = 0; i < b; i++) {
        for (int k = 0; k < m; k++) {
          double s = bv[k];
          for (int j = 0; j < n; j++) s += (double) xv[i * n + j] * wv[j * m + k];
          ref[i * m + k] = s;
        }
      }
      assertClose(ref, Nn.dense(x, w, bias).toFloatArray(), "dense eager");
      Array jitted = Nn_Jit.dense(x, w, bias);
      assertArrayEquals(new int[] {b, m}, jitted.shape());
      assertClose(ref, jitted.toFloatArray(), "dense jitted");
    }
    assertEquals(compiles, Olympus.compileCount(), "b, n and m are symbolic: one kernel for every size");
  }

  @Test
  void layerNormAndLosses() {
    int rows = 3;
    int cols = 8;
    float[] v = values(rows * cols);
    Array x = Jnp.array(v, rows, cols);
    float[] g = values(cols + 2);
    float[] bt = values(cols + 5);
    Array gamma = Jnp.array(java.util.Arrays.copyOf(g, cols));
    Array beta = Jnp.array(java.util.Arrays.copyOf(bt, cols));
    double[] ref = new double[v.length];
    for (int r = 0; r < rows; r++) {
      double mean = 0;
      for (int c = 0; c < cols; c++) mean += v[r * cols + c];
      mean /= cols;
      double var = 0;
      for (int c = 0; c < cols; c++) var += (v[r * cols + c] - mean) * (v[r * cols + c] - mean);
      var /= cols;
      for (int c = 0; c < cols; c++) {
        ref[r * cols + c] = (v[r * cols + c] - mean) / Math.sqrt(var + 1e-5) * g[c] + bt[c];
      }
    }
    assertClose(ref, Nn.layerNorm(x, gamma, beta).toFloatArray(), "layerNorm");
    assertClose(ref, Nn_Jit.layerNorm(x, gamma, beta).toFloatArray(), "layerNorm jitted");

    float[] t = values(rows * cols + 1);
    Array target = Jnp.array(java.util.Arrays.copyOf(t, rows * cols), rows, cols);
    double mse = 0;
    for (int i = 0; i < v.length; i++) mse += (v[i] - t[i]) * (double) (v[i] - t[i]);
    mse /= v.length;
    assertClose(new double[] {mse}, Nn.mse(x, target).toFloatArray(), "mse");
    assertClose(new double[] {mse}, Nn_Jit.mse(x, target).toFloatArray(), "mse jitted");

    // One-hot labels: class (r * 3) % cols for row r.
    float[] labels = new float[rows * cols];
    for (int r = 0; r < rows; r++) labels[r * cols + (r * 3) % cols] = 1;
    double[] lse = logsumexpRows(v, rows, cols);
    double ce = 0;
    for (int r = 0; r < rows; r++) ce -= v[r * cols + (r * 3) % cols] - lse[r];
    ce /= rows;
    Array y = Jnp.array(labels, rows, cols);
    assertClose(new double[] {ce}, Nn.crossEntropy(x, y).toFloatArray(), "crossEntropy");
    assertClose(new double[] {ce}, Nn_Jit.crossEntropy(x, y).toFloatArray(), "crossEntropy jitted");
  }

  /** One-hot rows as jax.nn.one_hot makes them: out-of-range and negative labels give zero rows. */
  @Test
  void oneHotHasAJavacTimeKernelForEveryClassCount() {
    Array labels = Jnp.array(new int[] {2, 0, -1, 3, 1});
    long compiles = Olympus.compileCount();
    for (int classes : new int[] {3, 4, 10}) {
      float[] want = new float[5 * classes];
      int[] ls = {2, 0, -1, 3, 1};
      for (int r = 0; r < 5; r++) if (ls[r] >= 0 && ls[r] < classes) want[r * classes + ls[r]] = 1;
      assertArrayEquals(want, Nn.oneHot(labels, classes).toFloatArray(), "oneHot " + classes);
      Array jitted = Nn_Jit.oneHot(labels, classes);
      assertArrayEquals(new int[] {5, classes}, jitted.shape());
      assertArrayEquals(want, jitted.toFloatArray(), "oneHot jitted " + classes);
    }
    assertEquals(compiles, Olympus.compileCount(), "numClasses is the kernel's int: no run-time compile");
  }

  /**
   * {@code jax.nn.gelu(x, approximate=False)} as JAX 0.10.2 prints it: within 4 ulp, plus the cancellation in
   * {@code 1 + erf(x / sqrt 2)} for negative x, where one ulp of erf near -1 (6e-8) is scaled by |x|.
   */
  static final float[] XS_GELU = {-3.5f, -1f, -0.25f, 0f, 0.1f, 0.5f, 1.5f, 2.9f, 3.1f, 5f};

  @Test
  void exactGeluMatchesJax() {
    Array x = Jnp.array(XS_GELU);
    double[] want = {-0.0008142017759382725, -0.15865527093410492, -0.10032342374324799, 0.0, 0.05398278310894966,
        0.3457312285900116, 1.3997892141342163, 2.8945891857147217, 3.0970003604888916, 4.999998569488525};
    for (Array got : List.of(Nn.gelu(x, false), Nn_Jit.gelu(x, false))) {
      float[] g = got.toFloatArray();
      for (int i = 0; i < want.length; i++) assertEquals(want[i], g[i], 4 * Math.ulp((float) want[i]) + 6e-8 * Math.abs(XS_GELU[i]), "gelu " + i);
    }
    assertArrayEquals(Nn.gelu(x).toFloatArray(), Nn_Jit.gelu(x, true).toFloatArray());
  }

  /** 2x2 pooling of 0..15 (one 4x4 channel): maxima and means of each quadrant, in closed form. */
  @Test
  void poolingTakesMaximaAndMeansOfPatches() {
    Array x = Jnp.arange(16).astype(dev.olympus.DType.F32).reshape(1, 1, 4, 4);
    for (Array got : List.of(Nn.maxPool(x, 2, 2), Nn_Jit.maxPool(x, 2, 2))) {
      assertArrayEquals(new int[] {1, 1, 2, 2}, got.shape());
      assertArrayEquals(new float[] {5, 7, 13, 15}, got.toFloatArray());
    }
    for (Array got : List.of(Nn.avgPool(x, 2, 2), Nn_Jit.avgPool(x, 2, 2))) {
      assertArrayEquals(new float[] {2.5f, 4.5f, 10.5f, 12.5f}, got.toFloatArray());
    }
    // Overlapping 3x3 windows moved by 1: the maxima are each window's bottom-right corner.
    long compiles = Olympus.compileCount();
    assertArrayEquals(new float[] {10, 11, 14, 15}, Nn.maxPool(x, 3, 1).toFloatArray());
    assertArrayEquals(new float[] {10, 11, 14, 15}, Nn_Jit.maxPool(x, 3, 1).toFloatArray());
    // A 3x5 image of 0..14 in 2x2 windows moved by 1: the window at (i, j) averages 5i + j + {0, 1, 5, 6}.
    Array wide = Jnp.arange(15).astype(dev.olympus.DType.F32).reshape(1, 1, 3, 5);
    float[] means = Nn_Jit.avgPool(wide, 2, 1).toFloatArray();
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 4; j++) assertEquals(5 * i + j + 3, means[4 * i + j], "mean of the window at " + i + ", " + j);
    }
    assertEquals(compiles, Olympus.compileCount(), "javac-time kernels serve every window, stride and size");
    Array grad = Olympus.grad((Array v) -> Jnp.sum(Nn.maxPool(v, 2, 2))).apply(x);
    assertArrayEquals(new float[] {0, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 1, 0, 1}, grad.toFloatArray());
  }
}
