package dev.olympus.primitive;

import dev.olympus.Array;
import dev.olympus.DType;
import dev.olympus.autodiff.JvpResult;
import dev.olympus.autodiff.LinearInputs;
import dev.olympus.autodiff.Tangent;
import dev.olympus.batching.BatchAxis;
import dev.olympus.batching.Batched;
import dev.olympus.execution.Parallel;
import dev.olympus.lax.Lax;
import dev.olympus.storage.Storage;
import dev.olympus.types.AbstractValue;
import dev.olympus.types.Shape;
import java.util.List;

/**
 * {@code reduce_window_sum}, {@code reduce_window_max}, {@code reduce_window_min} {@code [base_dilation padding
 * window_dilation window_dimensions window_strides]}: each output element the reduction of one window of the
 * (dilated, padded) operand by the {@link #combiner()} from the binary-op table, padding and holes counting as
 * its identity (0, -inf, +inf), in window order (JAX's monoid {@code reduce_window} primitives, pooling's
 * core).
 *
 * <p>Rules, as JAX's {@code windowed_reductions.py}: the sum is linear, its transpose a window sum over the
 * cotangent padded back to the operand's shape (strides become holes). Max and min differentiate through
 * {@link SelectAndGatherAdd}, which takes the tangent of the element each window selected. Batching adds a
 * window of 1 on the batch axis.
 */
public final class ReduceWindow extends Primitive {
  public static final ReduceWindow REDUCE_WINDOW_SUM = new ReduceWindow("reduce_window_sum", BinaryPrimitive.ADD);
  public static final ReduceWindow REDUCE_WINDOW_MAX = new ReduceWindow("reduce_window_max", BinaryPrimitive.MAX);
  public static final ReduceWindow REDUCE_WINDOW_MIN = new ReduceWindow("reduce_window_min", BinaryPrimitive.MIN);

  private final BinaryPrimitive combiner;

  private ReduceWindow(String name, BinaryPrimitive combiner) {
    super(name);
    this.combiner = combiner;
  }

  public BinaryPrimitive combiner() { return combiner; }

  public static Params params(int[] windowDimensions, int[] windowStrides, WindowPadding padding, int[] baseDilation,
      int[] windowDilation) {
    return WindowGeometry.params(windowDimensions, windowStrides, padding, baseDilation, windowDilation);
  }

  @Override
  public List<AbstractValue> abstractEval(List<AbstractValue> in, Params params) {
    ShapeRules.arity(this, in, 1);
    AbstractValue x = in.get(0);
    if (x.dtype().isBool() && this == REDUCE_WINDOW_SUM) throw ShapeRules.error(name(), "sums numbers, not bools (" + x + ")");
    return List.of(new AbstractValue(x.dtype(), WindowGeometry.of(params).outShape(name(), x.shape()), false));
  }

  double floatIdentity() {
    if (this == REDUCE_WINDOW_SUM) return 0;
    return this == REDUCE_WINDOW_MAX ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
  }

  long intIdentity(DType d) {
    if (this == REDUCE_WINDOW_SUM) return 0;
    if (d.isBool()) return this == REDUCE_WINDOW_MAX ? 0 : 1;
    boolean i32 = d == DType.I32;
    if (this == REDUCE_WINDOW_MAX) return i32 ? Integer.MIN_VALUE : Long.MIN_VALUE;
    return i32 ? Integer.MAX_VALUE : Long.MAX_VALUE;
  }

  @Override
  public List<Storage> evaluate(List<Storage> in, Params params) {
    Storage x = in.get(0);
    WindowGeometry g = WindowGeometry.of(params);
    Shape outShape = g.outShape(name(), x.shape());
    WindowGeometry.Reads reads = g.reads(x.shape(), outShape);
    int win = g.windowSize();
    Storage out = Storage.allocate(x.dtype(), outShape);
    if (x.dtype() == DType.F32 && reads.table() == null) {
      // Pooling's case, without a dispatch per element: each output folds its window's fixed offsets from its
      // base, and each step rounds to float as the f32 op does. Rows of outputs are independent, so cores split
      // them without changing a result.
      float[] a = x.f32(), o = out.f32();
      int rows = reads.rowBases().length;
      Parallel.forRanges(rows, Parallel.threadsFor((long) o.length * win, rows), (r0, r1) -> {
        if (this == REDUCE_WINDOW_SUM) sumF32(a, o, reads, (int) r0, (int) r1);
        else extremumF32(a, o, reads, this == REDUCE_WINDOW_MAX, (int) r0, (int) r1);
      });
      return List.of(out);
    }
    boolean floating = x.dtype().isFloating();
    for (int o = 0, n = Math.toIntExact(outShape.size()); o < n; o++) {
      if (floating) {
        double acc = floatIdentity();
        // One rounding per step for f32 too: the double op of two floats rounds to the float op's result.
        for (int w = 0; w < win; w++) {
          int s = reads.at(o, w);
          if (s >= 0) acc = x.dtype() == DType.F32 ? (float) combiner.applyFloat(acc, x.getDouble(s))
              : combiner.applyFloat(acc, x.getDouble(s));
        }
        out.setDouble(o, acc);
      } else {
        long acc = intIdentity(x.dtype());
        for (int w = 0; w < win; w++) {
          int s = reads.at(o, w);
          if (s >= 0) acc = combiner.applyInt(acc, x.getLong(s));
        }
        out.setLong(o, x.dtype() == DType.I32 ? (int) acc : acc);
      }
    }
    return List.of(out);
  }

  // Small methods of their own, so the JIT compiles each loop alone. Measured on 2x2 pooling of f32[32,16,28,28]
  // (one core): folding each window by a loop over its offsets, 1.5 ms with Math.max (a chain of dependent
  // maxes per output, which the JIT does not overlap across outputs) and 0.5 ms with branch-free int order keys;
  // one pass over a row of outputs per window offset, 0.24 ms; a window of four in straight-line code, 0.18 ms.

  private static void sumF32(float[] a, float[] o, WindowGeometry.Reads reads, int r0, int r1) {
    int[] rowBases = reads.rowBases(), offsets = reads.offsets();
    int cols = reads.cols(), colStep = reads.colStep();
    if (offsets.length == 4) {
      int k0 = offsets[0], k1 = offsets[1], k2 = offsets[2], k3 = offsets[3];
      for (int r = r0, i = r0 * cols; r < r1; r++) {
        for (int j = 0, p = rowBases[r]; j < cols; j++, i++, p += colStep) {
          o[i] = 0f + a[p + k0] + a[p + k1] + a[p + k2] + a[p + k3];
        }
      }
      return;
    }
    // Each output still adds its window's elements in window order, starting from 0 as the identity.
    for (int r = r0, i = r0 * cols; r < r1; r++, i += cols) {
      java.util.Arrays.fill(o, i, i + cols, 0f);
      for (int off : offsets) {
        for (int j = 0, p = rowBases[r] + off; j < cols; j++, p += colStep) o[i + j] += a[p];
      }
    }
  }

  /** Max or min as {@code Math.max}/{@code Math.min}: NaN propagates and -0 is below +0. */
  private static void extremumF32(float[] a, float[] o, WindowGeometry.Reads reads, boolean max, int r0, int r1) {
    int[] rowBases = reads.rowBases(), offsets = reads.offsets();
    int cols = reads.cols(), colStep = reads.colStep();
    if (offsets.length == 4) {
      int k0 = offsets[0], k1 = offsets[1], k2 = offsets[2], k3 = offsets[3];
      for (int r = r0, i = r0 * cols; r < r1; r++) {
        for (int j = 0, p = rowBases[r]; j < cols; j++, i++, p += colStep) {
          o[i] = max ? Math.max(Math.max(a[p + k0], a[p + k1]), Math.max(a[p + k2], a[p + k3]))
              : Math.min(Math.min(a[p + k0], a[p + k1]), Math.min(a[p + k2], a[p + k3]));
        }
      }
      return;
    }
    float identity = max ? Float.NEGATIVE_INFINITY : Float.POSITIVE_INFINITY;
    for (int r = r0, i = r0 * cols; r < r1; r++, i += cols) {
      java.util.Arrays.fill(o, i, i + cols, identity);
      for (int off : offsets) {
        int p = rowBases[r] + off;
        if (max) for (int j = 0; j < cols; j++, p += colStep) o[i + j] = Math.max(o[i + j], a[p]);
        else for (int j = 0; j < cols; j++, p += colStep) o[i + j] = Math.min(o[i + j], a[p]);
      }
    }
  }

  @Override
  public JvpResult jvp(List<Array> primals, List<Tangent> tangents, Params params) {
    if (this == REDUCE_WINDOW_SUM) return linearJvp(primals, tangents, params);
    Array x = primals.get(0);
    Array out = bind1(params, x);
    Tangent t = tangents.get(0);
    if (t.isZero()) return JvpResult.of(out, Tangent.zero(out.aval()));
    BinaryPrimitive select = this == REDUCE_WINDOW_MAX ? BinaryPrimitive.GE : BinaryPrimitive.LE;
    return JvpResult.of(out, Tangent.of(SelectAndGatherAdd.SELECT_AND_GATHER_ADD.bind1(
        SelectAndGatherAdd.params(select, WindowGeometry.of(params)), t.value(), x)));
  }

  /** JAX's {@code _reduce_window_sum_transpose_rule}. */
  @Override
  public List<Tangent> transpose(List<Tangent> cotangents, LinearInputs in, Params params) {
    if (this != REDUCE_WINDOW_SUM) return super.transpose(cotangents, in, params);
    AbstractValue x = in.aval(0);
    WindowGeometry g = WindowGeometry.of(params);
    return List.of(cotangents.get(0).map(x, ct -> {
      int rank = x.rank();
      int[] inShape = x.shape().dims();
      WindowPadding pads = ConvGeneralDilated.vjpLhsPadding(inShape, g.dims(), g.strides(), ct.shape(), g.padding(),
          g.baseDilation(), g.windowDilation());
      int[] interior = new int[rank];
      for (int d = 0; d < rank; d++) interior[d] = g.strides()[d] - 1;
      Array padded = padOrCrop(ct, pads.low(), pads.high(), interior);
      int[] ones = new int[rank];
      java.util.Arrays.fill(ones, 1);
      Array summed = bind1(params(g.dims(), g.baseDilation(), WindowPadding.none(rank), ones, g.windowDilation()),
          padded);
      return summed;
    }));
  }

  /** {@code Lax.pad} with zeros, where a negative amount crops instead. */
  static Array padOrCrop(Array x, int[] low, int[] high, int[] interior) {
    int rank = low.length;
    int[] lo = new int[rank], hi = new int[rank];
    boolean crop = false;
    for (int d = 0; d < rank; d++) {
      lo[d] = Math.max(0, low[d]);
      hi[d] = Math.max(0, high[d]);
      crop |= low[d] < 0 || high[d] < 0;
    }
    Array zero = Lax.convertElementType(dev.olympus.numpy.Jnp.literal(0), x.dtype(), false);
    Array padded = Lax.pad(x, zero, lo, hi, interior);
    if (!crop) return padded;
    int[] shape = padded.shape(), start = new int[rank], limit = new int[rank], step = new int[rank];
    for (int d = 0; d < rank; d++) {
      start[d] = Math.max(0, -low[d]);
      limit[d] = shape[d] - Math.max(0, -high[d]);
      step[d] = 1;
    }
    return Lax.slice(padded, start, limit, step);
  }

  @Override
  public Batched batch(List<Array> args, int[] dims, Params params) {
    Array x = BatchAxis.moveAxis(args.get(0), dims[0], 0);
    return Batched.of(bind1(WindowGeometry.of(params).batched().params(), x), 0);
  }
}
