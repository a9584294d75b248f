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
import java.util.List;

/**
 * {@code select_n(which, case0, case1, ...)}: picks {@code case[which]} elementwise. With a bool selector,
 * false picks case0, so {@code where(c, x, y)} is {@code select_n(c, y, x)}, as in JAX.
 *
 * <p>Linear in the cases (the selector is not differentiable): the tangent selects among the case tangents,
 * and the transpose routes the cotangent to the chosen case, zeros elsewhere.
 */
public final class SelectN extends Primitive {
  public static final SelectN SELECT_N = new SelectN();

  private SelectN() {
    super("select_n");
  }

  @Override
  public List<AbstractValue> abstractEval(List<AbstractValue> in, Params params) {
    if (in.size() < 2) throw ShapeRules.error(name(), "needs a selector and at least one case");
    AbstractValue which = in.get(0);
    if (which.dtype() != DType.BOOL && which.dtype() != DType.I32) {
      throw ShapeRules.error(name(), "selector must be bool or int32, got " + which.dtype().numpyName());
    }
    if (which.dtype() == DType.BOOL && in.size() > 3) {
      throw ShapeRules.error(name(), "a bool selector picks between at most 2 cases, got " + (in.size() - 1));
    }
    AbstractValue first = in.get(1);
    boolean weak = true;
    for (AbstractValue c : in.subList(1, in.size())) {
      if (c.dtype() != first.dtype() || !c.shape().equals(first.shape())) {
        throw ShapeRules.error(name(), "cases must have one dtype and shape, got "
            + ShapeRules.describe(in.subList(1, in.size())));
      }
      weak &= c.weak();
    }
    if (which.rank() != 0 && !which.shape().equals(first.shape())) {
      throw ShapeRules.error(name(), "selector shape " + which + " must be scalar or match the cases " + first);
    }
    return List.of(new AbstractValue(first.dtype(), first.shape(), weak));
  }

  @Override
  public List<Storage> evaluate(List<Storage> in, Params params) {
    Storage which = in.get(0);
    Storage first = in.get(1);
    Storage out = Storage.allocate(first.dtype(), first.shape());
    int n = out.length();
    boolean scalarWhich = which.shape().rank() == 0;
    int cases = in.size() - 1;
    for (int i = 0; i < n; i++) {
      long w = which.getLong(scalarWhich ? 0 : i);
      int c = (int) Math.max(0, Math.min(cases - 1, w));
      out.copyElement(in.get(1 + c), i, i);
    }
    return List.of(out);
  }

  @Override
  public JvpResult jvp(List<Array> primals, List<Tangent> tangents, Params params) {
    Array out = bind1(params, primals.toArray(new Array[0]));
    boolean any = false;
    for (Tangent t : tangents.subList(1, tangents.size())) any |= !t.isZero();
    if (!any) return JvpResult.zeroTangents(List.of(out));
    List<Array> args = new ArrayList<>();
    args.add(primals.get(0));
    for (Tangent t : tangents.subList(1, tangents.size())) args.add(t.instantiate());
    return JvpResult.of(out, Tangent.of(bind(params, args).get(0)));
  }

  @Override
  public List<Tangent> transpose(List<Tangent> cotangents, LinearInputs in, Params params) {
    if (in.isUndefined(0)) return super.transpose(cotangents, in, params);
    Array which = in.value(0);
    Array ct = cotangents.get(0).value();
    Array zeros = Tangent.zeros(ct.aval());
    List<Tangent> result = new ArrayList<>();
    result.add(Tangent.zero(in.aval(0)));
    for (int i = 1; i < in.size(); i++) {
      if (!in.isUndefined(i)) {
        result.add(Tangent.zero(in.aval(i)));
        continue;
      }
      List<Array> args = new ArrayList<>();
      args.add(which);
      for (int j = 1; j < in.size(); j++) args.add(j == i ? ct : zeros);
      result.add(Tangent.of(bind(params, args).get(0)));
    }
    return result;
  }

  /**
   * Unlike a binary op's 0-d operand, a 0-d case is not broadcast: the cases must share one shape, and a selector
   * that is not 0-d must have it too. So unless the cases are all batched along one axis (and the selector too, or
   * an unbatched scalar), every case goes to axis 0 with the full batched shape, and so does the selector unless
   * it is an unbatched scalar ({@code vmap} of {@code where(c, x, 0.0)} on scalars used to fail here).
   */
  @Override
  public Batched batch(List<Array> args, int[] dims, Params params) {
    int common = dims[1];
    boolean direct = common != BatchAxis.NOT_BATCHED;
    for (int i = 2; i < args.size(); i++) direct &= dims[i] == common;
    Array which = args.get(0);
    boolean scalarSelector = dims[0] == BatchAxis.NOT_BATCHED && which.ndim() == 0;
    direct &= scalarSelector || dims[0] == common && which.ndim() == args.get(1).ndim();
    if (direct) return Batched.of(bind(params, args).get(0), common);
    int size = BatchAxis.size(args, dims);
    int[] example = new int[0];
    for (int i = 1; i < args.size(); i++) {
      int[] s = BatchAxis.exampleShape(args.get(i), dims[i]);
      if (s.length > example.length) example = s;
    }
    int[] full = BatchAxis.prepend(size, example);
    List<Array> moved = new ArrayList<>(args.size());
    for (int i = 0; i < args.size(); i++) {
      Array x = args.get(i);
      if (i == 0 && scalarSelector) {
        moved.add(x);
        continue;
      }
      x = BatchAxis.toFront(x, dims[i], size);
      if (x.ndim() < full.length) x = Lax.broadcastInDim(x, full, new int[] {0});
      moved.add(x);
    }
    return Batched.of(bind(params, moved).get(0), 0);
  }
}
