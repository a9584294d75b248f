package dev.olympus.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.olympus.Array;
import dev.olympus.DType;
import dev.olympus.Fn1;
import dev.olympus.Fn3;
import dev.olympus.ValueAndGrad;
import dev.olympus.batching.Vmap;
import dev.olympus.numpy.Jnp;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Gradients of pytrees come back with the argument's structure and type: a least-squares loss over a record
 * of parameters against its closed-form gradient, and lists and maps.
 */
class PyTreeGradTest {
  public record Linear(Array w, Array b) {}

  /** mean((X w + b - y)^2) for X (n, d), w (d,), b (), y (n,). */
  static Array loss(Linear p, Array x, Array y) {
    Array residual = Jnp.subtract(Jnp.add(Jnp.matmul(x, p.w()), p.b()), y);
    return Jnp.mean(Jnp.square(residual));
  }

  static final int N = 5, D = 3;

  static double[] xs() {
    double[] x = new double[N * D];
    for (int i = 0; i < x.length; i++) x[i] = Math.sin(0.7 * i + 0.2) * 2;
    return x;
  }

  static final double[] Y = {0.5, -1.0, 2.0, 0.25, -0.75};
  static final double[] W = {0.3, -0.8, 1.1};
  static final double B = 0.4;

  /** dL/dw = 2/n X^T r and dL/db = 2/n sum(r), r = X w + b - y, in double loops. */
  static double[] closedFormGradient() {
    double[] x = xs();
    double[] r = new double[N];
    for (int i = 0; i < N; i++) {
      double s = B - Y[i];
      for (int j = 0; j < D; j++) s += x[i * D + j] * W[j];
      r[i] = s;
    }
    double[] g = new double[D + 1];
    for (int j = 0; j < D; j++) {
      for (int i = 0; i < N; i++) g[j] += 2.0 / N * x[i * D + j] * r[i];
    }
    for (int i = 0; i < N; i++) g[D] += 2.0 / N * r[i];
    return g;
  }

  @Test
  void leastSquaresGradientOfARecordMatchesTheClosedForm() {
    // f64: the gradient is a handful of f64 operations from the closed form's, so 1e-12 relative.
    checkLeastSquares(DType.F64, 1e-12);
    // f32: the same arithmetic rounded to f32 (eps 6e-8) over sums of 5 terms of magnitude ~4: 1e-5.
    checkLeastSquares(DType.F32, 1e-5);
  }

  private static void checkLeastSquares(DType dtype, double tolerance) {
    Linear p = new Linear(Jnp.array(dtype, W, D), Jnp.scalar(dtype, B));
    Array x = Jnp.array(dtype, xs(), N, D);
    Array y = Jnp.array(dtype, Y, N);
    Fn3<Linear, Array, Array, ValueAndGrad<Linear>> vg = Grad.valueAndGrad(PyTreeGradTest::loss);
    ValueAndGrad<Linear> out = vg.apply(p, x, y);
    Linear g = out.grad();
    assertInstanceOf(Linear.class, g, "the gradient of a record is the same record type");
    assertEquals(dtype, g.w().dtype());
    double[] want = closedFormGradient();
    double[] gw = g.w().toDoubleArray();
    for (int j = 0; j < D; j++) assertEquals(want[j], gw[j], tolerance * Math.max(1, Math.abs(want[j])), "dL/dw" + j);
    assertEquals(want[D], g.b().doubleValue(), tolerance * Math.max(1, Math.abs(want[D])), "dL/db");
    assertEquals(0, g.b().ndim(), "b's gradient is 0-d like b");
    // The value is the loss itself.
    double[] xv = xs();
    double sum = 0;
    for (int i = 0; i < N; i++) {
      double r = B - Y[i];
      for (int j = 0; j < D; j++) r += xv[i * D + j] * W[j];
      sum += r * r;
    }
    assertEquals(sum / N, out.value().doubleValue(), tolerance * Math.max(1, sum / N), "loss value");
    // Same thing with grad (no value) and through the per-example vmapped loss summed by hand.
    Linear g2 = Grad.grad(PyTreeGradTest::loss).apply(p, x, y);
    assertEquals(g.b().doubleValue(), g2.b().doubleValue(), 0.0);
  }

  @Test
  void perExampleGradientsWithVmapOverTheData() {
    // vmap(grad(loss), in_axes = (-1, 0, 0)) gives one gradient record per example, batched along axis 0.
    Fn3<Linear, Array, Array, Linear> grad = Grad.grad(PyTreeGradTest::loss);
    Fn3<Linear, Array, Array, Linear> perExample = Vmap.vmap(grad, new int[] {-1, 0, 0}, 0);
    Linear p = new Linear(Jnp.array(DType.F64, W, D), Jnp.scalar(DType.F64, B));
    Linear g = perExample.apply(p, Jnp.array(DType.F64, xs(), N, D), Jnp.array(DType.F64, Y, N));
    assertEquals(List.of(N, D), List.of(g.w().shape()[0], g.w().shape()[1]));
    double[] x = xs();
    double[] gw = g.w().toDoubleArray();
    double[] gb = g.b().toDoubleArray();
    for (int i = 0; i < N; i++) {
      // One example: loss = r^2 with r = x_i . w + b - y_i, so dw = 2 r x_i and db = 2 r.
      double r = B - Y[i];
      for (int j = 0; j < D; j++) r += x[i * D + j] * W[j];
      assertEquals(2 * r, gb[i], 1e-12, "db for example " + i);
      for (int j = 0; j < D; j++) assertEquals(2 * r * x[i * D + j], gw[i * D + j], 1e-12, "dw" + j + " example " + i);
    }
  }

  @Test
  void listsAndMapsComeBackWithTheirStructure() {
    Fn1<List<Array>, Array> f = xs -> Jnp.multiply(Jnp.sum(Jnp.exp(xs.get(0))), xs.get(1));
    List<Array> g = Grad.grad(f).apply(List.of(Jnp.array(0.5f, -1f), Jnp.scalar(3f)));
    assertEquals(2, g.size());
    assertEquals((float) (3 * Math.exp(0.5)), g.get(0).toFloatArray()[0], 2e-6f);
    assertEquals((float) (Math.exp(0.5) + Math.exp(-1)), g.get(1).floatValue(), 1e-6f);

    Fn1<Map<String, Array>, Array> m = d -> Jnp.multiply(d.get("a"), Jnp.square(d.get("b")));
    Map<String, Array> gm = Grad.grad(m).apply(Map.of("a", Jnp.scalar(2f), "b", Jnp.scalar(5f)));
    assertEquals(25f, gm.get("a").floatValue());
    assertEquals(20f, gm.get("b").floatValue());
  }
}
