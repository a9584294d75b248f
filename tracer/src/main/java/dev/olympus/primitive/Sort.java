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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code sort[dimension is_stable num_keys=1]} as JAX's: sorts every operand along {@code dimension} by the
 * first, stably, in IEEE total order (-inf .. -0 < 0 .. inf, NaN last). The other operands ride along, which is
 * how argsort (an iota operand) and the tangent rule work: a tangent is sorted as one more operand, and its
 * transpose un-sorts the cotangent by sorting it keyed on the permutation.
 */
public final class Sort extends Primitive {
  public static final Sort SORT = new Sort();

  private Sort() {
    super("sort");
  }

  public static Params params(int dimension) {
    return Params.of("dimension", dimension, "is_stable", true, "num_keys", 1);
  }

  @Override
  public List<AbstractValue> abstractEval(List<AbstractValue> in, Params params) {
    if (in.isEmpty()) throw ShapeRules.error(name(), "needs at least one operand");
    AbstractValue keys = in.get(0);
    ShapeRules.exactAxis(name(), "dimension", params.integer("dimension"), keys.rank());
    List<AbstractValue> out = new ArrayList<>();
    for (AbstractValue a : in) {
      if (!a.shape().equals(keys.shape())) {
        throw ShapeRules.error(name(), "every operand needs the keys' shape " + keys.shape() + ", got " + a.shape());
      }
      out.add(new AbstractValue(a.dtype(), a.shape(), false));
    }
    return out;
  }

  @Override
  public List<Storage> evaluate(List<Storage> in, Params params) {
    Storage keys = in.get(0);
    int axis = params.integer("dimension");
    int[] dims = keys.shape().dims();
    int n = dims[axis];
    long inner = 1;
    for (int d = axis + 1; d < dims.length; d++) inner *= dims[d];
    long outer = n == 0 ? 0 : keys.shape().size() / ((long) n * inner);
    List<Storage> outs = new ArrayList<>();
    for (Storage s : in) outs.add(Storage.allocate(s.dtype(), s.shape()));
    Integer[] order = new Integer[n];
    for (long o = 0; o < outer; o++) {
      for (long i = 0; i < inner; i++) {
        long base = o * n * inner + i;
        long step = inner;
        for (int k = 0; k < n; k++) order[k] = k;
        // Arrays.sort on objects is a stable merge sort; Double.compare is IEEE total order with NaN last.
        if (keys.dtype().isFloating()) {
          Arrays.sort(order, (p, q) -> Double.compare(keys.getDouble((int) (base + p * step)),
              keys.getDouble((int) (base + q * step))));
        } else {
          Arrays.sort(order, (p, q) -> Long.compare(keys.getLong((int) (base + p * step)),
              keys.getLong((int) (base + q * step))));
        }
        for (int j = 0; j < in.size(); j++) {
          Storage src = in.get(j), dst = outs.get(j);
          for (int k = 0; k < n; k++) dst.copyElement(src, (int) (base + order[k] * step), (int) (base + k * step));
        }
      }
    }
    return outs;
  }

  @Override
  public JvpResult jvp(List<Array> primals, List<Tangent> tangents, Params params) {
    List<Array> operands = new ArrayList<>(primals);
    List<Integer> carried = new ArrayList<>();
    for (int i = 0; i < tangents.size(); i++) {
      if (tangents.get(i).isZero()) continue;
      carried.add(i);
      operands.add(tangents.get(i).value());
    }
    List<Array> sorted = bind(params, operands);
    List<Array> outs = sorted.subList(0, primals.size());
    List<Tangent> outTangents = new ArrayList<>();
    for (int i = 0; i < primals.size(); i++) {
      int at = carried.indexOf(i);
      outTangents.add(at < 0 ? Tangent.zero(outs.get(i).aval()) : Tangent.of(sorted.get(primals.size() + at)));
    }
    return new JvpResult(List.copyOf(outs), outTangents);
  }

  /** Linear in the operands after the keys: the cotangent goes back to where each element came from. */
  @Override
  public List<Tangent> transpose(List<Tangent> cotangents, LinearInputs in, Params params) {
    Array keys = in.value(0);
    int axis = params.integer("dimension");
    Array iota = Lax.iota(DType.I32, keys.shape(), axis);
    Array permutation = bind(params, List.of(keys, iota)).get(1);
    List<Tangent> out = new ArrayList<>();
    out.add(Tangent.zero(in.aval(0)));
    for (int i = 1; i < in.size(); i++) {
      Tangent ct = cotangents.get(i);
      out.add(ct.isZero() ? ct : Tangent.of(bind(params, List.of(permutation, ct.value())).get(1)));
    }
    return out;
  }

  @Override
  public Batched batch(List<Array> args, int[] dims, Params params) {
    // Every operand batched along axis 0 (an unbatched one broadcast), the sorted axis one further.
    int size = BatchAxis.size(args, dims);
    List<Array> operands = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) operands.add(BatchAxis.toFront(args.get(i), dims[i], size));
    List<Array> sorted = bind(params.with("dimension", params.integer("dimension") + 1), operands);
    return new Batched(sorted, new int[sorted.size()]);
  }
}
