package dev.olympus.primitive;

import dev.olympus.Array;
import dev.olympus.autodiff.JvpResult;
import dev.olympus.autodiff.LinearInputs;
import dev.olympus.autodiff.Tangent;
import dev.olympus.batching.BatchAxis;
import dev.olympus.batching.Batched;
import dev.olympus.lax.Lax;
import dev.olympus.storage.Storage;
import dev.olympus.types.AbstractValue;
import dev.olympus.types.Shape;
import java.util.Arrays;
import java.util.List;

/**
 * {@code pad[padding_config]}: surrounds (and interleaves) an operand with a scalar padding value. Low and
 * high padding are non-negative here; reverse-mode uses it as the transpose of {@code slice}.
 */
public final class Pad extends Primitive {
  public static final Pad PAD = new Pad();

  /** Per-dimension low, high and interior padding, printed as JAX prints {@code padding_config}. */
  public record Config(int[] low, int[] high, int[] interior) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Config c && Arrays.equals(low, c.low) && Arrays.equals(high, c.high)
          && Arrays.equals(interior, c.interior);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(low) * 961 + Arrays.hashCode(high) * 31 + Arrays.hashCode(interior);
    }

    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder("(");
      for (int i = 0; i < low.length; i++) {
        if (i > 0) sb.append(", ");
        sb.append('(').append(low[i]).append(", ").append(high[i]).append(", ").append(interior[i]).append(')');
      }
      if (low.length == 1) sb.append(',');
      return sb.append(')').toString();
    }
  }

  private Pad() {
    super("pad");
  }

  @Override
  public List<AbstractValue> abstractEval(List<AbstractValue> in, Params params) {
    ShapeRules.arity(this, in, 2);
    AbstractValue x = in.get(0), v = in.get(1);
    if (v.rank() != 0 || v.dtype() != x.dtype()) {
      throw ShapeRules.error(name(), "padding value must be a scalar of the operand's dtype, got " + v);
    }
    Config c = params.as("padding_config");
    if (c.low().length != x.rank() || c.high().length != x.rank() || c.interior().length != x.rank()) {
      throw ShapeRules.error(name(), "padding_config needs one (low, high, interior) entry per dimension of " + x
          + ": low " + Shape.tuple(c.low()) + ", high " + Shape.tuple(c.high()) + " and interior "
          + Shape.tuple(c.interior()) + " must each have " + x.rank() + " values");
    }
    int[] dims = new int[x.rank()];
    for (int d = 0; d < dims.length; d++) {
      int n = x.shape().dim(d);
      if (c.low()[d] < 0 || c.high()[d] < 0 || c.interior()[d] < 0) {
        throw ShapeRules.error(name(), "negative padding is not supported: " + c);
      }
      long size = (long) c.low()[d] + c.high()[d] + n + Math.max(0, n - 1) * (long) c.interior()[d];
      dims[d] = ShapeRules.dimension(name(), "dimension " + d + " of the result", size);
    }
    return List.of(x.withShape(Shape.of(name(), "the result's shape", dims)));
  }

  @Override
  public List<Storage> evaluate(List<Storage> in, Params params) {
    Storage x = in.get(0), v = in.get(1);
    Config c = params.as("padding_config");
    AbstractValue outAval = abstractEval(
        List.of(new AbstractValue(x.dtype(), x.shape(), false), new AbstractValue(v.dtype(), v.shape(), false)),
        params).get(0);
    Storage out = Storage.allocate(x.dtype(), outAval.shape());
    for (int i = 0; i < out.length(); i++) out.copyElement(v, 0, i);
    int[] outStrides = outAval.shape().strides();
    int[] strides = new int[x.shape().rank()];
    int base = 0;
    for (int d = 0; d < strides.length; d++) {
      strides[d] = outStrides[d] * (c.interior()[d] + 1);
      base += c.low()[d] * outStrides[d];
    }
    int[] dst = MultiIndex.offsets(x.shape(), strides, base);
    for (int i = 0; i < dst.length; i++) out.copyElement(x, i, dst[i]);
    return List.of(out);
  }

  /** Linear in the operand and the padding value together. */
  @Override
  public JvpResult jvp(List<Array> primals, List<Tangent> tangents, Params params) {
    return linearJvp(primals, tangents, params);
  }

  /**
   * The operand's cotangent is the strided slice where it landed; the padding value's is the sum of the rest.
   */
  @Override
  public List<Tangent> transpose(List<Tangent> cotangents, LinearInputs in, Params params) {
    Array ct = cotangents.get(0).value();
    Config c = params.as("padding_config");
    AbstractValue x = in.aval(0);
    int rank = x.rank();
    int[] limit = new int[rank];
    int[] steps = new int[rank];
    for (int d = 0; d < rank; d++) {
      int n = x.shape().dim(d);
      steps[d] = c.interior()[d] + 1;
      limit[d] = c.low()[d] + (n == 0 ? 0 : (n - 1) * steps[d] + 1);
    }
    Array operandCt = Lax.slice(ct, c.low(), limit, steps);
    Tangent padCt = Tangent.zero(in.aval(1));
    if (in.isUndefined(1)) {
      int[] all = ShapeRules.range(rank);
      padCt = Tangent.of(Lax.sub(Lax.reduceSum(ct, all), Lax.reduceSum(operandCt, all)));
    }
    return List.of(in.isUndefined(0) ? Tangent.of(operandCt) : Tangent.zero(x), padCt);
  }

  /**
   * The batch axis is not padded. A batched padding value cannot be a scalar operand, so then the operand is
   * padded with zeros and the padding positions are filled by a select against a mask (JAX's rule).
   */
  @Override
  public Batched batch(List<Array> args, int[] dims, Params params) {
    int size = BatchAxis.size(args, dims);
    Array x = BatchAxis.toFront(args.get(0), dims[0], size);
    Config c = params.as("padding_config");
    Params batched = Params.of("padding_config", new Config(BatchAxis.prepend(0, c.low()),
        BatchAxis.prepend(0, c.high()), BatchAxis.prepend(0, c.interior())));
    if (dims[1] == BatchAxis.NOT_BATCHED) return Batched.of(bind1(batched, x, args.get(1)), 0);
    Array padded = bind1(batched, x, scalarLike(x, 0));
    Array inside = bind1(batched, trueLike(x), Array.fromStorage(Storage.scalarLong(dev.olympus.DType.BOOL, 0), false));
    Array value = Lax.broadcastInDim(BatchAxis.moveAxis(args.get(1), dims[1], 0), padded.shape(), new int[] {0});
    return Batched.of(Lax.selectN(inside, value, padded), 0);
  }

  private static Array trueLike(Array x) {
    Array t = Array.fromStorage(Storage.scalarLong(dev.olympus.DType.BOOL, 1), false);
    return Lax.broadcastInDim(t, x.shape(), new int[0]);
  }
}
