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

/** {@code reshape[new_sizes]}: the same row-major elements under a new shape of equal size. */
public final class Reshape extends Primitive {
  public static final Reshape RESHAPE = new Reshape();

  private Reshape() {
    super("reshape");
  }

  @Override
  public List<AbstractValue> abstractEval(List<AbstractValue> in, Params params) {
    ShapeRules.arity(this, in, 1);
    AbstractValue x = in.get(0);
    int[] sizes = params.ints("new_sizes");
    Shape target = Shape.of(name(), "new_sizes", sizes);
    if (target.size() != x.shape().size()) {
      throw ShapeRules.error(name(), "cannot reshape " + x + " (" + x.shape().size() + " elements) into shape "
          + target.tuple() + " (" + target.size() + " elements)");
    }
    return List.of(x.withShape(target));
  }

  @Override
  public List<Storage> evaluate(List<Storage> in, Params params) {
    return List.of(in.get(0).reshape(Shape.of(params.ints("new_sizes"))));
  }

  @Override
  public JvpResult jvp(List<Array> primals, List<Tangent> tangents, Params params) {
    return linearJvp(primals, tangents, params);
  }

  @Override
  public List<Tangent> transpose(List<Tangent> cotangents, LinearInputs in, Params params) {
    AbstractValue x = in.aval(0);
    return List.of(cotangents.get(0).map(x, ct -> Lax.reshape(ct, x.shape().dims())));
  }

  @Override
  public Batched batch(List<Array> args, int[] dims, Params params) {
    Array x = BatchAxis.moveAxis(args.get(0), dims[0], 0);
    return Batched.of(bind1(params.with("new_sizes", BatchAxis.prepend(x.shape()[0], params.ints("new_sizes"))), x), 0);
  }
}
