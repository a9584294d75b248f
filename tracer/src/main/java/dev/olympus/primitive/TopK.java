package dev.olympus.primitive;

import dev.olympus.Array;
import dev.olympus.DType;
import dev.olympus.autodiff.JvpResult;
import dev.olympus.autodiff.Tangent;
import dev.olympus.batching.BatchAxis;
import dev.olympus.batching.Batched;
import dev.olympus.numpy.Jnp;
import dev.olympus.storage.Storage;
import dev.olympus.trace.SizeCondition;
import dev.olympus.types.AbstractValue;
import dev.olympus.types.Shape;
import java.util.Arrays;
import java.util.List;

/**
 * {@code top_k[axis k] operand}: the {@code k} largest elements along {@code axis}, largest first, and their
 * int32 indices (JAX's {@code top_k_p}). Elements are ordered as XLA's TopK orders them, by IEEE 754's total
 * order: NaN counts as the largest and a NaN with its sign bit set as the smallest, 0.0 is larger than -0.0;
 * equal elements keep their order (the lower index first), as in JAX. The JVP takes the tangent at the indices;
 * batching moves the batch axis in front.
 */
public final class TopK extends Primitive {
  public static final TopK TOP_K = new TopK();

  private TopK() {
    super("top_k");
  }

  public static Params params(int axis, int k) {
    return Params.of("axis", axis, "k", k);
  }

  @Override
  public List<AbstractValue> abstractEval(List<AbstractValue> in, Params params) {
    ShapeRules.arity(this, in, 1);
    AbstractValue x = in.get(0);
    if (x.rank() == 0) throw ShapeRules.error(name(), "needs an axis to pick from, got the scalar " + x);
    int axis = ShapeRules.exactAxis(name(), "axis", params.integer("axis"), x.rank());
    int k = params.integer("k");
    if (k < 0 || !SizeCondition.atLeast(x.shape().dim(axis), k)) {
      throw ShapeRules.error(name(), "k = " + k + " must be between 0 and the " + x.shape().dim(axis)
          + " elements along axis " + axis + " of " + x);
    }
    if (x.dtype().isBool()) throw ShapeRules.error(name(), "orders numbers, not bools (" + x + ")");
    int[] dims = x.shape().dims();
    dims[axis] = k;
    Shape out = Shape.of(dims);
    return List.of(new AbstractValue(x.dtype(), out, false), new AbstractValue(DType.I32, out, false));
  }

  @Override
  public List<Storage> evaluate(List<Storage> in, Params params) {
    Storage x = in.get(0);
    int axis = params.integer("axis");
    int k = params.integer("k");
    int[] dims = x.shape().dims();
    int n = dims[axis];
    int inner = Math.toIntExact(Shape.of(Arrays.copyOfRange(dims, axis + 1, dims.length)).size());
    int outer = n == 0 ? 0 : Math.toIntExact(x.shape().size() / ((long) n * inner));
    int[] outDims = dims.clone();
    outDims[axis] = k;
    Storage values = Storage.allocate(x.dtype(), Shape.of(outDims));
    Storage indices = Storage.allocate(DType.I32, Shape.of(outDims));
    Integer[] order = new Integer[n];
    for (int o = 0; o < outer; o++) {
      for (int i = 0; i < inner; i++) {
        int base = o * n * inner + i;
        int outBase = o * k * inner + i;
        for (int j = 0; j < n; j++) order[j] = j;
        // A stable sort, largest first, in IEEE 754's total order (XLA's TopK compares so): NaN leads, a NaN
        // with its sign bit set (what 0/0 and inf - inf give on x86) comes last, and 0.0 before -0.0.
        if (x.dtype().isFloating()) {
          Arrays.sort(order, (p, q) -> Long.compare(totalOrderKey(x.getDouble(base + q * inner)),
              totalOrderKey(x.getDouble(base + p * inner))));
        } else {
          Arrays.sort(order, (p, q) -> Long.compare(x.getLong(base + q * inner), x.getLong(base + p * inner)));
        }
        for (int j = 0; j < k; j++) {
          values.copyElement(x, base + order[j] * inner, outBase + j * inner);
          indices.setLong(outBase + j * inner, order[j]);
        }
      }
    }
    return List.of(values, indices);
  }

  /**
   * A key whose signed order is IEEE 754's totalOrder of {@code v}: -NaN < -inf < ... < -0.0 < 0.0 < ... < inf <
   * NaN. Widening a float to double keeps its sign bit (and NaN-ness), so this orders every float dtype.
   */
  static long totalOrderKey(double v) {
    long bits = Double.doubleToRawLongBits(v);
    return bits ^ ((bits >> 63) & Long.MAX_VALUE);
  }

  @Override
  public JvpResult jvp(List<Array> primals, List<Tangent> tangents, Params params) {
    List<Array> outs = bind(params, primals);
    Tangent t = tangents.get(0);
    Tangent dv = t.isZero() ? Tangent.zero(outs.get(0).aval())
        : Tangent.of(Jnp.takeAlongAxis(t.value(), outs.get(1), params.integer("axis")));
    return new JvpResult(outs, List.of(dv, Tangent.zero(outs.get(1).aval())));
  }

  @Override
  public Batched batch(List<Array> args, int[] dims, Params params) {
    Array x = BatchAxis.moveAxis(args.get(0), dims[0], 0);
    return new Batched(bind(params.with("axis", params.integer("axis") + 1), List.of(x)), new int[] {0, 0});
  }
}
