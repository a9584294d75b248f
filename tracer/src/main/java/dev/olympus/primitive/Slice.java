package dev.olympus.primitive;

import dev.olympus.storage.Storage;
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
      if (start[d] < 0 || limit[d] > x.shape().dim(d) || start[d] > limit[d] || strides[d] <= 0) {
        throw ShapeRules.error(name(), "invalid window " + Shape.tuple(start) + " to " + Shape.tuple(limit)
            + " step " + Shape.tuple(strides) + " for " + x + " (dimension " + d + ")");
      }
      dims[d] = (limit[d] - start[d] + strides[d] - 1) / strides[d];
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
    return List.of(Gather.gather(x, out, MultiIndex.offsets(out, strides, base)));
  }
}
