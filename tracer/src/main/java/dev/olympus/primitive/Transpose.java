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
    if (perm.length == 2 && perm[0] == 1 && x.dtype() == DType.F32) return List.of(transposeMatrix(x));
    int[] inStrides = x.shape().strides();
    int[] dims = new int[perm.length];
    int[] strides = new int[perm.length];
    for (int i = 0; i < perm.length; i++) {
      dims[i] = x.shape().dim(perm[i]);
      strides[i] = inStrides[perm[i]];
    }
    Shape outShape = Shape.of(dims);
    return List.of(ElementCopy.gather(x, outShape, MultiIndex.offsets(outShape, strides, 0)));
  }

  /**
   * A float32 matrix transpose as a direct loop (weight gradients of every dense layer are one), without the
   * general path's per-element offset table.
   */
  private static Storage transposeMatrix(Storage x) {
    int rows = x.shape().dim(0), cols = x.shape().dim(1);
    Storage out = Storage.allocate(x.dtype(), Shape.of(cols, rows));
    float[] src = x.f32(), dst = out.f32();
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) dst[j * rows + i] = src[i * cols + j];
    }
    return out;
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
