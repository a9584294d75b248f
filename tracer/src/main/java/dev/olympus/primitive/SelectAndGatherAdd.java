package dev.olympus.primitive;

import dev.olympus.Array;
import dev.olympus.DType;
import dev.olympus.autodiff.JvpResult;
import dev.olympus.autodiff.LinearInputs;
import dev.olympus.autodiff.Tangent;
import dev.olympus.batching.BatchAxis;
import dev.olympus.batching.Batched;
import dev.olympus.errors.OlympusException;
import dev.olympus.lax.Lax;
import dev.olympus.storage.Storage;
import dev.olympus.types.AbstractValue;
import dev.olympus.types.Shape;
import java.util.List;

/**
 * {@code select_and_gather_add[base_dilation padding select_prim window_dilation window_dimensions window_strides]
 * tangents operand}: for each window of {@code operand}, the element of {@code tangents} where the window's
 * selected element is, the selection being the first element {@code e} of the window (in window order) for
 * which {@code select_prim(e, later)} holds against every later one ({@code ge}: the first maximum). The JVP of
 * {@code reduce_window_max/min} (JAX's {@code select_and_gather_add_p}); a window of padding only gives 0.
 *
 * <p>Linear in the tangents; its transpose is {@link SelectAndScatterAdd} (which needs no window dilation, as in
 * JAX; a base dilation is handled by padding the operand with the selection's identity and striding back).
 */
public final class SelectAndGatherAdd extends Primitive {
  public static final SelectAndGatherAdd SELECT_AND_GATHER_ADD = new SelectAndGatherAdd();

  private SelectAndGatherAdd() {
    super("select_and_gather_add");
  }

  static Params params(BinaryPrimitive select, WindowGeometry g) {
    return g.params().with("select_prim", select);
  }

  @Override
  public List<AbstractValue> abstractEval(List<AbstractValue> in, Params params) {
    ShapeRules.arity(this, in, 2);
    ShapeRules.sameDtype(this, in);
    if (!in.get(0).shape().equals(in.get(1).shape())) {
      throw ShapeRules.error(name(), "tangents " + in.get(0) + " and operand " + in.get(1) + " must have one shape");
    }
    AbstractValue t = in.get(0);
    return List.of(new AbstractValue(t.dtype(), WindowGeometry.of(params).outShape(name(), t.shape()), false));
  }

  /** For each window (row-major), the flat index of its selected element in the operand, or -1 if it has none. */
  static int[] selected(Storage operand, BinaryPrimitive select, WindowGeometry.Reads reads, int windows, int win) {
    int[] out = new int[windows];
    if (operand.dtype() == DType.F32 && reads.table() == null && win > 0) return selectedF32(operand.f32(), select, reads, out);
    for (int o = 0; o < windows; o++) {
      int chosen = -1;
      double best = 0;
      for (int w = 0; w < win; w++) {
        int s = reads.at(o, w);
        if (s < 0) continue;
        double v = operand.getDouble(s);
        // Keep the current choice while select(current, v) holds (ge: a later equal value does not displace it).
        if (chosen < 0 || !(select == BinaryPrimitive.GE ? best >= v : best <= v)) {
          chosen = s;
          best = v;
        }
      }
      out[o] = chosen;
    }
    return out;
  }

  /** {@link #selected} of pooling's case (every window on the operand, f32), without a dispatch per element. */
  private static int[] selectedF32(float[] x, BinaryPrimitive select, WindowGeometry.Reads reads, int[] out) {
    int[] rowBases = reads.rowBases(), offsets = reads.offsets();
    int cols = reads.cols(), colStep = reads.colStep();
    boolean ge = select == BinaryPrimitive.GE;
    for (int r = 0, o = 0; r < rowBases.length; r++) {
      for (int j = 0, base = rowBases[r]; j < cols; j++, o++, base += colStep) {
        int chosen = base + offsets[0];
        float best = x[chosen];
        for (int w = 1; w < offsets.length; w++) {
          int s = base + offsets[w];
          float v = x[s];
          // Masks, not a branch: which element wins is as random as the data, and a mispredicted branch per
          // element made this loop most of max pooling's gradient (100,352 windows of 2x2: 1.57 ms, 0.69 with
          // masks; C2 kept the branch for a ternary). Taking v copies its bits, as the assignment did.
          int take = (ge ? best >= v : best <= v) ? 0 : -1;
          chosen ^= (chosen ^ s) & take;
          best = Float.intBitsToFloat(Float.floatToRawIntBits(best) ^ ((Float.floatToRawIntBits(best)
              ^ Float.floatToRawIntBits(v)) & take));
        }
        out[o] = chosen;
      }
    }
    return out;
  }

  @Override
  public List<Storage> evaluate(List<Storage> in, Params params) {
    Storage tangents = in.get(0), operand = in.get(1);
    WindowGeometry g = WindowGeometry.of(params);
    Shape outShape = g.outShape(name(), operand.shape());
    int windows = Math.toIntExact(outShape.size());
    int[] chosen = selected(operand, params.as("select_prim"), g.reads(operand.shape(), outShape), windows,
        g.windowSize());
    Storage out = Storage.allocate(tangents.dtype(), outShape);
    for (int o = 0; o < windows; o++) if (chosen[o] >= 0) out.copyElement(tangents, chosen[o], o);
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
    if (in.isUndefined(1)) throw new IllegalStateException("select_and_gather_add is not linear in its operand");
    Tangent ct = cotangents.get(0);
    if (ct.isZero()) return List.of(Tangent.zero(in.aval(0)), Tangent.zero(in.aval(1)));
    WindowGeometry g = WindowGeometry.of(params);
    for (int d : g.windowDilation()) {
      if (d != 1) {
        throw new OlympusException("reverse mode of max/min pooling with a window dilation is not implemented (as in "
            + "JAX); use forward mode (jvp) or an undilated window.");
      }
    }
    BinaryPrimitive select = params.as("select_prim");
    Array operand = in.value(1);
    int[] base = g.baseDilation();
    boolean hasBase = false;
    for (int d : base) hasBase |= d != 1;
    if (hasBase) {
      // Holes hold the selection's identity, so they are chosen only where a window has nothing else.
      int rank = base.length;
      int[] interior = new int[rank];
      for (int d = 0; d < rank; d++) interior[d] = base[d] - 1;
      double identity = select == BinaryPrimitive.GE ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
      Array fill = Lax.convertElementType(dev.olympus.numpy.Jnp.literal(identity), operand.dtype(), false);
      operand = Lax.pad(operand, fill, new int[rank], new int[rank], interior);
    }
    Array result = SelectAndScatterAdd.SELECT_AND_SCATTER_ADD.bind1(SelectAndScatterAdd.params(select, g.dims(),
        g.strides(), g.padding()), ct.value(), operand);
    if (hasBase) {
      result = Lax.slice(result, new int[base.length], result.shape(), base);
    }
    return List.of(Tangent.of(result), Tangent.zero(in.aval(1)));
  }

  @Override
  public Batched batch(List<Array> args, int[] dims, Params params) {
    int size = BatchAxis.size(args, dims);
    Array t = BatchAxis.toFront(args.get(0), dims[0], size);
    Array x = BatchAxis.toFront(args.get(1), dims[1], size);
    Params batched = WindowGeometry.of(params).batched().params().with("select_prim", params.get("select_prim"));
    return Batched.of(bind1(batched, t, x), 0);
  }
}
