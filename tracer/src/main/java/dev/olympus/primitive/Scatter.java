package dev.olympus.primitive;

import dev.olympus.Array;
import dev.olympus.DType;
import dev.olympus.autodiff.JvpResult;
import dev.olympus.autodiff.LinearInputs;
import dev.olympus.autodiff.Tangent;
import dev.olympus.batching.BatchAxis;
import dev.olympus.batching.Batched;
import dev.olympus.errors.OlympusException;
import dev.olympus.numpy.Jnp;
import dev.olympus.simd.FloatStrips;
import dev.olympus.storage.Storage;
import dev.olympus.types.AbstractValue;
import dev.olympus.types.Shape;
import java.util.List;

/**
 * {@code scatter[dimension_numbers=... indices_are_sorted=False mode=... unique_indices=False update_consts=()
 * update_jaxpr=...] operand indices updates} and its combining kin {@code scatter-add}, {@code scatter-mul},
 * {@code scatter-min}, {@code scatter-max} (XLA's Scatter, JAX's {@code scatter_p} and friends): the operand
 * with each window of the updates written at its start vector, replacing the element ({@code scatter}) or
 * combined with it by the scalar {@link #combiner()}. What {@code x.at(i).set/add/mul/min/max(v)} lower to, and
 * {@code scatter-add} is also the transpose of {@code gather}.
 *
 * <p>Updates apply in the order of the updates' elements, so when indices repeat the last one wins for
 * {@code scatter} (XLA CPU's order; JAX leaves it unspecified) and the others combine in that order: results are
 * the same on every run.
 *
 * <p>Rules, as JAX's {@code slicing.py}: {@code scatter-add} is linear in the operand and the updates. The JVP
 * of {@code scatter} tags each update with an id, scatters the ids, and keeps the tangent of whichever update
 * (or operand element) survived, so its tangent needs only {@code select_n}, {@code gather} and
 * {@code scatter-add}, which transpose. {@code scatter-min/max} share a tangent among the updates and operand
 * element that tie for the result. {@code scatter-mul} is linear in the operand; its derivative in the updates
 * needs unique indices, as in JAX. Batching moves the batch axis to the front of all three (broadcasting those
 * without one) and makes it a window axis, or a batching axis when the indices vary over the batch.
 */
public final class Scatter extends Primitive {
  public static final Scatter SCATTER = new Scatter("scatter", null);
  public static final Scatter SCATTER_ADD = new Scatter("scatter-add", BinaryPrimitive.ADD);
  public static final Scatter SCATTER_MUL = new Scatter("scatter-mul", BinaryPrimitive.MUL);
  public static final Scatter SCATTER_MIN = new Scatter("scatter-min", BinaryPrimitive.MIN);
  public static final Scatter SCATTER_MAX = new Scatter("scatter-max", BinaryPrimitive.MAX);

  /** How an update meets the element it lands on; null: it replaces it. */
  private final BinaryPrimitive combiner;

  private Scatter(String name, BinaryPrimitive combiner) {
    super(name);
    this.combiner = combiner;
  }

  public BinaryPrimitive combiner() { return combiner; }

  /** The parameters JAX prints, for an operand of {@code dtype} (the combiner's scalar type). */
  public Params params(ScatterDimensionNumbers dn, GatherScatterMode mode, DType dtype) {
    return Params.of("dimension_numbers", dn, "indices_are_sorted", false, "mode", mode, "unique_indices", false,
        "update_consts", new int[0], "update_jaxpr", combiner == null ? null : new UpdateJaxpr(combiner, dtype));
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
    if (operand.dtype().isBool() && (combiner == BinaryPrimitive.ADD || combiner == BinaryPrimitive.MUL)) {
      throw ShapeRules.error(name(), "combines numbers, not bools (" + operand + ")");
    }
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
    Storage out = x.convert(x.dtype());
    if (x.dtype() == DType.F32 && (combiner == null || combiner == BinaryPrimitive.ADD)) {
      // The common cases (x.at(i).set / add on floats, and gather's transpose) row by row, without a dispatch
      // per element; a float add rounds as the double add rounded once does.
      Windows.Runs runs = Windows.operandRuns(x.shape(), idx, idx.shape(), updates.shape(), dn.updateWindowDims(),
          dn.insertedWindowDims(), dn.scatterDimsToOperandDims(), dn.operandBatchingDims(),
          dn.scatterIndicesBatchingDims(), sizes, params.as("mode"), true);
      float[] o = out.f32(), u = updates.f32();
      int[] starts = runs.starts();
      int run = runs.run();
      // In update order, so repeated indices combine in the same order on every run. (Splitting the output
      // between two threads measured no faster: the copy of the operand and the fresh array bound this.)
      for (int r = 0; r < starts.length; r++) {
        int d = starts[r];
        if (d < 0) continue;
        if (combiner == null) System.arraycopy(u, r * run, o, d, run);
        else FloatStrips.add(o, d, u, r * run, o, d, run);
      }
      return List.of(out);
    }
    int[] dst = Windows.operandIndices(x.shape(), idx, idx.shape(), updates.shape(), dn.updateWindowDims(),
        dn.insertedWindowDims(), dn.scatterDimsToOperandDims(), dn.operandBatchingDims(),
        dn.scatterIndicesBatchingDims(), sizes, params.as("mode"));
    // In order, so repeated indices combine in the same order on every run. Floats combine in double and
    // round once on the store, which for f32 add and mul is the correctly rounded f32 result.
    boolean floating = x.dtype().isFloating();
    for (int i = 0; i < dst.length; i++) {
      int d = dst[i];
      if (d < 0) continue;
      if (floating) {
        double u = updates.getDouble(i);
        out.setDouble(d, combiner == null ? u : combiner.applyFloat(out.getDouble(d), u));
      } else {
        long u = updates.getLong(i);
        out.setLong(d, combiner == null ? u : combiner.applyInt(out.getLong(d), u));
      }
    }
    return List.of(out);
  }

  // ---- forward and reverse mode ----------------------------------------------------------------------------

  @Override
  public JvpResult jvp(List<Array> primals, List<Tangent> tangents, Params params) {
    Array x = primals.get(0), idx = primals.get(1), updates = primals.get(2);
    Array out = bind1(params, x, idx, updates);
    Tangent gx = tangents.get(0), gu = tangents.get(2);
    if (gx.isZero() && gu.isZero()) return JvpResult.of(out, Tangent.zero(out.aval()));
    Array tangent;
    if (this == SCATTER_ADD) {
      tangent = bind1(params, gx.instantiate(), idx, gu.instantiate());
    } else if (this == SCATTER) {
      tangent = params.flag("unique_indices") ? bind1(params, gx.instantiate(), idx, gu.instantiate())
          : survivorsTangent(x, idx, updates, gx.instantiate(), gu.instantiate(), params);
    } else if (this == SCATTER_MUL) {
      tangent = gx.isZero() ? null : bind1(params, gx.value(), idx, updates);
      if (!gu.isZero()) {
        if (!params.flag("unique_indices")) {
          throw new OlympusException("the derivative of scatter-mul (x.at(i).mul(v)) with respect to the updates v "
              + "is defined only for unique indices, as in JAX; differentiate with respect to x only, or multiply "
              + "by x.at(i).get() and a scatter-add of the updates' tangents yourself.");
        }
        Array fromUpdates = x.mul(SCATTER_ADD.bind1(SCATTER_ADD.params(params.as("dimension_numbers"),
            params.as("mode"), x.dtype()), Jnp.zerosLike(x), idx, gu.value()));
        tangent = tangent == null ? fromUpdates : tangent.add(fromUpdates);
      }
    } else {
      tangent = extremalTangent(x, idx, updates, out, gx.instantiate(), gu.instantiate(), params);
    }
    return JvpResult.of(out, Tangent.of(tangent));
  }

  /**
   * JAX's JVP of a scatter whose indices may repeat: each element of the result came from one update or from the
   * operand, and takes that one's tangent. Ids tag the updates (1, 2, ...); scattering them shows which survived.
   */
  private Array survivorsTangent(Array x, Array idx, Array updates, Array gx, Array gu, Params params) {
    ScatterDimensionNumbers dn = params.as("dimension_numbers");
    int[] idsShape = updates.shape();
    for (int w : dn.updateWindowDims()) idsShape[w] = 1;
    int numIds = (int) Shape.of(idsShape).size();
    Array ids = Jnp.broadcastTo(Jnp.arange(numIds).reshape(idsShape).add(1), updates.shape());
    Array scatteredIds = bind1(params, Jnp.zeros(DType.I32, x.shape()), idx, ids);
    Array survivingIds = gatherBack(scatteredIds, idx, updates, params);
    Array fromOperand = Jnp.where(Jnp.equal(scatteredIds, Jnp.zerosLike(scatteredIds)), gx, Jnp.zerosLike(gx));
    Array fromUpdates = Jnp.where(Jnp.equal(ids, survivingIds), gu, Jnp.zerosLike(gu));
    return SCATTER_ADD.bind1(SCATTER_ADD.params(dn, params.as("mode"), gx.dtype()), fromOperand, idx, fromUpdates);
  }

  /**
   * JAX's JVP of scatter-min/max: the updates equal to the result at their window, and the operand element if it
   * equals the result too, share the result's tangent equally (as {@code max} splits a tie).
   */
  private Array extremalTangent(Array x, Array idx, Array updates, Array out, Array gx, Array gu, Params params) {
    ScatterDimensionNumbers dn = params.as("dimension_numbers");
    Params add = SCATTER_ADD.params(dn, params.as("mode"), x.dtype());
    Array initial = gatherBack(x, idx, updates, params), target = gatherBack(out, idx, updates, params);
    Array successful = Jnp.equal(updates, target), retained = Jnp.equal(initial, target);
    Array ones = Jnp.onesLike(updates), zeros = Jnp.zerosLike(updates);
    Array numUpdates = gatherBack(SCATTER_ADD.bind1(add, Jnp.zerosLike(x), idx, Jnp.where(successful, ones, zeros)),
        idx, updates, params);
    Array numRefs = gatherBack(SCATTER_ADD.bind1(add, Jnp.zerosLike(x), idx, ones), idx, updates, params);
    // The counts are at least 1 wherever an update lands; the floor of 1 only keeps the dropped windows of
    // FILL_OR_DROP (which JAX fills with NaN) finite, so their zero cotangents stay zero.
    Array withOperand = Jnp.onesLike(numUpdates).div(numUpdates.add(1.0));
    Array updatesNormalizer = Jnp.where(retained, withOperand, Jnp.onesLike(numUpdates).div(Jnp.maximum(numUpdates,
        Jnp.onesLike(numUpdates))));
    Array updatesCoef = Jnp.where(successful, updatesNormalizer, zeros);
    Array operandNormalizer = Jnp.where(retained, withOperand, Jnp.zerosLike(numUpdates));
    Array operandCoef = operandNormalizer.sub(1.0).div(Jnp.maximum(numRefs, Jnp.onesLike(numRefs)));
    Array targetTangents = gatherBack(gx, idx, updates, params);
    Array tangentUpdates = targetTangents.mul(operandCoef).add(gu.mul(updatesCoef));
    return SCATTER_ADD.bind1(add, gx, idx, tangentUpdates);
  }

  /** The gather that reads, for each update, the window it lands on in {@code operand} (0 where dropped). */
  private static Array gatherBack(Array operand, Array idx, Array updates, Params params) {
    ScatterDimensionNumbers dn = params.as("dimension_numbers");
    int[] sizes = windowSizes(Shape.of(operand.shape()), Shape.of(updates.shape()), dn);
    return Gather.GATHER.bind1(Gather.params(dn.asGather(), sizes, params.as("mode"), 0.0), operand, idx);
  }

  @Override
  public List<Tangent> transpose(List<Tangent> cotangents, LinearInputs in, Params params) {
    if (in.isUndefined(1)) throw new IllegalStateException(name() + " is not linear in its indices");
    if (this == SCATTER_MIN || this == SCATTER_MAX) return super.transpose(cotangents, in, params);
    if (this == SCATTER && !params.flag("unique_indices")) {
      throw new IllegalStateException("scatter transposes only with unique indices; its JVP never emits it otherwise");
    }
    Tangent ct = cotangents.get(0);
    AbstractValue updates = in.aval(2);
    if (ct.isZero()) return List.of(Tangent.zero(in.aval(0)), Tangent.zero(in.aval(1)), Tangent.zero(updates));
    ScatterDimensionNumbers dn = params.as("dimension_numbers");
    Tangent operandCt = Tangent.zero(in.aval(0));
    if (in.isUndefined(0)) {
      if (this == SCATTER_ADD) operandCt = ct;
      // Elements an update replaced do not reach the result; a multiplied one is scaled by its updates.
      else if (this == SCATTER) operandCt = Tangent.of(bind1(params, ct.value(), in.value(1),
          Jnp.zeros(updates.dtype(), updates.shape().dims())));
      else operandCt = Tangent.of(bind1(params, ct.value(), in.value(1), in.value(2)));
    }
    Tangent updatesCt = Tangent.zero(updates);
    if (in.isUndefined(2)) {
      if (this == SCATTER_MUL) {
        throw new IllegalStateException("scatter-mul is not linear in its updates");
      }
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
