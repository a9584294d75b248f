package dev.olympus.primitive;

import dev.olympus.Array;
import dev.olympus.DType;
import dev.olympus.autodiff.JvpResult;
import dev.olympus.autodiff.Tangent;
import dev.olympus.batching.Batched;
import dev.olympus.storage.Storage;
import dev.olympus.types.AbstractValue;
import java.util.List;

/**
 * {@code bitcast_convert_type[new_dtype]}: the same bits read as another dtype of the same width ({@code u32 ->
 * f32} is how {@code jax.random.uniform} builds floats). JAX also reinterprets between widths by adding or
 * removing a minor axis; Olympus asks for equal widths and says so. Not differentiable: the tangent is zero, as
 * JAX's float0 tangent of an integer result is.
 */
public final class BitcastConvertType extends Primitive {
  public static final BitcastConvertType BITCAST_CONVERT_TYPE = new BitcastConvertType();

  private BitcastConvertType() {
    super("bitcast_convert_type");
  }

  @Override
  public List<AbstractValue> abstractEval(List<AbstractValue> in, Params params) {
    ShapeRules.arity(this, in, 1);
    AbstractValue x = in.get(0);
    DType to = params.dtype("new_dtype");
    if (x.dtype().isBool() || to.isBool()) {
      throw ShapeRules.error(name(), "cannot reinterpret bool data (" + x.dtype().numpyName() + " to "
          + to.numpyName() + "); compare or convert with astype instead");
    }
    if (x.dtype().bits() != to.bits()) {
      throw ShapeRules.error(name(), "needs dtypes of one width, got " + x.dtype().numpyName() + " ("
          + x.dtype().bits() + " bits) to " + to.numpyName() + " (" + to.bits() + " bits); reinterpreting across "
          + "widths is not supported: pick a target of the same width, e.g. uint32 for float32");
    }
    return List.of(new AbstractValue(to, x.shape(), false));
  }

  @Override
  public List<Storage> evaluate(List<Storage> in, Params params) {
    Storage x = in.get(0);
    DType to = params.dtype("new_dtype");
    Storage out = Storage.allocate(to, x.shape());
    int n = x.length();
    for (int i = 0; i < n; i++) setBits(out, i, bits(x, i));
    return List.of(out);
  }

  /** Bitcasts see the stored bits, so narrow operands must not be widened first. */
  @Override
  protected boolean evaluatesNarrowTypes(Params params) {
    return true;
  }

  private static long bits(Storage s, int i) {
    return switch (s.dtype()) {
      case F32 -> Float.floatToRawIntBits(s.f32()[i]);
      case F64 -> Double.doubleToRawLongBits(s.f64()[i]);
      case BF16, F16, I16, U16 -> s.i16()[i];
      case I8, U8 -> s.i8()[i];
      case I32, U32 -> s.i32()[i];
      case I64 -> s.i64()[i];
      case BOOL -> throw new IllegalStateException("bool has no bit pattern to reinterpret");
    };
  }

  private static void setBits(Storage s, int i, long bits) {
    switch (s.dtype()) {
      case F32 -> s.f32()[i] = Float.intBitsToFloat((int) bits);
      case F64 -> s.f64()[i] = Double.longBitsToDouble(bits);
      case BF16, F16, I16, U16 -> s.i16()[i] = (short) bits;
      case I8, U8 -> s.i8()[i] = (byte) bits;
      case I32, U32 -> s.i32()[i] = (int) bits;
      case I64 -> s.i64()[i] = bits;
      case BOOL -> throw new IllegalStateException("bool has no bit pattern to reinterpret");
    }
  }

  @Override
  public JvpResult jvp(List<Array> primals, List<Tangent> tangents, Params params) {
    return JvpResult.zeroTangents(List.of(bind1(params, primals.get(0))));
  }

  @Override
  public Batched batch(List<Array> args, int[] dims, Params params) {
    return Batched.of(bind1(params, args.get(0)), dims[0]);
  }
}
