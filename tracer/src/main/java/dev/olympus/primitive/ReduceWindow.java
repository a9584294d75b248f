package dev.olympus.primitive;

import dev.olympus.Array;
import dev.olympus.DType;
import dev.olympus.autodiff.JvpResult;
import dev.olympus.autodiff.LinearInputs;
import dev.olympus.autodiff.Tangent;
import dev.olympus.batching.BatchAxis;
import dev.olympus.batching.Batched;
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
      // base, and each step rounds to float as the f32 op does.
      float[] a = x.f32(), o = out.f32();
      if (this == REDUCE_WINDOW_SUM) sumF32(a, o, reads);
      else extremumF32(a, o, reads, this == REDUCE_WINDOW_MAX);
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

  // Small methods of their own, so the JIT compiles each loop alone.
  private static void sumF32(float[] a, float[] o, WindowGeometry.Reads reads) {
    int[] rowBases = reads.rowBases(), offsets = reads.offsets();
    int cols = reads.cols(), colStep = reads.colStep();
    for (int r = 0, i = 0; r < rowBases.length; r++) {
      for (int j = 0, base = rowBases[r]; j < cols; j++, i++, base += colStep) {
        float acc = 0f;
        for (int off : offsets) acc += a[base + off];
        o[i] = acc;
      }
    }
  }

  /**
   * Max or min with NaN propagating and -0 below +0, as {@code Math.max}, without a branch per element: floats
   * compare as their sign-magnitude bits flipped to two's complement, an int order that puts -0 below +0, and a
   * NaN anywhere in the window makes the result NaN. On random data the branches of {@code Math.max} mispredict
   * half the time, which costs more than the bit flips.
   */
  private static void extremumF32(float[] a, float[] o, WindowGeometry.Reads reads, boolean max) {
    int identity = orderKey(max ? Float.NEGATIVE_INFINITY : Float.POSITIVE_INFINITY);
    int[] rowBases = reads.rowBases(), offsets = reads.offsets();
    int cols = reads.cols(), colStep = reads.colStep();
    for (int r = 0, i = 0; r < rowBases.length; r++) {
      for (int j = 0, base = rowBases[r]; j < cols; j++, i++, base += colStep) {
        int best = identity;
        boolean nan = false;
        for (int off : offsets) {
          float v = a[base + off];
          int key = orderKey(v);
          best = max ? Math.max(best, key) : Math.min(best, key);
          nan |= v != v;
        }
        o[i] = nan ? Float.NaN : Float.intBitsToFloat(best ^ ((best >> 31) & 0x7fffffff));
      }
    }
  }

  private static int orderKey(float v) {
    int bits = Float.floatToRawIntBits(v);
    return bits ^ ((bits >> 31) & 0x7fffffff);
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
