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

/**
 * {@code broadcast_in_dim[broadcast_dimensions shape]}: operand dimension {@code i} becomes output dimension
 * {@code broadcast_dimensions[i]}, which it must equal or be 1 for; other output dimensions repeat.
 */
public final class BroadcastInDim extends Primitive {
  public static final BroadcastInDim BROADCAST_IN_DIM = new BroadcastInDim();

  private BroadcastInDim() {
    super("broadcast_in_dim");
  }

  public static Params params(int[] shape, int[] broadcastDimensions) {
    return Params.of("shape", shape, "broadcast_dimensions", broadcastDimensions);
  }

  @Override
  public List<AbstractValue> abstractEval(List<AbstractValue> in, Params params) {
    ShapeRules.arity(this, in, 1);
    AbstractValue x = in.get(0);
    int[] shape = params.ints("shape");
    Shape outShape = Shape.of(name(), "shape", shape);
    int[] dims = params.ints("broadcast_dimensions");
    if (dims.length != x.rank()) {
      throw ShapeRules.error(name(), "broadcast_dimensions " + Shape.tuple(dims) + " must name one output "
          + "dimension per operand dimension of " + x);
    }
    for (int i = 0; i < dims.length; i++) {
      if (dims[i] < 0 || dims[i] >= shape.length || (i > 0 && dims[i] <= dims[i - 1])) {
        throw ShapeRules.error(name(), "broadcast_dimensions " + Shape.tuple(dims)
            + " must be strictly increasing and within the output rank " + shape.length);
      }
      int od = x.shape().dim(i);
      if (od != 1 && od != shape[dims[i]]) {
        throw ShapeRules.error(name(), "cannot broadcast " + x + " to shape " + Shape.tuple(shape)
            + ": operand dimension " + i + " has size " + od + " but output dimension " + dims[i] + " has size "
            + shape[dims[i]]);
      }
    }
    return List.of(new AbstractValue(x.dtype(), outShape, x.weak()));
  }

  @Override
  public List<Storage> evaluate(List<Storage> in, Params params) {
    Storage x = in.get(0);
    Shape outShape = Shape.of(params.ints("shape"));
    // One element repeated (zeros, ones, full): a fill, without an index per output element.
    if (x.length() == 1) return List.of(ElementCopy.fill(x, outShape));
    int[] dims = params.ints("broadcast_dimensions");
    int[] inStrides = x.shape().strides();
    int[] strides = new int[outShape.rank()];
    for (int i = 0; i < dims.length; i++) strides[dims[i]] = x.shape().dim(i) == 1 ? 0 : inStrides[i];
    int[] src = MultiIndex.offsets(outShape, strides, 0);
    return List.of(ElementCopy.gather(x, outShape, src));
  }

  @Override
  public JvpResult jvp(List<Array> primals, List<Tangent> tangents, Params params) {
    return linearJvp(primals, tangents, params);
  }

  /**
   * Sums the cotangent over the dimensions the broadcast created: the new ones, and those where a size-1
   * operand dimension was repeated (then reshapes those back to size 1).
   */
  @Override
  public List<Tangent> transpose(List<Tangent> cotangents, LinearInputs in, Params params) {
    AbstractValue x = in.aval(0);
    int[] shape = params.ints("shape");
    int[] dims = params.ints("broadcast_dimensions");
    boolean[] summed = new boolean[shape.length];
    java.util.Arrays.fill(summed, true);
    for (int i = 0; i < dims.length; i++) summed[dims[i]] = x.shape().dim(i) == 1 && shape[dims[i]] != 1;
    int count = 0;
    for (boolean b : summed) if (b) count++;
    int[] axes = new int[count];
    for (int d = 0, k = 0; d < shape.length; d++) if (summed[d]) axes[k++] = d;
    return List.of(cotangents.get(0).map(x, ct -> {
      Array r = axes.length == 0 ? ct : Lax.reduceSum(ct, axes);
      return java.util.Arrays.equals(r.shape(), x.shape().dims()) ? r : Lax.reshape(r, x.shape().dims());
    }));
  }

  @Override
  public Batched batch(List<Array> args, int[] dims, Params params) {
    Array x = BatchAxis.moveAxis(args.get(0), dims[0], 0);
    int[] shape = BatchAxis.prepend(x.shape()[0], params.ints("shape"));
    int[] bdims = BatchAxis.prepend(0, BatchAxis.afterFront(params.ints("broadcast_dimensions")));
    return Batched.of(bind1(BroadcastInDim.params(shape, bdims), x), 0);
  }
}
