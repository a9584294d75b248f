package dev.olympus.kernel;

import dev.olympus.DType;
import dev.olympus.lowering.Step;
import dev.olympus.primitive.DotGeneral;
import dev.olympus.storage.Storage;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;

/**
 * {@code dot_general} as a blocked loop nest over the canonical (batch, m, k) x (batch, k, n) layout: rows of
 * the output in blocks (split across cores for large products). With the Vector API, float32 blocks run
 * {@link VectorDot}, which keeps 4 rows x 2 vectors of the output in registers across the contraction;
 * otherwise the contraction and output columns are tiled so a block of the rhs stays in L2, with an i-k-j
 * inner loop that C2 vectorizes. Either way each element is its products summed in float in ascending k, as
 * the eager primitive does, so results are bit-identical to eager. When the next fusion region is the dot's
 * elementwise epilogue (bias, activation), it runs on each block of rows right after they are computed,
 * while they are still in cache, instead of in a second pass over the whole output.
 */
final class DotKernel {
  private static final int ROW_BLOCK = 16;
  private static final int K_BLOCK = 128;
  private static final int N_BLOCK = 512;
  /** Multiply-adds below which one thread does the whole product. */
  private static final long MIN_PARALLEL_FLOPS = 1L << 21;

  private final Step.Primitive step;
  private final DotGeneral.DimensionNumbers dn;
  private final ElementwiseKernel epilogue;
  private final boolean vector;

  DotKernel(Step.Primitive step, ElementwiseKernel epilogue, boolean vector) {
    this.step = step;
    this.vector = vector;
    this.dn = step.equation().params().as("dimension_numbers");
    this.epilogue = epilogue;
  }

  /** Whether {@code region} can run per block of this dot's rows: it reads the dot's result at its own index. */
  static boolean isEpilogue(Step.Primitive dot, Step.Elementwise region) {
    int out = dot.outSlots()[0];
    if (!region.domain().equals(dot.equation().outputs().get(0).aval().shape())) return false;
    boolean reads = false;
    for (var node : region.nodes()) {
      if (node instanceof dev.olympus.lowering.Node.Load l && l.slot() == out) reads = true;
      if (node instanceof dev.olympus.lowering.Node.BroadcastLoad b && b.slot() == out) return false;
    }
    return reads;
  }

  ElementwiseKernel epilogue() { return epilogue; }

  void run(Storage[] slots) {
    Storage l = slots[step.inSlots()[0]];
    Storage r = slots[step.inSlots()[1]];
    DType d = l.dtype();
    if (d != DType.F32 && d != DType.F64) {
      slots[step.outSlots()[0]] = step.equation().primitive().evaluate(List.of(l, r), step.equation().params()).get(0);
      if (epilogue != null) epilogue.run(slots);
      return;
    }
    DotGeneral.Canonical c = DotGeneral.canonical(l, r, dn);
    Storage out = Storage.allocate(d, step.equation().outputs().get(0).aval().shape());
    slots[step.outSlots()[0]] = out;
    if (epilogue != null) epilogue.allocate(slots);
    int rows = c.batch() * c.m();
    long flops = (long) rows * c.k() * c.n();
    int blocks = (rows + ROW_BLOCK - 1) / ROW_BLOCK;
    int threads = flops < MIN_PARALLEL_FLOPS ? 1 : Math.min(Parallelism.threads(), blocks);
    if (threads <= 1) {
      rowRange(c, out, slots, 0, rows);
      return;
    }
    int perThread = (blocks + threads - 1) / threads * ROW_BLOCK;
    ForkJoinTask<?>[] tasks = new ForkJoinTask<?>[threads - 1];
    for (int t = 1; t < threads; t++) {
      int from = Math.min(rows, t * perThread), to = Math.min(rows, from + perThread);
      tasks[t - 1] = ForkJoinPool.commonPool().submit(() -> rowRange(c, out, slots, from, to));
    }
    rowRange(c, out, slots, 0, Math.min(rows, perThread));
    for (ForkJoinTask<?> t : tasks) t.join();
  }

  private void rowRange(DotGeneral.Canonical c, Storage out, Storage[] slots, int from, int to) {
    for (int r0 = from; r0 < to; r0 += ROW_BLOCK) {
      int r1 = Math.min(to, r0 + ROW_BLOCK);
      if (out.dtype() == DType.F32 && vector) vectorRows(c, out.f32(), r0, r1);
      else if (out.dtype() == DType.F32) rowsF32(c, out.f32(), r0, r1);
      else rowsF64(c, out.f64(), r0, r1);
      if (epilogue != null) epilogue.runRange(slots, (long) r0 * c.n(), (long) r1 * c.n());
    }
  }

  /** Output rows {@code [r0, r1)} by the SIMD loop, one batch's slice at a time. */
  private static void vectorRows(DotGeneral.Canonical c, float[] o, int r0, int r1) {
    int m = c.m(), k = c.k(), n = c.n();
    if (m == 0) return;
    for (int i = r0; i < r1; ) {
      int batch = i / m;
      int end = Math.min(r1, (batch + 1) * m);
      VectorDot.matmul(c.lhs().f32(), i * k, k, 1, c.rhs().f32(), batch * k * n, o, i * n, end - i, n, k);
      i = end;
    }
  }

  /** Output rows {@code [r0, r1)}: row {@code i} of batch {@code i / m} reads that batch's rhs. */
  private static void rowsF32(DotGeneral.Canonical c, float[] o, int r0, int r1) {
    float[] a = c.lhs().f32(), b = c.rhs().f32();
    int m = c.m(), k = c.k(), n = c.n();
    for (int j0 = 0; j0 < n; j0 += N_BLOCK) {
      int j1 = Math.min(n, j0 + N_BLOCK);
      for (int p0 = 0; p0 < k; p0 += K_BLOCK) {
        int p1 = Math.min(k, p0 + K_BLOCK);
        for (int i = r0; i < r1; i++) {
          int bBase = (i / m) * k * n;
          int oRow = i * n;
          int aRow = i * k;
          for (int p = p0; p < p1; p++) {
            float av = a[aRow + p];
            int bRow = bBase + p * n;
            for (int j = j0; j < j1; j++) o[oRow + j] += av * b[bRow + j];
          }
        }
      }
    }
  }

  private static void rowsF64(DotGeneral.Canonical c, double[] o, int r0, int r1) {
    double[] a = c.lhs().f64(), b = c.rhs().f64();
    int m = c.m(), k = c.k(), n = c.n();
    for (int j0 = 0; j0 < n; j0 += N_BLOCK) {
      int j1 = Math.min(n, j0 + N_BLOCK);
      for (int p0 = 0; p0 < k; p0 += K_BLOCK) {
        int p1 = Math.min(k, p0 + K_BLOCK);
        for (int i = r0; i < r1; i++) {
          int bBase = (i / m) * k * n;
          int oRow = i * n;
          int aRow = i * k;
          for (int p = p0; p < p1; p++) {
            double av = a[aRow + p];
            int bRow = bBase + p * n;
            for (int j = j0; j < j1; j++) o[oRow + j] += av * b[bRow + j];
          }
        }
      }
    }
  }
}
