package dev.olympus.primitive;

import dev.olympus.Array;
import dev.olympus.DType;
import dev.olympus.Fn1;
import dev.olympus.PrimalAndTangent;
import dev.olympus.autodiff.Grad;
import dev.olympus.autodiff.JvpResult;
import dev.olympus.autodiff.LinearInputs;
import dev.olympus.autodiff.Tangent;
import dev.olympus.batching.BatchAxis;
import dev.olympus.batching.Batched;
import dev.olympus.lax.Lax;
import dev.olympus.storage.Storage;
import dev.olympus.types.AbstractValue;
import java.util.List;

/**
 * {@code cumsum[axis reverse]}, {@code cumprod}, {@code cummax}, {@code cummin}: running reductions along one
 * axis, first to last (last to first when {@code reverse}), each element folded in order in the operand's dtype
 * by the {@link #combiner()} from the binary-op table (JAX's {@code cumsum_p} and friends). Element {@code k}
 * is {@code identity (op) x[0] (op) ... (op) x[k]}, so a sum turns {@code -0.0} into {@code 0.0} as XLA's does.
 *
 * <p>Rules, as JAX's {@code loops.py}: {@code cumsum} is linear, its transpose the cumulative sum the other way.
 * The others differentiate as {@link Lax#associativeScan} of their combiner does (JAX's
 * {@code _cumulative_jvp_rule}): a prefix scan of slices, pads and the combiner's own JVP, which needs no rule
 * for zeros (a product with a zero in it) or ties (a max reached twice shares its tangent).
 */
public final class Cumulative extends Primitive {
  public static final Cumulative CUMSUM = new Cumulative("cumsum", BinaryPrimitive.ADD);
  public static final Cumulative CUMPROD = new Cumulative("cumprod", BinaryPrimitive.MUL);
  public static final Cumulative CUMMAX = new Cumulative("cummax", BinaryPrimitive.MAX);
  public static final Cumulative CUMMIN = new Cumulative("cummin", BinaryPrimitive.MIN);

  private final BinaryPrimitive combiner;

  private Cumulative(String name, BinaryPrimitive combiner) {
    super(name);
    this.combiner = combiner;
  }

  public BinaryPrimitive combiner() { return combiner; }

  public static Params params(int axis, boolean reverse) {
    return Params.of("axis", axis, "reverse", reverse);
  }

  @Override
  public List<AbstractValue> abstractEval(List<AbstractValue> in, Params params) {
    ShapeRules.arity(this, in, 1);
    AbstractValue x = in.get(0);
    ShapeRules.exactAxis(name(), "axis", params.integer("axis"), x.rank());
    if (x.dtype() == DType.BOOL) {
      throw ShapeRules.error(name(), "accepts numbers, not bool values; convert to int32 first (Jnp." + name()
          + " does)");
    }
    return List.of(x);
  }

  private double floatIdentity() {
    if (this == CUMSUM) return 0;
    if (this == CUMPROD) return 1;
    return this == CUMMAX ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
  }

  private long intIdentity() {
    if (this == CUMSUM) return 0;
    if (this == CUMPROD) return 1;
    return this == CUMMAX ? Long.MIN_VALUE : Long.MAX_VALUE;
  }

  @Override
  public List<Storage> evaluate(List<Storage> in, Params params) {
    Storage x = in.get(0);
    int axis = params.integer("axis");
    boolean reverse = params.flag("reverse");
    int[] dims = x.shape().dims();
    int n = dims[axis];
    long inner = 1;
    for (int d = axis + 1; d < dims.length; d++) inner *= dims[d];
    long outer = n == 0 ? 0 : x.shape().size() / ((long) n * inner);
    Storage out = Storage.allocate(x.dtype(), x.shape());
    for (long o = 0; o < outer; o++) {
      for (long i = 0; i < inner; i++) {
        long base = o * n * inner + i;
        switch (x.dtype()) {
          case F32 -> {
            float[] a = x.f32(), r = out.f32();
            float acc = (float) floatIdentity();
            for (int k = 0; k < n; k++) {
              int at = (int) (base + (reverse ? n - 1 - k : k) * inner);
              // One f32 rounding per step: the double op of two floats rounds to the f32 op's result.
              acc = (float) combiner.applyFloat(acc, a[at]);
              r[at] = acc;
            }
          }
          case F64 -> {
            double[] a = x.f64(), r = out.f64();
            double acc = floatIdentity();
            for (int k = 0; k < n; k++) {
              int at = (int) (base + (reverse ? n - 1 - k : k) * inner);
              acc = combiner.applyFloat(acc, a[at]);
              r[at] = acc;
            }
          }
          default -> {
            long acc = intIdentity();
            for (int k = 0; k < n; k++) {
              int at = (int) (base + (reverse ? n - 1 - k : k) * inner);
              acc = combiner.applyInt(acc, x.getLong(at));
              if (x.dtype() == DType.I32) acc = (int) acc;
              out.setLong(at, acc);
            }
          }
        }
      }
    }
    return List.of(out);
  }

  @Override
  public JvpResult jvp(List<Array> primals, List<Tangent> tangents, Params params) {
    if (this == CUMSUM) return linearJvp(primals, tangents, params);
    Array x = primals.get(0);
    Tangent t = tangents.get(0);
    if (t.isZero()) {
      Array out = bind1(params, x);
      return JvpResult.of(out, Tangent.zero(out.aval()));
    }
    int axis = params.integer("axis");
    boolean reverse = params.flag("reverse");
    // The primal is this primitive's own (the scan's reassociated products round differently); the tangent is
    // the scan's.
    PrimalAndTangent<Array> scan = Grad.jvp(new ScanOf(combiner, reverse, axis), x, t.value());
    return JvpResult.of(bind1(params, x), Tangent.of(scan.tangent()));
  }

  /** The associative scan of {@code combiner}, as a named function (jvp traces its one array argument). */
  private record ScanOf(BinaryPrimitive combiner, boolean reverse, int axis) implements Fn1<Array, Array> {
    @Override
    public Array apply(Array v) {
      return Lax.associativeScan((a, b) -> combiner.bind1(Params.NONE, a, b), v, reverse, axis);
    }
  }

  @Override
  public List<Tangent> transpose(List<Tangent> cotangents, LinearInputs in, Params params) {
    if (this != CUMSUM) return super.transpose(cotangents, in, params);
    Params other = params.with("reverse", !params.flag("reverse"));
    return List.of(cotangents.get(0).map(in.aval(0), ct -> bind1(other, ct)));
  }

  @Override
  public Batched batch(List<Array> args, int[] dims, Params params) {
    int bdim = dims[0];
    int axis = BatchAxis.batchedAxes(new int[] {params.integer("axis")}, bdim)[0];
    return Batched.of(bind1(params.with("axis", axis), args.get(0)), bdim);
  }
}
