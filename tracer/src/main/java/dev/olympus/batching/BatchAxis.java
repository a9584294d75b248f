package dev.olympus.batching;

import dev.olympus.Array;
import dev.olympus.lax.Lax;
import dev.olympus.primitive.Params;
import dev.olympus.primitive.Primitive;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Moving and materializing batch axes: the vocabulary batching rules are written in. A batched value carries
 * the batch along one axis ({@code dim}); an unbatched one ({@link #NOT_BATCHED}) is the same for every batch
 * element and is broadcast only when a primitive needs every operand batched.
 */
public final class BatchAxis {
  private BatchAxis() {}

  /** The batch dimension of a value that does not vary over the batch (JAX's {@code not_mapped}, Python's None). */
  public static final int NOT_BATCHED = -1;

  /** The batch size, read from any batched operand. */
  public static int size(List<Array> args, int[] dims) {
    for (int i = 0; i < dims.length; i++) if (dims[i] != NOT_BATCHED) return args.get(i).shape()[dims[i]];
    throw new IllegalArgumentException("no batched operand");
  }

  /** {@code x} with axis {@code from} moved to position {@code to} (other axes keep their order). */
  public static Array moveAxis(Array x, int from, int to) {
    if (from == to) return x;
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < x.ndim(); i++) if (i != from) order.add(i);
    order.add(to, from);
    return Lax.transpose(x, order.stream().mapToInt(Integer::intValue).toArray());
  }

  /**
   * {@code x} batched along axis 0: moved there, or for an unbatched value broadcast to {@code size} copies.
   */
  public static Array toFront(Array x, int dim, int size) {
    if (dim != NOT_BATCHED) return moveAxis(x, dim, 0);
    int[] shape = new int[x.ndim() + 1];
    int[] dims = new int[x.ndim()];
    shape[0] = size;
    for (int i = 0; i < x.ndim(); i++) {
      shape[i + 1] = x.shape()[i];
      dims[i] = i + 1;
    }
    return Lax.broadcastInDim(x, shape, dims);
  }

  /** Example {@code i} of {@code x}: its slice along the batch axis {@code dim}, or {@code x} if not batched. */
  public static Array example(Array x, int dim, int i) {
    if (dim == NOT_BATCHED) return x;
    int[] start = new int[x.ndim()];
    int[] limit = x.shape();
    int[] strides = new int[x.ndim()];
    Arrays.fill(strides, 1);
    start[dim] = i;
    limit[dim] = i + 1;
    return Lax.squeeze(Lax.slice(x, start, limit, strides), dim);
  }

  /** The per-example shape of {@code x} (its shape without the batch axis). */
  public static int[] exampleShape(Array x, int dim) {
    if (dim == NOT_BATCHED) return x.shape();
    int[] s = x.shape();
    int[] out = new int[s.length - 1];
    for (int i = 0, k = 0; i < s.length; i++) if (i != dim) out[k++] = s[i];
    return out;
  }

  /** Where per-example axis {@code axis} sits in a value batched along {@code dim}. */
  public static int batchedAxis(int axis, int dim) {
    return dim == NOT_BATCHED || axis < dim ? axis : axis + 1;
  }

  /** {@link #batchedAxis} of each of {@code axes}. */
  public static int[] batchedAxes(int[] axes, int dim) {
    int[] out = new int[axes.length];
    for (int i = 0; i < axes.length; i++) out[i] = batchedAxis(axes[i], dim);
    return out;
  }

  /** {@code axes} shifted by one, for a value whose batch axis was moved to the front. */
  public static int[] afterFront(int[] axes) {
    int[] out = new int[axes.length];
    for (int i = 0; i < axes.length; i++) out[i] = axes[i] + 1;
    return out;
  }

  /** {@code first} followed by {@code rest}. */
  public static int[] prepend(int first, int[] rest) {
    int[] out = new int[rest.length + 1];
    out[0] = first;
    System.arraycopy(rest, 0, out, 1, rest.length);
    return out;
  }

  /**
   * The batching rule of an elementwise primitive whose operands have equal shapes or are 0-d. When the
   * batched operands already agree on the batch axis and the rest are scalars, the primitive applies as is;
   * otherwise batched operands move to axis 0 and operands that need it are broadcast to the full shape.
   */
  public static Batched elementwise(Primitive p, List<Array> args, int[] dims, Params params) {
    int size = size(args, dims);
    int[] outShape = new int[0];
    for (int i = 0; i < args.size(); i++) {
      int[] s = exampleShape(args.get(i), dims[i]);
      if (s.length > outShape.length) outShape = s;
    }
    int common = NOT_BATCHED;
    boolean direct = true;
    for (int i = 0; i < args.size(); i++) {
      int rank = exampleShape(args.get(i), dims[i]).length;
      if (dims[i] == NOT_BATCHED) {
        direct &= rank == 0;
      } else {
        direct &= rank == outShape.length && (common == NOT_BATCHED || common == dims[i]);
        common = dims[i];
      }
    }
    if (direct) return allAt(p.bind(params, args), common);
    int[] full = prepend(size, outShape);
    List<Array> moved = new ArrayList<>(args.size());
    for (int i = 0; i < args.size(); i++) {
      Array x = args.get(i);
      if (dims[i] != NOT_BATCHED) {
        x = moveAxis(x, dims[i], 0);
        if (x.ndim() == 1 && outShape.length > 0) x = Lax.broadcastInDim(x, full, new int[] {0});
      } else if (x.ndim() > 0) {
        x = Lax.broadcastInDim(x, full, afterFront(range(x.ndim())));
      }
      moved.add(x);
    }
    return allAt(p.bind(params, moved), 0);
  }

  /** Every result of an elementwise primitive (threefry2x32 has two) carries the batch on the same axis. */
  private static Batched allAt(List<Array> results, int dim) {
    int[] dims = new int[results.size()];
    Arrays.fill(dims, dim);
    return new Batched(results, dims);
  }

  static int[] range(int n) {
    int[] r = new int[n];
    Arrays.setAll(r, i -> i);
    return r;
  }
}
