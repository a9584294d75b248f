package dev.olympus.kernel;

import dev.olympus.DType;
import dev.olympus.lowering.Step;
import dev.olympus.primitive.Reduce;
import dev.olympus.storage.Storage;
import dev.olympus.types.Shape;

/**
 * A reduction fused with its producers: the operand's expression is computed tile by tile and folded
 * straight into the accumulators, never stored. Floats accumulate in double and round once, integers in
 * long, exactly as the eager {@code reduce_*} do, so jitted and eager sums agree.
 */
final class ReductionKernel {
  private final Step.Reduction step;
  private final LoopBody body;
  private final int[] outStrides;
  private final long innerSize;
  private final boolean trailing;
  private final boolean leading;

  ReductionKernel(Step.Reduction step, boolean vector) {
    this.step = step;
    this.body = new LoopBody(step.domain(), step.nodes(), vector);
    Shape in = step.domain();
    int[] axes = step.axes();
    int[] strides = new int[in.rank()];
    Shape out = step.outAval().shape();
    int[] os = out.strides();
    boolean[] reduced = new boolean[in.rank()];
    for (int a : axes) reduced[a] = true;
    int k = 0;
    for (int d = 0; d < in.rank(); d++) if (!reduced[d]) strides[d] = os[k++];
    this.outStrides = strides;
    boolean t = true;
    long inner = 1;
    for (int d = 0; d < in.rank(); d++) {
      if (reduced[d]) inner *= in.dim(d);
      else if (d > in.rank() - 1 - axes.length) t = false;
    }
    for (int i = 0; i < axes.length; i++) if (axes[i] != in.rank() - axes.length + i) t = false;
    this.trailing = t;
    this.innerSize = inner;
    boolean l = true;
    for (int i = 0; i < axes.length; i++) if (axes[i] != i) l = false;
    this.leading = l;
  }

  void run(Storage[] slots) {
    Shape outShape = step.outAval().shape();
    int outSize = (int) outShape.size();
    DType dtype = step.outAval().dtype();
    Reduce.Monoid monoid = step.reduce().monoid();
    boolean floating = dtype.isFloating();
    double[] accF = floating ? new double[outSize] : null;
    long[] accI = floating ? null : new long[outSize];
    double identity = step.reduce().identity(dtype);
    if (floating) java.util.Arrays.fill(accF, identity);
    else java.util.Arrays.fill(accI, monoid == Reduce.Monoid.MAX ? (dtype == DType.BOOL ? 0 : (long) identity)
        : monoid == Reduce.Monoid.MIN ? (dtype == DType.BOOL ? 1 : (long) identity) : 0);

    LoopBody.Scratch s = body.scratch();
    try {
      body.begin(s, slots);
      long n = step.domain().size();
      int[] dims = step.domain().dims();
      for (long t = 0; t < n; t += Tiles.SIZE) {
        int m = (int) Math.min(Tiles.SIZE, n - t);
        body.tile(s, slots, t, m);
        Object values = s.array[step.value()];
        int off = s.offset[step.value()];
        if (floating && trailing) {
          foldTrailing(monoid, accF, values, off, t, m);
          continue;
        }
        if (floating && leading && values instanceof float[] f) {
          foldLeading(monoid, accF, f, off, t, m);
          continue;
        }
        for (int j = 0; j < m; j++) {
          long i = t + j;
          int o = trailing ? (int) (i / innerSize) : outIndex(i, dims);
          if (floating) accF[o] = fold(monoid, accF[o], readDouble(values, off + j));
          else accI[o] = fold(monoid, accI[o], readLong(values, off + j));
        }
      }
    } finally {
      body.release(s);
    }
    Storage out = Storage.allocate(dtype, outShape);
    for (int o = 0; o < outSize; o++) {
      if (floating) out.setDouble(o, accF[o]);
      else out.setLong(o, accI[o]);
    }
    slots[step.outSlot()] = out;
  }

  /**
   * The common case (a sum over the last axes: a row sum, a whole-array sum) without per-element index
   * arithmetic: each output element reads a contiguous run of the tile, folded by a tight loop. Elements are
   * folded in the same order as the general loop, so results are bit-for-bit the same.
   */
  private void foldTrailing(Reduce.Monoid monoid, double[] acc, Object values, int off, long start, int m) {
    int j = 0;
    while (j < m) {
      long i = start + j;
      int o = (int) (i / innerSize);
      int end = (int) Math.min(m, j + (innerSize - i % innerSize));
      acc[o] = values instanceof float[] f ? foldRun(monoid, acc[o], f, off + j, off + end)
          : foldRun(monoid, acc[o], (double[]) values, off + j, off + end);
      j = end;
    }
  }

  /**
   * A sum over the first axes (a column sum, e.g. a bias gradient): element {@code i} folds into output
   * {@code i % outputs}, walked with a wrapping counter instead of index arithmetic, in the general loop's order.
   */
  private static void foldLeading(Reduce.Monoid monoid, double[] acc, float[] v, int off, long start, int m) {
    int outputs = acc.length;
    int o = (int) (start % outputs);
    for (int j = 0; j < m; j++) {
      double x = v[off + j];
      acc[o] = switch (monoid) {
        case SUM -> acc[o] + x;
        case MAX -> Math.max(acc[o], x);
        case MIN -> Math.min(acc[o], x);
      };
      if (++o == outputs) o = 0;
    }
  }

  private static double foldRun(Reduce.Monoid m, double acc, float[] v, int from, int to) {
    switch (m) {
      case SUM -> {
        for (int k = from; k < to; k++) acc += v[k];
      }
      case MAX -> {
        for (int k = from; k < to; k++) acc = Math.max(acc, v[k]);
      }
      case MIN -> {
        for (int k = from; k < to; k++) acc = Math.min(acc, v[k]);
      }
    }
    return acc;
  }

  private static double foldRun(Reduce.Monoid m, double acc, double[] v, int from, int to) {
    switch (m) {
      case SUM -> {
        for (int k = from; k < to; k++) acc += v[k];
      }
      case MAX -> {
        for (int k = from; k < to; k++) acc = Math.max(acc, v[k]);
      }
      case MIN -> {
        for (int k = from; k < to; k++) acc = Math.min(acc, v[k]);
      }
    }
    return acc;
  }

  private int outIndex(long flat, int[] dims) {
    int o = 0;
    for (int d = dims.length - 1; d >= 0; d--) {
      o += (int) (flat % dims[d]) * outStrides[d];
      flat /= dims[d];
    }
    return o;
  }

  private static double fold(Reduce.Monoid m, double acc, double v) {
    return switch (m) {
      case SUM -> acc + v;
      case MAX -> Math.max(acc, v);
      case MIN -> Math.min(acc, v);
    };
  }

  private static long fold(Reduce.Monoid m, long acc, long v) {
    return switch (m) {
      case SUM -> acc + v;
      case MAX -> Math.max(acc, v);
      case MIN -> Math.min(acc, v);
    };
  }

  private static double readDouble(Object a, int i) {
    return a instanceof float[] f ? f[i] : ((double[]) a)[i];
  }

  private static long readLong(Object a, int i) {
    if (a instanceof int[] x) return x[i];
    if (a instanceof long[] x) return x[i];
    return ((boolean[]) a)[i] ? 1 : 0;
  }
}
