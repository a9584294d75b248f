package dev.olympus.gemm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.olympus.DType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Gemm} in every operand layout (A and B each read in place or transposed, batched, with an offset and
 * gaps between the matrices) at sizes on both sides of every block edge, against a reference computed in more
 * than double precision; the SIMD kernels against their scalar twin, and one thread against two, to the bit;
 * and the epilogue's row blocks.
 */
class GemmTest {
  private static final Gemm GEMM = Gemm.standard();

  /** One product's shape and layout. Every element a product must not read is NaN, so reading one shows. */
  record Problem(int batch, int m, int k, int n, boolean aTransposed, boolean bTransposed) {
    /** Stored per batch as [m, k] (or [k, m]) after an offset of 3, with 5 unused elements after each matrix. */
    Strides aStrides() {
      return aTransposed ? new Strides(3, m * k + 5, m, 1).transposed() : new Strides(3, m * k + 5, k, 1);
    }

    Strides bStrides() {
      return bTransposed ? new Strides(3, k * n + 5, k, 1).transposed() : new Strides(3, k * n + 5, n, 1);
    }

    double[] operand(Random random, Strides s, int rows, int cols) {
      double[] x = new double[3 + batch * (rows * cols + 5) + 2];
      Arrays.fill(x, Double.NaN);
      for (int b = 0; b < batch; b++) {
        for (int i = 0; i < rows; i++) {
          for (int j = 0; j < cols; j++) x[s.offset() + b * s.batch() + i * s.row() + j * s.col()] = random.nextGaussian();
        }
      }
      return x;
    }

    @Override
    public String toString() {
      return batch + " x [" + m + ", " + k + "]" + (aTransposed ? "^T-stored" : "") + " . [" + k + ", " + n + "]"
          + (bTransposed ? "^T-stored" : "");
    }
  }

  /** A problem's operands (rounded to float32 for F32 runs) and a way to run it. */
  record Operands(Problem p, double[] a, double[] b) {
    static Operands random(Problem p, DType dtype, long seed) {
      Random random = new Random(seed);
      double[] a = p.operand(random, p.aStrides(), p.m(), p.k());
      double[] b = p.operand(random, p.bStrides(), p.k(), p.n());
      if (dtype == DType.F32) {
        for (int i = 0; i < a.length; i++) a[i] = (float) a[i];
        for (int i = 0; i < b.length; i++) b[i] = (float) b[i];
      }
      return new Operands(p, a, b);
    }

    /**
     * C (exactly, widened to double) after running {@code gemm}; C's array has 2 elements before and 3 after
     * the output, which must stay untouched, and the output starts as NaN, which must all be overwritten.
     */
    double[] run(Gemm gemm, DType dtype, Epilogue done) {
      int size = p.batch() * p.m() * p.n(), off = 2;
      double[] out = new double[size];
      if (dtype == DType.F32) {
        float[] af = new float[a.length], bf = new float[b.length], c = new float[off + size + 3];
        for (int i = 0; i < a.length; i++) af[i] = (float) a[i];
        for (int i = 0; i < b.length; i++) bf[i] = (float) b[i];
        Arrays.fill(c, 12345f);
        Arrays.fill(c, off, off + size, Float.NaN);
        gemm.f32(p.batch(), p.m(), p.k(), p.n(), af, p.aStrides(), bf, p.bStrides(), c, off, done);
        for (int i : new int[] {0, 1, off + size, off + size + 1, off + size + 2}) {
          assertEquals(12345f, c[i], p + ": wrote outside the output at " + i);
        }
        for (int i = 0; i < size; i++) out[i] = c[off + i];
      } else {
        double[] c = new double[off + size + 3];
        Arrays.fill(c, 12345);
        Arrays.fill(c, off, off + size, Double.NaN);
        gemm.f64(p.batch(), p.m(), p.k(), p.n(), a.clone(), p.aStrides(), b.clone(), p.bStrides(), c, off, done);
        for (int i : new int[] {0, 1, off + size, off + size + 1, off + size + 2}) {
          assertEquals(12345, c[i], p + ": wrote outside the output at " + i);
        }
        System.arraycopy(c, off, out, 0, size);
      }
      return out;
    }

    /**
     * Checks every element against the exact dot product (Ogita-Rump-Oishi Dot2: twice the working precision of
     * double, so its own error, at most 2^-53 |exact| plus a term of order (k 2^-53)^2 sum|a_p b_p|, is covered
     * by the 2^-52 |ref| below). A k-term sum of fused multiply-adds rounds k times (the first fma onto +0.0
     * rounds the product), so its error is at most gamma_k sum|a_p b_p| with gamma_k = k u / (1 - k u) and u the
     * unit roundoff, 2^-24 (float32) or 2^-53 (float64).
     */
    void checkAgainstReference(double[] c, DType dtype) {
      double u = dtype == DType.F32 ? 0x1p-24 : 0x1p-53;
      Strides as = p.aStrides(), bs = p.bStrides();
      for (int bt = 0; bt < p.batch(); bt++) {
        for (int i = 0; i < p.m(); i++) {
          for (int j = 0; j < p.n(); j++) {
            double sum = 0, compensation = 0, magnitude = 0;
            for (int q = 0; q < p.k(); q++) {
              double x = a[as.offset() + bt * as.batch() + i * as.row() + q * as.col()];
              double y = b[bs.offset() + bt * bs.batch() + q * bs.row() + j * bs.col()];
              double h = x * y, r = Math.fma(x, y, -h);
              double s = sum + h, z = s - sum, e = (sum - (s - z)) + (h - z);
              sum = s;
              compensation += e + r;
              magnitude += Math.abs(h);
            }
            double exact = sum + compensation;
            double gamma = p.k() * u / (1 - p.k() * u);
            double tol = gamma * magnitude + 0x1p-52 * Math.abs(exact);
            double got = c[(bt * p.m() + i) * p.n() + j];
            if (!(Math.abs(got - exact) <= tol)) {
              assertEquals(exact, got, tol, p + " " + dtype + " at " + Arrays.asList(bt, i, j));
            }
          }
        }
      }
    }
  }

  /** Sizes on both sides of the micro-kernel (mr x nr, nr = 3 vectors) and block (kc, mc) edges, and a wide one. */
  private static List<Problem> edgeProblems(Blocking bl) {
    int mr = bl.mr(), lanes = bl.lanes(), nr = bl.nr(), kc = bl.kc(), mc = bl.mc();
    int[][] sizes = {
        {0, 5, 7}, {5, 0, 7}, {5, 7, 0}, {1, 1, 1}, {1, 1, 17}, {1, 300, 1}, {mr - 1, 3, lanes - 1},
        {mr, 16, lanes}, {mr + 1, 17, lanes + 1}, {15, 1, nr - 1}, {16, kc - 1, nr}, {17, kc, nr + 1},
        {mr - 1, kc + 1, 2 * lanes - 1}, {mc + 1, 33, 2 * lanes + 1}, {2 * mr, 2 * kc + 1, 2 * nr}, {3, 20, 2017},
        {2 * mc + 1, 7, 97}, {4, 1000, 10}};
    List<Problem> problems = new ArrayList<>();
    for (int[] s : sizes) {
      for (int batch : new int[] {1, 2}) {
        for (boolean at : new boolean[] {false, true}) {
          for (boolean bt : new boolean[] {false, true}) problems.add(new Problem(batch, s[0], s[1], s[2], at, bt));
        }
      }
    }
    return problems;
  }

  @Test
  void float32InEveryLayoutAndAtEveryBlockEdgeIsWithinTheDotProductErrorBound() {
    long seed = 0;
    for (Problem p : edgeProblems(GEMM.floatBlocking())) {
      Operands o = Operands.random(p, DType.F32, seed++);
      o.checkAgainstReference(o.run(GEMM, DType.F32, Epilogue.NONE), DType.F32);
    }
  }

  @Test
  void float64InEveryLayoutAndAtEveryBlockEdgeIsWithinTheDotProductErrorBound() {
    long seed = 100;
    for (Problem p : edgeProblems(GEMM.doubleBlocking())) {
      Operands o = Operands.random(p, DType.F64, seed++);
      o.checkAgainstReference(o.run(GEMM, DType.F64, Epilogue.NONE), DType.F64);
    }
  }

  @Test
  void theScalarTwinGivesTheSameBitsAsTheVectorKernels() {
    assumeTrue(GEMM.simd(), "needs --add-modules jdk.incubator.vector");
    Gemm scalar = Gemm.scalar();
    assertTrue(!scalar.simd());
    long seed = 200;
    for (DType dtype : new DType[] {DType.F32, DType.F64}) {
      for (Problem p : edgeProblems(dtype == DType.F32 ? GEMM.floatBlocking() : GEMM.doubleBlocking())) {
        Operands o = Operands.random(p, dtype, seed++);
        assertArrayEquals(o.run(Gemm.vectorOnly(), dtype, Epilogue.NONE), o.run(scalar, dtype, Epilogue.NONE),
            p + " " + dtype);
      }
    }
  }

  /**
   * The sum order depends on k alone, so a twin with other block sizes (panels of 3 vectors of 2, 4 or 16 lanes:
   * 6, 12 or 48 columns, and a tile of 2 leftover columns on the scalar path) gives the same bits.
   */
  @Test
  void theBlockingDoesNotChangeAnyBit() {
    long seed = 500;
    for (Problem p : List.of(new Problem(1, 37, 300, 53, false, false), new Problem(2, 9, 257, 101, true, true),
        new Problem(1, 150, 40, 7, false, true))) {
      for (DType dtype : new DType[] {DType.F32, DType.F64}) {
        Operands o = Operands.random(p, dtype, seed++);
        double[] expected = o.run(GEMM, dtype, Epilogue.NONE);
        for (int lanes : new int[] {2, 4, 16}) {
          Gemm other = new Gemm(new ScalarFloatKernel(lanes), new ScalarDoubleKernel(lanes), 1);
          assertArrayEquals(expected, o.run(other, dtype, Epilogue.NONE), p + " " + dtype + " with " + lanes + " lanes");
        }
      }
    }
  }

  /**
   * Large enough for two threads: chunks of rows, chunks of columns too (few rows), several batches sharing
   * the threads, batches handed out whole (at least twice as many as threads), B larger than one packed panel
   * (split along the contraction, and along the columns), transposed operands.
   */
  private static final Problem[] PARALLEL = {
      new Problem(1, 300, 100, 100, false, false), new Problem(1, 40, 200, 300, false, false),
      new Problem(3, 80, 90, 100, false, false), new Problem(6, 50, 60, 120, false, true),
      new Problem(1, 333, 100, 77, true, false), new Problem(1, 21, 77, 1500, false, true),
      new Problem(2, 131, 70, 131, true, true), new Problem(1, 13, 3000, 700, false, false),
      new Problem(1, 3, 256, 8200, true, true)};

  @Test
  void theLargeProblemsReachEveryWayOfSplittingTheWork() {
    Blocking bl = GEMM.floatBlocking();
    Problem kSplit = PARALLEL[7], nSplit = PARALLEL[8];
    assertTrue((long) kSplit.k() * BlockedProduct.roundUp(kSplit.n(), bl.lanes()) > Blocking.PANEL_ELEMENTS);
    assertTrue((long) bl.kc() * BlockedProduct.roundUp(nSplit.n(), bl.lanes()) > Blocking.PANEL_ELEMENTS);
    assertTrue(PARALLEL[3].batch() >= 2 * 2 && PARALLEL[2].batch() < 2 * 2);
  }

  @Test
  void oneThreadAndTwoThreadsGiveTheSameBits() {
    long seed = 300;
    for (Problem p : PARALLEL) {
      assertTrue((long) p.batch() * p.m() * p.k() * p.n() >= ThreadPolicy.MIN_PARALLEL_MULTIPLY_ADDS, p::toString);
      for (DType dtype : new DType[] {DType.F32, DType.F64}) {
        Operands o = Operands.random(p, dtype, seed++);
        for (Gemm g : GEMM.simd() ? new Gemm[] {GEMM, Gemm.scalar()} : new Gemm[] {GEMM}) {
          double[] one = o.run(g.withThreads(1), dtype, Epilogue.NONE);
          assertArrayEquals(one, o.run(g.withThreads(2), dtype, Epilogue.NONE), p + " " + dtype);
          if (g == GEMM) o.checkAgainstReference(one, dtype);
        }
      }
    }
  }

  /** Each row block is reported once, together the blocks cover every row, and a block is final when reported. */
  @Test
  void theEpilogueHearsEveryRowOnceWhenItIsFinal() {
    long seed = 400;
    List<Problem> problems = new ArrayList<>(List.of(PARALLEL));
    problems.add(new Problem(2, 9, 0, 5, false, false));
    problems.add(new Problem(1, 150, 20, 30, false, false));
    for (Problem p : problems) {
      Operands o = Operands.random(p, DType.F32, seed++);
      for (int threads : new int[] {1, 2}) {
        int[] seen = new int[p.batch() * p.m()];
        List<float[]> snapshots = new ArrayList<>();
        List<int[]> ranges = new ArrayList<>();
        float[][] c = new float[1][];
        // Run through f32 directly, so that the callback can look at C while the product is still running.
        float[] af = toFloat(o.a()), bf = toFloat(o.b());
        c[0] = new float[p.batch() * p.m() * p.n()];
        Epilogue done = (from, to) -> {
          float[] rows = Arrays.copyOfRange(c[0], from * p.n(), to * p.n());
          synchronized (seen) {
            for (int r = from; r < to; r++) seen[r]++;
            snapshots.add(rows);
            ranges.add(new int[] {from, to});
          }
        };
        GEMM.withThreads(threads).f32(p.batch(), p.m(), p.k(), p.n(), af, p.aStrides(), bf, p.bStrides(), c[0], 0,
            done);
        int[] once = new int[seen.length];
        Arrays.fill(once, 1);
        assertArrayEquals(once, seen, p + " with " + threads + " threads: rows reported other than once");
        for (int i = 0; i < ranges.size(); i++) {
          int[] r = ranges.get(i);
          assertArrayEquals(Arrays.copyOfRange(c[0], r[0] * p.n(), r[1] * p.n()), snapshots.get(i),
              p + ": rows " + r[0] + ".." + r[1] + " changed after they were reported");
        }
      }
    }
  }

  @Test
  void operandsThatDoNotFitTheirArraysAreRejected() {
    float[] x = new float[6];
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> GEMM.f32(1, 2, 3, 2, x, Strides.rowMajor(2, 3), x, Strides.rowMajor(3, 2), new float[3], 0,
            Epilogue.NONE));
    assertTrue(e.getMessage().contains("does not fit in 3 elements"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> GEMM.f32(1, 2, 4, 2, x, Strides.rowMajor(2, 4), x,
        Strides.rowMajor(4, 2), new float[4], 0, Epilogue.NONE));
    assertTrue(e.getMessage().contains("read past their arrays"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new Strides(0, 1, -1, 1));
  }

  private static float[] toFloat(double[] x) {
    float[] f = new float[x.length];
    for (int i = 0; i < x.length; i++) f[i] = (float) x[i];
    return f;
  }
}
