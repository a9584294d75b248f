package dev.olympus.primitive;

import dev.olympus.Array;
import dev.olympus.DType;
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
 * {@code dynamic_slice[slice_sizes=...] operand *start_indices}: the window of static size {@code slice_sizes}
 * at a start known only at run time, one integer scalar operand per axis (XLA's DynamicSlice, JAX's
 * {@code dynamic_slice_p}). A start is clamped so the window fits: {@code clamp(0, start, dim - size)}.
 *
 * <p>Rules, as JAX's {@code slicing.py}: linear in the operand, so the JVP slices the tangent and the transpose
 * writes the cotangent into zeros with {@code dynamic_update_slice} at the same starts. Batching over the
 * operand alone adds a full-size window axis; batched starts make it a {@code gather} in clip mode (whose
 * clamping is this primitive's), with the operand's batch axis as a batching axis when it has one.
 */
public final class DynamicSlice extends Primitive {
  public static final DynamicSlice DYNAMIC_SLICE = new DynamicSlice();

  private DynamicSlice() {
    super("dynamic_slice");
  }

  public static Params params(int[] sliceSizes) {
    return Params.of("slice_sizes", sliceSizes);
  }

  @Override
  public List<AbstractValue> abstractEval(List<AbstractValue> in, Params params) {
    if (in.isEmpty()) ShapeRules.arity(this, in, 1);
    AbstractValue x = in.get(0);
    int[] sizes = params.ints("slice_sizes");
    requireStarts(name(), x, in.subList(1, in.size()));
    if (sizes.length != x.rank()) {
      throw ShapeRules.error(name(), "slice_sizes " + Shape.tuple(sizes) + " must give a size for each of the "
          + x.rank() + " axes of " + x);
    }
    for (int d = 0; d < sizes.length; d++) {
      if (sizes[d] < 0 || !SizeCondition.atLeast(x.shape().dim(d), sizes[d])) {
        throw ShapeRules.error(name(), "slice size " + sizes[d] + " on axis " + d + " must be between 0 and the "
            + "operand's size " + x.shape().dim(d) + " (" + x + ")");
      }
    }
    return List.of(x.withShape(Shape.of(sizes)).strong());
  }

  /** {@code first, first + 1, ..., first + n - 1}. */
  static int[] axesFrom(int first, int n) {
    int[] axes = new int[n];
    for (int i = 0; i < n; i++) axes[i] = first + i;
    return axes;
  }

  /** One integer scalar start per axis of {@code x}. */
  static void requireStarts(String op, AbstractValue x, List<AbstractValue> starts) {
    if (starts.size() != x.rank()) {
      throw ShapeRules.error(op, "needs one start index per axis of " + x + " (" + x.rank() + "), got " + starts.size());
    }
    for (int d = 0; d < starts.size(); d++) {
      AbstractValue s = starts.get(d);
      if (s.rank() != 0 || !s.dtype().isInteger()) {
        throw ShapeRules.error(op, "start index " + d + " must be an integer scalar, got " + s);
      }
    }
  }

  /** Each start clamped so a window of {@code sizes} at it fits in {@code shape}. */
  static int[] clampedStarts(Shape shape, List<Storage> starts, int[] sizes) {
    int[] at = new int[shape.rank()];
    for (int d = 0; d < at.length; d++) {
      long s = starts.get(d).getLong(0);
      at[d] = (int) Math.max(0, Math.min(s, shape.dim(d) - sizes[d]));
    }
    return at;
  }

  @Override
  public List<Storage> evaluate(List<Storage> in, Params params) {
    Storage x = in.get(0);
    int[] sizes = params.ints("slice_sizes");
    int[] at = clampedStarts(x.shape(), in.subList(1, in.size()), sizes);
    int[] strides = x.shape().strides();
    int base = 0;
    for (int d = 0; d < at.length; d++) base += at[d] * strides[d];
    Shape out = Shape.of(sizes);
    return List.of(ElementCopy.gather(x, out, MultiIndex.offsets(out, strides, base)));
  }

  @Override
  public JvpResult jvp(List<Array> primals, List<Tangent> tangents, Params params) {
    Array out = bind1(params, primals.toArray(new Array[0]));
    if (tangents.get(0).isZero()) return JvpResult.of(out, Tangent.zero(out.aval()));
    List<Array> args = new ArrayList<>(primals);
    args.set(0, tangents.get(0).value());
    return JvpResult.of(out, Tangent.of(bind1(params, args.toArray(new Array[0]))));
  }

  @Override
  public List<Tangent> transpose(List<Tangent> cotangents, LinearInputs in, Params params) {
    List<Tangent> out = new ArrayList<>();
    AbstractValue x = in.aval(0);
    Tangent ct = cotangents.get(0);
    for (int i = 0; i < in.size(); i++) {
      if (i > 0 && in.isUndefined(i)) throw new IllegalStateException("dynamic_slice is not linear in its starts");
      out.add(Tangent.zero(in.aval(i)));
    }
    if (!ct.isZero()) {
      Array[] args = new Array[in.size() + 1];
      args[0] = Jnp.zeros(x.dtype(), x.shape().dims());
      args[1] = ct.value();
      for (int i = 1; i < in.size(); i++) args[i + 1] = in.value(i);
      out.set(0, Tangent.of(DynamicUpdateSlice.DYNAMIC_UPDATE_SLICE.bind1(Params.NONE, args)));
    }
    return out;
  }

  @Override
  public Batched batch(List<Array> args, int[] dims, Params params) {
    int size = BatchAxis.size(args, dims);
    int[] sizes = params.ints("slice_sizes");
    boolean startsBatched = false;
    for (int i = 1; i < dims.length; i++) startsBatched |= dims[i] != BatchAxis.NOT_BATCHED;
    if (!startsBatched) {
      // The batch is one more axis of the window, taken whole.
      Array[] batched = new Array[args.size() + 1];
      batched[0] = BatchAxis.moveAxis(args.get(0), dims[0], 0);
      batched[1] = zeroStart(args, 1);
      for (int i = 1; i < args.size(); i++) batched[i + 1] = args.get(i);
      return Batched.of(bind1(params(BatchAxis.prepend(size, sizes)), batched), 0);
    }
    Array starts = startVectors(args, dims, 1, size);
    int rank = sizes.length;
    int[] offsetDims = axesFrom(1, rank);
    Array x = args.get(0);
    if (dims[0] == BatchAxis.NOT_BATCHED) {
      GatherDimensionNumbers dn = new GatherDimensionNumbers(offsetDims, new int[0], axesFrom(0, rank),
          new int[0], new int[0]);
      return Batched.of(Gather.GATHER.bind1(Gather.params(dn, sizes, GatherScatterMode.CLIP, null), x, starts), 0);
    }
    x = BatchAxis.moveAxis(x, dims[0], 0);
    GatherDimensionNumbers dn = new GatherDimensionNumbers(offsetDims, new int[0], offsetDims, new int[] {0},
        new int[] {0});
    return Batched.of(Gather.GATHER.bind1(Gather.params(dn, BatchAxis.prepend(1, sizes), GatherScatterMode.CLIP,
        null), x, starts), 0);
  }

  /**
   * The start operands {@code args[first..]} (batched along {@code dims}) as the rows of an
   * {@code i32[batch, rank]} array of start vectors, one row per example.
   */
  static Array startVectors(List<Array> args, int[] dims, int first, int size) {
    List<Array> columns = new ArrayList<>();
    for (int i = first; i < args.size(); i++) {
      Array s = args.get(i).dtype() == DType.I32 ? args.get(i) : args.get(i).astype(DType.I32);
      columns.add(dims[i] == BatchAxis.NOT_BATCHED ? Jnp.broadcastTo(s, size) : s);
    }
    return Jnp.stack(columns, 1);
  }

  /** A start of 0 for a new leading axis, of the other starts' integer type. */
  static Array zeroStart(List<Array> args, int first) {
    return Jnp.literal(0).astype(args.size() > first ? args.get(first).dtype() : DType.I32);
  }
}
