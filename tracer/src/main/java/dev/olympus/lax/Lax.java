package dev.olympus.lax;

import dev.olympus.Array;
import dev.olympus.DType;
import dev.olympus.primitive.BinaryPrimitive;
import dev.olympus.primitive.BroadcastInDim;
import dev.olympus.primitive.Concatenate;
import dev.olympus.primitive.ConvertElementType;
import dev.olympus.primitive.DotGeneral;
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
import java.util.List;

/**
 * The primitives as functions, without NumPy's promotion or broadcasting (JAX's {@code jax.lax}): operands
 * must already agree in dtype and shape (or be scalars for elementwise ops). Control flow lives here too.
 */
public final class Lax {
  private Lax() {}

  // ---- elementwise -------------------------------------------------------------------------------------

  public static Array neg(Array x) { return UnaryPrimitive.NEG.bind1(Params.NONE, x); }

  public static Array exp(Array x) { return UnaryPrimitive.EXP.bind1(Params.NONE, x); }

  public static Array log(Array x) { return UnaryPrimitive.LOG.bind1(Params.NONE, x); }

  public static Array sin(Array x) { return UnaryPrimitive.SIN.bind1(Params.NONE, x); }

  public static Array cos(Array x) { return UnaryPrimitive.COS.bind1(Params.NONE, x); }

  public static Array tan(Array x) { return UnaryPrimitive.TAN.bind1(Params.NONE, x); }

  public static Array tanh(Array x) { return UnaryPrimitive.TANH.bind1(Params.NONE, x); }

  public static Array sqrt(Array x) { return UnaryPrimitive.SQRT.bind1(Params.NONE, x); }

  public static Array rsqrt(Array x) { return UnaryPrimitive.RSQRT.bind1(Params.NONE, x); }

  public static Array log1p(Array x) { return UnaryPrimitive.LOG1P.bind1(Params.NONE, x); }

  public static Array expm1(Array x) { return UnaryPrimitive.EXPM1.bind1(Params.NONE, x); }

  public static Array floor(Array x) { return UnaryPrimitive.FLOOR.bind1(Params.NONE, x); }

  public static Array ceil(Array x) { return UnaryPrimitive.CEIL.bind1(Params.NONE, x); }

  public static Array abs(Array x) { return UnaryPrimitive.ABS.bind1(Params.NONE, x); }

  public static Array sign(Array x) { return UnaryPrimitive.SIGN.bind1(Params.NONE, x); }

  public static Array logistic(Array x) { return UnaryPrimitive.LOGISTIC.bind1(Params.NONE, x); }

  public static Array not(Array x) { return UnaryPrimitive.NOT.bind1(Params.NONE, x); }

  public static Array add(Array x, Array y) { return BinaryPrimitive.ADD.bind1(Params.NONE, x, y); }

  public static Array sub(Array x, Array y) { return BinaryPrimitive.SUB.bind1(Params.NONE, x, y); }

  public static Array mul(Array x, Array y) { return BinaryPrimitive.MUL.bind1(Params.NONE, x, y); }

  public static Array div(Array x, Array y) { return BinaryPrimitive.DIV.bind1(Params.NONE, x, y); }

  public static Array rem(Array x, Array y) { return BinaryPrimitive.REM.bind1(Params.NONE, x, y); }

  public static Array pow(Array x, Array y) { return BinaryPrimitive.POW.bind1(Params.NONE, x, y); }

  public static Array max(Array x, Array y) { return BinaryPrimitive.MAX.bind1(Params.NONE, x, y); }

  public static Array min(Array x, Array y) { return BinaryPrimitive.MIN.bind1(Params.NONE, x, y); }

  public static Array atan2(Array x, Array y) { return BinaryPrimitive.ATAN2.bind1(Params.NONE, x, y); }

  public static Array gt(Array x, Array y) { return BinaryPrimitive.GT.bind1(Params.NONE, x, y); }

  public static Array lt(Array x, Array y) { return BinaryPrimitive.LT.bind1(Params.NONE, x, y); }

  public static Array ge(Array x, Array y) { return BinaryPrimitive.GE.bind1(Params.NONE, x, y); }

  public static Array le(Array x, Array y) { return BinaryPrimitive.LE.bind1(Params.NONE, x, y); }

  public static Array eq(Array x, Array y) { return BinaryPrimitive.EQ.bind1(Params.NONE, x, y); }

  public static Array ne(Array x, Array y) { return BinaryPrimitive.NE.bind1(Params.NONE, x, y); }

  public static Array and(Array x, Array y) { return BinaryPrimitive.AND.bind1(Params.NONE, x, y); }

  public static Array or(Array x, Array y) { return BinaryPrimitive.OR.bind1(Params.NONE, x, y); }

  public static Array xor(Array x, Array y) { return BinaryPrimitive.XOR.bind1(Params.NONE, x, y); }

  public static Array integerPow(Array x, int y) {
    return IntegerPow.INTEGER_POW.bind1(Params.of("y", y), x);
  }

  /** {@code select_n(which, cases...)}: {@code cases[which]} elementwise; bool false picks case 0. */
  public static Array selectN(Array which, Array... cases) {
    Array[] args = new Array[cases.length + 1];
    args[0] = which;
    System.arraycopy(cases, 0, args, 1, cases.length);
    return SelectN.SELECT_N.bind1(Params.NONE, args);
  }

  public static Array convertElementType(Array x, DType dtype, boolean weak) {
    return ConvertElementType.CONVERT_ELEMENT_TYPE.bind1(Params.of("new_dtype", dtype, "weak_type", weak), x);
  }

  // ---- structure ---------------------------------------------------------------------------------------

  public static Array broadcastInDim(Array x, int[] shape, int[] broadcastDimensions) {
    return BroadcastInDim.BROADCAST_IN_DIM.bind1(BroadcastInDim.params(shape, broadcastDimensions), x);
  }

  public static Array reshape(Array x, int... newSizes) {
    return Reshape.RESHAPE.bind1(Params.of("new_sizes", newSizes), x);
  }

  public static Array transpose(Array x, int... permutation) {
    return Transpose.TRANSPOSE.bind1(Params.of("permutation", permutation), x);
  }

  public static Array squeeze(Array x, int... dimensions) {
    return Squeeze.SQUEEZE.bind1(Params.of("dimensions", dimensions), x);
  }

  public static Array slice(Array x, int[] start, int[] limit, int[] strides) {
    return Slice.SLICE.bind1(Slice.params(start, limit, strides), x);
  }

  public static Array concatenate(List<Array> operands, int dimension) {
    return Concatenate.CONCATENATE.bind(Params.of("dimension", dimension), new ArrayList<>(operands)).get(0);
  }

  public static Array pad(Array x, Array paddingValue, int[] low, int[] high, int[] interior) {
    return Pad.PAD.bind1(Params.of("padding_config", new Pad.Config(low.clone(), high.clone(), interior.clone())),
        x, paddingValue);
  }

  public static Array iota(DType dtype, int[] shape, int dimension) {
    return Iota.IOTA.bind(Params.of("dtype", dtype, "shape", Shape.of(shape), "dimension", dimension), List.of())
        .get(0);
  }

  public static Array dotGeneral(Array lhs, Array rhs, int[] lhsContract, int[] rhsContract, int[] lhsBatch,
      int[] rhsBatch) {
    return DotGeneral.DOT_GENERAL.bind1(DotGeneral.params(new DotGeneral.DimensionNumbers(lhsContract.clone(),
        rhsContract.clone(), lhsBatch.clone(), rhsBatch.clone())), lhs, rhs);
  }

  // ---- reductions --------------------------------------------------------------------------------------

  public static Array reduceSum(Array x, int... axes) { return Reduce.SUM.bind1(Params.of("axes", axes), x); }

  public static Array reduceMax(Array x, int... axes) { return Reduce.MAX.bind1(Params.of("axes", axes), x); }

  public static Array reduceMin(Array x, int... axes) { return Reduce.MIN.bind1(Params.of("axes", axes), x); }
}
