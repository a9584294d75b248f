package dev.olympus.primitive;

import dev.olympus.Array;
import dev.olympus.autodiff.JvpResult;
import dev.olympus.autodiff.LinearInputs;
import dev.olympus.autodiff.Tangent;
import dev.olympus.batching.BatchAxis;
import dev.olympus.batching.Batched;
import dev.olympus.storage.Storage;
import dev.olympus.types.AbstractValue;
import dev.olympus.types.Shape;
import java.util.List;

/**
 * {@code scatter-add[dimension_numbers=... indices_are_sorted=False mode=... unique_indices=False] operand
 * indices updates}: the operand with each window of the updates added at its start vector (XLA's Scatter with
 * an add, JAX's {@code scatter_add_p}); indices that repeat add up. What {@code x.at(i).add(v)} and the
 * transpose of {@code gather} lower to. (JAX also prints the combiner as {@code update_jaxpr}; this primitive
 * always adds, so it has no such parameter.)
 *
 * <p>Rules, as JAX's {@code slicing.py}: linear in the operand and the updates, so the JVP scatter-adds the
 * tangents; the transpose passes the cotangent to the operand and gathers it for the updates. Batching moves
 * the batch axis to the front of all three (broadcasting those without one) and makes it a window axis, or a
 * batching axis when the indices vary over the batch.
 */
public final class ScatterAdd extends Primitive {
  public static final ScatterAdd SCATTER_ADD = new ScatterAdd();

  private ScatterAdd() {
    super("scatter-add");
  }

  public static Params params(ScatterDimensionNumbers dn, GatherScatterMode mode) {
    return Params.of("dimension_numbers", dn, "indices_are_sorted", false, "mode", mode, "unique_indices", false);
  }

  /** The window size on each operand axis: 1 where the updates leave the axis out, else the updates' size. */
  static int[] windowSizes(Shape operand, Shape updates, ScatterDimensionNumbers dn) {
    int[] sizes = new int[operand.rank()];
    int[] window = dn.updateWindowDims();
    for (int d = 0, k = 0; d < sizes.length; d++) {
      boolean left = Windows.contains(dn.insertedWindowDims(), d) || Windows.contains(dn.operandBatchingDims(), d);
      sizes[d] = left ? 1 : k < window.length ? updates.dim(window[k++]) : -1;
    }
    return sizes;
  }

  @Override
  public List<AbstractValue> abstractEval(List<AbstractValue> in, Params params) {
    ShapeRules.arity(this, in, 3);
    AbstractValue operand = in.get(0), indices = in.get(1), updates = in.get(2);
    if (updates.dtype() != operand.dtype()) {
      throw ShapeRules.error(name(), "updates " + updates + " must have the operand's dtype, " + operand.dtype());
    }
    if (operand.dtype().isBool()) throw ShapeRules.error(name(), "adds numbers, not bools (" + operand + ")");
    ScatterDimensionNumbers dn = params.as("dimension_numbers");
    int[] sizes = windowSizes(operand.shape(), updates.shape(), dn);
    // The updates must be exactly what the mirror gather of the same windows would produce.
    Shape expected = Gather.outShape(name(), operand.shape(), indices, dn.asGather(), sizes);
    if (!expected.equals(updates.shape())) {
      throw ShapeRules.error(name(), "updates " + updates + " do not fit: windows " + Shape.tuple(sizes) + " at the "
          + "start vectors of " + indices + " need updates of shape " + expected.tuple());
    }
    return List.of(operand.strong());
  }

  @Override
  public List<Storage> evaluate(List<Storage> in, Params params) {
    Storage x = in.get(0), idx = in.get(1), updates = in.get(2);
    ScatterDimensionNumbers dn = params.as("dimension_numbers");
    int[] sizes = windowSizes(x.shape(), updates.shape(), dn);
    int[] dst = Windows.operandIndices(x.shape(), idx, idx.shape(), updates.shape(), dn.updateWindowDims(),
        dn.insertedWindowDims(), dn.scatterDimsToOperandDims(), dn.operandBatchingDims(),
        dn.scatterIndicesBatchingDims(), sizes, params.as("mode"));
    Storage out = x.convert(x.dtype());
    // In order, so repeated indices add up in the same order on every run.
    if (x.dtype().isFloating()) {
      for (int i = 0; i < dst.length; i++) if (dst[i] >= 0) out.setDouble(dst[i], out.getDouble(dst[i]) + updates.getDouble(i));
    } else {
      for (int i = 0; i < dst.length; i++) if (dst[i] >= 0) out.setLong(dst[i], out.getLong(dst[i]) + updates.getLong(i));
    }
    return List.of(out);
  }

  // ---- forward and reverse mode ----------------------------------------------------------------------------

  @Override
  public JvpResult jvp(List<Array> primals, List<Tangent> tangents, Params params) {
    Array out = bind1(params, primals.get(0), primals.get(1), primals.get(2));
    if (tangents.get(0).isZero() && tangents.get(2).isZero()) return JvpResult.of(out, Tangent.zero(out.aval()));
    return JvpResult.of(out, Tangent.of(bind1(params, tangents.get(0).instantiate(), primals.get(1),
        tangents.get(2).instantiate())));
  }

  @Override
  public List<Tangent> transpose(List<Tangent> cotangents, LinearInputs in, Params params) {
    if (in.isUndefined(1)) throw new IllegalStateException("scatter-add is not linear in its indices");
    Tangent ct = cotangents.get(0);
    AbstractValue updates = in.aval(2);
    if (ct.isZero()) return List.of(Tangent.zero(in.aval(0)), Tangent.zero(in.aval(1)), Tangent.zero(updates));
    Tangent operandCt = in.isUndefined(0) ? ct : Tangent.zero(in.aval(0));
    Tangent updatesCt = Tangent.zero(updates);
    if (in.isUndefined(2)) {
      ScatterDimensionNumbers dn = params.as("dimension_numbers");
      int[] sizes = windowSizes(in.aval(0).shape(), updates.shape(), dn);
      updatesCt = Tangent.of(Gather.GATHER.bind1(Gather.params(dn.asGather(), sizes, params.as("mode"), 0.0),
          ct.value(), in.value(1)));
    }
    return List.of(operandCt, Tangent.zero(in.aval(1)), updatesCt);
  }

  // ---- batching ----------------------------------------------------------------------------------------------

  @Override
  public Batched batch(List<Array> args, int[] dims, Params params) {
    ScatterDimensionNumbers dn = params.as("dimension_numbers");
    int size = BatchAxis.size(args, dims);
    Array x = BatchAxis.toFront(args.get(0), dims[0], size);
    Array updates = BatchAxis.toFront(args.get(2), dims[2], size);
    ScatterDimensionNumbers batched;
    Array idx = args.get(1);
    if (dims[1] == BatchAxis.NOT_BATCHED) {
      // The batch is one more window axis: example b's updates land in operand b.
      batched = new ScatterDimensionNumbers(Windows.shifted(0, dn.updateWindowDims(), 1),
          Windows.shifted(null, dn.insertedWindowDims(), 1), Windows.shifted(null, dn.scatterDimsToOperandDims(), 1),
          Windows.shifted(null, dn.operandBatchingDims(), 1), dn.scatterIndicesBatchingDims());
    } else {
      idx = BatchAxis.moveAxis(idx, dims[1], 0);
      batched = new ScatterDimensionNumbers(Windows.shifted(null, dn.updateWindowDims(), 1),
          Windows.shifted(null, dn.insertedWindowDims(), 1), Windows.shifted(null, dn.scatterDimsToOperandDims(), 1),
          Windows.shifted(0, dn.operandBatchingDims(), 1), Windows.shifted(0, dn.scatterIndicesBatchingDims(), 1));
    }
    return new Batched(List.of(bind1(params.with("dimension_numbers", batched), x, idx, updates)), new int[] {0});
  }
}
