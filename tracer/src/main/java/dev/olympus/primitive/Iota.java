package dev.olympus.primitive;

import dev.olympus.Array;
import dev.olympus.autodiff.JvpResult;
import dev.olympus.autodiff.Tangent;
import dev.olympus.batching.BatchAxis;
import dev.olympus.batching.Batched;
import dev.olympus.storage.Storage;
import dev.olympus.types.AbstractValue;
import dev.olympus.types.Shape;
import java.util.List;

/** {@code iota[dimension dtype shape]}: the index along {@code dimension}, broadcast over {@code shape}. */
public final class Iota extends Primitive {
  public static final Iota IOTA = new Iota();

  private Iota() {
    super("iota");
  }

  @Override
  public List<AbstractValue> abstractEval(List<AbstractValue> in, Params params) {
    ShapeRules.arity(this, in, 0);
    Shape shape = params.shape("shape");
    ShapeRules.exactAxis(name(), "dimension", params.integer("dimension"), shape.rank());
    if (params.dtype("dtype").isBool()) throw ShapeRules.error(name(), "dtype must be numeric, got bool");
    return List.of(new AbstractValue(params.dtype("dtype"), shape, false));
  }

  @Override
  public List<Storage> evaluate(List<Storage> in, Params params) {
    Shape shape = params.shape("shape");
    int dim = params.integer("dimension");
    Storage out = Storage.allocate(params.dtype("dtype"), shape);
    int stride = shape.strides()[dim];
    int len = shape.dim(dim);
    for (int i = 0; i < out.length(); i++) out.setLong(i, (i / stride) % len);
    return List.of(out);
  }

  /** A constant: no operand to carry a tangent or a batch. */
  @Override
  public JvpResult jvp(List<Array> primals, List<Tangent> tangents, Params params) {
    return JvpResult.zeroTangents(bind(params, primals));
  }

  @Override
  public Batched batch(List<Array> args, int[] dims, Params params) {
    return Batched.of(bind(params, args).get(0), BatchAxis.NOT_BATCHED);
  }
}
