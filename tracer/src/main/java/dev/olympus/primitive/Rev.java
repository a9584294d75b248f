package dev.olympus.primitive;

import dev.olympus.Array;
import dev.olympus.autodiff.JvpResult;
import dev.olympus.autodiff.LinearInputs;
import dev.olympus.autodiff.Tangent;
import dev.olympus.batching.BatchAxis;
import dev.olympus.batching.Batched;
import dev.olympus.storage.Storage;
import dev.olympus.types.AbstractValue;
import dev.olympus.types.Shape;
import java.util.List;

/**
 * {@code rev[dimensions=...]}: the operand with the order of its elements reversed along each of
 * {@code dimensions} (XLA's Reverse, JAX's {@code rev_p}, what {@code jnp.flip} lowers to). Linear and its own
 * transpose.
 */
public final class Rev extends Primitive {
  public static final Rev REV = new Rev();

  private Rev() {
    super("rev");
  }

  public static Params params(int[] dimensions) {
    return Params.of("dimensions", dimensions);
  }

  @Override
  public List<AbstractValue> abstractEval(List<AbstractValue> in, Params params) {
    ShapeRules.arity(this, in, 1);
    AbstractValue x = in.get(0);
    int[] dims = params.ints("dimensions");
    boolean[] seen = new boolean[x.rank()];
    for (int d : dims) {
      ShapeRules.exactAxis(name(), "dimensions", d, x.rank());
      if (seen[d]) throw ShapeRules.error(name(), "dimensions " + Shape.tuple(dims) + " name axis " + d + " twice");
      seen[d] = true;
    }
    return List.of(x.strong());
  }

  @Override
  public List<Storage> evaluate(List<Storage> in, Params params) {
    Storage x = in.get(0);
    Shape shape = x.shape();
    int[] strides = shape.strides();
    int base = 0;
    for (int d : params.ints("dimensions")) {
      if (shape.dim(d) == 0) continue;
      base += (shape.dim(d) - 1) * strides[d];
      strides[d] = -strides[d];
    }
    return List.of(ElementCopy.gather(x, shape, MultiIndex.offsets(shape, strides, base)));
  }

  @Override
  public JvpResult jvp(List<Array> primals, List<Tangent> tangents, Params params) {
    return linearJvp(primals, tangents, params);
  }

  @Override
  public List<Tangent> transpose(List<Tangent> cotangents, LinearInputs in, Params params) {
    return List.of(cotangents.get(0).map(in.aval(0), ct -> bind1(params, ct)));
  }

  @Override
  public Batched batch(List<Array> args, int[] dims, Params params) {
    return Batched.of(bind1(params(BatchAxis.batchedAxes(params.ints("dimensions"), dims[0])), args.get(0)), dims[0]);
  }
}
