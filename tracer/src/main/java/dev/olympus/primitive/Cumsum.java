package dev.olympus.primitive;

import dev.olympus.Array;
import dev.olympus.DType;
import dev.olympus.autodiff.JvpResult;
import dev.olympus.autodiff.LinearInputs;
import dev.olympus.autodiff.Tangent;
import dev.olympus.batching.BatchAxis;
import dev.olympus.batching.Batched;
import dev.olympus.storage.Storage;
import dev.olympus.types.AbstractValue;
import java.util.List;

/**
 * {@code cumsum[axis reverse]}: running sums along one axis, first to last (last to first when {@code reverse}),
 * each added in order in the operand's dtype. Linear: its transpose is the cumulative sum the other way.
 */
public final class Cumsum extends Primitive {
  public static final Cumsum CUMSUM = new Cumsum();

  private Cumsum() {
    super("cumsum");
  }

  public static Params params(int axis, boolean reverse) {
    return Params.of("axis", axis, "reverse", reverse);
  }

  @Override
  public List<AbstractValue> abstractEval(List<AbstractValue> in, Params params) {
    ShapeRules.arity(this, in, 1);
    AbstractValue x = in.get(0);
    ShapeRules.exactAxis(name(), "axis", params.integer("axis"), x.rank());
    if (x.dtype() == DType.BOOL) throw ShapeRules.error(name(), "cannot sum bool values; convert to int32 first (Jnp.cumsum does)");
    return List.of(x);
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
            float acc = 0;
            for (int k = 0; k < n; k++) {
              int at = (int) (base + (reverse ? n - 1 - k : k) * inner);
              acc += a[at];
              r[at] = acc;
            }
          }
          case F64 -> {
            double[] a = x.f64(), r = out.f64();
            double acc = 0;
            for (int k = 0; k < n; k++) {
              int at = (int) (base + (reverse ? n - 1 - k : k) * inner);
              acc += a[at];
              r[at] = acc;
            }
          }
          default -> {
            long acc = 0;
            for (int k = 0; k < n; k++) {
              int at = (int) (base + (reverse ? n - 1 - k : k) * inner);
              acc += x.getLong(at);
              out.setLong(at, x.dtype() == DType.I32 ? (int) acc : acc);
            }
          }
        }
      }
    }
    return List.of(out);
  }

  @Override
  public JvpResult jvp(List<Array> primals, List<Tangent> tangents, Params params) {
    return linearJvp(primals, tangents, params);
  }

  @Override
  public List<Tangent> transpose(List<Tangent> cotangents, LinearInputs in, Params params) {
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
