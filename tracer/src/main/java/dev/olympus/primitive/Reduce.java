package dev.olympus.primitive;

import dev.olympus.DType;
import dev.olympus.storage.Storage;
import dev.olympus.types.AbstractValue;
import dev.olympus.types.Shape;
import java.util.List;

/**
 * {@code reduce_sum}, {@code reduce_max}, {@code reduce_min} over {@code axes}. An empty reduction yields the
 * identity (0, -inf / MIN_VALUE, +inf / MAX_VALUE), as XLA does; {@code Jnp.max} of an empty array raises
 * instead, as NumPy does. Float32 sums accumulate in double and round once.
 */
public final class Reduce extends Primitive {
  /** The monoid each reduction folds with. */
  public enum Monoid { SUM, MAX, MIN }

  public static final Reduce SUM = new Reduce("reduce_sum", Monoid.SUM);
  public static final Reduce MAX = new Reduce("reduce_max", Monoid.MAX);
  public static final Reduce MIN = new Reduce("reduce_min", Monoid.MIN);

  private final Monoid monoid;

  private Reduce(String name, Monoid monoid) {
    super(name);
    this.monoid = monoid;
  }

  public Monoid monoid() { return monoid; }

  /** The shape left after removing {@code axes} (sorted, in range). */
  public static Shape reducedShape(Shape in, int[] axes) {
    int[] out = new int[in.rank() - axes.length];
    int k = 0;
    outer:
    for (int d = 0; d < in.rank(); d++) {
      for (int a : axes) if (a == d) continue outer;
      out[k++] = in.dim(d);
    }
    return Shape.of(out);
  }

  @Override
  public List<AbstractValue> abstractEval(List<AbstractValue> in, Params params) {
    ShapeRules.arity(this, in, 1);
    AbstractValue x = in.get(0);
    int[] raw = params.ints("axes");
    int[] axes = ShapeRules.axes(name(), raw, x.rank());
    if (!java.util.Arrays.equals(axes, raw)) {
      throw ShapeRules.error(name(), "axes must be sorted, distinct and non-negative, got "
          + java.util.Arrays.toString(raw));
    }
    if (x.dtype().isBool() && monoid == Monoid.SUM) {
      throw ShapeRules.error(name(), "cannot sum bool values; convert to int32 first (Jnp.sum does)");
    }
    return List.of(new AbstractValue(x.dtype(), reducedShape(x.shape(), axes), x.weak()));
  }

  /** The identity element of this reduction for {@code dtype}, widened to double. */
  public double identity(DType dtype) {
    return switch (monoid) {
      case SUM -> 0;
      case MAX -> dtype.isFloating() ? Double.NEGATIVE_INFINITY : dtype == DType.I32 ? Integer.MIN_VALUE
          : dtype == DType.I64 ? Long.MIN_VALUE : 0;
      case MIN -> dtype.isFloating() ? Double.POSITIVE_INFINITY : dtype == DType.I32 ? Integer.MAX_VALUE
          : dtype == DType.I64 ? Long.MAX_VALUE : 1;
    };
  }

  @Override
  public List<Storage> evaluate(List<Storage> in, Params params) {
    Storage x = in.get(0);
    int[] axes = params.ints("axes");
    Shape outShape = reducedShape(x.shape(), axes);
    DType d = x.dtype();
    int[] outStrides = outShape.strides();
    int[] strides = new int[x.shape().rank()];
    int k = 0;
    outer:
    for (int dim = 0; dim < strides.length; dim++) {
      for (int a : axes) if (a == dim) continue outer;
      strides[dim] = outStrides[k++];
    }
    int[] target = MultiIndex.offsets(x.shape(), strides, 0);
    int m = Math.toIntExact(outShape.size());
    Storage out = Storage.allocate(d, outShape);
    if (d.isFloating()) {
      double[] acc = new double[m];
      java.util.Arrays.fill(acc, identity(d));
      for (int i = 0; i < target.length; i++) {
        double v = x.getDouble(i);
        int t = target[i];
        acc[t] = switch (monoid) {
          case SUM -> acc[t] + v;
          case MAX -> Math.max(acc[t], v);
          case MIN -> Math.min(acc[t], v);
        };
      }
      for (int j = 0; j < m; j++) out.setDouble(j, acc[j]);
    } else {
      long[] acc = new long[m];
      java.util.Arrays.fill(acc, (long) identity(d));
      if (d == DType.I64) {
        java.util.Arrays.fill(acc, monoid == Monoid.MAX ? Long.MIN_VALUE : monoid == Monoid.MIN ? Long.MAX_VALUE : 0);
      }
      for (int i = 0; i < target.length; i++) {
        long v = x.getLong(i);
        int t = target[i];
        acc[t] = switch (monoid) {
          case SUM -> acc[t] + v;
          case MAX -> Math.max(acc[t], v);
          case MIN -> Math.min(acc[t], v);
        };
      }
      for (int j = 0; j < m; j++) out.setLong(j, acc[j]);
    }
    return List.of(out);
  }
}
