package dev.olympus.primitive;

import dev.olympus.Array;
import dev.olympus.autodiff.JvpResult;
import dev.olympus.autodiff.LinearInputs;
import dev.olympus.autodiff.Tangent;
import dev.olympus.batching.BatchAxis;
import dev.olympus.batching.Batched;
import dev.olympus.storage.Storage;
import dev.olympus.types.AbstractValue;
import dev.olympus.types.Shape;
import java.util.List;

/**
 * {@code select_and_scatter_add[padding select_prim window_dimensions window_strides] source operand}: zeros
 * shaped as {@code operand}, with each element of {@code source} added where its window of {@code operand}
 * selected an element (as {@link SelectAndGatherAdd} selects). The gradient of max pooling (XLA's
 * SelectAndScatter with an add, JAX's {@code select_and_scatter_add_p}); windows that overlap on one selected
 * element add up there.
 *
 * <p>Linear in the source; its transpose is {@link SelectAndGatherAdd}.
 */
public final class SelectAndScatterAdd extends Primitive {
  public static final SelectAndScatterAdd SELECT_AND_SCATTER_ADD = new SelectAndScatterAdd();

  private SelectAndScatterAdd() {
    super("select_and_scatter_add");
  }

  static Params params(BinaryPrimitive select, int[] dims, int[] strides, WindowPadding padding) {
    return Params.of("padding", padding, "select_prim", select, "window_dimensions", dims, "window_strides", strides);
  }

  private static WindowGeometry geometry(Params params) {
    int[] dims = params.ints("window_dimensions");
    int[] ones = new int[dims.length];
    java.util.Arrays.fill(ones, 1);
    return new WindowGeometry(dims, params.ints("window_strides"), params.as("padding"), ones, ones);
  }

  @Override
  public List<AbstractValue> abstractEval(List<AbstractValue> in, Params params) {
    ShapeRules.arity(this, in, 2);
    ShapeRules.sameDtype(this, in);
    AbstractValue source = in.get(0), operand = in.get(1);
    Shape windows = geometry(params).outShape(name(), operand.shape());
    if (!windows.equals(source.shape())) {
      throw ShapeRules.error(name(), "source " + source + " must have one element per window of " + operand + ", "
          + windows.tuple());
    }
    return List.of(new AbstractValue(operand.dtype(), operand.shape(), false));
  }

  @Override
  public List<Storage> evaluate(List<Storage> in, Params params) {
    Storage source = in.get(0), operand = in.get(1);
    WindowGeometry g = geometry(params);
    int windows = Math.toIntExact(source.shape().size());
    int[] chosen = SelectAndGatherAdd.selected(operand, params.as("select_prim"),
        g.reads(operand.shape(), source.shape()), windows, g.windowSize());
    Storage out = Storage.allocate(operand.dtype(), operand.shape());
    boolean floating = operand.dtype().isFloating();
    for (int o = 0; o < windows; o++) {
      int at = chosen[o];
      if (at < 0) continue;
      if (floating) out.setDouble(at, out.getDouble(at) + source.getDouble(o));
      else out.setLong(at, out.getLong(at) + source.getLong(o));
    }
    return List.of(out);
  }

  @Override
  public JvpResult jvp(List<Array> primals, List<Tangent> tangents, Params params) {
    Array out = bind1(params, primals.get(0), primals.get(1));
    Tangent t = tangents.get(0);
    if (t.isZero()) return JvpResult.of(out, Tangent.zero(out.aval()));
    return JvpResult.of(out, Tangent.of(bind1(params, t.value(), primals.get(1))));
  }

  @Override
  public List<Tangent> transpose(List<Tangent> cotangents, LinearInputs in, Params params) {
    if (in.isUndefined(1)) throw new IllegalStateException("select_and_scatter_add is not linear in its operand");
    Tangent ct = cotangents.get(0);
    if (ct.isZero()) return List.of(Tangent.zero(in.aval(0)), Tangent.zero(in.aval(1)));
    Array gathered = SelectAndGatherAdd.SELECT_AND_GATHER_ADD.bind1(
        SelectAndGatherAdd.params(params.as("select_prim"), geometry(params)), ct.value(), in.value(1));
    return List.of(Tangent.of(gathered), Tangent.zero(in.aval(1)));
  }

  @Override
  public Batched batch(List<Array> args, int[] dims, Params params) {
    int size = BatchAxis.size(args, dims);
    Array source = BatchAxis.toFront(args.get(0), dims[0], size);
    Array operand = BatchAxis.toFront(args.get(1), dims[1], size);
    WindowGeometry g = geometry(params).batched();
    return Batched.of(bind1(params(params.as("select_prim"), g.dims(), g.strides(), g.padding()), source, operand), 0);
  }
}
