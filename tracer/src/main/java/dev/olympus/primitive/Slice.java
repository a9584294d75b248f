package dev.olympus.primitive;

import dev.olympus.Array;
import dev.olympus.autodiff.JvpResult;
import dev.olympus.autodiff.LinearInputs;
import dev.olympus.autodiff.Tangent;
import dev.olympus.batching.BatchAxis;
import dev.olympus.batching.Batched;
import dev.olympus.lax.Lax;
import dev.olympus.storage.Storage;
import dev.olympus.trace.SizeCondition;
import dev.olympus.types.AbstractValue;
import dev.olympus.types.Shape;
import java.util.List;

/** {@code slice[start_indices limit_indices strides]}: a static, strided window (no negative indices). */
public final class Slice extends Primitive {
  public static final Slice SLICE = new Slice();

  private Slice() {
    super("slice");
  }

  public static Params params(int[] start, int[] limit, int[] strides) {
    return Params.of("start_indices", start, "limit_indices", limit, "strides", strides);
  }

  static int[] stridesOrOnes(Params p, int rank) {
    Object s = p.get("strides");
    if (s == null) {
      int[] ones = new int[rank];
      java.util.Arrays.fill(ones, 1);
      return ones;
    }
    return ((int[]) s).clone();
  }

  @Override
  public List<AbstractValue> abstractEval(List<AbstractValue> in, Params params) {
    ShapeRules.arity(this, in, 1);
    AbstractValue x = in.get(0);
    int[] start = params.ints("start_indices");
    int[] limit = params.ints("limit_indices");
    int[] strides = stridesOrOnes(params, x.rank());
    if (start.length != x.rank() || limit.length != x.rank() || strides.length != x.rank()) {
      throw ShapeRules.error(name(), "start, limit and strides need one entry per dimension of " + x);
    }
    int[] dims = new int[x.rank()];
    for (int d = 0; d < dims.length; d++) {
      if (start[d] < 0 || !SizeCondition.atLeast(x.shape().dim(d), limit[d]) || start[d] > limit[d] || strides[d] <= 0) {
        throw ShapeRules.error(name(), "invalid window " + Shape.tuple(start) + " to " + Shape.tuple(limit)
            + " step " + Shape.tuple(strides) + " for " + x + " (dimension " + d + ")");
      }
      dims[d] = (int) (((long) limit[d] - start[d] + strides[d] - 1) / strides[d]);
    }
    return List.of(x.withShape(Shape.of(dims)));
  }

  @Override
  public List<Storage> evaluate(List<Storage> in, Params params) {
    Storage x = in.get(0);
    int rank = x.shape().rank();
    int[] start = params.ints("start_indices");
    int[] limit = params.ints("limit_indices");
    int[] steps = stridesOrOnes(params, rank);
    int[] inStrides = x.shape().strides();
    int[] dims = new int[rank];
    int[] strides = new int[rank];
    int base = 0;
    for (int d = 0; d < rank; d++) {
      dims[d] = (limit[d] - start[d] + steps[d] - 1) / steps[d];
      strides[d] = inStrides[d] * steps[d];
      base += start[d] * inStrides[d];
    }
    Shape out = Shape.of(dims);
    return List.of(ElementCopy.gather(x, out, MultiIndex.offsets(out, strides, base)));
  }

  @Override
  public JvpResult jvp(List<Array> primals, List<Tangent> tangents, Params params) {
    return linearJvp(primals, tangents, params);
  }

  /** Pads the cotangent with zeros back to the operand's shape (strides become interior padding). */
  @Override
  public List<Tangent> transpose(List<Tangent> cotangents, LinearInputs in, Params params) {
    AbstractValue x = in.aval(0);
    int rank = x.rank();
    int[] start = params.ints("start_indices");
    int[] strides = stridesOrOnes(params, rank);
    return List.of(cotangents.get(0).map(x, ct -> {
      int[] high = new int[rank];
      int[] interior = new int[rank];
      for (int d = 0; d < rank; d++) {
        int n = ct.shape()[d];
        int realLimit = start[d] + (n == 0 ? 0 : (n - 1) * strides[d] + 1);
        high[d] = x.shape().dim(d) - realLimit;
        interior[d] = strides[d] - 1;
      }
      return Lax.pad(ct, scalarLike(ct, 0), start, high, interior);
    }));
  }

  @Override
  public Batched batch(List<Array> args, int[] dims, Params params) {
    Array x = BatchAxis.moveAxis(args.get(0), dims[0], 0);
    int rank = x.ndim() - 1;
    return Batched.of(bind1(params(BatchAxis.prepend(0, params.ints("start_indices")),
        BatchAxis.prepend(x.shape()[0], params.ints("limit_indices")),
        BatchAxis.prepend(1, stridesOrOnes(params, rank))), x), 0);
  }
}
