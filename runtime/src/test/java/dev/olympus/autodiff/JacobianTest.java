package dev.olympus.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.olympus.Array;
import dev.olympus.DType;
import dev.olympus.Fn1;
import dev.olympus.Olympus;
import dev.olympus.numpy.Jnp;
import dev.olympus.lax.Lax;
import org.junit.jupiter.api.Test;

/** {@code jacfwd}, {@code jacrev} and {@code hessian} against closed forms, eagerly and under jit. */
class JacobianTest {
  /** f(x) = [sin(x0) x1, x0^2 + exp(x1), x0 x1 x2]. */
  static Array f(Array x) {
    Array x0 = Lax.slice(x, new int[] {0}, new int[] {1}, new int[] {1});
    Array x1 = Lax.slice(x, new int[] {1}, new int[] {2}, new int[] {1});
    Array x2 = Lax.slice(x, new int[] {2}, new int[] {3}, new int[] {1});
    return Jnp.concatenate(java.util.List.of(Jnp.sin(x0).mul(x1), x0.mul(x0).add(Jnp.exp(x1)), x0.mul(x1).mul(x2)), 0);
  }

  static double[][] closedForm(double[] x) {
    return new double[][] {
        {Math.cos(x[0]) * x[1], Math.sin(x[0]), 0},
        {2 * x[0], Math.exp(x[1]), 0},
        {x[1] * x[2], x[0] * x[2], x[0] * x[1]}};
  }

  /** float32 derivatives of a few float32 ops: 1e-5 relative to the entry's scale. */
  static void assertJacobian(double[][] want, Array got) {
    assertArrayEquals(new int[] {want.length, want[0].length}, got.shape());
    double[] g = got.toDoubleArray();
    for (int i = 0; i < want.length; i++) {
      for (int j = 0; j < want[0].length; j++) {
        assertEquals(want[i][j], g[i * want[0].length + j], 1e-5 * Math.max(1, Math.abs(want[i][j])), "J[" + i + "][" + j + "]");
      }
    }
  }

  @Test
  void forwardAndReverseGiveTheJacobian() {
    double[] xs = {0.7, -1.3, 2.5};
    Array x = Jnp.array(new float[] {0.7f, -1.3f, 2.5f});
    double[][] want = closedForm(new double[] {(float) xs[0], (float) xs[1], (float) xs[2]});
    assertJacobian(want, Olympus.jacfwd(JacobianTest::f).apply(x));
    assertJacobian(want, Olympus.jacrev(JacobianTest::f).apply(x));
    assertJacobian(want, Olympus.jit(Olympus.jacrev(JacobianTest::f)).apply(x));
    assertJacobian(want, Olympus.jit(Olympus.jacfwd(JacobianTest::f)).apply(x));
  }

  @Test
  void shapesAreOutputThenInput() {
    Fn1<Array, Array> g = v -> Jnp.sum(v.mul(v), 1);  // [2,3] -> [2]
    Array x = Jnp.array(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
    Array jf = Olympus.jacfwd(g).apply(x), jr = Olympus.jacrev(g).apply(x);
    assertArrayEquals(new int[] {2, 2, 3}, jf.shape());
    assertArrayEquals(jf.toFloatArray(), jr.toFloatArray());
    // d g_i / d x_kl = 2 x_kl when i == k.
    float[] j = jf.toFloatArray();
    for (int i = 0; i < 2; i++) {
      for (int k = 0; k < 2; k++) {
        for (int l = 0; l < 3; l++) assertEquals(i == k ? 2 * (k * 3 + l + 1) : 0, j[(i * 2 + k) * 3 + l]);
      }
    }
  }

  @Test
  void hessianOfAScalarFunction() {
    // h(x) = sum(x^3) + x0 x1: H = diag(6 x) + 1 at (0,1) and (1,0).
    Fn1<Array, Array> h = v -> Jnp.sum(v.mul(v).mul(v)).add(Jnp.sum(Lax.slice(v, new int[] {0}, new int[] {1},
        new int[] {1}).mul(Lax.slice(v, new int[] {1}, new int[] {2}, new int[] {1}))));
    Array x = Jnp.array(new float[] {0.5f, -2f, 3f});
    Array hess = Olympus.hessian(h).apply(x);
    assertArrayEquals(new int[] {3, 3}, hess.shape());
    double[][] want = {{3, 1, 0}, {1, -12, 0}, {0, 0, 18}};
    assertJacobian(want, hess);
    assertEquals(DType.F32, hess.dtype());
  }
}
