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

/**
 * {@code reduce_sum}, {@code reduce_max}, {@code reduce_min} over {@code axes}. An empty reduction yields the
 * identity (0, -inf / MIN_VALUE, +inf / MAX_VALUE), as XLA does; {@code Jnp.max} of an empty array raises
 * instead, as NumPy does. Sums fold in their dtype in the order {@link dev.olympus.simd.Lanes} documents, by the
 * same loop-nest kernels compiled code runs, so eager and jitted reductions agree bit for bit.
 *
 * <p>{@code reduce_sum} is linear (its transpose broadcasts back). The tangent of {@code reduce_max/min} is
 * the tangent at the extremal elements, averaged over ties, as JAX's chooser rule does.
 */
public final class Reduce extends Primitive {
  /** The monoid each reduction folds with. */
  public enum Monoid { SUM, MAX, MIN, PROD }

  public static final Reduce SUM = new Reduce("reduce_sum", Monoid.SUM);
  public static final Reduce MAX = new Reduce("reduce_max", Monoid.MAX);
  public static final Reduce MIN = new Reduce("reduce_min", Monoid.MIN);
  public static final Reduce PROD = new Reduce("reduce_prod", Monoid.PROD);

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
    if (x.dtype().isBool() && (monoid == Monoid.SUM || monoid == Monoid.PROD)) {
      throw ShapeRules.error(name(), "cannot " + (monoid == Monoid.SUM ? "sum" : "multiply")
          + " bool values; convert to int32 first (Jnp.sum and Jnp.prod do)");
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
      case PROD -> 1;
    };
  }

  @Override
  public List<Storage> evaluate(List<Storage> in, Params params) {
    Storage x = in.get(0);
    int[] axes = params.ints("axes");
    Shape outShape = reducedShape(x.shape(), axes);
    DType d = x.dtype();
    if (d != DType.BOOL) return List.of(dev.olympus.execution.Reductions.reduce(stripOp(), x, axes, outShape));
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
          case PROD -> acc[t] * v;
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
          case PROD -> acc[t] * v;
        };
      }
      for (int j = 0; j < m; j++) out.setLong(j, acc[j]);
    }
    return List.of(out);
  }

  /** The strip library's name for this reduction. */
  public dev.olympus.simd.StripOp.Monoid stripOp() {
    return switch (monoid) {
      case SUM -> dev.olympus.simd.StripOp.Monoid.SUM;
      case MAX -> dev.olympus.simd.StripOp.Monoid.MAX;
      case MIN -> dev.olympus.simd.StripOp.Monoid.MIN;
      case PROD -> dev.olympus.simd.StripOp.Monoid.PROD;
    };
  }

  /** The dimensions of {@code rank} not in {@code axes}, in order: where a reduced result broadcasts back. */
  static int[] keptDims(int rank, int[] axes) {
    int[] kept = new int[rank - axes.length];
    int k = 0;
    outer:
    for (int d = 0; d < rank; d++) {
      for (int a : axes) if (a == d) continue outer;
      kept[k++] = d;
    }
    return kept;
  }

  @Override
  public JvpResult jvp(List<Array> primals, List<Tangent> tangents, Params params) {
    if (monoid == Monoid.SUM) return linearJvp(primals, tangents, params);
    if (monoid == Monoid.PROD) return prodJvp(primals.get(0), tangents.get(0), params);
    Array x = primals.get(0);
    Array ans = bind1(params, x);
    Tangent g = tangents.get(0);
    if (g.isZero()) return JvpResult.zeroTangents(List.of(ans));
    int[] axes = params.ints("axes");
    Array atExtremum = Lax.convertElementType(
        Lax.eq(x, Lax.broadcastInDim(ans, x.shape(), keptDims(x.ndim(), axes))), x.dtype(), false);
    Array counts = Lax.reduceSum(atExtremum, axes);
    return JvpResult.of(ans, Tangent.of(Lax.div(Lax.reduceSum(Lax.mul(g.value(), atExtremum), axes), counts)));
  }

  /**
   * {@code d prod / d x_i} is the product of the other elements: {@code prod / x_i} when no element is 0; the
   * product of the others at the one zero, and 0 elsewhere, when exactly one is; 0 when more are. Written that
   * way (not as {@code prod / x}), so zeros give JAX's finite gradients instead of NaN.
   */
  private JvpResult prodJvp(Array x, Tangent g, Params params) {
    Array ans = bind1(params, x);
    if (g.isZero()) return JvpResult.zeroTangents(List.of(ans));
    int[] axes = params.ints("axes");
    int[] shape = x.shape();
    int[] kept = keptDims(x.ndim(), axes);
    int[] none = new int[0];
    Array zeroX = Lax.broadcastInDim(scalarLike(x, 0), shape, none);
    Array oneX = Lax.broadcastInDim(scalarLike(x, 1), shape, none);
    Array isZero = Lax.eq(x, zeroX);
    Array zeros = Lax.reduceSum(Lax.convertElementType(isZero, DType.I32, false), axes);
    int[] reduced = zeros.shape();
    Array noZero = Lax.broadcastInDim(Lax.eq(zeros, Lax.broadcastInDim(count(0), reduced, none)), shape, kept);
    Array oneZero = Lax.broadcastInDim(Lax.eq(zeros, Lax.broadcastInDim(count(1), reduced, none)), shape, kept);
    Array safeX = Lax.selectN(isZero, x, oneX);
    // The product of the nonzero elements: at the one zero, the product of the others.
    Array others = Lax.broadcastInDim(bind1(params, safeX), shape, kept);
    Array quotient = Lax.div(Lax.broadcastInDim(ans, shape, kept), safeX);
    Array atTheZero = Lax.selectN(Lax.and(isZero, oneZero), zeroX, others);
    Array d = Lax.selectN(noZero, atTheZero, quotient);
    return JvpResult.of(ans, Tangent.of(Lax.reduceSum(Lax.mul(g.value(), d), axes)));
  }

  private static Array count(long n) {
    return Array.fromStorage(Storage.scalarLong(DType.I32, n), false);
  }

  @Override
  public List<Tangent> transpose(List<Tangent> cotangents, LinearInputs in, Params params) {
    if (monoid != Monoid.SUM) return super.transpose(cotangents, in, params);
    AbstractValue x = in.aval(0);
    int[] axes = params.ints("axes");
    if (axes.length == 0) return List.of(cotangents.get(0));
    int[] kept = keptDims(x.rank(), axes);
    return List.of(cotangents.get(0).map(x, ct -> Lax.broadcastInDim(ct, x.shape().dims(), kept)));
  }

  @Override
  public Batched batch(List<Array> args, int[] dims, Params params) {
    int bdim = dims[0];
    int[] axes = BatchAxis.batchedAxes(params.ints("axes"), bdim);
    int before = 0;
    for (int a : axes) if (a < bdim) before++;
    return Batched.of(bind1(params.with("axes", axes), args.get(0)), bdim - before);
  }
}
