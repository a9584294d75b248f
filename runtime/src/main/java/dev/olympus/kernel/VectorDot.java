package dev.olympus.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The SIMD loop of {@link DotKernel}: {@code c[m, n] = a[m, k] . b[k, n]}, with {@code b} and {@code c}
 * row-major from {@code bBase} and {@code cBase}, and {@code a}'s element (i, p) at
 * {@code a[aBase + i * rowStride + p * colStride]}. Blocks of 4 rows x 2
 * vectors of {@code c} are accumulated in registers over the whole contraction; rows and columns left over
 * take narrower blocks, and the last columns a scalar loop. Like {@link VectorTileOps}, loaded only when the
 * Vector API is present.
 */
final class VectorDot {
  private VectorDot() {}

  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

  static void matmul(float[] a, int aBase, int rowStride, int colStride, float[] b, int bBase, float[] c, int cBase,
      int m, int n, int k) {
    int lanes = S.length();
    int i = 0;
    for (; i + 4 <= m; i += 4) {
      int a0 = aBase + i * rowStride, a1 = a0 + rowStride, a2 = a1 + rowStride, a3 = a2 + rowStride;
      int j = 0;
      for (; j + 2 * lanes <= n; j += 2 * lanes) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        for (int p = 0; p < k; p++) {
          FloatVector b0 = FloatVector.fromArray(S, b, bBase + p * n + j);
          FloatVector b1 = FloatVector.fromArray(S, b, bBase + p * n + j + lanes);
          int ap = p * colStride;
          float x0 = a[a0 + ap], x1 = a[a1 + ap], x2 = a[a2 + ap], x3 = a[a3 + ap];
          c00 = c00.add(b0.mul(x0));
          c01 = c01.add(b1.mul(x0));
          c10 = c10.add(b0.mul(x1));
          c11 = c11.add(b1.mul(x1));
          c20 = c20.add(b0.mul(x2));
          c21 = c21.add(b1.mul(x2));
          c30 = c30.add(b0.mul(x3));
          c31 = c31.add(b1.mul(x3));
        }
        c00.intoArray(c, cBase + i * n + j);
        c01.intoArray(c, cBase + i * n + j + lanes);
        c10.intoArray(c, cBase + (i + 1) * n + j);
        c11.intoArray(c, cBase + (i + 1) * n + j + lanes);
        c20.intoArray(c, cBase + (i + 2) * n + j);
        c21.intoArray(c, cBase + (i + 2) * n + j + lanes);
        c30.intoArray(c, cBase + (i + 3) * n + j);
        c31.intoArray(c, cBase + (i + 3) * n + j + lanes);
      }
      for (; j + lanes <= n; j += lanes) {
        FloatVector c0 = FloatVector.zero(S), c1 = FloatVector.zero(S);
        FloatVector c2 = FloatVector.zero(S), c3 = FloatVector.zero(S);
        for (int p = 0; p < k; p++) {
          FloatVector bv = FloatVector.fromArray(S, b, bBase + p * n + j);
          int ap = p * colStride;
          c0 = c0.add(bv.mul(a[a0 + ap]));
          c1 = c1.add(bv.mul(a[a1 + ap]));
          c2 = c2.add(bv.mul(a[a2 + ap]));
          c3 = c3.add(bv.mul(a[a3 + ap]));
        }
        c0.intoArray(c, cBase + i * n + j);
        c1.intoArray(c, cBase + (i + 1) * n + j);
        c2.intoArray(c, cBase + (i + 2) * n + j);
        c3.intoArray(c, cBase + (i + 3) * n + j);
      }
      scalarColumns4(a, a0, rowStride, colStride, b, bBase, c, cBase + i * n, j, n, k);
    }
    for (; i < m; i++) {
      int ai = aBase + i * rowStride;
      int j = 0;
      for (; j + lanes <= n; j += lanes) {
        FloatVector acc = FloatVector.zero(S);
        for (int p = 0; p < k; p++) acc = acc.add(FloatVector.fromArray(S, b, bBase + p * n + j).mul(a[ai + p * colStride]));
        acc.intoArray(c, cBase + i * n + j);
      }
      scalarColumns(a, ai, colStride, b, bBase, c, cBase + i * n, j, n, k);
    }
  }

  /**
   * Columns {@code from..n-1} of four output rows (the row block's leftovers, or all columns of a product
   * narrower than a vector, such as a 3-class output layer): four independent sums per column, so the adds do
   * not wait on each other.
   */
  private static void scalarColumns4(float[] a, int a0, int rowStride, int colStride, float[] b, int bBase, float[] c,
      int c0, int from, int n, int k) {
    for (int j = from; j < n; j++) {
      float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f;
      for (int p = 0; p < k; p++) {
        float bv = b[bBase + p * n + j];
        int ap = a0 + p * colStride;
        s0 += a[ap] * bv;
        s1 += a[ap + rowStride] * bv;
        s2 += a[ap + 2 * rowStride] * bv;
        s3 += a[ap + 3 * rowStride] * bv;
      }
      c[c0 + j] = s0;
      c[c0 + n + j] = s1;
      c[c0 + 2 * n + j] = s2;
      c[c0 + 3 * n + j] = s3;
    }
  }

  /** Columns {@code from..n-1} of one output row, starting at {@code c[cRow]}; the row of a starts at {@code ai}. */
  private static void scalarColumns(float[] a, int ai, int colStride, float[] b, int bBase, float[] c, int cRow, int from,
      int n, int k) {
    for (int j = from; j < n; j++) {
      float acc = 0f;
      for (int p = 0; p < k; p++) acc += a[ai + p * colStride] * b[bBase + p * n + j];
      c[cRow + j] = acc;
    }
  }
}
