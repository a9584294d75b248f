package dev.olympus.primitive;

import dev.olympus.Array;
import dev.olympus.autodiff.JvpResult;
import dev.olympus.autodiff.LinearInputs;
import dev.olympus.autodiff.Tangent;
import dev.olympus.batching.BatchAxis;
import dev.olympus.batching.Batched;
import dev.olympus.numpy.Jnp;
import dev.olympus.storage.Storage;
import dev.olympus.trace.SizeCondition;
import dev.olympus.types.AbstractValue;
import dev.olympus.types.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code dynamic_update_slice operand update *start_indices}: the operand with {@code update} written over the
 * window at a start known only at run time, one integer scalar per axis (XLA's DynamicUpdateSlice, JAX's
 * {@code dynamic_update_slice_p}); starts are clamped so the update fits, as {@link DynamicSlice}'s are.
 *
 * <p>Rules, as JAX's: linear in the operand and the update together, so the JVP updates the operand's tangent
 * with the update's; the transpose gives the operand the cotangent with the window zeroed and the update the
 * cotangent's window. Batching over operand and update adds a leading window axis; batched starts make it a
 * {@code scatter} in clip mode.
 */
public final class DynamicUpdateSlice extends Primitive {
  public static final DynamicUpdateSlice DYNAMIC_UPDATE_SLICE = new DynamicUpdateSlice();

  private DynamicUpdateSlice() {
    super("dynamic_update_slice");
  }

  @Override
  public List<AbstractValue> abstractEval(List<AbstractValue> in, Params params) {
    if (in.size() < 2) ShapeRules.arity(this, in, 2);
    AbstractValue x = in.get(0), update = in.get(1);
    if (update.dtype() != x.dtype()) {
      throw ShapeRules.error(name(), "update " + update + " must have the operand's dtype, " + x.dtype());
    }
    if (update.rank() != x.rank()) {
      throw ShapeRules.error(name(), "update " + update + " must have the operand's rank, " + x.rank() + " (" + x + ")");
    }
    for (int d = 0; d < x.rank(); d++) {
      if (!SizeCondition.atLeast(x.shape().dim(d), update.shape().dim(d))) {
        throw ShapeRules.error(name(), "update " + update + " is larger than the operand " + x + " on axis " + d);
      }
    }
    DynamicSlice.requireStarts(name(), x, in.subList(2, in.size()));
    return List.of(x.strong());
  }

  @Override
  public List<Storage> evaluate(List<Storage> in, Params params) {
    Storage x = in.get(0), update = in.get(1);
    Shape window = update.shape();
    int[] at = DynamicSlice.clampedStarts(x.shape(), in.subList(2, in.size()), window.dims());
    int[] strides = x.shape().strides();
    int base = 0;
    for (int d = 0; d < at.length; d++) base += at[d] * strides[d];
    int[] dst = MultiIndex.offsets(window, strides, base);
    Storage out = x.convert(x.dtype());
    for (int i = 0; i < dst.length; i++) out.copyElement(update, i, dst[i]);
    return List.of(out);
  }

  @Override
  public JvpResult jvp(List<Array> primals, List<Tangent> tangents, Params params) {
    Array out = bind1(params, primals.toArray(new Array[0]));
    if (tangents.get(0).isZero() && tangents.get(1).isZero()) return JvpResult.of(out, Tangent.zero(out.aval()));
    Array[] args = primals.toArray(new Array[0]);
    args[0] = tangents.get(0).instantiate();
    args[1] = tangents.get(1).instantiate();
    return JvpResult.of(out, Tangent.of(bind1(params, args)));
  }

  @Override
  public List<Tangent> transpose(List<Tangent> cotangents, LinearInputs in, Params params) {
    List<Tangent> out = new ArrayList<>();
    for (int i = 0; i < in.size(); i++) {
      if (i > 1 && in.isUndefined(i)) throw new IllegalStateException("dynamic_update_slice is not linear in its starts");
      out.add(Tangent.zero(in.aval(i)));
    }
    Tangent ct = cotangents.get(0);
    if (ct.isZero()) return out;
    AbstractValue update = in.aval(1);
    List<Array> starts = new ArrayList<>();
    for (int i = 2; i < in.size(); i++) starts.add(in.value(i));
    if (in.isUndefined(0)) {
      List<Array> args = new ArrayList<>(List.of(ct.value(), Jnp.zeros(update.dtype(), update.shape().dims())));
      args.addAll(starts);
      out.set(0, Tangent.of(bind1(params, args.toArray(new Array[0]))));
    }
    if (in.isUndefined(1)) {
      List<Array> args = new ArrayList<>(List.of(ct.value()));
      args.addAll(starts);
      out.set(1, Tangent.of(DynamicSlice.DYNAMIC_SLICE.bind1(DynamicSlice.params(update.shape().dims()),
          args.toArray(new Array[0]))));
    }
    return out;
  }

  @Override
  public Batched batch(List<Array> args, int[] dims, Params params) {
    int size = BatchAxis.size(args, dims);
    Array x = BatchAxis.toFront(args.get(0), dims[0], size);
    Array update = BatchAxis.toFront(args.get(1), dims[1], size);
    boolean startsBatched = false;
    for (int i = 2; i < dims.length; i++) startsBatched |= dims[i] != BatchAxis.NOT_BATCHED;
    if (!startsBatched) {
      Array[] batched = new Array[args.size() + 1];
      batched[0] = x;
      batched[1] = update;
      batched[2] = DynamicSlice.zeroStart(args, 2);
      for (int i = 2; i < args.size(); i++) batched[i + 1] = args.get(i);
      return Batched.of(bind1(params, batched), 0);
    }
    Array starts = DynamicSlice.startVectors(args, dims, 2, size);
    int rank = x.ndim() - 1;
    int[] window = DynamicSlice.axesFrom(1, rank);
    ScatterDimensionNumbers dn = new ScatterDimensionNumbers(window, new int[0], window, new int[] {0}, new int[] {0});
    return Batched.of(Scatter.SCATTER.bind1(Scatter.SCATTER.params(dn, GatherScatterMode.CLIP, x.dtype()), x, starts,
        update), 0);
  }
}
