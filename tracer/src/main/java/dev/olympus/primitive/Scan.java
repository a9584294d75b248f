package dev.olympus.primitive;

import dev.olympus.Array;
import dev.olympus.autodiff.BackwardPass;
import dev.olympus.autodiff.JvpIr;
import dev.olympus.autodiff.JvpResult;
import dev.olympus.autodiff.JvpTrace;
import dev.olympus.autodiff.LinearInputs;
import dev.olympus.autodiff.LinearizedIr;
import dev.olympus.autodiff.Tangent;
import dev.olympus.batching.BatchAxis;
import dev.olympus.batching.Batched;
import dev.olympus.batching.BatchedIr;
import dev.olympus.ir.Atom;
import dev.olympus.ir.ClosedIr;
import dev.olympus.ir.Equation;
import dev.olympus.ir.Ir;
import dev.olympus.ir.IrEvaluator;
import dev.olympus.ir.Var;
import dev.olympus.lax.Lax;
import dev.olympus.storage.Storage;
import dev.olympus.transform.Staging;
import dev.olympus.types.AbstractValue;
import dev.olympus.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.function.Function;
import java.util.Set;

/**
 * {@code scan[jaxpr length num_carry num_consts reverse unroll] consts... carry... xs...} (JAX's {@code scan_p}): for
 * {@code i} in {@code 0 .. length-1} (from the end when {@code reverse}), {@code (carry, y_i) =
 * jaxpr(consts, carry, x_i)} where {@code x_i} is row {@code i} of each {@code xs} operand (axis 0); the
 * results are the final carry followed by the {@code y}s stacked along a new axis 0. Values the body closed
 * over are the leading {@code num_consts} operands, so the body IR has no constants of its own.
 *
 * <p>Transformation rules, as JAX's {@code loops.py}. Which carries have nonzero tangents (or are batched) is a
 * fixed point: a carry is if its initial value is or if the body makes it so. Forward mode is one scan of the
 * body's JVP. Reverse mode splits the body into its primal part and tangent map and binds a scan of each: the
 * primal scan also stacks the residuals each step produces, and the tangent scan reads them row by row; its
 * transpose is a scan running the other way over the transposed body, carrying the cotangents of the carry and
 * summing those of the loop-invariant operands. Batching batches the body, with scanned-over operands and
 * stacked results batched along axis 1.
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
    for (AbstractValue y : outs.subList(nCarry, outs.size())) {
      // The stacked ys of a long scan can be larger than any array although every step's y is small.
      int[] d = BatchAxis.prepend(length, y.shape().dims());
      result.add(y.withShape(Shape.of(name(), "the stacked ys (length " + length + " times " + y + ")", d)));
    }
    return result;
  }

  @Override
  public List<Storage> evaluate(List<Storage> in, Params params) {
    ClosedIr body = params.as("jaxpr");
    int nCarry = params.integer("num_carry");
    return run(in, params.integer("length"), params.flag("reverse"), params.integer("num_consts"), nCarry,
        body.inAvals(), body.outAvals().subList(nCarry, body.outAvals().size()), args -> SubIrs.run(body, args));
  }

  /**
   * The scan loop over a body given as a function: the eager implementation, and what javac-time kernels call
   * with their compiled body. {@code bodyIn} are the body's input avals (their weak types are kept on every
   * step), {@code yAvals} the avals of one step's stacked outputs.
   */
  public static List<Storage> run(List<Storage> in, int length, boolean reverse, int nConsts, int nCarry,
      List<AbstractValue> bodyIn, List<AbstractValue> yAvals, Function<List<Array>, List<Array>> body) {
    List<AbstractValue> carryAvals = bodyIn.subList(nConsts, nConsts + nCarry);
    List<Array> consts = SubIrs.arrays(in.subList(0, nConsts), bodyIn);
    List<Storage> carry = in.subList(nConsts, nConsts + nCarry);
    List<Storage> xs = in.subList(nConsts + nCarry, in.size());
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
      List<Storage> out = SubIrs.storages(body.apply(args));
      carry = out.subList(0, nCarry);
      for (int k = 0; k < ys.size(); k++) setRow(ys.get(k), i, out.get(nCarry + k));
    }
    List<Storage> result = new ArrayList<>(carry);
    result.addAll(ys);
    return result;
  }

  @Override
  public boolean hasEffects(Params params) {
    ClosedIr body = params.as("jaxpr");
    return body.ir().hasEffects();
  }

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

  // ---- forward and reverse mode ----------------------------------------------------------------------------

  @Override
  public JvpResult jvp(List<Array> primals, List<Tangent> tangents, Params params) {
    ClosedIr body = params.as("jaxpr");
    int nC = params.integer("num_consts");
    int nK = params.integer("num_carry");
    int nX = primals.size() - nC - nK;
    int nY = body.outAvals().size() - nK;
    boolean[] nz = new boolean[primals.size()];
    for (int i = 0; i < nz.length; i++) nz[i] = !tangents.get(i).isZero();
    boolean[] constNz = SubIrs.slice(nz, 0, nC);
    boolean[] xsNz = SubIrs.slice(nz, nC + nK, nz.length);
    boolean[] initNz = SubIrs.slice(nz, nC, nC + nK);
    if (JvpTrace.ruleIsLinearizing()) {
      SubIrs.FixedPoint<LinearizedIr> fp = SubIrs.carryFixedPoint(initNz,
          c -> LinearizedIr.of(body, SubIrs.concat(constNz, c, xsNz), SubIrs.concat(c, new boolean[nY]), "a scan body"),
          l -> SubIrs.slice(l.nonzeroOut(), 0, nK));
      boolean[] out = fp.transformed().nonzeroOut();
      if (SubIrs.count(out) == 0) return JvpResult.zeroTangents(bind(params, primals));
      return linearizedJvp(fp.transformed(), params, primals, tangents, constNz, fp.carry(), xsNz,
          SubIrs.slice(out, nK, nK + nY), nX);
    }
    SubIrs.FixedPoint<JvpIr> fp = SubIrs.carryFixedPoint(initNz,
        c -> JvpIr.of(body, SubIrs.concat(constNz, c, xsNz), SubIrs.concat(c, new boolean[nY]), "a scan body"),
        j -> SubIrs.slice(j.nonzeroOut(), 0, nK));
    boolean[] out = fp.transformed().nonzeroOut();
    if (SubIrs.count(out) == 0) return JvpResult.zeroTangents(bind(params, primals));
    return forwardJvp(fp.transformed(), params, primals, tangents, constNz, fp.carry(), xsNz,
        SubIrs.slice(out, nK, nK + nY), nX);
  }

  /** JAX's {@code _scan_jvp}: one scan of the body's JVP, tangents carried and stacked beside the primals. */
  private JvpResult forwardJvp(JvpIr jvp, Params params, List<Array> primals, List<Tangent> tangents,
      boolean[] constNz, boolean[] carryNz, boolean[] xsNz, boolean[] ysNz, int nX) {
    int nC = constNz.length, nK = carryNz.length, nY = ysNz.length;
    int n = nC + nK + nX;
    int tC = SubIrs.count(constNz), tK = SubIrs.count(carryNz), tY = SubIrs.count(ysNz);
    // The JVP takes (consts, carry, xs, their tangents) and returns (carry, ys, their tangents); a scan body
    // takes (consts, carry, xs) and returns (carry, ys), so the tangents join each group.
    List<Integer> in = new ArrayList<>();
    SubIrs.range(in, 0, nC);
    SubIrs.range(in, n, n + tC);
    SubIrs.range(in, nC, nC + nK);
    SubIrs.range(in, n + tC, n + tC + tK);
    SubIrs.range(in, nC + nK, n);
    SubIrs.range(in, n + tC + tK, jvp.ir().ir().invars().size());
    List<Integer> out = new ArrayList<>();
    SubIrs.range(out, 0, nK);
    SubIrs.range(out, nK + nY, nK + nY + tK);
    SubIrs.range(out, nK, nK + nY);
    SubIrs.range(out, nK + nY + tK, nK + nY + tK + tY);
    ClosedIr rearranged = SubIrs.rearranged(jvp.ir(), in, out);
    ClosedIr newBody = rearranged.constsAsInputs();
    List<Array> operands = new ArrayList<>(rearranged.consts());
    operands.addAll(primals.subList(0, nC));
    addTangents(operands, tangents, 0, constNz);
    operands.addAll(primals.subList(nC, nC + nK));
    for (int k = 0; k < nK; k++) if (carryNz[k]) operands.add(tangents.get(nC + k).instantiate());
    operands.addAll(primals.subList(nC + nK, n));
    addTangents(operands, tangents, nC + nK, xsNz);
    List<Array> outs = bind(params.with("jaxpr", newBody).with("num_consts", rearranged.consts().size() + nC + tC)
        .with("num_carry", nK + tK), operands);
    List<Array> resultPrimals = new ArrayList<>(outs.subList(0, nK));
    resultPrimals.addAll(outs.subList(nK + tK, nK + tK + nY));
    List<Array> resultTangents = new ArrayList<>(outs.subList(nK, nK + tK));
    resultTangents.addAll(outs.subList(nK + tK + nY, outs.size()));
    return JvpResult.of(resultPrimals, resultTangents, SubIrs.concat(carryNz, ysNz));
  }

  /**
   * Reverse mode: a scan of the body's primal part, which also returns each step's residuals as stacked
   * results, then a scan of the tangent map reading them row by row, recorded for transposition. A residual
   * that is simply a loop-invariant operand is passed to the tangent scan as one, and one that is a row of a
   * scanned-over operand is passed as that operand, instead of being stacked again. A residual computed from
   * loop-invariant operands only (a transposed weight matrix, say) is computed once before the loops and
   * passed as a loop-invariant operand too, as JAX's partial evaluation of scan hoists it.
   */
  private JvpResult linearizedJvp(LinearizedIr lin, Params params, List<Array> primals, List<Tangent> tangents,
      boolean[] constNz, boolean[] carryNz, boolean[] xsNz, boolean[] ysNz, int nX) {
    int nC = constNz.length, nK = carryNz.length, nY = ysNz.length;
    int n = nC + nK + nX;
    int tC = SubIrs.count(constNz), tK = SubIrs.count(carryNz);
    int nRes = lin.residualCount();
    int[] resInput = lin.residualInput();
    boolean[] hoisted = loopInvariantResiduals(lin.primal(), nC, nK + nY, resInput);
    boolean[] invariant = new boolean[nRes];
    boolean[] stacked = new boolean[nRes];
    for (int r = 0; r < nRes; r++) {
      invariant[r] = (resInput[r] >= 0 && resInput[r] < nC) || hoisted[r];
      stacked[r] = !invariant[r] && (resInput[r] < 0 || resInput[r] < nC + nK);
    }
    List<Array> hoistedValues = hoist(lin.primal(), primals.subList(0, nC), nK + nY, hoisted);
    ClosedIr primalBody = lin.primalWithResiduals(stacked);
    List<Array> primalOps = new ArrayList<>(primalBody.consts());
    primalOps.addAll(primals);
    List<Array> primalOuts = bind(params.with("jaxpr", primalBody.constsAsInputs())
        .with("num_consts", primalBody.consts().size() + nC), primalOps);
    List<Array> stackedRes = primalOuts.subList(nK + nY, primalOuts.size());

    // The tangent map takes (residuals, const tangents, carry tangents, xs tangents); as a scan body it takes
    // (invariant residuals, const tangents | carry tangents | per-step residuals, xs tangents).
    List<Integer> in = new ArrayList<>();
    SubIrs.selected(in, 0, invariant);
    SubIrs.range(in, nRes, nRes + tC);
    SubIrs.range(in, nRes + tC, nRes + tC + tK);
    for (int r = 0; r < nRes; r++) if (!invariant[r]) in.add(r);
    SubIrs.range(in, nRes + tC + tK, lin.tangent().ir().invars().size());
    List<Integer> out = new ArrayList<>();
    SubIrs.range(out, 0, lin.tangent().ir().outputs().size());
    ClosedIr rearranged = SubIrs.rearranged(lin.tangent(), in, out);
    List<Array> ops = new ArrayList<>(rearranged.consts());
    for (int r = 0, h = 0; r < nRes; r++) {
      if (invariant[r]) ops.add(hoisted[r] ? hoistedValues.get(h++) : primals.get(resInput[r]));
    }
    addTangents(ops, tangents, 0, constNz);
    for (int k = 0; k < nK; k++) if (carryNz[k]) ops.add(tangents.get(nC + k).instantiate());
    for (int r = 0, s = 0; r < nRes; r++) {
      if (invariant[r]) continue;
      ops.add(stacked[r] ? stackedRes.get(s++) : primals.get(resInput[r]));
    }
    addTangents(ops, tangents, nC + nK, xsNz);
    List<Array> tangentOuts = bind(params.with("jaxpr", rearranged.constsAsInputs())
        .with("num_consts", rearranged.consts().size() + SubIrs.count(invariant) + tC).with("num_carry", tK), ops);
    return JvpResult.of(primalOuts.subList(0, nK + nY), tangentOuts, SubIrs.concat(carryNz, ysNz));
  }

  /**
   * JAX's {@code _scan_transpose}: a scan in the opposite direction whose body is the transposed body. It
   * carries the cotangents of the carry and accumulates those of the linear loop-invariant operands; the
   * cotangents of the linear scanned-over operands come out stacked. Residual operands (invariant or scanned)
   * are read as they are. Every carry is treated as linear, as the tangent scans built above are.
   */
  @Override
  public List<Tangent> transpose(List<Tangent> cotangents, LinearInputs in, Params params) {
    ClosedIr body = params.as("jaxpr");
    int nC = params.integer("num_consts");
    int nK = params.integer("num_carry");
    int n = in.size();
    int nX = n - nC - nK;
    int nY = body.outAvals().size() - nK;
    List<AbstractValue> bodyIn = body.inAvals();
    List<AbstractValue> bodyOut = body.outAvals();
    boolean[] linConst = new boolean[nC];
    boolean[] linX = new boolean[nX];
    for (int i = 0; i < nC; i++) linConst[i] = in.isUndefined(i);
    for (int i = 0; i < nX; i++) linX[i] = in.isUndefined(nC + nK + i);
    boolean[] ctYsNz = new boolean[nY];
    for (int j = 0; j < nY; j++) ctYsNz[j] = !cotangents.get(nK + j).isZero();

    List<AbstractValue> avals = new ArrayList<>();
    for (int i = 0; i < nC; i++) if (!linConst[i]) avals.add(bodyIn.get(i));
    for (int i = 0; i < nC; i++) if (linConst[i]) avals.add(bodyIn.get(i).strong());
    for (int k = 0; k < nK; k++) avals.add(bodyOut.get(k));
    for (int j = 0; j < nY; j++) if (ctYsNz[j]) avals.add(bodyOut.get(nK + j));
    for (int i = 0; i < nX; i++) if (!linX[i]) avals.add(bodyIn.get(nC + nK + i));
    boolean[] ctXsNz = new boolean[nX];
    int lc = SubIrs.count(linConst);
    ClosedIr transposed = Staging.traceFlat("transpose of a scan body", avals, null, args -> {
      int a = 0;
      Array[] inputs = new Array[n];
      for (int i = 0; i < nC; i++) if (!linConst[i]) inputs[i] = args.get(a++);
      List<Array> acc = args.subList(a, a + lc);
      a += lc;
      List<Tangent> cts = new ArrayList<>();
      for (int k = 0; k < nK; k++) cts.add(Tangent.of(args.get(a++)));
      for (int j = 0; j < nY; j++) cts.add(ctYsNz[j] ? Tangent.of(args.get(a++)) : Tangent.zero(bodyOut.get(nK + j)));
      for (int i = 0; i < nX; i++) if (!linX[i]) inputs[nC + nK + i] = args.get(a++);
      List<Tangent> inCts = BackwardPass.transpose(body.ir(), body.consts(), Arrays.asList(inputs), cts);
      List<Array> result = new ArrayList<>();
      for (int i = 0, k = 0; i < nC; i++) {
        if (!linConst[i]) continue;
        Tangent ct = inCts.get(i);
        Array sum = acc.get(k++);
        result.add(ct.isZero() ? sum : Lax.add(sum, ct.value()));
      }
      for (int k = 0; k < nK; k++) result.add(inCts.get(nC + k).instantiate());
      for (int i = 0; i < nX; i++) {
        Tangent ct = inCts.get(nC + nK + i);
        if (linX[i] && !ct.isZero()) {
          ctXsNz[i] = true;
          result.add(ct.value());
        }
      }
      return result;
    });
    List<Array> operands = new ArrayList<>(transposed.consts());
    for (int i = 0; i < nC; i++) if (!linConst[i]) operands.add(in.value(i));
    for (int i = 0; i < nC; i++) if (linConst[i]) operands.add(Tangent.zeros(bodyIn.get(i).strong()));
    for (int k = 0; k < nK; k++) operands.add(cotangents.get(k).instantiate());
    for (int j = 0; j < nY; j++) if (ctYsNz[j]) operands.add(cotangents.get(nK + j).value());
    for (int i = 0; i < nX; i++) if (!linX[i]) operands.add(in.value(nC + nK + i));
    int nRc = transposed.consts().size() + (nC - lc);
    List<Array> outs = bind(params.with("jaxpr", transposed.constsAsInputs()).with("num_consts", nRc)
        .with("num_carry", lc + nK).with("reverse", !params.flag("reverse")), operands);
    List<Tangent> result = new ArrayList<>(n);
    int o = 0;
    for (int i = 0; i < nC; i++) result.add(linConst[i] ? Tangent.of(outs.get(o++)) : Tangent.zero(in.aval(i)));
    for (int k = 0; k < nK; k++, o++) {
      result.add(in.isUndefined(nC + k) ? Tangent.of(outs.get(o)) : Tangent.zero(in.aval(nC + k)));
    }
    for (int i = 0; i < nX; i++) {
      result.add(ctXsNz[i] ? Tangent.of(outs.get(o++)) : Tangent.zero(in.aval(nC + nK + i)));
    }
    return result;
  }

  /**
   * Which residual outputs of {@code primal} (after its {@code nOut} own outputs) depend on none of the carry
   * and scanned-over inputs (those after the first {@code nC}), so they are the same on every step. A
   * residual that is simply an input is left out (it is passed as that input), and so is anything computed by
   * an equation with effects, which must run as often as the loop says.
   */
  private static boolean[] loopInvariantResiduals(ClosedIr primal, int nC, int nOut, int[] resInput) {
    Ir ir = primal.ir();
    Set<Var> varying = Collections.newSetFromMap(new IdentityHashMap<>());
    varying.addAll(ir.invars().subList(nC, ir.invars().size()));
    for (Equation e : ir.equations()) {
      boolean v = e.primitive().hasEffects(e.params());
      for (Atom a : e.inputs()) v |= a instanceof Var x && varying.contains(x);
      if (v) varying.addAll(e.outputs());
    }
    boolean[] result = new boolean[resInput.length];
    for (int r = 0; r < resInput.length; r++) {
      Atom a = ir.outputs().get(nOut + r);
      result[r] = resInput[r] < 0 && !(a instanceof Var x && varying.contains(x));
    }
    return result;
  }

  /** The residuals marked {@code hoisted}, computed now from the loop-invariant operands {@code consts}. */
  private static List<Array> hoist(ClosedIr primal, List<Array> consts, int nOut, boolean[] hoisted) {
    Ir ir = primal.ir();
    List<Atom> outs = new ArrayList<>();
    for (int r = 0; r < hoisted.length; r++) if (hoisted[r]) outs.add(ir.outputs().get(nOut + r));
    if (outs.isEmpty()) return List.of();
    // Only the equations the hoisted values need: walk back from them.
    Set<Var> needed = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Atom a : outs) if (a instanceof Var v) needed.add(v);
    List<Equation> equations = new ArrayList<>();
    for (int k = ir.equations().size() - 1; k >= 0; k--) {
      Equation e = ir.equations().get(k);
      boolean used = false;
      for (Var o : e.outputs()) used |= needed.contains(o);
      if (!used) continue;
      equations.add(0, e);
      for (Atom a : e.inputs()) if (a instanceof Var v) needed.add(v);
    }
    Ir before = new Ir(ir.constvars(), ir.invars().subList(0, consts.size()), equations, outs);
    return IrEvaluator.evaluate(before, primal.consts(), consts);
  }

  private static void addTangents(List<Array> operands, List<Tangent> tangents, int from, boolean[] nonzero) {
    for (int i = 0; i < nonzero.length; i++) if (nonzero[i]) operands.add(tangents.get(from + i).value());
  }


  // ---- batching ----------------------------------------------------------------------------------------------

  /**
   * JAX's {@code _scan_batching_rule}: the body batched with loop-invariant operands and carries along axis 0
   * and scanned-over operands along axis 1 (axis 0 is the one scanned), so each step's row has the batch
   * first; a carry is batched if its initial value or the body makes it so.
   */
  @Override
  public Batched batch(List<Array> args, int[] dims, Params params) {
    ClosedIr body = params.as("jaxpr");
    int nC = params.integer("num_consts");
    int nK = params.integer("num_carry");
    int n = args.size();
    int nY = body.outAvals().size() - nK;
    int size = BatchAxis.size(args, dims);
    boolean[] batched = new boolean[n];
    for (int i = 0; i < n; i++) batched[i] = dims[i] != BatchAxis.NOT_BATCHED;
    boolean[] constB = SubIrs.slice(batched, 0, nC);
    boolean[] xsB = SubIrs.slice(batched, nC + nK, n);
    SubIrs.FixedPoint<BatchedIr> fp = SubIrs.carryFixedPoint(SubIrs.slice(batched, nC, nC + nK),
        c -> BatchedIr.of(body, size, SubIrs.concat(constB, c, xsB), SubIrs.concat(c, new boolean[nY]), "a scan body"),
        bi -> SubIrs.slice(bi.outBatched(), 0, nK));
    boolean[] carryB = fp.carry();
    BatchedIr b = fp.transformed();
    List<Array> operands = new ArrayList<>(b.ir().consts());
    for (int i = 0; i < nC; i++) operands.add(constB[i] ? BatchAxis.moveAxis(args.get(i), dims[i], 0) : args.get(i));
    for (int k = 0; k < nK; k++) {
      Array x = args.get(nC + k);
      operands.add(carryB[k] ? BatchAxis.toFront(x, dims[nC + k], size) : x);
    }
    for (int i = nC + nK; i < n; i++) operands.add(batched[i] ? BatchAxis.moveAxis(args.get(i), dims[i], 1) : args.get(i));
    List<Array> outs = bind(params.with("jaxpr", b.ir().constsAsInputs())
        .with("num_consts", b.ir().consts().size() + nC), operands);
    boolean[] outB = b.outBatched();
    int[] outDims = new int[outs.size()];
    for (int j = 0; j < outs.size(); j++) outDims[j] = !outB[j] ? BatchAxis.NOT_BATCHED : j < nK ? 0 : 1;
    return new Batched(outs, outDims);
  }
}
