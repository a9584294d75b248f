package dev.olympus.primitive;

import dev.olympus.Array;
import dev.olympus.DType;
import dev.olympus.autodiff.JvpResult;
import dev.olympus.autodiff.Tangent;
import dev.olympus.batching.BatchAxis;
import dev.olympus.batching.Batched;
import dev.olympus.storage.Storage;
import dev.olympus.types.AbstractValue;
import dev.olympus.types.Shape;
import java.util.List;

/**
 * {@code argmax[axes index_dtype]} and {@code argmin}: the index along one axis of the first largest (smallest)
 * element, as JAX's primitives. A NaN counts as larger (smaller) than everything, so the first NaN wins, as in
 * JAX and NumPy. The result is an integer, so its tangent is a symbolic zero.
 */
public final class ArgReduce extends Primitive {
  public static final ArgReduce ARGMAX = new ArgReduce("argmax", true);
  public static final ArgReduce ARGMIN = new ArgReduce("argmin", false);

  private final boolean max;

  private ArgReduce(String name, boolean max) {
    super(name);
    this.max = max;
  }

  public static Params params(int axis) {
    return Params.of("axes", new int[] {axis}, "index_dtype", DType.I32);
  }

  @Override
  public List<AbstractValue> abstractEval(List<AbstractValue> in, Params params) {
    ShapeRules.arity(this, in, 1);
    AbstractValue x = in.get(0);
    int[] axes = params.ints("axes");
    if (axes.length != 1) throw ShapeRules.error(name(), "reduces exactly one axis, got " + Shape.tuple(axes));
    int axis = ShapeRules.exactAxis(name(), "axes", axes[0], x.rank());
    if (x.shape().dim(axis) == 0) {
      throw ShapeRules.error(name(), "an empty axis has no " + (max ? "largest" : "smallest") + " element (shape "
          + x.shape() + ", axis " + axis + ")");
    }
    return List.of(new AbstractValue(params.dtype("index_dtype"), Reduce.reducedShape(x.shape(), axes), false));
  }

  @Override
  public List<Storage> evaluate(List<Storage> in, Params params) {
    Storage x = in.get(0);
    int axis = params.ints("axes")[0];
    int[] dims = x.shape().dims();
    int n = dims[axis];
    long inner = 1;
    for (int d = axis + 1; d < dims.length; d++) inner *= dims[d];
    long outer = x.shape().size() / Math.max(1, (long) n * inner);
    Storage out = Storage.allocate(params.dtype("index_dtype"), Reduce.reducedShape(x.shape(), new int[] {axis}));
    boolean floating = x.dtype().isFloating();
    for (long o = 0; o < outer; o++) {
      for (long i = 0; i < inner; i++) {
        int base = (int) (o * n * inner + i);
        int best = 0;
        if (floating) {
          double b = x.getDouble(base);
          for (int k = 1; k < n && !Double.isNaN(b); k++) {
            double v = x.getDouble((int) (base + k * inner));
            if (Double.isNaN(v) || (max ? v > b : v < b)) {
              b = v;
              best = k;
            }
          }
        } else {
          long b = x.getLong(base);
          for (int k = 1; k < n; k++) {
            long v = x.getLong((int) (base + k * inner));
            if (max ? v > b : v < b) {
              b = v;
              best = k;
            }
          }
        }
        out.setLong((int) (o * inner + i), best);
      }
    }
    return List.of(out);
  }

  @Override
  public JvpResult jvp(List<Array> primals, List<Tangent> tangents, Params params) {
    return JvpResult.zeroTangents(List.of(bind1(params, primals.get(0))));
  }

  @Override
  public Batched batch(List<Array> args, int[] dims, Params params) {
    int bdim = dims[0];
    int axis = BatchAxis.batchedAxes(params.ints("axes"), bdim)[0];
    return Batched.of(bind1(params.with("axes", new int[] {axis}), args.get(0)), axis < bdim ? bdim - 1 : bdim);
  }
}
