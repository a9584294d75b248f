package dev.olympus.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.olympus.Array;
import dev.olympus.DType;
import dev.olympus.Fn1;
import dev.olympus.Olympus;
import dev.olympus.numpy.Jnp;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Nn}'s gelu, oneHot and pooling under the transformations {@code NnTest} does not run them through:
 * {@code vmap(f)(xs)} against stacking {@code f(xs[k])}, {@code jit(f)} and the javac-time {@code Nn_Jit} kernel
 * against {@code f} eagerly, and the gradient of average pooling against central differences. A batched or compiled
 * op does the same per-element arithmetic as the eager one, so results are compared bit for bit.
 */
class NnTransformsTest {
  private static final java.util.Random RNG = new java.util.Random(20261207L);

  private static Array randn(DType dtype, int... shape) {
    int n = 1;
    for (int d : shape) n *= d;
    double[] v = new double[n];
    for (int i = 0; i < n; i++) v[i] = RNG.nextGaussian();
    return Jnp.array(dtype, v, shape);
  }

  private static void same(String what, Array want, Array got) {
    assertEquals(want.dtype(), got.dtype(), what + ": dtype");
    assertArrayEquals(want.shape(), got.shape(), what + ": shape");
    assertArrayEquals(want.toDoubleArray(), got.toDoubleArray(), what);
  }

  private static Array loop(Fn1<Array, Array> f, Array xs) {
    List<Array> rows = new ArrayList<>();
    for (int k = 0; k < xs.shape()[0]; k++) rows.add(f.apply(xs.get(k)));
    return Jnp.stack(rows, 0);
  }

  /** Eager, vmapped, jitted and (when given) the javac-time kernel of one op agree. */
  private static void agree(String what, Fn1<Array, Array> f, Fn1<Array, Array> kernel, Array xs) {
    same(what + " vmap", loop(f, xs), Olympus.vmap(f).apply(xs));
    Array x = xs.get(0);
    same(what + " jit", f.apply(x), Olympus.jit(f).apply(x));
    if (kernel != null) same(what + " Nn_Jit", f.apply(x), kernel.apply(x));
  }

  @Test
  void geluOneHotAndPoolingUnderVmapJitAndTheirKernels() {
    Array xs = randn(DType.F32, 3, 7).mul(3.0);
    for (boolean approximate : new boolean[] {true, false}) {
      agree("gelu approximate=" + approximate, x -> Nn.gelu(x, approximate), x -> Nn_Jit.gelu(x, approximate), xs);
    }
    // -1 and 4 are out of range for 4 classes: rows of zeros.
    Array labels = Jnp.array(new int[] {0, 3, -1, 2, 4, 1, 1, 0, 3, 2}, 2, 5);
    agree("oneHot", l -> Nn.oneHot(l, 4), l -> Nn_Jit.oneHot(l, 4), labels);
    Array images = randn(DType.F32, 2, 2, 3, 6, 6);
    agree("maxPool 2/2", x -> Nn.maxPool(x, 2, 2), x -> Nn_Jit.maxPool(x, 2, 2), images);
    agree("maxPool 3/1", x -> Nn.maxPool(x, 3, 1), x -> Nn_Jit.maxPool(x, 3, 1), images);
    agree("avgPool 2/2", x -> Nn.avgPool(x, 2, 2), x -> Nn_Jit.avgPool(x, 2, 2), images);
    agree("avgPool 3/2", x -> Nn.avgPool(x, 3, 2), x -> Nn_Jit.avgPool(x, 3, 2), images);
    // Composed: the compiled batched pooling is the loop too.
    Fn1<Array, Array> pool = x -> Nn.avgPool(Nn.maxPool(x, 2, 1), 2, 2);
    same("jit(vmap(pool))", loop(pool, images), Olympus.jit(Olympus.vmap(pool)).apply(images));
  }

  /**
   * Against central differences with {@code e = 1e-6} in f64: truncation ~{@code e^2 f''' / 6 ~ 1e-12}, rounding
   * ~{@code 1e-16 |f| / e ~ 1e-10 |f|}, so 1e-6 relative is far above both and far below a wrong derivative.
   * Overlapping windows (3 wide, stride 2) give the middle elements cotangents from two windows.
   */
  @Test
  void averagePoolingGradientIsTheFiniteDifference() {
    for (int[] ws : new int[][] {{3, 2}, {2, 2}}) {
      Array x = randn(DType.F64, 1, 2, 5, 5);
      Array w = Jnp.arange(2 * 2 * 2, DType.F64).mul(0.25).add(0.5);
      Fn1<Array, Array> f = v -> {
        Array y = Nn.avgPool(v, ws[0], ws[1]);
        return Jnp.sum(Jnp.sin(y).mul(w.reshape(y.shape())));
      };
      Array grad = Olympus.grad(f).apply(x);
      same("jit(grad)", grad, Olympus.jit(Olympus.grad(f)).apply(x));
      double[] g = grad.toDoubleArray(), v = x.toDoubleArray();
      double eps = 1e-6;
      for (int i = 0; i < v.length; i++) {
        double[] up = v.clone(), down = v.clone();
        up[i] += eps;
        down[i] -= eps;
        double fd = (f.apply(Jnp.array(DType.F64, up, x.shape())).doubleValue()
            - f.apply(Jnp.array(DType.F64, down, x.shape())).doubleValue()) / (2 * eps);
        assertEquals(fd, g[i], 1e-6 * Math.max(1, Math.abs(fd)), "avgPool " + ws[0] + "/" + ws[1] + " grad at " + i);
      }
    }
  }
}
