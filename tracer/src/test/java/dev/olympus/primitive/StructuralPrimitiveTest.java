package dev.olympus.primitive;

import static dev.olympus.Numerics.assertClose;
import static dev.olympus.Numerics.assertShape;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.Array;
import dev.olympus.DType;
import dev.olympus.Numerics;
import dev.olympus.errors.ShapeException;
import dev.olympus.lax.Lax;
import dev.olympus.numpy.Jnp;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The non-elementwise primitives against reference loops written here with explicit index arithmetic, so
 * the kernels' strided walks ({@code MultiIndex}) are checked by independent code.
 */
class StructuralPrimitiveTest {
  private static float[] randomFloats(int n, long seed) {
    Random r = new Random(seed);
    float[] f = new float[n];
    for (int i = 0; i < n; i++) f[i] = (float) (r.nextGaussian() * 10);
    return f;
  }

  private static float[] iotaFloats(int n) {
    float[] f = new float[n];
    for (int i = 0; i < n; i++) f[i] = i;
    return f;
  }

  @Test
  void selectN() {
    Array which = Numerics.bools(true, false, true);
    Array out = Lax.selectN(which, Numerics.f32(1, 2, 3), Numerics.f32(10, 20, 30));
    assertArrayEquals(new float[] {10, 2, 30}, out.toFloatArray(), "bool selector: false picks case 0");
    Array byIndex = Lax.selectN(Numerics.i32(2, 0, 1), Numerics.i32(1, 2, 3), Numerics.i32(4, 5, 6),
        Numerics.i32(7, 8, 9));
    assertArrayEquals(new int[] {7, 2, 6}, byIndex.toIntArray());
    Array scalarWhich = Lax.selectN(Jnp.scalar(true), Numerics.f32(1, 2), Numerics.f32(3, 4));
    assertArrayEquals(new float[] {3, 4}, scalarWhich.toFloatArray());
    assertShape(Lax.selectN(Jnp.scalar(false), Jnp.scalar(1f), Jnp.scalar(2f)), DType.F32);
    assertThrows(ShapeException.class, () -> Lax.selectN(which, Numerics.f32(1, 2, 3), Numerics.f64(1, 2, 3)));
    assertThrows(ShapeException.class, () -> Lax.selectN(Numerics.bools(true, false), Numerics.f32(1, 2, 3),
        Numerics.f32(1, 2, 3)));
    assertThrows(ShapeException.class, () -> Lax.selectN(Numerics.f32(1), Numerics.f32(1), Numerics.f32(1)));
  }

  /** Float to int truncates toward zero, saturates and maps NaN to 0 (Java's cast); int to float rounds once. */
  /**
   * Gather's start vectors: each component starts the operand axis start_index_map names (in either order), a
   * start past the end is clamped so the window fits (CLIP) or the window dropped (FILL_OR_DROP), and a batching
   * axis pairs operand and index rows; values read off x = arange(12) as [3, 4], where x[i, j] = 4 i + j.
   */
  @Test
  void gatherStartVectors() {
    Array x = Jnp.arange(12, DType.F32).reshape(3, 4);
    Array starts = Jnp.array(new int[] {2, 1, 0, 3, 5, -1}, 3, 2);
    var points = new dev.olympus.primitive.GatherDimensionNumbers(new int[0], new int[] {0, 1}, new int[] {0, 1},
        new int[0], new int[0]);
    assertArrayEquals(new float[] {9, 3, 8}, Lax.gather(x, starts, points, new int[] {1, 1},
        dev.olympus.primitive.GatherScatterMode.CLIP).toFloatArray());
    float[] dropped = Lax.gather(x, starts, points, new int[] {1, 1},
        dev.olympus.primitive.GatherScatterMode.FILL_OR_DROP).toFloatArray();
    assertEquals(9, dropped[0]);
    assertEquals(3, dropped[1]);
    assertTrue(Float.isNaN(dropped[2]), "out of bounds: the fill value");
    var swapped = new dev.olympus.primitive.GatherDimensionNumbers(new int[0], new int[] {0, 1}, new int[] {1, 0},
        new int[0], new int[0]);
    assertArrayEquals(new float[] {6, 8, 3}, Lax.gather(x, starts, swapped, new int[] {1, 1},
        dev.olympus.primitive.GatherScatterMode.CLIP).toFloatArray(), "component 0 starts axis 1");
    // Rows of x paired with rows of the indices: out[b] = x[b, idx[b]].
    var batched = new dev.olympus.primitive.GatherDimensionNumbers(new int[0], new int[] {1}, new int[] {1},
        new int[] {0}, new int[] {0});
    assertArrayEquals(new float[] {2, 4, 11}, Lax.gather(x, Jnp.array(new int[] {2, 0, 3}, 3, 1), batched,
        new int[] {1, 1}, dev.olympus.primitive.GatherScatterMode.CLIP).toFloatArray());
    var repeated = new dev.olympus.primitive.GatherDimensionNumbers(new int[0], new int[] {0, 1}, new int[] {0, 0},
        new int[0], new int[0]);
    ShapeException e = assertThrows(ShapeException.class, () -> Lax.gather(x, starts, repeated, new int[] {1, 1},
        dev.olympus.primitive.GatherScatterMode.CLIP));
    assertTrue(e.getMessage().contains("names axis 0 twice"), e.getMessage());
  }

  @Test
  void convertElementType() {
    Array f = Numerics.f32(2.7, -2.7, 1e10, -1e10, Double.NaN, Double.POSITIVE_INFINITY, -0.0);
    assertArrayEquals(new int[] {2, -2, Integer.MAX_VALUE, Integer.MIN_VALUE, 0, Integer.MAX_VALUE, 0},
        Lax.convertElementType(f, DType.I32, false).toIntArray());
    assertArrayEquals(new long[] {2, -2, 10_000_000_000L, -10_000_000_000L, 0, Long.MAX_VALUE, 0},
        Lax.convertElementType(f, DType.I64, false).toLongArray());
    assertArrayEquals(new boolean[] {true, true, true, true, true, true, false},
        Lax.convertElementType(f, DType.BOOL, false).toBoolArray());
    // i64 -> f32 rounds the exact integer once: 2^53 + 1 is not representable in f64, so a double detour errs.
    long big = (1L << 53) + 1;
    assertEquals((float) big, Lax.convertElementType(Numerics.i64(big), DType.F32, false).floatValue());
    assertEquals(16777216f, Lax.convertElementType(Numerics.i32(16777217), DType.F32, false).floatValue());
    // Narrowing integers wraps, as XLA's convert does.
    assertEquals((int) (1L << 40) + 5, Lax.convertElementType(Numerics.i64((1L << 40) + 5), DType.I32, false).intValue());
    assertArrayEquals(new float[] {1, 0}, Lax.convertElementType(Numerics.bools(true, false), DType.F32, false)
        .toFloatArray());
    assertEquals(0.1f, Lax.convertElementType(Numerics.f64(0.1), DType.F32, false).floatValue());
    Array weak = Lax.convertElementType(Numerics.i32(1), DType.F32, true);
    assertTrue(weak.weakType());
    assertShape(Lax.convertElementType(Jnp.zeros(DType.F32, 0), DType.I32, false), DType.I32, 0);
  }

  /** integer_pow multiplies by squaring in the operand's precision, as XLA expands it. */
  @Test
  void integerPow() {
    float[] xs = randomFloats(50, 1);
    for (int y : new int[] {0, 1, 2, 3, 5, 8, -1, -2, -3}) {
      float[] got = Lax.integerPow(Jnp.array(xs), y).toFloatArray();
      for (int i = 0; i < xs.length; i++) {
        // Each squaring or multiply rounds once in f32: |y| <= 8 gives at most 6 roundings, each <= 1/2 ulp
        // of the exact running value, so the result is within 4 ulp of the exact power computed in double.
        double exact = Math.pow(xs[i], y);
        assertClose("x^" + y + " at x=" + xs[i], (float) exact, got[i], 4, DType.F32);
      }
    }
    assertEquals(9f, Lax.integerPow(Jnp.scalar(3f), 2).floatValue());
    assertEquals(Float.POSITIVE_INFINITY, Lax.integerPow(Jnp.scalar(0f), -1).floatValue());
    assertEquals(1.0, Lax.integerPow(Jnp.scalar(DType.F64, Double.NaN), 0).doubleValue());
    assertArrayEquals(new int[] {1, -8, 0, 8}, Lax.integerPow(Numerics.i32(1, -2, 0, 2), 3).toIntArray());
    assertEquals(Integer.MIN_VALUE, Lax.integerPow(Numerics.i32(2), 31).intValue());
    assertEquals(0, Lax.integerPow(Numerics.i32(2), 32).intValue(), "2^32 wraps to 0 in int32");
    ShapeException e = assertThrows(ShapeException.class, () -> Lax.integerPow(Numerics.i32(2), -1));
    assertTrue(e.getMessage().contains("negative integer powers"), e.getMessage());
    assertThrows(ShapeException.class, () -> Lax.integerPow(Numerics.bools(true), 2));
  }

  @Test
  void iota() {
    Array a = Lax.iota(DType.I32, new int[] {2, 3}, 1);
    assertArrayEquals(new int[] {0, 1, 2, 0, 1, 2}, a.toIntArray());
    assertArrayEquals(new float[] {0, 0, 0, 1, 1, 1}, Lax.iota(DType.F32, new int[] {2, 3}, 0).toFloatArray());
    assertShape(Lax.iota(DType.I64, new int[] {0}, 0), DType.I64, 0);
    assertThrows(ShapeException.class, () -> Lax.iota(DType.I32, new int[] {2}, 1));
    assertThrows(ShapeException.class, () -> Lax.iota(DType.BOOL, new int[] {2}, 0));
  }

  /** Reductions over every subset of axes of a 2x3x4 array against a loop over the full index space. */
  @Test
  void reductionsOverEveryAxisSubset() {
    int[] dims = {2, 3, 4};
    float[] data = randomFloats(24, 2);
    Array x = Jnp.array(data, dims);
    for (int m = 0; m < 8; m++) {
      final int mask = m;
      int[] axes = java.util.stream.IntStream.range(0, 3).filter(d -> (mask >> d & 1) != 0).toArray();
      int[] outDims = java.util.stream.IntStream.range(0, 3).filter(d -> (mask >> d & 1) == 0).map(d -> dims[d])
          .toArray();
      int outSize = 1;
      for (int d : outDims) outSize *= d;
      double[] max = new double[outSize], min = new double[outSize];
      float[][] lanes = new float[outSize][16];
      int[] count = new int[outSize];
      java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
      java.util.Arrays.fill(min, Double.POSITIVE_INFINITY);
      for (int i = 0; i < 2; i++) {
        for (int j = 0; j < 3; j++) {
          for (int k = 0; k < 4; k++) {
            int[] idx = {i, j, k};
            int o = 0;
            for (int d = 0; d < 3; d++) if ((mask >> d & 1) == 0) o = o * dims[d] + idx[d];
            double v = data[(i * 3 + j) * 4 + k];
            lanes[o][count[o]++ % 16] += (float) v;
            max[o] = Math.max(max[o], v);
            min[o] = Math.min(min[o], v);
          }
        }
      }
      Array s = Lax.reduceSum(x, axes), mx = Lax.reduceMax(x, axes), mn = Lax.reduceMin(x, axes);
      assertShape(s, DType.F32, outDims);
      float[] gs = s.toFloatArray(), gmx = mx.toFloatArray(), gmn = mn.toFloatArray();
      for (int o = 0; o < outSize; o++) {
        // Sums fold in float32 in the order dev.olympus.simd.Lanes documents: the reduced elements in row-major
        // order, element j into lane j % 16, then the lanes pairwise (k with k + 8, k + 4, k + 2, k + 1).
        float[] l = lanes[o].clone();
        for (int half = 8; half > 0; half /= 2) for (int k = 0; k < half; k++) l[k] = l[k] + l[k + half];
        assertEquals(l[0], gs[o], "sum axes " + java.util.Arrays.toString(axes) + " at " + o);
        assertEquals((float) max[o], gmx[o]);
        assertEquals((float) min[o], gmn[o]);
      }
    }
  }

  @Test
  void reductionEdgeCases() {
    // Empty reductions give the identity, as XLA's reduce does (Jnp.max raises instead, like NumPy).
    assertEquals(0f, Lax.reduceSum(Jnp.zeros(DType.F32, 0), 0).floatValue());
    assertEquals(Float.NEGATIVE_INFINITY, Lax.reduceMax(Jnp.zeros(DType.F32, 0), 0).floatValue());
    assertEquals(Integer.MAX_VALUE, Lax.reduceMin(Jnp.zeros(DType.I32, 0), 0).intValue());
    assertEquals(Long.MIN_VALUE, Lax.reduceMax(Jnp.zeros(DType.I64, 0), 0).longValue());
    assertShape(Lax.reduceSum(Jnp.zeros(DType.F32, 3, 0), 1), DType.F32, 3);
    assertShape(Lax.reduceSum(Jnp.zeros(DType.F32, 0, 3), 0), DType.F32, 3);
    // No axes: the identity reduction of a 0-d array.
    assertEquals(5f, Lax.reduceSum(Jnp.scalar(5f)).floatValue());
    // NaN propagates through max/min; integer sums wrap.
    assertTrue(Float.isNaN(Lax.reduceMax(Numerics.f32(1, Double.NaN, 3), 0).floatValue()));
    assertTrue(Float.isNaN(Lax.reduceMin(Numerics.f32(1, Double.NaN, 3), 0).floatValue()));
    assertEquals(Integer.MIN_VALUE, Lax.reduceSum(Numerics.i32(Integer.MAX_VALUE, 1), 0).intValue());
    assertTrue(Lax.reduceMax(Numerics.bools(false, true), 0).bool());
    assertFalse(Lax.reduceMin(Numerics.bools(false, true), 0).bool());
    assertThrows(ShapeException.class, () -> Lax.reduceSum(Numerics.bools(true), 0));
    assertThrows(ShapeException.class, () -> Lax.reduceSum(Numerics.f32(1), 1));
    assertThrows(ShapeException.class, () -> Lax.reduceSum(Jnp.zeros(DType.F32, 2, 2), 1, 0));
  }

  @Test
  void broadcastInDim() {
    Array x = Numerics.f32(1, 2, 3);
    Array out = Lax.broadcastInDim(x, new int[] {2, 3}, new int[] {1});
    assertArrayEquals(new float[] {1, 2, 3, 1, 2, 3}, out.toFloatArray());
    Array col = Lax.broadcastInDim(x, new int[] {3, 2}, new int[] {0});
    assertArrayEquals(new float[] {1, 1, 2, 2, 3, 3}, col.toFloatArray());
    Array one = Lax.broadcastInDim(Jnp.array(new float[] {7}, 1, 1), new int[] {2, 1, 3}, new int[] {0, 1});
    assertArrayEquals(new float[] {7, 7, 7, 7, 7, 7}, one.toFloatArray());
    assertShape(Lax.broadcastInDim(Jnp.scalar(1), new int[] {0, 4}, new int[0]), DType.I32, 0, 4);
    assertThrows(ShapeException.class, () -> Lax.broadcastInDim(x, new int[] {2, 4}, new int[] {1}));
    assertThrows(ShapeException.class, () -> Lax.broadcastInDim(x, new int[] {3, 3}, new int[] {0, 1}));
    assertThrows(ShapeException.class, () -> Lax.broadcastInDim(x, new int[] {3}, new int[] {1}));
  }

  @Test
  void reshapeTransposeSqueeze() {
    Array x = Jnp.array(iotaFloats(24), 2, 3, 4);
    assertArrayEquals(iotaFloats(24), Lax.reshape(x, 4, 6).toFloatArray(), "reshape keeps row-major order");
    assertShape(Lax.reshape(Jnp.scalar(1f), 1, 1), DType.F32, 1, 1);
    assertShape(Lax.reshape(Jnp.zeros(DType.F32, 0, 3), 3, 0), DType.F32, 3, 0);
    ShapeException e = assertThrows(ShapeException.class, () -> Lax.reshape(x, 5, 5));
    assertTrue(e.getMessage().contains("cannot reshape f32[2,3,4] (24 elements) into shape (5, 5) (25 elements)"),
        e.getMessage());
    int[] perm = {2, 0, 1};
    Array t = Lax.transpose(x, perm);
    assertShape(t, DType.F32, 4, 2, 3);
    float[] got = t.toFloatArray();
    for (int a = 0; a < 4; a++) {
      for (int b = 0; b < 2; b++) {
        for (int c = 0; c < 3; c++) {
          // out[a][b][c] = x[b][c][a]
          assertEquals((b * 3 + c) * 4 + a, got[(a * 2 + b) * 3 + c], 0f);
        }
      }
    }
    // Matrices take a direct loop: out[j][i] = m[i][j], for f32 (the fast path) and i32 (the general one).
    for (DType dtype : new DType[] {DType.F32, DType.I32}) {
      Array m = Jnp.array(iotaFloats(15), 3, 5).astype(dtype);
      Array mt = Lax.transpose(m, 1, 0);
      assertShape(mt, dtype, 5, 3);
      double[] mtv = mt.toDoubleArray();
      for (int i = 0; i < 3; i++) for (int j = 0; j < 5; j++) assertEquals(i * 5 + j, mtv[j * 3 + i], 0.0);
    }
    assertShape(Lax.transpose(Jnp.zeros(DType.F32, 0, 4), 1, 0), DType.F32, 4, 0);
    assertThrows(ShapeException.class, () -> Lax.transpose(x, 0, 1));
    assertThrows(ShapeException.class, () -> Lax.transpose(x, 0, 0, 1));
    assertThrows(ShapeException.class, () -> Lax.transpose(x, 0, 1, 3));
    Array sq = Lax.squeeze(Jnp.array(new float[] {1, 2}, 1, 2, 1), 0, 2);
    assertShape(sq, DType.F32, 2);
    assertShape(Lax.squeeze(Jnp.array(new float[] {5}, 1), 0), DType.F32);
    assertThrows(ShapeException.class, () -> Lax.squeeze(x, 0));
  }

  @Test
  void sliceWithStrides() {
    Array x = Jnp.array(iotaFloats(30), 5, 6);
    Array s = Lax.slice(x, new int[] {1, 0}, new int[] {5, 6}, new int[] {2, 3});
    assertShape(s, DType.F32, 2, 2);
    assertArrayEquals(new float[] {6, 9, 18, 21}, s.toFloatArray());
    assertShape(Lax.slice(x, new int[] {2, 2}, new int[] {2, 6}, new int[] {1, 1}), DType.F32, 0, 4);
    assertThrows(ShapeException.class, () -> Lax.slice(x, new int[] {0, 0}, new int[] {6, 6}, new int[] {1, 1}));
    assertThrows(ShapeException.class, () -> Lax.slice(x, new int[] {3, 0}, new int[] {2, 6}, new int[] {1, 1}));
    assertThrows(ShapeException.class, () -> Lax.slice(x, new int[] {0, 0}, new int[] {5, 6}, new int[] {0, 1}));
  }

  @Test
  void concatenate() {
    Array a = Jnp.array(new int[] {1, 2, 3, 4}, 2, 2), b = Jnp.array(new int[] {5, 6}, 2, 1);
    Array c = Lax.concatenate(List.of(a, b), 1);
    assertShape(c, DType.I32, 2, 3);
    assertArrayEquals(new int[] {1, 2, 5, 3, 4, 6}, c.toIntArray());
    Array rows = Lax.concatenate(List.of(a, Jnp.array(new int[] {7, 8}, 1, 2), Jnp.zeros(DType.I32, 0, 2)), 0);
    assertArrayEquals(new int[] {1, 2, 3, 4, 7, 8}, rows.toIntArray());
    ShapeException e = assertThrows(ShapeException.class, () -> Lax.concatenate(List.of(a, b), 0));
    assertTrue(e.getMessage().contains("shapes must agree except along dimension 0, got i32[2,2] and i32[2,1]"),
        e.getMessage());
    assertThrows(ShapeException.class, () -> Lax.concatenate(List.of(Jnp.scalar(1), Jnp.scalar(2)), 0));
    assertThrows(ShapeException.class, () -> Lax.concatenate(List.of(a, Numerics.i32(1, 2)), 0));
  }

  @Test
  void pad() {
    Array x = Numerics.f32(1, 2, 3);
    Array p = Lax.pad(x, Jnp.scalar(0f), new int[] {2}, new int[] {1}, new int[] {1});
    assertArrayEquals(new float[] {0, 0, 1, 0, 2, 0, 3, 0}, p.toFloatArray());
    Array m = Lax.pad(Jnp.array(new float[] {1, 2, 3, 4}, 2, 2), Jnp.scalar(9f), new int[] {1, 0}, new int[] {0, 1},
        new int[] {0, 0});
    assertShape(m, DType.F32, 3, 3);
    assertArrayEquals(new float[] {9, 9, 9, 1, 2, 9, 3, 4, 9}, m.toFloatArray());
    assertThrows(ShapeException.class, () -> Lax.pad(x, Jnp.scalar(0), new int[] {1}, new int[] {1},
        new int[] {0}));
    assertThrows(ShapeException.class, () -> Lax.pad(x, Jnp.scalar(0f), new int[] {-1}, new int[] {0}, new int[] {0}));
  }

  /** dot_general with a batch dimension against a triple loop in double. */
  @Test
  void dotGeneralWithBatch() {
    int bt = 3, m = 4, k = 5, n = 2;
    float[] a = randomFloats(bt * m * k, 3), b = randomFloats(bt * k * n, 4);
    Array out = Lax.dotGeneral(Jnp.array(a, bt, m, k), Jnp.array(b, bt, k, n), new int[] {2}, new int[] {1},
        new int[] {0}, new int[] {0});
    assertShape(out, DType.F32, bt, m, n);
    float[] got = out.toFloatArray();
    for (int t = 0; t < bt; t++) {
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < n; j++) {
          double acc = 0, mag = 0;
          for (int p = 0; p < k; p++) {
            double prod = (double) a[(t * m + i) * k + p] * b[(t * k + p) * n + j];
            acc += prod;
            mag += Math.abs(prod);
          }
          // f32 accumulation of k products: each product and add rounds once, so the error is at most
          // k * 2^-24 * sum|a_p b_p| (the standard dot-product bound), plus the final rounding.
          double bound = k * Math.ulp(1f) / 2 * mag + Math.ulp((float) acc);
          assertEquals(acc, got[(t * m + i) * n + j], bound, "out[" + t + "," + i + "," + j + "]");
        }
      }
    }
    // Contracting the first axes of both: x^T y.
    Array xt = Lax.dotGeneral(Jnp.array(new int[] {1, 2, 3, 4, 5, 6}, 3, 2), Jnp.array(new int[] {1, 0, 2}, 3),
        new int[] {0}, new int[] {0}, new int[0], new int[0]);
    assertArrayEquals(new int[] {1 + 10, 2 + 12}, xt.toIntArray());
    // Integer dot products wrap; bool is or-of-ands.
    assertEquals(Integer.MIN_VALUE, Lax.dotGeneral(Numerics.i32(Integer.MAX_VALUE, 1), Numerics.i32(1, 1),
        new int[] {0}, new int[] {0}, new int[0], new int[0]).intValue());
    assertTrue(Lax.dotGeneral(Numerics.bools(true, false), Numerics.bools(true, true), new int[] {0}, new int[] {0},
        new int[0], new int[0]).bool());
    assertShape(Lax.dotGeneral(Jnp.zeros(DType.F64, 2, 0), Jnp.zeros(DType.F64, 0, 3), new int[] {1}, new int[] {0},
        new int[0], new int[0]), DType.F64, 2, 3);
    ShapeException e = assertThrows(ShapeException.class, () -> Lax.dotGeneral(Jnp.zeros(DType.F32, 2, 3),
        Jnp.zeros(DType.F32, 2, 3), new int[] {1}, new int[] {0}, new int[0], new int[0]));
    assertTrue(e.getMessage().startsWith("dot_general: contracting dimensions differ in size"), e.getMessage());
  }
}
