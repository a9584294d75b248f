package dev.olympus.primitive;

import dev.olympus.Array;
import dev.olympus.DType;
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
import dev.olympus.errors.OlympusException;
import dev.olympus.errors.SourceLocation;
import dev.olympus.ir.ClosedIr;
import dev.olympus.ir.Ir;
import dev.olympus.ir.Var;
import dev.olympus.lax.Lax;
import dev.olympus.storage.Storage;
import dev.olympus.transform.Staging;
import dev.olympus.types.AbstractValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * {@code cond[branches=(...)] index operands...}: runs {@code branches[index]} on the operands (JAX's
 * {@code cond_p}, which also serves {@code switch}). The index is an int32 scalar; {@code Lax.cond} converts a bool predicate to it, so branch 0 is the false branch. Every branch takes
 * the same operands (values the branches closed over come first, as in JAX, so the branch IRs have no
 * constants of their own) and returns the same types.
 *
 * <p>Transformation rules, as JAX's {@code conditionals.py}: forward mode is a {@code cond} over the JVPs of the
 * branches; reverse mode splits each branch into its primal part and its tangent map, binds a {@code cond}
 * over the primal parts (which also return the residuals) and one over the tangent maps, and transposes the
 * latter into a {@code cond} over the transposed branches. Batching with a shared index is a {@code cond}
 * over the batched branches; a batched index runs every branch and picks each example's result with
 * {@code select_n}.
 */
public final class Cond extends Primitive {
  public static final Cond COND = new Cond();

  private Cond() {
    super("cond");
  }

  public static Params params(List<ClosedIr> branches) {
    return Params.of("branches", List.copyOf(branches));
  }

  public static List<ClosedIr> branches(Params params) { return params.as("branches"); }

  @Override
  public List<AbstractValue> abstractEval(List<AbstractValue> in, Params params) {
    List<ClosedIr> branches = branches(params);
    if (branches.isEmpty()) throw ShapeRules.error(name(), "needs at least one branch");
    if (in.isEmpty()) throw ShapeRules.error(name(), "needs the branch index as its first operand");
    AbstractValue index = in.get(0);
    if (index.dtype() != DType.I32 || index.rank() != 0) {
      throw ShapeRules.error(name(), "the branch index must be an int32 scalar, got " + index);
    }
    List<AbstractValue> operands = in.subList(1, in.size());
    for (int b = 0; b < branches.size(); b++) {
      ClosedIr branch = branches.get(b);
      if (!branch.consts().isEmpty()) {
        throw new IllegalArgumentException("cond branches take their constants as operands; branch " + b
            + " has " + branch.consts().size());
      }
      if (!SubIrs.sameTypes(branch.inAvals(), operands)) {
        throw ShapeRules.error(name(), "branch " + b + " takes " + SubIrs.tuple(branch.inAvals())
            + " but the operands are " + SubIrs.tuple(operands));
      }
    }
    List<AbstractValue> outs = branches.get(0).outAvals();
    boolean[] weak = new boolean[outs.size()];
    java.util.Arrays.fill(weak, true);
    for (int b = 0; b < branches.size(); b++) {
      List<AbstractValue> o = branches.get(b).outAvals();
      if (!SubIrs.sameTypes(outs, o)) {
        throw ShapeRules.error(name(), "all branches must return the same types, but branch 0 returns "
            + SubIrs.tuple(outs) + " and branch " + b + " returns " + SubIrs.tuple(o));
      }
      for (int i = 0; i < o.size(); i++) weak[i] &= o.get(i).weak();
    }
    // A result is weakly typed only if it is in every branch, as JAX joins the branches' output types.
    List<AbstractValue> result = new ArrayList<>(outs.size());
    for (int i = 0; i < outs.size(); i++) {
      result.add(new AbstractValue(outs.get(i).dtype(), outs.get(i).shape(), weak[i]));
    }
    return result;
  }

  @Override
  public List<Storage> evaluate(List<Storage> in, Params params) {
    List<ClosedIr> branches = branches(params);
    List<Function<List<Array>, List<Array>>> run = new ArrayList<>();
    for (ClosedIr b : branches) run.add(args -> SubIrs.run(b, args));
    return run(in, branches.get(0).inAvals(), run);
  }

  /**
   * The branch selected by {@code in[0]} applied to the rest, the branches given as functions: the eager
   * implementation, and what javac-time kernels call with their compiled ones. {@code branchIn}: the branches'
   * input avals (all branches take the same).
   */
  public static List<Storage> run(List<Storage> in, List<AbstractValue> branchIn,
      List<Function<List<Array>, List<Array>>> branches) {
    // XLA's Conditional runs the last branch for an index out of range on either side; Lax.switchCase clamps
    // before binding, as JAX's switch does, so users see NumPy-style clamping.
    long i = in.get(0).getLong(0);
    var branch = branches.get(i < 0 || i >= branches.size() ? branches.size() - 1 : (int) i);
    return SubIrs.storages(branch.apply(SubIrs.arrays(in.subList(1, in.size()), branchIn)));
  }

  @Override
  public boolean hasEffects(Params params) { return SubIrs.anyEffects(branches(params)); }

  // ---- forward and reverse mode ----------------------------------------------------------------------------

  @Override
  public JvpResult jvp(List<Array> primals, List<Tangent> tangents, Params params) {
    List<ClosedIr> branches = branches(params);
    Array index = primals.get(0);
    List<Array> ops = primals.subList(1, primals.size());
    List<Tangent> opTangents = tangents.subList(1, tangents.size());
    boolean[] nz = new boolean[ops.size()];
    for (int i = 0; i < nz.length; i++) nz[i] = !opTangents.get(i).isZero();
    int nOut = branches.get(0).outAvals().size();
    return JvpTrace.ruleIsLinearizing()
        ? linearizedJvp(branches, index, ops, opTangents, nz, nOut)
        : forwardJvp(branches, index, ops, opTangents, nz, nOut);
  }

  /** JAX's {@code _cond_jvp}: one {@code cond} over the branches' JVPs, primal and tangent together. */
  private JvpResult forwardJvp(List<ClosedIr> branches, Array index, List<Array> ops, List<Tangent> opTangents,
      boolean[] nz, int nOut) {
    List<JvpIr> jvps = joined(branches, nOut, (b, inst) -> JvpIr.of(b, nz, inst, "a cond branch"), JvpIr::nonzeroOut);
    boolean[] outNz = jvps.get(0).nonzeroOut();
    if (!any(outNz)) return JvpResult.zeroTangents(bind(params(branches), concat(List.of(index), ops)));
    List<ClosedIr> irs = new ArrayList<>();
    for (JvpIr j : jvps) irs.add(j.ir());
    Common common = common(irs);
    List<Array> operands = new ArrayList<>();
    operands.add(index);
    operands.addAll(common.consts());
    operands.addAll(ops);
    for (int i = 0; i < nz.length; i++) if (nz[i]) operands.add(opTangents.get(i).value());
    List<Array> outs = bind(params(common.branches()), operands);
    return JvpResult.of(outs.subList(0, nOut), outs.subList(nOut, outs.size()), outNz);
  }

  /**
   * Reverse mode: each branch split into its primal part and its tangent map ({@link LinearizedIr}), bound as
   * two {@code cond}s on the same index, so the primal one runs now and only the tangent one is recorded for
   * transposition. The residuals the tangent maps need come out of the primal {@code cond}; branches share
   * result slots of one type (JAX's {@code _merge_branch_residuals}) and fill the slots they do not use with
   * zeros. A residual that is simply an operand is passed to the tangent {@code cond} directly.
   */
  private JvpResult linearizedJvp(List<ClosedIr> branches, Array index, List<Array> ops, List<Tangent> opTangents,
      boolean[] nz, int nOut) {
    List<LinearizedIr> lins = joined(branches, nOut, (b, inst) -> LinearizedIr.of(b, nz, inst, "a cond branch"),
        LinearizedIr::nonzeroOut);
    boolean[] outNz = lins.get(0).nonzeroOut();
    if (!any(outNz)) return JvpResult.zeroTangents(bind(params(branches), concat(List.of(index), ops)));

    TreeSet<Integer> forwarded = new TreeSet<>();
    List<AbstractValue> slots = new ArrayList<>();
    int[][] slotOf = new int[lins.size()][];
    for (int b = 0; b < lins.size(); b++) {
      LinearizedIr lin = lins.get(b);
      slotOf[b] = new int[lin.residualCount()];
      Map<AbstractValue, Integer> used = new HashMap<>();
      for (int r = 0; r < lin.residualCount(); r++) {
        if (lin.residualInput()[r] >= 0) {
          forwarded.add(lin.residualInput()[r]);
          slotOf[b][r] = -1;
          continue;
        }
        AbstractValue key = lin.residualAvals().get(r).strong();
        int nth = used.merge(key, 1, Integer::sum) - 1;
        slotOf[b][r] = nthSlot(slots, key, nth);
      }
    }
    List<Integer> fwd = new ArrayList<>(forwarded);

    List<ClosedIr> primalBranches = new ArrayList<>();
    for (int b = 0; b < lins.size(); b++) {
      LinearizedIr lin = lins.get(b);
      int[] slotOfB = slotOf[b];
      primalBranches.add(Staging.traceFlat("primal of a cond branch", branches.get(b).inAvals(), null, args -> {
        List<Array> r = lin.primal().call(args);
        List<Array> result = new ArrayList<>(r.subList(0, nOut));
        Array[] slotValues = new Array[slots.size()];
        for (int k = 0; k < slotOfB.length; k++) if (slotOfB[k] >= 0) slotValues[slotOfB[k]] = r.get(nOut + k);
        for (int s = 0; s < slotValues.length; s++) {
          result.add(slotValues[s] != null ? slotValues[s] : Tangent.zeros(slots.get(s)));
        }
        return result;
      }));
    }
    Common primal = common(primalBranches);
    List<Array> primalOps = new ArrayList<>();
    primalOps.add(index);
    primalOps.addAll(primal.consts());
    primalOps.addAll(ops);
    List<Array> primalOuts = bind(params(primal.branches()), primalOps);
    List<Array> slotValues = primalOuts.subList(nOut, primalOuts.size());

    List<AbstractValue> tangentIn = new ArrayList<>();
    for (int i : fwd) tangentIn.add(branches.get(0).inAvals().get(i));
    tangentIn.addAll(slots);
    for (int i = 0; i < nz.length; i++) if (nz[i]) tangentIn.add(branches.get(0).inAvals().get(i));
    List<ClosedIr> tangentBranches = new ArrayList<>();
    for (int b = 0; b < lins.size(); b++) {
      LinearizedIr lin = lins.get(b);
      int[] slotOfB = slotOf[b];
      tangentBranches.add(Staging.traceFlat("tangents of a cond branch", tangentIn, null, args -> {
        List<Array> in = new ArrayList<>();
        for (int r = 0; r < slotOfB.length; r++) {
          int input = lin.residualInput()[r];
          in.add(input >= 0 ? args.get(fwd.indexOf(input)) : args.get(fwd.size() + slotOfB[r]));
        }
        in.addAll(args.subList(fwd.size() + slots.size(), args.size()));
        return lin.tangent().call(in);
      }));
    }
    Common tangent = common(tangentBranches);
    List<Array> tangentOps = new ArrayList<>();
    tangentOps.add(index);
    tangentOps.addAll(tangent.consts());
    for (int i : fwd) tangentOps.add(ops.get(i));
    tangentOps.addAll(slotValues);
    for (int i = 0; i < nz.length; i++) if (nz[i]) tangentOps.add(opTangents.get(i).value());
    List<Array> tangentOuts = bind(params(tangent.branches()), tangentOps);
    return JvpResult.of(primalOuts.subList(0, nOut), tangentOuts, outNz);
  }

  /** JAX's {@code _cond_transpose}: a {@code cond} over the transposed branches, on the same index. */
  @Override
  public List<Tangent> transpose(List<Tangent> cotangents, LinearInputs in, Params params) {
    if (in.isUndefined(0)) throw new IllegalStateException("the index of a cond cannot be a linear input");
    List<ClosedIr> branches = branches(params);
    int n = in.size() - 1;
    boolean[] linear = new boolean[n];
    List<Array> residuals = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      linear[i] = in.isUndefined(i + 1);
      if (!linear[i]) residuals.add(in.value(i + 1));
    }
    boolean[] ctNz = new boolean[cotangents.size()];
    for (int j = 0; j < ctNz.length; j++) ctNz[j] = !cotangents.get(j).isZero();
    List<TransposedBranch> ts = joined(branches, n, (b, inst) -> TransposedBranch.of(b, linear, ctNz, inst),
        TransposedBranch::nonzeroIn);
    boolean[] inNz = ts.get(0).nonzeroIn();
    List<Tangent> result = new ArrayList<>();
    result.add(Tangent.zero(in.aval(0)));
    if (!any(inNz)) {
      for (int i = 0; i < n; i++) result.add(Tangent.zero(in.aval(i + 1)));
      return result;
    }
    List<ClosedIr> irs = new ArrayList<>();
    for (TransposedBranch t : ts) irs.add(t.ir());
    Common common = common(irs);
    List<Array> operands = new ArrayList<>();
    operands.add(in.value(0));
    operands.addAll(common.consts());
    operands.addAll(residuals);
    for (int j = 0; j < ctNz.length; j++) if (ctNz[j]) operands.add(cotangents.get(j).value());
    List<Array> outs = bind(params(common.branches()), operands);
    for (int i = 0, k = 0; i < n; i++) {
      result.add(inNz[i] ? Tangent.of(outs.get(k++)) : Tangent.zero(in.aval(i + 1)));
    }
    return result;
  }

  /**
   * A branch transposed with respect to its {@code linear} operands: inputs are the other (residual) operands
   * followed by the nonzero output cotangents; outputs the cotangents of the linear operands marked in
   * {@code nonzeroIn}.
   */
  private record TransposedBranch(ClosedIr ir, boolean[] nonzeroIn) {
    static TransposedBranch of(ClosedIr branch, boolean[] linear, boolean[] ctNz, boolean[] instantiate) {
      List<AbstractValue> avals = new ArrayList<>();
      for (int i = 0; i < linear.length; i++) if (!linear[i]) avals.add(branch.inAvals().get(i));
      for (int j = 0; j < ctNz.length; j++) if (ctNz[j]) avals.add(branch.outAvals().get(j));
      boolean[] nonzeroIn = new boolean[linear.length];
      ClosedIr ir = Staging.traceFlat("transpose of a cond branch", avals, null, args -> {
        int k = 0;
        List<Array> inputs = new ArrayList<>();
        for (boolean l : linear) inputs.add(l ? null : args.get(k++));
        List<Tangent> cts = new ArrayList<>();
        for (int j = 0; j < ctNz.length; j++) {
          cts.add(ctNz[j] ? Tangent.of(args.get(k++)) : Tangent.zero(branch.outAvals().get(j)));
        }
        List<Tangent> inCts = BackwardPass.transpose(branch.ir(), branch.consts(), inputs, cts);
        List<Array> result = new ArrayList<>();
        for (int i = 0; i < linear.length; i++) {
          if (linear[i] && (!inCts.get(i).isZero() || instantiate[i])) {
            nonzeroIn[i] = true;
            result.add(inCts.get(i).instantiate());
          }
        }
        return result;
      });
      return new TransposedBranch(ir, nonzeroIn);
    }
  }

  // ---- batching ----------------------------------------------------------------------------------------------

  @Override
  public Batched batch(List<Array> args, int[] dims, Params params) {
    List<ClosedIr> branches = branches(params);
    int size = BatchAxis.size(args, dims);
    int n = args.size() - 1;
    int nOut = branches.get(0).outAvals().size();
    if (dims[0] == BatchAxis.NOT_BATCHED) {
      // The same branch for every example: a cond over the batched branches (JAX's _cond_batching_rule).
      boolean[] inBatched = new boolean[n];
      List<Array> operands = new ArrayList<>();
      operands.add(args.get(0));
      List<Array> ops = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        inBatched[i] = dims[i + 1] != BatchAxis.NOT_BATCHED;
        ops.add(inBatched[i] ? BatchAxis.moveAxis(args.get(i + 1), dims[i + 1], 0) : args.get(i + 1));
      }
      List<BatchedIr> batched = joined(branches, nOut,
          (b, inst) -> BatchedIr.of(b, size, inBatched, inst, "a cond branch"), BatchedIr::outBatched);
      List<ClosedIr> irs = new ArrayList<>();
      for (BatchedIr b : batched) irs.add(b.ir());
      Common common = common(irs);
      operands.addAll(common.consts());
      operands.addAll(ops);
      List<Array> outs = bind(params(common.branches()), operands);
      boolean[] outBatched = batched.get(0).outBatched();
      int[] outDims = new int[nOut];
      for (int j = 0; j < nOut; j++) outDims[j] = outBatched[j] ? 0 : BatchAxis.NOT_BATCHED;
      return new Batched(outs, outDims);
    }
    // Each example picks its own branch: run every branch on the whole batch and select each example's
    // results, as JAX converts a cond with a batched predicate to select_n.
    if (hasEffects(params)) {
      throw new OlympusException("vmap of Lax.cond or Lax.switchCase with a predicate or index that varies over "
          + "the batch runs every branch for every example, so the branches' side effects (debug prints, host "
          + "callbacks) would happen for branches not taken. Move the effect out of the branches, or make the "
          + "predicate the same for the whole batch." + SourceLocation.suffix());
    }
    Array index = BatchAxis.moveAxis(args.get(0), dims[0], 0);
    List<Array> ops = new ArrayList<>();
    for (int i = 0; i < n; i++) ops.add(BatchAxis.toFront(args.get(i + 1), dims[i + 1], size));
    boolean[] all = new boolean[n];
    Arrays.fill(all, true);
    boolean[] allOut = new boolean[nOut];
    Arrays.fill(allOut, true);
    List<List<Array>> results = new ArrayList<>();
    for (int b = 0; b < branches.size(); b++) {
      ClosedIr batched = BatchedIr.of(branches.get(b), size, all, allOut, "a cond branch").ir();
      // Each branch sees its operands through a select that cuts the derivative of the examples that do not
      // take it (JAX's safety measure for reverse mode, jax#1052): their cotangent there is zero, but the
      // branch's backward pass may turn it into NaN (0 * inf from sqrt at 0, say), which must not reach x.
      Array taken = Lax.eq(index, Array.fromStorage(Storage.scalarLong(DType.I32, b), false));
      List<Array> guarded = new ArrayList<>(n);
      for (Array x : ops) {
        if (!x.dtype().isFloating()) {
          guarded.add(x);
          continue;
        }
        int[] shape = x.aval().shape().dims();
        Array which = shape.length == 1 ? taken : Lax.broadcastInDim(taken, shape, new int[] {0});
        guarded.add(Lax.selectN(which, StopGradient.STOP_GRADIENT.bind1(Params.NONE, x), x));
      }
      results.add(batched.call(guarded));
    }
    List<Array> outs = new ArrayList<>(nOut);
    int[] outDims = new int[nOut];
    for (int j = 0; j < nOut; j++) {
      Array[] cases = new Array[branches.size()];
      for (int b = 0; b < cases.length; b++) cases[b] = results.get(b).get(j);
      int[] shape = cases[0].aval().shape().dims();
      Array which = shape.length == 1 ? index : Lax.broadcastInDim(index, shape, new int[] {0});
      outs.add(Lax.selectN(which, cases));
    }
    return new Batched(outs, outDims);
  }

  // ---- shared by the rules -------------------------------------------------------------------------------

  /**
   * One transformed IR per branch, all with the same output mask: each branch is transformed once, and those
   * whose mask falls short of the union of all masks are transformed again with the union instantiated, since
   * every branch of a cond must return the same types.
   */
  private static <T> List<T> joined(List<ClosedIr> branches, int n, BiFunction<ClosedIr, boolean[], T> transform,
      Function<T, boolean[]> mask) {
    List<T> first = new ArrayList<>();
    boolean[] union = new boolean[n];
    for (ClosedIr b : branches) {
      T t = transform.apply(b, new boolean[n]);
      first.add(t);
      boolean[] m = mask.apply(t);
      for (int i = 0; i < n; i++) union[i] |= m[i];
    }
    List<T> result = new ArrayList<>();
    for (int b = 0; b < branches.size(); b++) {
      T t = first.get(b);
      result.add(Arrays.equals(mask.apply(t), union) ? t : transform.apply(branches.get(b), union));
    }
    return result;
  }

  /** Branch IRs taking one list of leading constants: every branch's own, concatenated. */
  private record Common(List<ClosedIr> branches, List<Array> consts) {}

  private static Common common(List<ClosedIr> irs) {
    List<Array> consts = new ArrayList<>();
    for (ClosedIr b : irs) consts.addAll(b.consts());
    if (consts.isEmpty()) return new Common(irs, consts);
    List<ClosedIr> out = new ArrayList<>();
    int offset = 0;
    for (ClosedIr b : irs) {
      List<Var> invars = new ArrayList<>();
      for (int k = 0; k < consts.size(); k++) {
        boolean own = k >= offset && k < offset + b.consts().size();
        invars.add(own ? b.ir().constvars().get(k - offset) : new Var(consts.get(k).aval()));
      }
      invars.addAll(b.ir().invars());
      out.add(new ClosedIr(new Ir(List.of(), invars, b.ir().equations(), b.ir().outputs()), List.of()));
      offset += b.consts().size();
    }
    return new Common(out, consts);
  }

  /** The index of the {@code nth} slot of type {@code key}, adding one if there are not that many. */
  private static int nthSlot(List<AbstractValue> slots, AbstractValue key, int nth) {
    int seen = 0;
    for (int s = 0; s < slots.size(); s++) {
      if (slots.get(s).equals(key) && seen++ == nth) return s;
    }
    slots.add(key);
    return slots.size() - 1;
  }


  private static boolean any(boolean[] mask) {
    for (boolean b : mask) if (b) return true;
    return false;
  }

  private static List<Array> concat(List<Array> a, List<Array> b) {
    List<Array> r = new ArrayList<>(a);
    r.addAll(b);
    return r;
  }
}
