package dev.olympus.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.olympus.Array;
import dev.olympus.Fn2;
import dev.olympus.ir.ClosedIr;
import dev.olympus.lax.Lax;
import dev.olympus.lowering.KernelPlan;
import dev.olympus.fusion.NestLowering;
import dev.olympus.simd.VectorModule;
import dev.olympus.numpy.Jnp;
import dev.olympus.transform.Staging;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The jit's matrix product ({@link DotKernel}), SIMD and scalar twin, in all four operand layouts (lhs contracted
 * over dimension 1 or 0, rhs over 0 or 1, as {@code matmul} and its gradients produce them; the transposed ones
 * are read in place), at sizes that exercise the GEMM's blocks: full 8-row x 3-vector tiles, narrower last
 * column panels, leftover rows, products narrower than a vector, a contraction split in two blocks, a product
 * large enough for two threads, and empty dimensions. (The GEMM's own edge cases are in the tracer's GemmTest.)
 */
class DotKernelTest {
  private static final int[][] SIZES = {
      {1, 1, 1}, {5, 3, 7}, {128, 64, 64}, {128, 64, 3}, {37, 129, 33}, {9, 17, 48}, {9, 257, 49}, {150, 120, 130},
      {4, 0, 5}, {0, 3, 4}, {3, 5, 0}};

  @Test
  void everyLayoutMatchesTheEagerPrimitiveExactlyAndADoubleLoopClosely() {
    Random random = new Random(11);
    for (int[] mkn : SIZES) {
      int m = mkn[0], k = mkn[1], n = mkn[2];
      for (boolean lhsT : new boolean[] {false, true}) {
        for (boolean rhsT : new boolean[] {false, true}) {
          String what = (lhsT ? "a^T" : "a") + " . " + (rhsT ? "b^T" : "b") + " with m, k, n = " + m + ", " + k
              + ", " + n;
          float[] a = gaussian(random, m * k);
          float[] b = gaussian(random, k * n);
          // Stored as the layout says: a as [k, m] when contracted over dimension 0, b as [n, k] over 1.
          Array lhs = lhsT ? Jnp.array(transpose(a, m, k), k, m) : Jnp.array(a, m, k);
          Array rhs = rhsT ? Jnp.array(transpose(b, k, n), n, k) : Jnp.array(b, k, n);
          Fn2<Array, Array, Array> f = (x, y) -> Lax.dotGeneral(x, y, new int[] {lhsT ? 0 : 1},
              new int[] {rhsT ? 1 : 0}, new int[0], new int[0]);
          ClosedIr ir = Staging.makeIr(f, lhs, rhs);
          KernelPlan plan = NestLowering.lower(ir);
          for (boolean vector : new boolean[] {false, true}) {
          if (vector && !VectorModule.ENABLED) continue;
          Array got = new PlanExecutable(plan, "dot", vector).run(new Array[] {lhs, rhs})[0];
          assertArrayEquals(new int[] {m, n}, got.shape(), what);
          // The same GEMM as the primitive (the scalar twin does the same operations): identical bits.
          assertArrayEquals(ir.call(List.of(lhs, rhs)).get(0).toFloatArray(), got.toFloatArray(), what);
          float[] c = got.toFloatArray();
          for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
              double exact = 0, magnitude = 0;
              for (int p = 0; p < k; p++) {
                exact += (double) a[i * k + p] * b[p * n + j];
                magnitude += Math.abs((double) a[i * k + p] * b[p * n + j]);
              }
              // k fused multiply-adds in order round k times, so the error is at most about k * 2^-24 times the
              // sum of the products' magnitudes; the extra 2^-24 covers gamma_k's 1 / (1 - k 2^-24) and the
              // double reference's own rounding.
              double tol = (k + 1) * 0x1p-24 * magnitude + 1e-30;
              assertEquals(exact, c[i * n + j], tol, what + " at (" + i + ", " + j + ")");
            }
          }
          }
        }
      }
    }
  }

  @Test
  void batchedAndIntegerProductsMatchTheEagerPrimitive() {
    Random random = new Random(3);
    Array x = Jnp.array(gaussian(random, 2 * 5 * 7), 2, 5, 7);
    Array y = Jnp.array(gaussian(random, 2 * 7 * 33), 2, 7, 33);
    Array i = Jnp.array(new int[] {1, -2, 3, 4, 5, -6}, 2, 3);
    Array j = Jnp.array(new int[] {7, 8, -9, 10, 11, 12}, 3, 2);
    Fn2<Array, Array, Array> matmul = Jnp::matmul;
    for (Array[] args : new Array[][] {{x, y}, {i, j}}) {
      ClosedIr ir = Staging.makeIr(matmul, (Object[]) args);
      for (boolean vector : new boolean[] {false, true}) {
        if (vector && !VectorModule.ENABLED) continue;
        Array got = new PlanExecutable(NestLowering.lower(ir), "matmul", vector).run(args)[0];
        assertArrayEquals(ir.call(List.of(args)).get(0).toDoubleArray(), got.toDoubleArray());
      }
    }
  }

  private static float[] gaussian(Random r, int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) v[i] = (float) r.nextGaussian();
    return v;
  }

  private static float[] transpose(float[] x, int rows, int cols) {
    float[] t = new float[x.length];
    for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) t[j * rows + i] = x[i * cols + j];
    return t;
  }
}
