package dev.olympus.execution;

import dev.olympus.DType;
import dev.olympus.loopnest.Expr;
import dev.olympus.loopnest.IndexMap;
import dev.olympus.loopnest.LoopNest;
import dev.olympus.simd.StripOp;
import dev.olympus.storage.Storage;
import dev.olympus.types.Shape;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Eager reductions, run by the same loop-nest kernel a compiled reduction runs: the kept axes are the rows, the
 * reduced axes the columns, read in row-major order and folded in the order {@link dev.olympus.simd.Lanes}
 * fixes. So an eager {@code sum} and the same sum inside a jitted function give the same bits.
 */
public final class Reductions {
  private Reductions() {}

  private record Key(StripOp.Monoid op, DType dtype, List<Integer> shape, List<Integer> axes) {}

  /** Kernels by what they reduce; bounded, since eager code may reduce many shapes once each. */
  private static final Map<Key, NestKernel> KERNELS = new ConcurrentHashMap<>();
  private static final int MAX_KERNELS = 512;

  /** {@code op} of {@code x} over {@code axes} (sorted, distinct), for a non-bool {@code x}. */
  public static Storage reduce(StripOp.Monoid op, Storage x, int[] axes, Shape outShape) {
    Storage out = Storage.allocate(x.dtype(), outShape);
    if (out.length() == 0) return out;
    int[] dims = x.shape().dims();
    Key key = new Key(op, x.dtype(), Arrays.stream(dims).boxed().toList(), Arrays.stream(axes).boxed().toList());
    NestKernel kernel = KERNELS.get(key);
    if (kernel == null) {
      if (KERNELS.size() >= MAX_KERNELS) KERNELS.clear();
      kernel = KERNELS.computeIfAbsent(key, k -> new NestKernel(nest(op, x.dtype(), dims, axes)));
    }
    kernel.run(new Object[] {x.data(), out.data()});
    return out;
  }

  static LoopNest nest(StripOp.Monoid op, DType dtype, int[] dims, int[] axes) {
    int[] strides = Shape.of(dims).strides();
    int kept = dims.length - axes.length;
    int[] rows = new int[kept], rowStrides = new int[kept], cols = new int[axes.length], colStrides = new int[axes.length];
    int r = 0;
    for (int d = 0; d < dims.length; d++) {
      if (Arrays.binarySearch(axes, d) >= 0) continue;
      rows[r] = dims[d];
      rowStrides[r++] = strides[d];
    }
    for (int j = 0; j < axes.length; j++) {
      cols[j] = dims[axes[j]];
      colStrides[j] = strides[axes[j]];
    }
    List<Expr> nodes = List.of(new Expr.Load(0, dtype, new IndexMap(0, rowStrides, colStrides)),
        new Expr.Reduce(op, dtype, 0));
    return new LoopNest(rows, cols, nodes, List.of(new LoopNest.Output(1, 1, true)));
  }
}
