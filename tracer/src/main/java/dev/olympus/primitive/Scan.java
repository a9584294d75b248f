package dev.olympus.primitive;

import dev.olympus.Array;
import dev.olympus.ir.ClosedIr;
import dev.olympus.storage.Storage;
import dev.olympus.types.AbstractValue;
import dev.olympus.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code scan[jaxpr length num_carry num_consts reverse unroll] consts... carry... xs...} (JAX's {@code scan_p}): for
 * {@code i} in {@code 0 .. length-1} (from the end when {@code reverse}), {@code (carry, y_i) =
 * jaxpr(consts, carry, x_i)} where {@code x_i} is row {@code i} of each {@code xs} operand (axis 0); the
 * results are the final carry followed by the {@code y}s stacked along a new axis 0. Values the body closed
 * over are the leading {@code num_consts} operands, so the body IR has no constants of its own.
 */
public final class Scan extends Primitive {
  public static final Scan SCAN = new Scan();

  private Scan() {
    super("scan");
  }

  public static Params params(ClosedIr jaxpr, int length, boolean reverse, int numConsts, int numCarry) {
    // unroll=1 (run one step per iteration) is JAX's default; lowering may unroll more, values do not change.
    return Params.of("jaxpr", jaxpr, "length", length, "reverse", reverse, "num_consts", numConsts,
        "num_carry", numCarry, "unroll", 1);
  }

  @Override
  public List<AbstractValue> abstractEval(List<AbstractValue> in, Params params) {
    ClosedIr body = params.as("jaxpr");
    int length = params.integer("length");
    int nConsts = params.integer("num_consts");
    int nCarry = params.integer("num_carry");
    if (!body.consts().isEmpty()) throw new IllegalArgumentException("scan takes the body's constants as operands");
    if (length < 0) throw ShapeRules.error(name(), "length must be non-negative, got " + length);
    if (in.size() != body.inAvals().size()) {
      throw ShapeRules.error(name(), "the body takes " + body.inAvals().size() + " inputs but scan has "
          + in.size() + " operands");
    }
    List<AbstractValue> expected = new ArrayList<>(in.subList(0, nConsts + nCarry));
    for (AbstractValue x : in.subList(nConsts + nCarry, in.size())) {
      if (x.rank() == 0 || x.shape().dim(0) != length) {
        throw ShapeRules.error(name(), "each scanned-over operand needs a leading axis of the scan length "
            + length + ", got " + x);
      }
      expected.add(x.withShape(row(x.shape())));
    }
    if (!SubIrs.sameTypes(body.inAvals(), expected)) {
      throw ShapeRules.error(name(), "the body takes " + SubIrs.tuple(body.inAvals()) + " but gets "
          + SubIrs.tuple(expected));
    }
    List<AbstractValue> carry = body.inAvals().subList(nConsts, nConsts + nCarry);
    List<AbstractValue> outs = body.outAvals();
    if (outs.size() < nCarry || !SubIrs.sameTypes(outs.subList(0, nCarry), carry)) {
      throw ShapeRules.error(name(), "the body must return the carry types " + SubIrs.tuple(carry) + " first, got "
          + SubIrs.tuple(outs));
    }
    // The results have the body's output types: a carry that came in weakly typed (a Java literal) and was
    // computed with strongly typed values comes out strong, as in JAX.
    List<AbstractValue> result = new ArrayList<>(outs.subList(0, nCarry));
    for (AbstractValue y : outs.subList(nCarry, outs.size())) result.add(y.withShape(stacked(length, y.shape())));
    return result;
  }

  @Override
  public List<Storage> evaluate(List<Storage> in, Params params) {
    ClosedIr body = params.as("jaxpr");
    int length = params.integer("length");
    int nConsts = params.integer("num_consts");
    int nCarry = params.integer("num_carry");
    boolean reverse = params.flag("reverse");
    List<AbstractValue> bodyIn = body.inAvals();
    List<AbstractValue> carryAvals = bodyIn.subList(nConsts, nConsts + nCarry);
    List<Array> consts = SubIrs.arrays(in.subList(0, nConsts), bodyIn);
    List<Storage> carry = in.subList(nConsts, nConsts + nCarry);
    List<Storage> xs = in.subList(nConsts + nCarry, in.size());
    List<AbstractValue> yAvals = body.outAvals().subList(nCarry, body.outAvals().size());
    List<Storage> ys = new ArrayList<>();
    for (AbstractValue y : yAvals) ys.add(Storage.allocate(y.dtype(), stacked(length, y.shape())));
    for (int step = 0; step < length; step++) {
      int i = reverse ? length - 1 - step : step;
      List<Array> args = new ArrayList<>(consts);
      // The carry keeps its own weak types on every step (see While.evaluate).
      args.addAll(SubIrs.arrays(carry, carryAvals));
      for (int k = 0; k < xs.size(); k++) {
        args.add(Array.fromStorage(row(xs.get(k), i), bodyIn.get(nConsts + nCarry + k).weak()));
      }
      List<Storage> out = SubIrs.storages(SubIrs.run(body, args));
      carry = out.subList(0, nCarry);
      for (int k = 0; k < ys.size(); k++) setRow(ys.get(k), i, out.get(nCarry + k));
    }
    List<Storage> result = new ArrayList<>(carry);
    result.addAll(ys);
    return result;
  }

  @Override
  public boolean hasEffects(Params params) { return SubIrs.anyEffects(List.of(params.<ClosedIr>as("jaxpr"))); }

  private static Shape row(Shape s) {
    int[] d = s.dims();
    return Shape.of(Arrays.copyOfRange(d, 1, d.length));
  }

  private static Shape stacked(int length, Shape s) {
    int[] d = s.dims();
    int[] r = new int[d.length + 1];
    r[0] = length;
    System.arraycopy(d, 0, r, 1, d.length);
    return Shape.of(r);
  }

  /** Row {@code i} (along axis 0) of {@code x}, a copy: rows are contiguous in row-major storage. */
  private static Storage row(Storage x, int i) {
    Shape rowShape = row(x.shape());
    Storage r = Storage.allocate(x.dtype(), rowShape);
    int n = (int) rowShape.size();
    System.arraycopy(x.data(), i * n, r.data(), 0, n);
    return r;
  }

  private static void setRow(Storage stack, int i, Storage row) {
    int n = row.length();
    System.arraycopy(row.data(), 0, stack.data(), i * n, n);
  }
}
