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
import java.util.List;

/** {@code transpose[permutation]}: output dimension {@code i} is operand dimension {@code permutation[i]}. */
public final class Transpose extends Primitive {
  public static final Transpose TRANSPOSE = new Transpose();

  private Transpose() {
    super("transpose");
  }

  @Override
  public List<AbstractValue> abstractEval(List<AbstractValue> in, Params params) {
    ShapeRules.arity(this, in, 1);
    AbstractValue x = in.get(0);
    int[] perm = params.ints("permutation");
    boolean[] seen = new boolean[x.rank()];
    if (perm.length != x.rank()) {
      throw ShapeRules.error(name(), "permutation " + Shape.tuple(perm) + " must have one entry per dimension of " + x);
    }
    int[] dims = new int[perm.length];
    for (int i = 0; i < perm.length; i++) {
      if (perm[i] < 0 || perm[i] >= perm.length || seen[perm[i]]) {
        throw ShapeRules.error(name(), Shape.tuple(perm) + " is not a permutation of the axes of " + x);
      }
      seen[perm[i]] = true;
      dims[i] = x.shape().dim(perm[i]);
    }
    return List.of(x.withShape(Shape.of(dims)));
  }

  @Override
  public List<Storage> evaluate(List<Storage> in, Params params) {
    Storage x = in.get(0);
    int[] perm = params.ints("permutation");
    int[] inStrides = x.shape().strides();
    int[] dims = new int[perm.length];
    int[] strides = new int[perm.length];
    for (int i = 0; i < perm.length; i++) {
      dims[i] = x.shape().dim(perm[i]);
      strides[i] = inStrides[perm[i]];
    }
    Shape outShape = Shape.of(dims);
    return List.of(Gather.gather(x, outShape, MultiIndex.offsets(outShape, strides, 0)));
  }

  @Override
  public JvpResult jvp(List<Array> primals, List<Tangent> tangents, Params params) {
    return linearJvp(primals, tangents, params);
  }

  /** The inverse permutation. */
  @Override
  public List<Tangent> transpose(List<Tangent> cotangents, LinearInputs in, Params params) {
    int[] perm = params.ints("permutation");
    int[] inverse = new int[perm.length];
    for (int i = 0; i < perm.length; i++) inverse[perm[i]] = i;
    return List.of(cotangents.get(0).map(in.aval(0), ct -> Lax.transpose(ct, inverse)));
  }

  /** The batch axis goes first; the permuted axes follow, renumbered around it. */
  @Override
  public Batched batch(List<Array> args, int[] dims, Params params) {
    int bdim = dims[0];
    int[] perm = BatchAxis.prepend(bdim, BatchAxis.batchedAxes(params.ints("permutation"), bdim));
    return Batched.of(bind1(params.with("permutation", perm), args.get(0)), 0);
  }
}
