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

/** {@code concatenate[dimension]}: operands of one dtype whose shapes agree except along {@code dimension}. */
public final class Concatenate extends Primitive {
  public static final Concatenate CONCATENATE = new Concatenate();

  private Concatenate() {
    super("concatenate");
  }

  @Override
  public List<AbstractValue> abstractEval(List<AbstractValue> in, Params params) {
    if (in.isEmpty()) throw ShapeRules.error(name(), "needs at least one operand");
    ShapeRules.sameDtype(this, in);
    AbstractValue first = in.get(0);
    if (first.rank() == 0) throw ShapeRules.error(name(), "cannot concatenate 0-d arrays; reshape them to (1,)");
    int dim = params.integer("dimension");
    ShapeRules.exactAxis(name(), "dimension", dim, first.rank());
    long total = 0;
    boolean weak = true;
    for (AbstractValue a : in) {
      if (a.rank() != first.rank()) {
        throw ShapeRules.error(name(), "operands must have one rank, got " + ShapeRules.describe(in));
      }
      for (int d = 0; d < a.rank(); d++) {
        if (d != dim && a.shape().dim(d) != first.shape().dim(d)) {
          throw ShapeRules.error(name(), "shapes must agree except along dimension " + dim + ", got "
              + ShapeRules.describe(in));
        }
      }
      total += a.shape().dim(dim);
      weak &= a.weak();
    }
    int[] dims = first.shape().dims();
    dims[dim] = ShapeRules.dimension(name(), "dimension " + dim + " of the result", total);
    return List.of(new AbstractValue(first.dtype(), Shape.of(name(), "the result's shape", dims), weak));
  }

  @Override
  public List<Storage> evaluate(List<Storage> in, Params params) {
    int dim = params.integer("dimension");
    Storage first = in.get(0);
    int[] dims = first.shape().dims();
    int total = 0;
    for (Storage s : in) total += s.shape().dim(dim);
    dims[dim] = total;
    Shape outShape = Shape.of(dims);
    Storage out = Storage.allocate(first.dtype(), outShape);
    // Rows of the prefix dimensions, each holding a contiguous block per operand.
    int outer = 1;
    for (int d = 0; d < dim; d++) outer *= dims[d];
    int inner = 1;
    for (int d = dim + 1; d < dims.length; d++) inner *= dims[d];
    int pos = 0;
    for (int r = 0; r < outer; r++) {
      for (Storage s : in) {
        int block = s.shape().dim(dim) * inner;
        System.arraycopy(s.data(), r * block, out.data(), pos, block);
        pos += block;
      }
    }
    return List.of(out);
  }

  @Override
  public JvpResult jvp(List<Array> primals, List<Tangent> tangents, Params params) {
    return linearJvp(primals, tangents, params);
  }

  /** Each operand's cotangent is its slice of the result's. */
  @Override
  public List<Tangent> transpose(List<Tangent> cotangents, LinearInputs in, Params params) {
    Array ct = cotangents.get(0).value();
    int dim = params.integer("dimension");
    List<Tangent> result = new java.util.ArrayList<>();
    int offset = 0;
    for (int i = 0; i < in.size(); i++) {
      AbstractValue x = in.aval(i);
      int size = x.shape().dim(dim);
      if (in.isUndefined(i)) {
        int[] start = new int[x.rank()];
        int[] limit = ct.shape();
        start[dim] = offset;
        limit[dim] = offset + size;
        int[] ones = new int[x.rank()];
        java.util.Arrays.fill(ones, 1);
        result.add(Tangent.of(Lax.slice(ct, start, limit, ones)));
      } else {
        result.add(Tangent.zero(x));
      }
      offset += size;
    }
    return result;
  }

  @Override
  public Batched batch(List<Array> args, int[] dims, Params params) {
    int size = BatchAxis.size(args, dims);
    List<Array> moved = new java.util.ArrayList<>();
    for (int i = 0; i < args.size(); i++) moved.add(BatchAxis.toFront(args.get(i), dims[i], size));
    return Batched.of(bind(params.with("dimension", params.integer("dimension") + 1), moved).get(0), 0);
  }
}
