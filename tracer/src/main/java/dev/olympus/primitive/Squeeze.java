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

/** {@code squeeze[dimensions]}: removes the named dimensions, each of which must have size 1. */
public final class Squeeze extends Primitive {
  public static final Squeeze SQUEEZE = new Squeeze();

  private Squeeze() {
    super("squeeze");
  }

  @Override
  public List<AbstractValue> abstractEval(List<AbstractValue> in, Params params) {
    ShapeRules.arity(this, in, 1);
    AbstractValue x = in.get(0);
    int[] dims = ShapeRules.axes(name(), params.ints("dimensions"), x.rank());
    for (int d : dims) {
      if (x.shape().dim(d) != 1) {
        throw ShapeRules.error(name(), "cannot squeeze dimension " + d + " of " + x + ": its size is "
            + x.shape().dim(d) + ", not 1");
      }
    }
    return List.of(x.withShape(Reduce.reducedShape(x.shape(), dims)));
  }

  @Override
  public List<Storage> evaluate(List<Storage> in, Params params) {
    Storage x = in.get(0);
    int[] dims = ShapeRules.axes(name(), params.ints("dimensions"), x.shape().rank());
    Shape out = Reduce.reducedShape(x.shape(), dims);
    return List.of(x.reshape(out));
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
    int bdim = dims[0];
    int[] squeezed = ShapeRules.axes(name(), params.ints("dimensions"), args.get(0).ndim() - 1);
    int[] mapped = BatchAxis.batchedAxes(squeezed, bdim);
    int before = 0;
    for (int d : mapped) if (d < bdim) before++;
    return Batched.of(bind1(params.with("dimensions", mapped), args.get(0)), bdim - before);
  }
}
