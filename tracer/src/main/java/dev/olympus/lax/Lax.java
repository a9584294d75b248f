package dev.olympus.lax;

import dev.olympus.Array;
import dev.olympus.DType;
import dev.olympus.Fn1;
import dev.olympus.Fn2;
import dev.olympus.errors.ArgumentCheck;
import dev.olympus.errors.ShapeException;
import dev.olympus.errors.SourceLocation;
import dev.olympus.numpy.Jnp;
import dev.olympus.primitive.Cond;
import dev.olympus.primitive.Scan;
import dev.olympus.primitive.While;
import dev.olympus.pytree.PyTree;
import dev.olympus.pytree.TreeDef;
import dev.olympus.transform.FunctionInfo;
import dev.olympus.types.AbstractValue;
import dev.olympus.types.TypePromotion;
import dev.olympus.primitive.BinaryPrimitive;
import dev.olympus.primitive.BitcastConvertType;
import dev.olympus.primitive.BroadcastInDim;
import dev.olympus.primitive.Concatenate;
import dev.olympus.primitive.ConvertElementType;
import dev.olympus.primitive.DotGeneral;
import dev.olympus.primitive.Gather;
import dev.olympus.primitive.GatherDimensionNumbers;
import dev.olympus.primitive.GatherScatterMode;
import dev.olympus.primitive.DynamicSlice;
import dev.olympus.primitive.DynamicUpdateSlice;
import dev.olympus.primitive.ConvDimensionNumbers;
import dev.olympus.primitive.ConvGeneralDilated;
import dev.olympus.primitive.Cumulative;
import dev.olympus.primitive.ReduceWindow;
import dev.olympus.primitive.WindowPadding;
import dev.olympus.primitive.Rev;
import dev.olympus.primitive.Scatter;
import dev.olympus.primitive.ShapeRules;
import dev.olympus.primitive.ScatterDimensionNumbers;
import dev.olympus.primitive.IntegerPow;
import dev.olympus.primitive.Iota;
import dev.olympus.primitive.Pad;
import dev.olympus.primitive.Params;
import dev.olympus.primitive.Reduce;
import dev.olympus.primitive.Reshape;
import dev.olympus.primitive.SelectN;
import dev.olympus.primitive.Slice;
import dev.olympus.primitive.Squeeze;
import dev.olympus.primitive.Transpose;
import dev.olympus.primitive.UnaryPrimitive;
import dev.olympus.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The primitives as functions, without NumPy's promotion or broadcasting (JAX's {@code jax.lax}): operands
 * must already agree in dtype and shape (or be scalars for elementwise ops). Control flow lives here too.
 */
public final class Lax {
  private Lax() {}

  // ---- elementwise -------------------------------------------------------------------------------------

  public static Array neg(Array x) {
    ArgumentCheck.array("Lax.neg", "x", x);
    return UnaryPrimitive.NEG.bind1(Params.NONE, x);
  }

  public static Array exp(Array x) {
    ArgumentCheck.array("Lax.exp", "x", x);
    return UnaryPrimitive.EXP.bind1(Params.NONE, x);
  }

  public static Array log(Array x) {
    ArgumentCheck.array("Lax.log", "x", x);
    return UnaryPrimitive.LOG.bind1(Params.NONE, x);
  }

  public static Array sin(Array x) {
    ArgumentCheck.array("Lax.sin", "x", x);
    return UnaryPrimitive.SIN.bind1(Params.NONE, x);
  }

  public static Array cos(Array x) {
    ArgumentCheck.array("Lax.cos", "x", x);
    return UnaryPrimitive.COS.bind1(Params.NONE, x);
  }

  public static Array tan(Array x) {
    ArgumentCheck.array("Lax.tan", "x", x);
    return UnaryPrimitive.TAN.bind1(Params.NONE, x);
  }

  /** The error function, {@code jax.lax.erf}: elementwise on floats. */
  public static Array erf(Array x) {
    ArgumentCheck.array("Lax.erf", "x", x);
    return UnaryPrimitive.ERF.bind1(Params.NONE, x);
  }

  /**
   * The complementary error function, {@code jax.lax.erfc}: {@code 1 - erf(x)}, accurate where that difference
   * would cancel (erfc(4) = 1.5e-8).
   */
  public static Array erfc(Array x) {
    ArgumentCheck.array("Lax.erfc", "x", x);
    return UnaryPrimitive.ERFC.bind1(Params.NONE, x);
  }

  /** The inverse error function, {@code jax.lax.erf_inv}: NaN outside [-1, 1], ±inf at ±1. */
  public static Array erfInv(Array x) {
    ArgumentCheck.array("Lax.erfInv", "x", x);
    return UnaryPrimitive.ERF_INV.bind1(Params.NONE, x);
  }

  /** {@code jax.lax.lgamma}: {@code log|Gamma(x)|}, {@code +inf} at the non-positive integers. */
  public static Array lgamma(Array x) {
    ArgumentCheck.array("Lax.lgamma", "x", x);
    return UnaryPrimitive.LGAMMA.bind1(Params.NONE, x);
  }

  /** {@code jax.lax.digamma}: the derivative of {@link #lgamma}, NaN at the non-positive integers. */
  public static Array digamma(Array x) {
    ArgumentCheck.array("Lax.digamma", "x", x);
    return UnaryPrimitive.DIGAMMA.bind1(Params.NONE, x);
  }

  /** {@code jax.lax.polygamma}: the {@code m}-th derivative of {@link #digamma} (integer {@code m >= 0}, else NaN). */
  public static Array polygamma(Array m, Array x) {
    ArgumentCheck.array("Lax.polygamma", "m", m, "x", x);
    return BinaryPrimitive.POLYGAMMA.bind1(Params.NONE, m, x);
  }

  /** {@code jax.lax.zeta}: the Hurwitz zeta function {@code sum_k (k + q)^-x}, for {@code x > 1}. */
  public static Array zeta(Array x, Array q) {
    ArgumentCheck.array("Lax.zeta", "x", x, "q", q);
    return BinaryPrimitive.ZETA.bind1(Params.NONE, x, q);
  }

  /** {@code lax.asin}. */
  public static Array asin(Array x) {
    ArgumentCheck.array("Lax.asin", "x", x);
    return UnaryPrimitive.ASIN.bind1(Params.NONE, x);
  }

  /** {@code lax.acos}. */
  public static Array acos(Array x) {
    ArgumentCheck.array("Lax.acos", "x", x);
    return UnaryPrimitive.ACOS.bind1(Params.NONE, x);
  }

  /** {@code lax.atan}. */
  public static Array atan(Array x) {
    ArgumentCheck.array("Lax.atan", "x", x);
    return UnaryPrimitive.ATAN.bind1(Params.NONE, x);
  }

  public static Array tanh(Array x) {
    ArgumentCheck.array("Lax.tanh", "x", x);
    return UnaryPrimitive.TANH.bind1(Params.NONE, x);
  }

  public static Array sqrt(Array x) {
    ArgumentCheck.array("Lax.sqrt", "x", x);
    return UnaryPrimitive.SQRT.bind1(Params.NONE, x);
  }

  public static Array rsqrt(Array x) {
    ArgumentCheck.array("Lax.rsqrt", "x", x);
    return UnaryPrimitive.RSQRT.bind1(Params.NONE, x);
  }

  public static Array log1p(Array x) {
    ArgumentCheck.array("Lax.log1p", "x", x);
    return UnaryPrimitive.LOG1P.bind1(Params.NONE, x);
  }

  public static Array expm1(Array x) {
    ArgumentCheck.array("Lax.expm1", "x", x);
    return UnaryPrimitive.EXPM1.bind1(Params.NONE, x);
  }

  public static Array floor(Array x) {
    ArgumentCheck.array("Lax.floor", "x", x);
    return UnaryPrimitive.FLOOR.bind1(Params.NONE, x);
  }

  public static Array ceil(Array x) {
    ArgumentCheck.array("Lax.ceil", "x", x);
    return UnaryPrimitive.CEIL.bind1(Params.NONE, x);
  }

  /** {@code lax.round} with its default rounding method: to the nearest integer, halves away from zero. */
  public static Array round(Array x) {
    ArgumentCheck.array("Lax.round", "x", x);
    return UnaryPrimitive.ROUND.bind1(Params.NONE, x);
  }

  public static Array abs(Array x) {
    ArgumentCheck.array("Lax.abs", "x", x);
    return UnaryPrimitive.ABS.bind1(Params.NONE, x);
  }

  public static Array sign(Array x) {
    ArgumentCheck.array("Lax.sign", "x", x);
    return UnaryPrimitive.SIGN.bind1(Params.NONE, x);
  }

  public static Array logistic(Array x) {
    ArgumentCheck.array("Lax.logistic", "x", x);
    return UnaryPrimitive.LOGISTIC.bind1(Params.NONE, x);
  }

  public static Array not(Array x) {
    ArgumentCheck.array("Lax.not", "x", x);
    return UnaryPrimitive.NOT.bind1(Params.NONE, x);
  }

  public static Array add(Array x, Array y) {
    ArgumentCheck.array("Lax.add", "x", x, "y", y);
    return BinaryPrimitive.ADD.bind1(Params.NONE, x, y);
  }

  public static Array sub(Array x, Array y) {
    ArgumentCheck.array("Lax.sub", "x", x, "y", y);
    return BinaryPrimitive.SUB.bind1(Params.NONE, x, y);
  }

  public static Array mul(Array x, Array y) {
    ArgumentCheck.array("Lax.mul", "x", x, "y", y);
    return BinaryPrimitive.MUL.bind1(Params.NONE, x, y);
  }

  public static Array div(Array x, Array y) {
    ArgumentCheck.array("Lax.div", "x", x, "y", y);
    return BinaryPrimitive.DIV.bind1(Params.NONE, x, y);
  }

  public static Array rem(Array x, Array y) {
    ArgumentCheck.array("Lax.rem", "x", x, "y", y);
    return BinaryPrimitive.REM.bind1(Params.NONE, x, y);
  }

  public static Array pow(Array x, Array y) {
    ArgumentCheck.array("Lax.pow", "x", x, "y", y);
    return BinaryPrimitive.POW.bind1(Params.NONE, x, y);
  }

  public static Array max(Array x, Array y) {
    ArgumentCheck.array("Lax.max", "x", x, "y", y);
    return BinaryPrimitive.MAX.bind1(Params.NONE, x, y);
  }

  public static Array min(Array x, Array y) {
    ArgumentCheck.array("Lax.min", "x", x, "y", y);
    return BinaryPrimitive.MIN.bind1(Params.NONE, x, y);
  }

  public static Array atan2(Array x, Array y) {
    ArgumentCheck.array("Lax.atan2", "x", x, "y", y);
    return BinaryPrimitive.ATAN2.bind1(Params.NONE, x, y);
  }

  public static Array gt(Array x, Array y) {
    ArgumentCheck.array("Lax.gt", "x", x, "y", y);
    return BinaryPrimitive.GT.bind1(Params.NONE, x, y);
  }

  public static Array lt(Array x, Array y) {
    ArgumentCheck.array("Lax.lt", "x", x, "y", y);
    return BinaryPrimitive.LT.bind1(Params.NONE, x, y);
  }

  public static Array ge(Array x, Array y) {
    ArgumentCheck.array("Lax.ge", "x", x, "y", y);
    return BinaryPrimitive.GE.bind1(Params.NONE, x, y);
  }

  public static Array le(Array x, Array y) {
    ArgumentCheck.array("Lax.le", "x", x, "y", y);
    return BinaryPrimitive.LE.bind1(Params.NONE, x, y);
  }

  public static Array eq(Array x, Array y) {
    ArgumentCheck.array("Lax.eq", "x", x, "y", y);
    return BinaryPrimitive.EQ.bind1(Params.NONE, x, y);
  }

  public static Array ne(Array x, Array y) {
    ArgumentCheck.array("Lax.ne", "x", x, "y", y);
    return BinaryPrimitive.NE.bind1(Params.NONE, x, y);
  }

  public static Array and(Array x, Array y) {
    ArgumentCheck.array("Lax.and", "x", x, "y", y);
    return BinaryPrimitive.AND.bind1(Params.NONE, x, y);
  }

  public static Array or(Array x, Array y) {
    ArgumentCheck.array("Lax.or", "x", x, "y", y);
    return BinaryPrimitive.OR.bind1(Params.NONE, x, y);
  }

  public static Array xor(Array x, Array y) {
    ArgumentCheck.array("Lax.xor", "x", x, "y", y);
    return BinaryPrimitive.XOR.bind1(Params.NONE, x, y);
  }

  /**
   * {@code lax.shift_left}: {@code x << y} on integers of one dtype; a count outside {@code [0, bits)} gives 0
   * (XLA's semantics; Java would take the count modulo the width).
   */
  public static Array shiftLeft(Array x, Array y) {
    ArgumentCheck.array("Lax.shiftLeft", "x", x, "y", y);
    return BinaryPrimitive.SHIFT_LEFT.bind1(Params.NONE, x, y);
  }

  /** {@code lax.shift_right_logical}: zeros shift in, whatever the dtype's sign; out-of-range counts give 0. */
  public static Array shiftRightLogical(Array x, Array y) {
    ArgumentCheck.array("Lax.shiftRightLogical", "x", x, "y", y);
    return BinaryPrimitive.SHIFT_RIGHT_LOGICAL.bind1(Params.NONE, x, y);
  }

  /** {@code lax.shift_right_arithmetic}: the sign bit shifts in; out-of-range counts fill with it. */
  public static Array shiftRightArithmetic(Array x, Array y) {
    ArgumentCheck.array("Lax.shiftRightArithmetic", "x", x, "y", y);
    return BinaryPrimitive.SHIFT_RIGHT_ARITHMETIC.bind1(Params.NONE, x, y);
  }

  /** {@code lax.bitcast_convert_type}: {@code x}'s bits read as {@code dtype}, which must have the same width. */
  public static Array bitcastConvertType(Array x, DType dtype) {
    ArgumentCheck.array("Lax.bitcastConvertType", "x", x);
    ArgumentCheck.dtype("Lax.bitcastConvertType", "dtype", dtype);
    return BitcastConvertType.BITCAST_CONVERT_TYPE.bind1(Params.of("new_dtype", dtype), x);
  }

  public static Array integerPow(Array x, int y) {
    ArgumentCheck.array("Lax.integerPow", "x", x);
    return IntegerPow.INTEGER_POW.bind1(Params.of("y", y), x);
  }

  /** {@code select_n(which, cases...)}: {@code cases[which]} elementwise; bool false picks case 0. */
  public static Array selectN(Array which, Array... cases) {
    ArgumentCheck.array("Lax.selectN", "which", which);
    ArgumentCheck.arrays("Lax.selectN", "cases", cases);
    Array[] args = new Array[cases.length + 1];
    args[0] = which;
    System.arraycopy(cases, 0, args, 1, cases.length);
    return SelectN.SELECT_N.bind1(Params.NONE, args);
  }

  public static Array convertElementType(Array x, DType dtype, boolean weak) {
    ArgumentCheck.array("Lax.convertElementType", "x", x);
    ArgumentCheck.dtype("Lax.convertElementType", "dtype", dtype);
    return ConvertElementType.CONVERT_ELEMENT_TYPE.bind1(Params.of("new_dtype", dtype, "weak_type", weak), x);
  }

  // ---- structure ---------------------------------------------------------------------------------------

  public static Array broadcastInDim(Array x, int[] shape, int[] broadcastDimensions) {
    ArgumentCheck.array("Lax.broadcastInDim", "x", x);
    ArgumentCheck.ints("Lax.broadcastInDim", "shape", shape);
    ArgumentCheck.ints("Lax.broadcastInDim", "broadcastDimensions", broadcastDimensions);
    return BroadcastInDim.BROADCAST_IN_DIM.bind1(BroadcastInDim.params(shape, broadcastDimensions), x);
  }

  public static Array reshape(Array x, int... newSizes) {
    ArgumentCheck.array("Lax.reshape", "x", x);
    ArgumentCheck.ints("Lax.reshape", "newSizes", newSizes);
    return Reshape.RESHAPE.bind1(Params.of("new_sizes", newSizes), x);
  }

  public static Array transpose(Array x, int... permutation) {
    ArgumentCheck.array("Lax.transpose", "x", x);
    ArgumentCheck.ints("Lax.transpose", "permutation", permutation);
    return Transpose.TRANSPOSE.bind1(Params.of("permutation", permutation), x);
  }

  public static Array squeeze(Array x, int... dimensions) {
    ArgumentCheck.array("Lax.squeeze", "x", x);
    ArgumentCheck.ints("Lax.squeeze", "dimensions", dimensions);
    return Squeeze.SQUEEZE.bind1(Params.of("dimensions", dimensions), x);
  }

  public static Array slice(Array x, int[] start, int[] limit, int[] strides) {
    ArgumentCheck.array("Lax.slice", "x", x);
    ArgumentCheck.ints("Lax.slice", "start", start);
    ArgumentCheck.ints("Lax.slice", "limit", limit);
    ArgumentCheck.ints("Lax.slice", "strides", strides);
    return Slice.SLICE.bind1(Slice.params(start, limit, strides), x);
  }

  /**
   * {@code jax.lax.dynamic_slice}: the window of {@code sizes} of {@code x} starting at {@code starts} (one integer
   * scalar per axis, known only at run time). A negative start counts from the end; a start is then clamped so
   * the window fits, as in JAX, so the result always has shape {@code sizes}.
   */
  public static Array dynamicSlice(Array x, Array[] starts, int... sizes) {
    String op = "Lax.dynamicSlice";
    ArgumentCheck.array(op, "x", x);
    ArgumentCheck.arrays(op, "starts", starts);
    ArgumentCheck.ints(op, "sizes", sizes);
    Array[] args = dynamicStarts(op, x, null, starts);
    return DynamicSlice.DYNAMIC_SLICE.bind1(DynamicSlice.params(sizes), args);
  }

  /** {@code jax.lax.dynamic_slice_in_dim}: {@link #dynamicSlice} along one axis, the others whole. */
  public static Array dynamicSliceInDim(Array x, Array start, int size, int axis) {
    String op = "Lax.dynamicSliceInDim";
    ArgumentCheck.array(op, "x", x, "start", start);
    int a = ShapeRules.axis(op, axis, x.ndim());
    int[] sizes = x.shape();
    sizes[a] = size;
    return dynamicSlice(x, startsInDim(x, start, a), sizes);
  }

  /**
   * {@code jax.lax.dynamic_update_slice}: {@code x} with {@code update} written over the window at {@code starts}
   * (one integer scalar per axis); negative starts count from the end, then are clamped so the update fits.
   */
  public static Array dynamicUpdateSlice(Array x, Array update, Array... starts) {
    String op = "Lax.dynamicUpdateSlice";
    ArgumentCheck.array(op, "x", x, "update", update);
    ArgumentCheck.arrays(op, "starts", starts);
    return DynamicUpdateSlice.DYNAMIC_UPDATE_SLICE.bind1(Params.NONE, dynamicStarts(op, x, update, starts));
  }

  /** {@code jax.lax.dynamic_update_slice_in_dim}: {@link #dynamicUpdateSlice} at {@code start} along one axis. */
  public static Array dynamicUpdateSliceInDim(Array x, Array update, Array start, int axis) {
    String op = "Lax.dynamicUpdateSliceInDim";
    ArgumentCheck.array(op, "x", x, "update", update);
    ArgumentCheck.array(op, "start", start);
    return dynamicUpdateSlice(x, update, startsInDim(x, start, ShapeRules.axis(op, axis, x.ndim())));
  }

  private static Array[] startsInDim(Array x, Array start, int axis) {
    Array[] starts = new Array[x.ndim()];
    for (int d = 0; d < starts.length; d++) starts[d] = d == axis ? start : Jnp.literal(0).astype(start.dtype());
    return starts;
  }

  /** {@code x, [update,] starts...} with each start an integer scalar and negative ones counted from the end. */
  private static Array[] dynamicStarts(String op, Array x, Array update, Array[] starts) {
    if (starts.length != x.ndim()) {
      throw ArgumentCheck.shapeError(op, "starts", "needs one start per axis of " + x.aval() + " (" + x.ndim()
          + "), got " + starts.length, "pass " + x.ndim() + " integer scalars");
    }
    int first = update == null ? 1 : 2;
    Array[] args = new Array[first + starts.length];
    args[0] = x;
    if (update != null) args[1] = update;
    int[] shape = x.shape();
    for (int d = 0; d < starts.length; d++) {
      Array s = starts[d];
      if (s.ndim() != 0 || !s.dtype().isInteger()) {
        throw ArgumentCheck.shapeError(op, "starts[" + d + "]", "must be an integer scalar, got " + s.aval(),
            "pass a scalar such as Jnp.literal(0), or index an i32 array down to one element");
      }
      args[first + d] = Jnp.where(s.lt(0), s.add(shape[d]), s);
    }
    return args;
  }

  /** {@code jax.lax.rev}: {@code x} with its elements in reverse order along each of {@code dimensions}. */
  public static Array rev(Array x, int... dimensions) {
    ArgumentCheck.array("Lax.rev", "x", x);
    ArgumentCheck.ints("Lax.rev", "dimensions", dimensions);
    return Rev.REV.bind1(Rev.params(dimensions), x);
  }

  /**
   * {@code jax.lax.associative_scan}: the prefix reductions of {@code elems} along {@code axis} by the
   * associative {@code fn}: {@code [a, fn(a, b), fn(fn(a, b), c), ...]}, or with {@code reverse}
   * {@code [..., fn(fn(z, y), x), fn(z, y), z]}. Built from {@code O(log n)} levels of slices, pads and calls of
   * {@code fn} on whole halves of the array, so {@code fn} must act elementwise along {@code axis} (as
   * {@code Lax::add} or a matrix product over trailing axes does).
   */
  public static Array associativeScan(Fn2<Array, Array, Array> fn, Array elems, boolean reverse, int axis) {
    ArgumentCheck.function("Lax.associativeScan", "fn", fn);
    ArgumentCheck.array("Lax.associativeScan", "elems", elems);
    int a = ShapeRules.axis("Lax.associativeScan", axis, elems.ndim());
    Array x = reverse ? rev(elems, a) : elems;
    Array out = AssociativeScan.scan(fn, x, a);
    return reverse ? rev(out, a) : out;
  }

  /** {@code jax.lax.cumsum}: running sums along {@code axis}, last to first when {@code reverse}. */
  public static Array cumsum(Array x, int axis, boolean reverse) {
    return cumulative("Lax.cumsum", Cumulative.CUMSUM, x, axis, reverse);
  }

  /** {@code jax.lax.cumprod}: running products along {@code axis}, last to first when {@code reverse}. */
  public static Array cumprod(Array x, int axis, boolean reverse) {
    return cumulative("Lax.cumprod", Cumulative.CUMPROD, x, axis, reverse);
  }

  /** {@code jax.lax.cummax}: running maxima along {@code axis} (NaN propagates), last to first when {@code reverse}. */
  public static Array cummax(Array x, int axis, boolean reverse) {
    return cumulative("Lax.cummax", Cumulative.CUMMAX, x, axis, reverse);
  }

  /** {@code jax.lax.cummin}: running minima along {@code axis} (NaN propagates), last to first when {@code reverse}. */
  public static Array cummin(Array x, int axis, boolean reverse) {
    return cumulative("Lax.cummin", Cumulative.CUMMIN, x, axis, reverse);
  }

  private static Array cumulative(String op, Cumulative p, Array x, int axis, boolean reverse) {
    ArgumentCheck.array(op, "x", x);
    return p.bind1(Cumulative.params(ShapeRules.axis(op, axis, x.ndim()), reverse), x);
  }

  /**
   * {@code jax.lax.conv}: the cross-correlation of {@code lhs} (NCHW: batch, features, spatial...) with the
   * kernel {@code rhs} (OIHW: output features, input features, spatial...), moved by {@code windowStrides},
   * padded "SAME" or "VALID". Any number of spatial axes.
   */
  public static Array conv(Array lhs, Array rhs, int[] windowStrides, String padding) {
    ArgumentCheck.array("Lax.conv", "lhs", lhs, "rhs", rhs);
    ArgumentCheck.ints("Lax.conv", "windowStrides", windowStrides);
    ArgumentCheck.nonNull("Lax.conv", "padding", padding, "pass \"SAME\" or \"VALID\"");
    return convGeneralDilated(lhs, rhs, windowStrides, padding, ones(windowStrides), ones(windowStrides),
        ConvDimensionNumbers.identity(lhs.ndim()), 1, 1);
  }

  /**
   * {@code jax.lax.conv_general_dilated} with padding by name: "SAME" (the output has {@code ceil(in / stride)}
   * positions), "SAME_LOWER" (the extra padding before) or "VALID" (none), computed on the dilated kernel.
   */
  public static Array convGeneralDilated(Array lhs, Array rhs, int[] windowStrides, String padding, int[] lhsDilation,
      int[] rhsDilation, ConvDimensionNumbers dimensionNumbers, int featureGroupCount, int batchGroupCount) {
    String op = "Lax.convGeneralDilated";
    ArgumentCheck.array(op, "lhs", lhs, "rhs", rhs);
    ArgumentCheck.nonNull(op, "padding", padding, "pass \"SAME\", \"SAME_LOWER\" or \"VALID\"");
    ArgumentCheck.ints(op, "windowStrides", windowStrides);
    ArgumentCheck.ints(op, "lhsDilation", lhsDilation);
    ArgumentCheck.ints(op, "rhsDilation", rhsDilation);
    ArgumentCheck.nonNull(op, "dimensionNumbers", dimensionNumbers, "pass ConvDimensionNumbers.of(\"NCHW\", \"OIHW\", \"NCHW\")");
    for (int d : lhsDilation) {
      if (d != 1) {
        throw ArgumentCheck.invalid(op, "padding", "by name is not defined for an input dilation "
            + Shape.tuple(lhsDilation) + " (a transposed convolution)", "give the padding as a WindowPadding");
      }
    }
    int[] spec = dimensionNumbers.lhsSpec(), kernel = dimensionNumbers.rhsSpec();
    int spatial = Math.min(windowStrides.length, Math.min(rhsDilation.length, spec.length - 2));
    if (spec.length != lhs.ndim() || kernel.length != rhs.ndim() || windowStrides.length != lhs.ndim() - 2
        || rhsDilation.length != lhs.ndim() - 2) {
      throw ArgumentCheck.shapeError(op, "windowStrides", "and the dilations and dimension numbers must fit "
          + lhs.aval() + " and " + rhs.aval() + ": one stride per spatial axis (" + (lhs.ndim() - 2) + ")",
          "pass " + (lhs.ndim() - 2) + " strides");
    }
    int[] in = new int[spatial], window = new int[spatial];
    for (int s = 0; s < spatial; s++) {
      in[s] = lhs.shape()[spec[2 + s]];
      int k = rhs.shape()[kernel[2 + s]];
      window[s] = k == 0 ? 0 : 1 + rhsDilation[s] * (k - 1);
    }
    WindowPadding pads;
    try {
      pads = WindowPadding.of(padding, in, window, windowStrides);
    } catch (IllegalArgumentException e) {
      throw ArgumentCheck.invalid(op, "padding", e.getMessage(), "pass \"SAME\", \"SAME_LOWER\" or \"VALID\"");
    }
    return convGeneralDilated(lhs, rhs, windowStrides, pads, lhsDilation, rhsDilation, dimensionNumbers,
        featureGroupCount, batchGroupCount);
  }

  /**
   * {@code jax.lax.conv_general_dilated}: {@code lhs} dilated by {@code lhsDilation} (zeros between elements)
   * and padded by {@code padding}, cross-correlated with {@code rhs} dilated by {@code rhsDilation}, the window
   * moved by {@code windowStrides}; the axes as {@code dimensionNumbers} say, features in
   * {@code featureGroupCount} groups (or the batch in {@code batchGroupCount} groups) convolved separately.
   */
  public static Array convGeneralDilated(Array lhs, Array rhs, int[] windowStrides, WindowPadding padding,
      int[] lhsDilation, int[] rhsDilation, ConvDimensionNumbers dimensionNumbers, int featureGroupCount,
      int batchGroupCount) {
    String op = "Lax.convGeneralDilated";
    ArgumentCheck.array(op, "lhs", lhs, "rhs", rhs);
    ArgumentCheck.nonNull(op, "padding", padding, "pass new WindowPadding(low, high) or a name such as \"SAME\"");
    ArgumentCheck.ints(op, "windowStrides", windowStrides);
    ArgumentCheck.ints(op, "lhsDilation", lhsDilation);
    ArgumentCheck.ints(op, "rhsDilation", rhsDilation);
    ArgumentCheck.nonNull(op, "dimensionNumbers", dimensionNumbers, "pass ConvDimensionNumbers.of(\"NCHW\", \"OIHW\", \"NCHW\")");
    return ConvGeneralDilated.CONV_GENERAL_DILATED.bind1(ConvGeneralDilated.params(windowStrides, padding, lhsDilation,
        rhsDilation, dimensionNumbers, featureGroupCount, batchGroupCount), lhs, rhs);
  }

  private static int[] ones(int[] like) {
    int[] out = new int[like == null ? 0 : like.length];
    java.util.Arrays.fill(out, 1);
    return out;
  }

  /**
   * {@code jax.lax.reduce_window}: each output element the reduction by {@code computation} of one window of
   * {@code operand} ({@code windowDimensions}, moved by {@code windowStrides}), padded "SAME" or "VALID" with
   * {@code initValue}. The computation must be {@code Lax::add} (with 0), {@code Lax::max} or {@code Lax::min}
   * (the windows JAX lowers to its monoid primitives, and that pooling uses).
   */
  public static Array reduceWindow(Array operand, double initValue, Fn2<Array, Array, Array> computation,
      int[] windowDimensions, int[] windowStrides, String padding) {
    return reduceWindow("Lax.reduceWindow", operand, initValue, computation, windowDimensions, windowStrides, padding);
  }

  private static Array reduceWindow(String op, Array operand, double initValue, Fn2<Array, Array, Array> computation,
      int[] windowDimensions, int[] windowStrides, String padding) {
    ArgumentCheck.array(op, "operand", operand);
    ArgumentCheck.function(op, "computation", computation);
    ArgumentCheck.ints(op, "windowDimensions", windowDimensions);
    ArgumentCheck.ints(op, "windowStrides", windowStrides);
    ArgumentCheck.nonNull(op, "padding", padding, "pass \"SAME\" or \"VALID\"");
    int[] ones = new int[windowDimensions.length];
    java.util.Arrays.fill(ones, 1);
    if (windowDimensions.length != operand.ndim() || windowStrides.length != operand.ndim()) {
      throw ArgumentCheck.shapeError(op, "windowDimensions", "and windowStrides need one entry per axis of "
          + operand.aval(), "pass " + operand.ndim() + " of each (1 on axes not pooled)");
    }
    WindowPadding pads;
    try {
      pads = WindowPadding.of(padding, operand.shape(), windowDimensions, windowStrides);
    } catch (IllegalArgumentException e) {
      throw ArgumentCheck.invalid(op, "padding", e.getMessage(), "pass \"SAME\" or \"VALID\"");
    }
    ReduceWindow monoid = WindowReductions.monoid(op, computation, operand.dtype());
    Array out = monoid.bind1(ReduceWindow.params(windowDimensions, windowStrides, pads, ones, ones), operand);
    return WindowReductions.withInit(op, monoid, out, initValue);
  }

  /** Window maxima ({@code reduce_window_max}), padding "SAME" or "VALID" counting as -inf: max pooling's core. */
  public static Array reduceWindowMax(Array operand, int[] windowDimensions, int[] windowStrides, String padding) {
    return reduceWindow("Lax.reduceWindowMax", operand, Double.NEGATIVE_INFINITY, Lax::max, windowDimensions, windowStrides, padding);
  }

  /** Window sums ({@code reduce_window_sum}), padding "SAME" or "VALID" counting as 0: average pooling's core. */
  public static Array reduceWindowSum(Array operand, int[] windowDimensions, int[] windowStrides, String padding) {
    return reduceWindow("Lax.reduceWindowSum", operand, 0, Lax::add, windowDimensions, windowStrides, padding);
  }

  /** Window minima ({@code reduce_window_min}), padding "SAME" or "VALID" counting as +inf. */
  public static Array reduceWindowMin(Array operand, int[] windowDimensions, int[] windowStrides, String padding) {
    return reduceWindow("Lax.reduceWindowMin", operand, Double.POSITIVE_INFINITY, Lax::min, windowDimensions, windowStrides, padding);
  }

  /**
   * {@link #reduceWindow(Array, double, Fn2, int[], int[], String)} with explicit padding and dilations: the
   * operand dilated by {@code baseDilation} (holes between elements), the window by {@code windowDilation}.
   */
  public static Array reduceWindow(Array operand, double initValue, Fn2<Array, Array, Array> computation,
      int[] windowDimensions, int[] windowStrides, WindowPadding padding, int[] baseDilation, int[] windowDilation) {
    String op = "Lax.reduceWindow";
    ArgumentCheck.array(op, "operand", operand);
    ArgumentCheck.function(op, "computation", computation);
    ArgumentCheck.ints(op, "windowDimensions", windowDimensions);
    ArgumentCheck.ints(op, "windowStrides", windowStrides);
    ArgumentCheck.nonNull(op, "padding", padding, "pass new WindowPadding(low, high) or a name such as \"VALID\"");
    ArgumentCheck.ints(op, "baseDilation", baseDilation);
    ArgumentCheck.ints(op, "windowDilation", windowDilation);
    ReduceWindow monoid = WindowReductions.monoid(op, computation, operand.dtype());
    Array out = monoid.bind1(ReduceWindow.params(windowDimensions, windowStrides, padding, baseDilation, windowDilation),
        operand);
    return WindowReductions.withInit(op, monoid, out, initValue);
  }

  public static Array concatenate(List<Array> operands, int dimension) {
    ArgumentCheck.arrayList("Lax.concatenate", "operands", operands);
    return Concatenate.CONCATENATE.bind(Params.of("dimension", dimension), new ArrayList<>(operands)).get(0);
  }

  public static Array pad(Array x, Array paddingValue, int[] low, int[] high, int[] interior) {
    ArgumentCheck.array("Lax.pad", "x", x, "paddingValue", paddingValue);
    ArgumentCheck.ints("Lax.pad", "low", low);
    ArgumentCheck.ints("Lax.pad", "high", high);
    ArgumentCheck.ints("Lax.pad", "interior", interior);
    return Pad.PAD.bind1(Params.of("padding_config", new Pad.Config(low.clone(), high.clone(), interior.clone())),
        x, paddingValue);
  }

  public static Array iota(DType dtype, int[] shape, int dimension) {
    ArgumentCheck.dtype("Lax.iota", "dtype", dtype);
    ArgumentCheck.ints("Lax.iota", "shape", shape);
    Shape s = Shape.of("Lax.iota", "shape", shape);
    return Iota.IOTA.bind(Params.of("dtype", dtype, "shape", s, "dimension", dimension), List.of()).get(0);
  }

  public static Array dotGeneral(Array lhs, Array rhs, int[] lhsContract, int[] rhsContract, int[] lhsBatch,
      int[] rhsBatch) {
    ArgumentCheck.array("Lax.dotGeneral", "lhs", lhs, "rhs", rhs);
    ArgumentCheck.ints("Lax.dotGeneral", "lhsContract", lhsContract);
    ArgumentCheck.ints("Lax.dotGeneral", "rhsContract", rhsContract);
    ArgumentCheck.ints("Lax.dotGeneral", "lhsBatch", lhsBatch);
    ArgumentCheck.ints("Lax.dotGeneral", "rhsBatch", rhsBatch);
    return DotGeneral.DOT_GENERAL.bind1(DotGeneral.params(new DotGeneral.DimensionNumbers(lhsContract.clone(),
        rhsContract.clone(), lhsBatch.clone(), rhsBatch.clone())), lhs, rhs);
  }

  // ---- reductions --------------------------------------------------------------------------------------

  public static Array reduceSum(Array x, int... axes) {
    ArgumentCheck.array("Lax.reduceSum", "x", x);
    ArgumentCheck.ints("Lax.reduceSum", "axes", axes);
    return Reduce.SUM.bind1(Params.of("axes", axes), x);
  }

  /** {@code lax.reduce_prod} over {@code axes} (sorted, distinct); 1 for an empty reduction. */
  public static Array reduceProd(Array x, int... axes) {
    ArgumentCheck.array("Lax.reduceProd", "x", x);
    ArgumentCheck.ints("Lax.reduceProd", "axes", axes);
    return Reduce.PROD.bind1(Params.of("axes", axes), x);
  }

  public static Array reduceMax(Array x, int... axes) {
    ArgumentCheck.array("Lax.reduceMax", "x", x);
    ArgumentCheck.ints("Lax.reduceMax", "axes", axes);
    return Reduce.MAX.bind1(Params.of("axes", axes), x);
  }

  public static Array reduceMin(Array x, int... axes) {
    ArgumentCheck.array("Lax.reduceMin", "x", x);
    ArgumentCheck.ints("Lax.reduceMin", "axes", axes);
    return Reduce.MIN.bind1(Params.of("axes", axes), x);
  }

  // =======================================================================================================
  // ---- control flow --------------------------------------------------------------------------------------
  //
  // Each function traces the user's functions into sub-IRs and binds one primitive (cond, while, scan), as JAX
  // does. Values the functions close over, tracers of the enclosing trace included, become operands of that
  // equation (see Subfunction), so the sub-IRs are closed and nothing they read is hidden.
  //
  // Called outside any trace, the same happens and the primitive then evaluates at once, running its sub-IR op
  // by op. This is JAX's behaviour, and it is kept deliberately rather than running the Java functions
  // directly: the type checks (branches that disagree, a carry whose type changes) raise the same errors eager
  // and jitted, the carry's weak-type promotion gives the same values, and the functions' Java side effects
  // happen once, at trace time, in both.
  // =======================================================================================================

  /**
   * A scan body's result, {@code (carry, y)}, and {@link #scan}'s, {@code (final carry, ys)} where {@code ys}
   * stacks every step's {@code y} along a new leading axis. {@code y} may be any tree of arrays, or null.
   */
  public record Carry<C, Y>(C carry, Y y) {}

  /** What {@link #topK} returns: the largest values, largest first, and their int32 indices. */
  public record TopK(Array values, Array indices) {}

  /**
   * The {@code k} largest elements along the last axis and their indices: {@code jax.lax.top_k}. Elements are
   * ordered by IEEE 754's total order, as XLA's: NaN counts as largest, a NaN with its sign bit set (what 0/0
   * gives on x86) as smallest, 0.0 above -0.0; equal elements come in index order.
   */
  public static TopK topK(Array operand, int k) {
    ArgumentCheck.array("Lax.topK", "operand", operand);
    return topK(operand, k, -1);
  }

  /** {@link #topK(Array, int)} along {@code axis} (negative counts from the end). */
  public static TopK topK(Array operand, int k, int axis) {
    ArgumentCheck.array("Lax.topK", "operand", operand);
    int a = dev.olympus.primitive.ShapeRules.axis("top_k", axis, Math.max(1, operand.ndim()));
    List<Array> outs = dev.olympus.primitive.TopK.TOP_K.bind(dev.olympus.primitive.TopK.params(a, k),
        List.of(operand));
    return new TopK(outs.get(0), outs.get(1));
  }

  /** {@code new Carry<>(carry, y)}, for a scan body's {@code return Lax.carry(c, y);}. */
  public static <C, Y> Carry<C, Y> carry(C carry, Y y) { return new Carry<>(carry, y); }

  /**
   * {@code ifTrue(operand)} if {@code pred} else {@code ifFalse(operand)}, with a traced predicate (JAX's
   * {@code lax.cond}). Both functions are traced, on the operand's types, and must return the same structure,
   * shapes and dtypes; the IR holds one {@code cond} equation whose branches are {@code (ifFalse, ifTrue)}. The
   * operand is any tree of arrays (an Array, a record, a List, or null for none).
   */
  public static <A, R> R cond(Array pred, Fn1<A, R> ifTrue, Fn1<A, R> ifFalse, A operand) {
    ArgumentCheck.array("Lax.cond", "pred", pred);
    ArgumentCheck.function("Lax.cond", "ifTrue", ifTrue);
    ArgumentCheck.function("Lax.cond", "ifFalse", ifFalse);
    if (pred.ndim() != 0) {
      throw new ShapeException("Lax.cond: the predicate must be a scalar, got " + pred.aval() + ". To choose "
          + "elementwise between two arrays use Jnp.where(pred, x, y); to branch on all or any element, reduce "
          + "the predicate first with Jnp.all / Jnp.any." + SourceLocation.suffix());
    }
    Array p = pred;
    if (p.dtype().isInteger()) {
      p = Jnp.notEqual(p, Jnp.literal(0));
    } else if (!p.dtype().isBool()) {
      throw new ShapeException("Lax.cond: the predicate must be a bool (or integer) scalar, got " + pred.aval()
          + ". Compare it first, e.g. x.gt(0)." + SourceLocation.suffix());
    }
    Array index = convertElementType(p, DType.I32, false);
    return branches("Lax.cond", index, List.of(ifFalse, ifTrue), List.of("ifFalse", "ifTrue"), operand);
  }

  /**
   * {@code branches.get(index)(operand)} with a traced index (JAX's {@code lax.switch}). The index is clamped
   * into range, as JAX clamps it: below 0 runs the first branch, past the end the last. Every branch is traced
   * and must return the same structure, shapes and dtypes.
   */
  public static <A, R> R switchCase(Array index, List<Fn1<A, R>> branches, A operand) {
    ArgumentCheck.array("Lax.switchCase", "index", index);
    ArgumentCheck.list("Lax.switchCase", "branches", branches, Fn1.class, "a function (Fn1)",
        "pass the branches as functions, e.g. List.of(x -> x.add(1), x -> x.mul(2))");
    if (branches.isEmpty()) {
      throw new ShapeException("Lax.switchCase: needs at least one branch" + SourceLocation.suffix());
    }
    if (index.ndim() != 0 || !index.dtype().isInteger()) {
      throw new ShapeException("Lax.switchCase: the index must be an integer scalar, got " + index.aval() + "."
          + (index.dtype().isBool() ? " For a bool predicate use Lax.cond." : "") + SourceLocation.suffix());
    }
    // A single branch is simply called, as in JAX: there is nothing to choose.
    if (branches.size() == 1) return branches.get(0).apply(operand);
    Array i = index.dtype() == DType.I32 && !index.weakType() ? index : convertElementType(index, DType.I32, false);
    i = min(max(i, Jnp.scalar(0)), Jnp.scalar(branches.size() - 1));
    List<String> names = new ArrayList<>();
    for (int b = 0; b < branches.size(); b++) names.add("branch " + b);
    return branches("Lax.switchCase", i, branches, names, operand);
  }

  @SuppressWarnings("unchecked")
  private static <A, R> R branches(String op, Array index, List<Fn1<A, R>> fns, List<String> names, A operand) {
    PyTree.Flat in = PyTree.flatten(operand);
    List<AbstractValue> avals = avals(in.leaves());
    List<String> argNames = leafNames("the operand of " + op, avals.size());
    List<Subfunction> traced = new ArrayList<>();
    for (int b = 0; b < fns.size(); b++) {
      Fn1<A, R> f = fns.get(b);
      traced.add(Subfunction.trace(op + " " + names.get(b) + " (" + FunctionInfo.of(f).name() + ")", avals,
          argNames, leaves -> f.apply((A) PyTree.unflatten(in.tree(), leaves))));
    }
    Subfunction first = traced.get(0);
    for (int b = 1; b < traced.size(); b++) {
      Subfunction other = traced.get(b);
      if (!other.outTree().equals(first.outTree()) || !sameTypes(other.outAvals(), first.outAvals())) {
        throw new ShapeException(op + ": every branch must return the same types (structure, shapes and "
            + "dtypes), but " + names.get(b) + " returns " + describe(other.outTree(), other.outAvals()) + " and "
            + names.get(0) + " returns " + describe(first.outTree(), first.outAvals()) + ". Fix: make the "
            + "branches agree, e.g. convert with astype(...) or build the result with the same record type."
            + SourceLocation.suffix());
      }
    }
    Subfunction.Common common = Subfunction.common(traced);
    List<Array> operands = new ArrayList<>();
    operands.add(index);
    operands.addAll(common.consts());
    operands.addAll(in.leaves());
    List<Array> outs = Cond.COND.bind(Cond.params(common.irs()), operands);
    return (R) PyTree.unflatten(first.outTree(), outs);
  }

  /**
   * {@code jax.lax.gather}: windows of {@code operand} of size {@code sliceSizes} at the start vectors along the
   * last axis of {@code indices}, laid out by {@code dimensionNumbers}. {@code mode} decides out-of-bounds
   * windows: clamped ({@code CLIP}, {@code PROMISE_IN_BOUNDS}) or filled with {@code fillValue}
   * ({@code FILL_OR_DROP}; null is NaN for floats, the least integer, true).
   */
  public static Array gather(Array operand, Array indices, GatherDimensionNumbers dimensionNumbers, int[] sliceSizes,
      GatherScatterMode mode, Double fillValue) {
    ArgumentCheck.array("Lax.gather", "operand", operand, "indices", indices);
    ArgumentCheck.nonNull("Lax.gather", "dimensionNumbers", dimensionNumbers, "pass new GatherDimensionNumbers(...)");
    ArgumentCheck.ints("Lax.gather", "sliceSizes", sliceSizes);
    ArgumentCheck.nonNull("Lax.gather", "mode", mode, "pass GatherScatterMode.CLIP, FILL_OR_DROP or PROMISE_IN_BOUNDS");
    return Gather.GATHER.bind1(Gather.params(dimensionNumbers, sliceSizes, mode, fillValue), operand, indices);
  }

  /** {@link #gather(Array, Array, GatherDimensionNumbers, int[], GatherScatterMode, Double)} with the default fill. */
  public static Array gather(Array operand, Array indices, GatherDimensionNumbers dimensionNumbers, int[] sliceSizes,
      GatherScatterMode mode) {
    return gather(operand, indices, dimensionNumbers, sliceSizes, mode, null);
  }

  /**
   * {@code jax.lax.scatter}: {@code operand} with each window of {@code updates} written at its start vector (the
   * last axis of {@code indices}); where indices repeat, the last update wins. Under {@code FILL_OR_DROP} a
   * window out of bounds is dropped, otherwise clamped in.
   */
  public static Array scatter(Array operand, Array indices, Array updates, ScatterDimensionNumbers dimensionNumbers,
      GatherScatterMode mode) {
    return scatter("Lax.scatter", Scatter.SCATTER, operand, indices, updates, dimensionNumbers, mode);
  }

  /** {@code jax.lax.scatter_add}: as {@link #scatter}, each window added to the operand; repeats add up. */
  public static Array scatterAdd(Array operand, Array indices, Array updates, ScatterDimensionNumbers dimensionNumbers,
      GatherScatterMode mode) {
    return scatter("Lax.scatterAdd", Scatter.SCATTER_ADD, operand, indices, updates, dimensionNumbers, mode);
  }

  /** {@code jax.lax.scatter_mul}: as {@link #scatter}, the operand multiplied by each window; repeats multiply. */
  public static Array scatterMul(Array operand, Array indices, Array updates, ScatterDimensionNumbers dimensionNumbers,
      GatherScatterMode mode) {
    return scatter("Lax.scatterMul", Scatter.SCATTER_MUL, operand, indices, updates, dimensionNumbers, mode);
  }

  /** {@code jax.lax.scatter_min}: as {@link #scatter}, each element the least of itself and its updates. */
  public static Array scatterMin(Array operand, Array indices, Array updates, ScatterDimensionNumbers dimensionNumbers,
      GatherScatterMode mode) {
    return scatter("Lax.scatterMin", Scatter.SCATTER_MIN, operand, indices, updates, dimensionNumbers, mode);
  }

  /** {@code jax.lax.scatter_max}: as {@link #scatter}, each element the greatest of itself and its updates. */
  public static Array scatterMax(Array operand, Array indices, Array updates, ScatterDimensionNumbers dimensionNumbers,
      GatherScatterMode mode) {
    return scatter("Lax.scatterMax", Scatter.SCATTER_MAX, operand, indices, updates, dimensionNumbers, mode);
  }

  private static Array scatter(String op, Scatter scatter, Array operand, Array indices, Array updates,
      ScatterDimensionNumbers dimensionNumbers, GatherScatterMode mode) {
    ArgumentCheck.array(op, "operand", operand, "indices", indices, "updates", updates);
    ArgumentCheck.nonNull(op, "dimensionNumbers", dimensionNumbers, "pass new ScatterDimensionNumbers(...)");
    ArgumentCheck.nonNull(op, "mode", mode, "pass GatherScatterMode.CLIP, FILL_OR_DROP or PROMISE_IN_BOUNDS");
    return scatter.bind1(scatter.params(dimensionNumbers, mode, operand.dtype()), operand, indices, updates);
  }

  /**
   * {@code while (cond(s)) s = body(s); return s;} with traced values (JAX's {@code lax.while_loop}): one
   * {@code while} equation, however many iterations run. The state is any tree of arrays; the body must return
   * the same structure, shapes and dtypes as {@code init}. Not reverse-differentiable (the trip count is not
   * known); use {@link #foriLoop(int, int, Fn2, Object)} or {@link #scan} for that.
   */
  public static <S> S whileLoop(Fn1<S, Array> cond, Fn1<S, S> body, S init) {
    ArgumentCheck.function("Lax.whileLoop", "cond", cond);
    ArgumentCheck.function("Lax.whileLoop", "body", body);
    return whileLoop("Lax.whileLoop", FunctionInfo.of(cond).name(), cond, FunctionInfo.of(body).name(), body, init,
        Lax::describe);
  }

  @SuppressWarnings("unchecked")
  private static <S> S whileLoop(String op, String condName, Fn1<S, Array> cond, String bodyName, Fn1<S, S> body,
      S init, CarryDescription carryText) {
    PyTree.Flat in = PyTree.flatten(init);
    List<AbstractValue> initAvals = avals(in.leaves());
    List<String> argNames = leafNames("the loop carry", initAvals.size());
    List<AbstractValue> carry = initAvals;
    Subfunction bodyFn;
    while (true) {
      bodyFn = Subfunction.trace(op + " body (" + bodyName + ")", carry, argNames, leaves -> body.apply((S) PyTree.unflatten(in.tree(), leaves)));
      List<AbstractValue> joined = joinCarry(op, "the body", in.tree(), carry, bodyFn.outTree(), bodyFn.outAvals(),
          carryText);
      if (joined.equals(carry)) break;
      // A weakly typed init the body promotes to another dtype is converted first, and the body traced again
      // on the new type, as JAX does. Types only move up the lattice, so this ends after a step or two.
      carry = joined;
    }
    List<AbstractValue> carryAvals = carry;
    Subfunction condFn = Subfunction.trace(op + " cond (" + condName + ")", carryAvals, argNames,
        leaves -> cond.apply((S) PyTree.unflatten(in.tree(), leaves)));
    List<AbstractValue> c = condFn.outAvals();
    if (!(condFn.outTree() instanceof TreeDef.Leaf) || c.get(0).dtype() != DType.BOOL || c.get(0).rank() != 0) {
      throw new ShapeException(op + ": cond must return a bool scalar, e.g. i.lt(n), but it returned "
          + describe(condFn.outTree(), c) + "."
          + (c.size() == 1 && c.get(0).dtype() == DType.BOOL ? " Reduce it with Jnp.all or Jnp.any." : "")
          + SourceLocation.suffix());
    }
    List<Array> operands = new ArrayList<>(condFn.consts());
    operands.addAll(bodyFn.consts());
    operands.addAll(asCarry(in.leaves(), carryAvals));
    List<Array> outs = While.WHILE.bind(
        While.params(condFn.ir(), condFn.consts().size(), bodyFn.ir(), bodyFn.consts().size()), operands);
    return (S) PyTree.unflatten(in.tree(), outs);
  }

  /**
   * {@code for (int i = lower; i < upper; i++) s = body(i, s); return s;} with a trip count known now (JAX's
   * {@code lax.fori_loop} with concrete bounds, which is a {@code scan}): one equation however many iterations,
   * never unrolled, and reverse-differentiable. {@code i} is an int32 scalar (weakly typed, like a Java int).
   */
  public static <S> S foriLoop(int lower, int upper, Fn2<Array, S, S> body, S init) {
    ArgumentCheck.function("Lax.foriLoop", "body", body);
    long trips = Math.max(0L, (long) upper - lower);
    if (trips > Integer.MAX_VALUE) {
      throw ArgumentCheck.invalid("Lax.foriLoop", "upper", "is " + upper + ", and with lower " + lower + " the loop "
          + "would run " + trips + " times, more than an int counts", "split the loop into two, or pass the bounds "
          + "as arrays (Jnp.scalar(...)) for a while loop");
    }
    int length = (int) trips;
    Fn2<List<Object>, Object, Carry<List<Object>, Object>> step = (c, unused) -> {
      Array i = (Array) c.get(0);
      @SuppressWarnings("unchecked") S s = (S) c.get(1);
      return new Carry<>(Arrays.asList(i.add(1), body.apply(i, s)), null);
    };
    String name = "Lax.foriLoop";
    // The counter starts as a weakly typed int32, as JAX's starts from a Python int.
    List<Object> carry = Arrays.asList(Jnp.literal(lower), init);
    @SuppressWarnings("unchecked")
    S result = (S) scan(name, FunctionInfo.of(body).name(), step, carry, null, length, false, skipLeaves(1)).carry().get(1);
    return result;
  }

  /**
   * {@link #foriLoop(int, int, Fn2, Object)} with array bounds. Concrete bounds are a known trip count (a
   * {@code scan}); traced ones give a {@code while} loop (JAX's choice, which makes it forward-differentiable
   * only). The bounds are integer scalars; {@code i} has their promoted type.
   */
  public static <S> S foriLoop(Array lower, Array upper, Fn2<Array, S, S> body, S init) {
    ArgumentCheck.array("Lax.foriLoop", "lower", lower, "upper", upper);
    ArgumentCheck.function("Lax.foriLoop", "body", body);
    for (Array b : new Array[] {lower, upper}) {
      if (b.ndim() != 0 || !b.dtype().isInteger()) {
        throw new ShapeException("Lax.foriLoop: the bounds must be integer scalars, got " + lower.aval() + " and "
            + upper.aval() + SourceLocation.suffix());
      }
    }
    if (!lower.isTracer() && !upper.isTracer()) {
      long lo = lower.longValue(), hi = upper.longValue();
      if (lo == (int) lo && hi == (int) hi) return foriLoop((int) lo, (int) hi, body, init);
    }
    // Bounds of one type, so the counter's comparison needs no conversion in the loop (JAX converts likewise).
    TypePromotion.Lattice t = TypePromotion.join(lower.aval(), upper.aval());
    Array lo = converted(lower, t), hi = converted(upper, t);
    Fn1<List<Object>, Array> cond = c -> Jnp.less((Array) c.get(0), (Array) c.get(1));
    Fn1<List<Object>, List<Object>> step = c -> {
      Array i = (Array) c.get(0);
      @SuppressWarnings("unchecked") S s = (S) c.get(2);
      return Arrays.asList(i.add(1), c.get(1), body.apply(i, s));
    };
    String name = FunctionInfo.of(body).name();
    List<Object> out = whileLoop("Lax.foriLoop", "i < upper", cond, name, step, Arrays.asList(lo, hi, init),
        skipLeaves(2));
    @SuppressWarnings("unchecked") S result = (S) out.get(2);
    return result;
  }

  /** {@link #foriLoop(Array, Array, Fn2, Object)} with an int lower bound, e.g. {@code foriLoop(0, n, ...)}. */
  public static <S> S foriLoop(int lower, Array upper, Fn2<Array, S, S> body, S init) {
    ArgumentCheck.array("Lax.foriLoop", "upper", upper);
    ArgumentCheck.function("Lax.foriLoop", "body", body);
    return foriLoop(Jnp.literal(lower), upper, body, init);
  }

  /**
   * JAX's {@code lax.scan}: for each row {@code x} of {@code xs} (axis 0 of every array in the tree),
   * {@code (carry, y) = f(carry, x)}; returns the final carry and the {@code y}s stacked along a new axis 0.
   * One {@code scan} equation however long; the carry must keep the structure, shapes and dtypes of
   * {@code init}.
   */
  public static <C, X, Y> Carry<C, Y> scan(Fn2<C, X, Carry<C, Y>> f, C init, X xs) {
    ArgumentCheck.function("Lax.scan", "f", f);
    return scan(f, init, xs, -1, false);
  }

  /** {@link #scan(Fn2, Object, Object)} without {@code xs}: {@code length} steps, {@code f} gets null. */
  public static <C, X, Y> Carry<C, Y> scan(Fn2<C, X, Carry<C, Y>> f, C init, int length) {
    ArgumentCheck.function("Lax.scan", "f", f);
    if (length < 0) throw new ShapeException("Lax.scan: length must be non-negative, got " + length + SourceLocation.suffix());
    return scan(f, init, null, length, false);
  }

  /**
   * The full form: {@code length} may be -1 to take it from {@code xs}; with {@code reverse} the steps run
   * from the last row to the first (and {@code ys} are still stored at their row's index), as in JAX.
   */
  public static <C, X, Y> Carry<C, Y> scan(Fn2<C, X, Carry<C, Y>> f, C init, X xs, int length, boolean reverse) {
    ArgumentCheck.function("Lax.scan", "f", f);
    return scan("Lax.scan", FunctionInfo.of(f).name(), f, init, xs, length, reverse, Lax::describe);
  }

  @SuppressWarnings("unchecked")
  private static <C, X, Y> Carry<C, Y> scan(String op, String fnName, Fn2<C, X, Carry<C, Y>> f, C init, X xs,
      int length, boolean reverse, CarryDescription carryText) {
    PyTree.Flat c = PyTree.flatten(init);
    PyTree.Flat x = PyTree.flatten(xs);
    int n = length;
    for (Array leaf : x.leaves()) {
      if (leaf.ndim() == 0) {
        throw new ShapeException(op + ": every array in xs needs a leading axis to scan over, got the scalar "
            + leaf.aval() + SourceLocation.suffix());
      }
      int d = leaf.shape()[0];
      if (n >= 0 && d != n) {
        throw new ShapeException(op + ": the arrays in xs must all have the scan length as their leading axis, "
            + "got " + describe(x.tree(), avals(x.leaves())) + (length >= 0 ? " with length=" + length : "")
            + SourceLocation.suffix());
      }
      n = d;
    }
    if (n < 0) {
      throw new ShapeException(op + ": without xs the number of steps is unknown; pass it: Lax.scan(f, init, length)"
          + SourceLocation.suffix());
    }
    List<AbstractValue> xAvals = new ArrayList<>();
    for (Array leaf : x.leaves()) {
      int[] s = leaf.shape();
      xAvals.add(new AbstractValue(leaf.dtype(), dev.olympus.types.Shape.of(Arrays.copyOfRange(s, 1, s.length)),
          leaf.weakType()));
    }
    int nc = c.leaves().size();
    List<String> argNames = new ArrayList<>(leafNames("the scan carry", nc));
    argNames.addAll(leafNames("xs", xAvals.size()));
    List<AbstractValue> carry = avals(c.leaves());
    Subfunction body;
    TreeDef carryOutTree, yTree;
    while (true) {
      List<AbstractValue> in = new ArrayList<>(carry);
      in.addAll(xAvals);
      body = Subfunction.trace(op + " body (" + fnName + ")", in, argNames, leaves -> {
        C cc = (C) PyTree.unflatten(c.tree(), leaves.subList(0, nc));
        X xx = (X) PyTree.unflatten(x.tree(), leaves.subList(nc, leaves.size()));
        // Object, not Carry: through erased generics a body can return anything, and it is reported, not cast.
        Object result = f.apply(cc, xx);
        if (!(result instanceof Carry<?, ?> r)) {
          throw new ShapeException(op + ": the body returned " + ArgumentCheck.describe(result) + "; return "
              + "Lax.carry(newCarry, y) (y may be null)" + SourceLocation.suffix());
        }
        return Arrays.asList(r.carry(), r.y());
      });
      List<TreeDef> parts = ((TreeDef.ListNode) body.outTree()).children();
      carryOutTree = parts.get(0);
      yTree = parts.get(1);
      int ncOut = carryOutTree.leafCount();
      List<AbstractValue> outs = body.outAvals();
      List<AbstractValue> joined = joinCarry(op, "the body", c.tree(), carry, carryOutTree,
          outs.subList(0, Math.min(ncOut, outs.size())), carryText);
      if (joined.equals(carry)) break;
      carry = joined;
    }
    List<Array> operands = new ArrayList<>(body.consts());
    operands.addAll(asCarry(c.leaves(), carry));
    operands.addAll(x.leaves());
    List<Array> outs = Scan.SCAN.bind(Scan.params(body.ir(), n, reverse, body.consts().size(), nc), operands);
    C carryOut = (C) PyTree.unflatten(c.tree(), outs.subList(0, nc));
    Y ys = (Y) PyTree.unflatten(yTree, outs.subList(nc, outs.size()));
    return new Carry<>(carryOut, ys);
  }

  // ---- control flow: carries and messages -----------------------------------------------------------------

  /** How a loop shows its carry in messages; a fori loop hides its counter (and bound) from the user. */
  private interface CarryDescription {
    String describe(TreeDef tree, List<AbstractValue> avals);
  }

  private static CarryDescription skipLeaves(int n) {
    return (tree, avals) -> tree instanceof TreeDef.ListNode l && l.children().size() == n + 1
        && avals.size() >= n ? describe(l.children().get(n), avals.subList(n, avals.size())) : describe(tree, avals);
  }

  /**
   * The carry type after one more body trace: the body's result must have init's structure, shapes and dtypes,
   * except that a weakly typed init leaf (a Java literal) may be promoted by the body to another dtype, which
   * then becomes the carry's (strong) type, as JAX's {@code _promote_weak_typed_inputs} does. A difference in
   * weak type alone changes nothing: the body sees the carry as init's type, as in JAX.
   */
  private static List<AbstractValue> joinCarry(String op, String who, TreeDef inTree, List<AbstractValue> carry,
      TreeDef outTree, List<AbstractValue> out, CarryDescription text) {
    boolean ok = inTree.equals(outTree) && carry.size() == out.size();
    List<AbstractValue> joined = new ArrayList<>();
    for (int i = 0; ok && i < carry.size(); i++) {
      AbstractValue a = carry.get(i), o = out.get(i);
      if (!a.shape().equals(o.shape())) {
        ok = false;
      } else if (a.dtype() == o.dtype()) {
        joined.add(a);
      } else if (a.weak() && TypePromotion.join(a, o).dtype() == o.dtype()) {
        joined.add(new AbstractValue(o.dtype(), a.shape(), false));
      } else {
        ok = false;
      }
    }
    if (!ok) {
      throw new ShapeException(op + ": " + who + " must return a carry with the same shapes and dtypes as init, "
          + "but init is " + text.describe(inTree, carry) + " and " + who + " returned " + text.describe(outTree, out)
          + ". Fix: return the same structure with the same shapes and dtypes, e.g. convert a leaf with "
          + "astype(...), or give init the dtype the body computes (Jnp.scalar(0f) rather than Jnp.scalar(0))."
          + SourceLocation.suffix());
    }
    return joined;
  }

  /** {@code leaves} with the carry's types: a weak init the body promoted is converted up front, as in JAX. */
  private static List<Array> asCarry(List<Array> leaves, List<AbstractValue> carry) {
    List<Array> out = new ArrayList<>(leaves.size());
    for (int i = 0; i < leaves.size(); i++) {
      Array a = leaves.get(i);
      AbstractValue t = carry.get(i);
      out.add(a.aval().equals(t) ? a : converted(a, new TypePromotion.Lattice(t.dtype(), t.weak())));
    }
    return out;
  }

  /** {@code x} with type {@code t}; a concrete scalar is converted now, not staged. */
  private static Array converted(Array x, TypePromotion.Lattice t) {
    if (x.dtype() == t.dtype() && x.weakType() == t.weak()) return x;
    if (!x.isTracer() && x.ndim() == 0) return Array.fromStorage(x.storage().convert(t.dtype()), t.weak());
    return convertElementType(x, t.dtype(), t.weak());
  }

  private static List<AbstractValue> avals(List<Array> leaves) {
    List<AbstractValue> out = new ArrayList<>(leaves.size());
    for (Array a : leaves) out.add(a.aval());
    return out;
  }

  private static boolean sameTypes(List<AbstractValue> a, List<AbstractValue> b) {
    if (a.size() != b.size()) return false;
    for (int i = 0; i < a.size(); i++) {
      if (a.get(i).dtype() != b.get(i).dtype() || !a.get(i).shape().equals(b.get(i).shape())) return false;
    }
    return true;
  }

  private static List<String> leafNames(String base, int n) {
    List<String> names = new ArrayList<>(n);
    for (int i = 0; i < n; i++) names.add(n == 1 ? base : base + " (leaf " + i + ")");
    return names;
  }

  /** A tree with its leaf types, as Java would show it: {@code State[x=f32[3], n=i32[]]}, {@code [f32[], i32[]]}. */
  static String describe(TreeDef tree, List<AbstractValue> avals) {
    StringBuilder sb = new StringBuilder();
    describe(tree, avals.iterator(), sb);
    return sb.toString();
  }

  private static void describe(TreeDef tree, java.util.Iterator<AbstractValue> avals, StringBuilder sb) {
    if (tree instanceof TreeDef.Leaf) {
      sb.append(avals.hasNext() ? avals.next() : "?");
    } else if (tree instanceof TreeDef.None) {
      sb.append("null");
    } else if (tree instanceof TreeDef.Static s) {
      sb.append(s.value());
    } else if (tree instanceof TreeDef.ListNode l) {
      sb.append('[');
      for (int i = 0; i < l.children().size(); i++) {
        if (i > 0) sb.append(", ");
        describe(l.children().get(i), avals, sb);
      }
      sb.append(']');
    } else if (tree instanceof TreeDef.MapNode m) {
      sb.append('{');
      for (int i = 0; i < m.keys().size(); i++) {
        if (i > 0) sb.append(", ");
        sb.append(m.keys().get(i)).append('=');
        describe(m.children().get(i), avals, sb);
      }
      sb.append('}');
    } else if (tree instanceof TreeDef.RecordNode r) {
      var components = r.type().getRecordComponents();
      sb.append(r.type().getSimpleName()).append('[');
      for (int i = 0; i < r.children().size(); i++) {
        if (i > 0) sb.append(", ");
        sb.append(components[i].getName()).append('=');
        describe(r.children().get(i), avals, sb);
      }
      sb.append(']');
    }
  }
}

