package dev.olympus.primitive;

import dev.olympus.Array;
import dev.olympus.DType;
import dev.olympus.autodiff.JvpResult;
import dev.olympus.autodiff.LinearInputs;
import dev.olympus.autodiff.Tangent;
import dev.olympus.batching.BatchAxis;
import dev.olympus.batching.Batched;
import dev.olympus.storage.Storage;
import dev.olympus.trace.SizeCondition;
import dev.olympus.types.AbstractValue;
import dev.olympus.types.Shape;
import java.util.List;

/**
 * {@code gather[dimension_numbers=... fill_value=... indices_are_sorted=False mode=... slice_sizes=...
 * unique_indices=False] operand indices}: windows of the operand at the start vectors held along the indices'
 * last axis (XLA's Gather, JAX's {@code gather_p}); what {@code take}, {@code take_along_axis} and indexing
 * lower to.
 *
 * <p>Rules, as JAX's {@code slicing.py}: linear in the operand, so the JVP gathers the tangent (filling with 0)
 * and the transpose scatter-adds the cotangent into zeros with the same dimension numbers. Batching moves the
 * batch axis to the front and makes it a window axis of the operand, a batch axis of the indices, or both (the
 * operand and indices batching dimensions). Kernels run it as its primitive.
 */
public final class Gather extends Primitive {
  public static final Gather GATHER = new Gather();

  private Gather() {
    super("gather");
  }

  /** {@code fillValue} null: the dtype's default under FILL_OR_DROP (NaN, the least integer, true). */
  public static Params params(GatherDimensionNumbers dn, int[] sliceSizes, GatherScatterMode mode, Double fillValue) {
    return Params.of("dimension_numbers", dn, "fill_value", fillValue, "indices_are_sorted", false, "mode", mode,
        "slice_sizes", sliceSizes, "unique_indices", false);
  }

  @Override
  public List<AbstractValue> abstractEval(List<AbstractValue> in, Params params) {
    ShapeRules.arity(this, in, 2);
    AbstractValue operand = in.get(0), indices = in.get(1);
    GatherDimensionNumbers dn = params.as("dimension_numbers");
    int[] sizes = params.ints("slice_sizes");
    return List.of(new AbstractValue(operand.dtype(), outShape(name(), operand.shape(), indices, dn, sizes), false));
  }

  static Shape outShape(String op, Shape operand, AbstractValue indices, GatherDimensionNumbers dn, int[] sizes) {
    if (!indices.dtype().isInteger()) throw ShapeRules.error(op, "indices must be integers, got " + indices);
    if (indices.rank() < 1) throw ShapeRules.error(op, "indices need an axis of start vectors (the last), got " + indices);
    int rank = operand.rank();
    if (sizes.length != rank) {
      throw ShapeRules.error(op, "slice_sizes " + Shape.tuple(sizes) + " must give a size for each of the operand's "
          + rank + " axes");
    }
    int[] start = dn.startIndexMap();
    if (start.length != indices.shape().dim(indices.rank() - 1)) {
      throw ShapeRules.error(op, "start_index_map " + Shape.tuple(start) + " must name an operand axis for each of the "
          + indices.shape().dim(indices.rank() - 1) + " components of a start vector (the indices' last axis)");
    }
    for (int d = 0; d < rank; d++) {
      if (sizes[d] < 0 || !SizeCondition.atLeast(operand.dim(d), sizes[d])) {
        throw ShapeRules.error(op, "slice size " + sizes[d] + " on axis " + d + " exceeds the operand's " + operand);
      }
    }
    for (int d : concat(dn.collapsedSliceDims(), dn.operandBatchingDims())) {
      if (d < 0 || d >= rank || sizes[d] != 1) {
        throw ShapeRules.error(op, "collapsed and batching axes must be operand axes with slice size 1, got axis " + d
            + " with slice_sizes " + Shape.tuple(sizes));
      }
    }
    for (int d : start) if (d < 0 || d >= rank) throw ShapeRules.error(op, "start_index_map names axis " + d + " of " + operand);
    // As XLA's verifier: a start vector sets each operand axis once, and never a batching axis.
    boolean[] started = new boolean[rank];
    for (int d : start) {
      if (started[d] || Windows.contains(dn.operandBatchingDims(), d)) {
        throw ShapeRules.error(op, "start_index_map " + Shape.tuple(start) + " names axis " + d + " twice or as an "
            + "operand batching axis " + Shape.tuple(dn.operandBatchingDims()) + "; name each operand axis once");
      }
      started[d] = true;
    }
    int[] offset = dn.offsetDims();
    int windowRank = rank - dn.collapsedSliceDims().length - dn.operandBatchingDims().length;
    if (offset.length != windowRank) {
      throw ShapeRules.error(op, "offset_dims " + Shape.tuple(offset) + " must have one axis for each of the " + windowRank
          + " operand axes neither collapsed nor batched");
    }
    int outRank = indices.rank() - 1 + offset.length;
    for (int i = 0; i < offset.length; i++) {
      if (offset[i] < 0 || offset[i] >= outRank || (i > 0 && offset[i] <= offset[i - 1])) {
        throw ShapeRules.error(op, "offset_dims " + Shape.tuple(offset) + " must be increasing axes of the rank-" + outRank
            + " result");
      }
    }
    int[] paired = dn.startIndicesBatchingDims();
    if (paired.length != dn.operandBatchingDims().length) {
      throw ShapeRules.error(op, "operand_batching_dims and start_indices_batching_dims must pair up");
    }
    for (int b = 0; b < paired.length; b++) {
      if (paired[b] < 0 || paired[b] >= indices.rank() - 1
          || indices.shape().dim(paired[b]) != operand.dim(dn.operandBatchingDims()[b])) {
        throw ShapeRules.error(op, "batching axis " + paired[b] + " of the indices " + indices
            + " must match operand axis " + dn.operandBatchingDims()[b] + " of " + operand);
      }
    }
    int[] out = new int[outRank];
    int[] window = new int[windowRank];
    for (int d = 0, k = 0; d < rank; d++) {
      if (!Windows.contains(dn.collapsedSliceDims(), d) && !Windows.contains(dn.operandBatchingDims(), d)) window[k++] = sizes[d];
    }
    for (int d = 0, w = 0, b = 0; d < outRank; d++) {
      out[d] = w < offset.length && offset[w] == d ? window[w++] : indices.shape().dim(b++);
    }
    return Shape.of(out);
  }

  @Override
  public List<Storage> evaluate(List<Storage> in, Params params) {
    Storage x = in.get(0), idx = in.get(1);
    GatherDimensionNumbers dn = params.as("dimension_numbers");
    int[] sizes = params.ints("slice_sizes");
    GatherScatterMode mode = params.as("mode");
    Shape out = outShape(name(), x.shape(), new AbstractValue(idx.dtype(), idx.shape(), false), dn, sizes);
    Windows.Runs runs = Windows.operandRuns(x.shape(), idx, idx.shape(), out, dn.offsetDims(),
        dn.collapsedSliceDims(), dn.startIndexMap(), dn.operandBatchingDims(), dn.startIndicesBatchingDims(), sizes,
        mode, true);
    Double fill = params.as("fill_value");
    Storage filler = x.dtype().isFloating() ? Storage.scalar(x.dtype(), fill == null ? Double.NaN : fill)
        : Storage.scalarLong(x.dtype(), fill != null ? (long) (double) fill : defaultFill(x.dtype()));
    return List.of(ElementCopy.gatherRuns(x, out, runs.starts(), runs.run(), filler));
  }

  /** JAX's default fill for integers and bools: the least value, true. */
  private static long defaultFill(DType dtype) {
    return switch (dtype) {
      case I32 -> Integer.MIN_VALUE;
      case I64 -> Long.MIN_VALUE;
      default -> 1;
    };
  }

  // ---- forward and reverse mode ----------------------------------------------------------------------------

  @Override
  public JvpResult jvp(List<Array> primals, List<Tangent> tangents, Params params) {
    Array out = bind1(params, primals.get(0), primals.get(1));
    Tangent t = tangents.get(0);
    if (t.isZero()) return JvpResult.of(out, Tangent.zero(out.aval()));
    return JvpResult.of(out, Tangent.of(bind1(params.with("fill_value", 0.0), t.value(), primals.get(1))));
  }

  @Override
  public List<Tangent> transpose(List<Tangent> cotangents, LinearInputs in, Params params) {
    if (in.isUndefined(1)) throw new IllegalStateException("gather is not linear in its indices");
    Tangent ct = cotangents.get(0);
    AbstractValue operand = in.aval(0);
    if (ct.isZero()) return List.of(Tangent.zero(operand), Tangent.zero(in.aval(1)));
    GatherDimensionNumbers dn = params.as("dimension_numbers");
    Array zeros = Tangent.zeros(operand.strong());
    Array sum = Scatter.SCATTER_ADD.bind1(Scatter.SCATTER_ADD.params(ScatterDimensionNumbers.of(dn), params.as("mode"),
        operand.dtype()), zeros,
        in.value(1), ct.value());
    return List.of(Tangent.of(sum), Tangent.zero(in.aval(1)));
  }

  // ---- batching ----------------------------------------------------------------------------------------------

  @Override
  public Batched batch(List<Array> args, int[] dims, Params params) {
    GatherDimensionNumbers dn = params.as("dimension_numbers");
    int[] sizes = params.ints("slice_sizes");
    boolean operandBatched = dims[0] != BatchAxis.NOT_BATCHED, indicesBatched = dims[1] != BatchAxis.NOT_BATCHED;
    Array x = operandBatched ? BatchAxis.moveAxis(args.get(0), dims[0], 0) : args.get(0);
    Array idx = indicesBatched ? BatchAxis.moveAxis(args.get(1), dims[1], 0) : args.get(1);
    GatherDimensionNumbers batched;
    int[] batchedSizes;
    if (operandBatched && !indicesBatched) {
      // The batch is one more window axis, the first of the result.
      batched = new GatherDimensionNumbers(Windows.shifted(0, dn.offsetDims(), 1),
          Windows.shifted(null, dn.collapsedSliceDims(), 1), Windows.shifted(null, dn.startIndexMap(), 1),
          Windows.shifted(null, dn.operandBatchingDims(), 1), dn.startIndicesBatchingDims());
      batchedSizes = Windows.shifted(x.shape()[0], sizes, 0);
    } else if (!operandBatched) {
      // The batch is one more batch axis of the indices, the first of the result.
      batched = new GatherDimensionNumbers(Windows.shifted(null, dn.offsetDims(), 1), dn.collapsedSliceDims(),
          dn.startIndexMap(), dn.operandBatchingDims(), Windows.shifted(null, dn.startIndicesBatchingDims(), 1));
      batchedSizes = sizes;
    } else {
      // Both: the operand's and the indices' batch axes run in step.
      batched = new GatherDimensionNumbers(Windows.shifted(null, dn.offsetDims(), 1),
          Windows.shifted(null, dn.collapsedSliceDims(), 1), Windows.shifted(null, dn.startIndexMap(), 1),
          Windows.shifted(0, dn.operandBatchingDims(), 1), Windows.shifted(0, dn.startIndicesBatchingDims(), 1));
      batchedSizes = Windows.shifted(1, sizes, 0);
    }
    Params p = params.with("dimension_numbers", batched).with("slice_sizes", batchedSizes);
    return new Batched(List.of(bind1(p, x, idx)), new int[] {0});
  }

  private static int[] concat(int[] a, int[] b) {
    int[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
