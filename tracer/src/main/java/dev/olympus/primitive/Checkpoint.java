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
import dev.olympus.ir.Var;
import dev.olympus.storage.Storage;
import dev.olympus.transform.Staging;
import dev.olympus.types.AbstractValue;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code remat2[differentiated=... jaxpr={...} policy=None prevent_cse=True] operands...}: runs its IR on
 * the operands, and under reverse mode saves none of the IR's intermediate values for the backward pass but
 * recomputes them there (JAX's {@code remat_p}, what {@code jax.checkpoint} binds, printed {@code remat2} as JAX 0.10 prints it). It trades compute for
 * memory: the backward pass of a checkpointed block holds only the block's inputs until it runs.
 *
 * <p>Rules, as JAX's {@code ad_checkpoint.py}: forward mode is a {@code checkpoint} of the JVP; reverse mode
 * runs the primal IR now, inline (its outputs alone are kept: the linearization records no residual of it),
 * and records a {@code checkpoint} on the tape whose IR recomputes the residuals from the block's inputs and then applies the
 * tangent map. Transposing that one gives a {@code checkpoint} of the transposed IR, whose non-linear part
 * (the recomputation) {@link BackwardPass} evaluates first, at backward time. Batching is a {@code checkpoint}
 * of the batched IR. Kernels inline the IR ({@link #inlined}), as XLA lowers {@code remat}: values are freed
 * at their last use, and recomputed ones are not merged with the forward ones because they are in other
 * kernels (the backward pass comes after the forward one).
 *
 * <p>The IR takes the values its function closed over as leading operands and has no constants.
 */
public final class Checkpoint extends Primitive {
  public static final Checkpoint CHECKPOINT = new Checkpoint();

  private Checkpoint() {
    super("remat2");
  }

  /**
   * Parameters as JAX prints them; {@code differentiated} marks the checkpoints autodiff made. Only JAX's
   * default policy is implemented (save nothing), so {@code policy} is always {@code None}.
   */
  public static Params params(ClosedIr body, boolean differentiated) {
    if (!body.consts().isEmpty()) throw new IllegalArgumentException("a checkpoint's IR takes its constants as operands");
    return Params.of("jaxpr", body, "prevent_cse", true, "differentiated", differentiated, "policy", null);
  }

  public static ClosedIr body(Params params) { return params.as("jaxpr"); }

  /** Binds a checkpoint of {@code body}, closure-converted: its constants become leading operands. */
  public static List<Array> call(ClosedIr body, List<Array> operands, boolean differentiated) {
    List<Array> all = new ArrayList<>(body.consts());
    all.addAll(operands);
    return CHECKPOINT.bind(params(body.constsAsInputs(), differentiated), all);
  }

  @Override
  public List<AbstractValue> abstractEval(List<AbstractValue> in, Params params) {
    ClosedIr body = body(params);
    if (!SubIrs.sameTypes(body.inAvals(), in)) {
      throw ShapeRules.error(name(), "its IR takes " + SubIrs.tuple(body.inAvals()) + " but the operands are "
          + SubIrs.tuple(in));
    }
    return body.outAvals();
  }

  @Override
  public List<Storage> evaluate(List<Storage> in, Params params) {
    ClosedIr body = body(params);
    return SubIrs.storages(SubIrs.run(body, SubIrs.arrays(in, body.inAvals())));
  }

  @Override
  public boolean hasEffects(Params params) { return body(params).ir().hasEffects(); }

  // ---- forward and reverse mode ----------------------------------------------------------------------------

  @Override
  public JvpResult jvp(List<Array> primals, List<Tangent> tangents, Params params) {
    ClosedIr body = body(params);
    int n = primals.size();
    boolean[] nz = new boolean[n];
    for (int i = 0; i < n; i++) nz[i] = !tangents.get(i).isZero();
    int nOut = body.outAvals().size();
    boolean[] none = new boolean[nOut];
    if (!JvpTrace.ruleIsLinearizing()) {
      JvpIr jvp = JvpIr.of(body, nz, none, "a checkpoint");
      List<Array> operands = new ArrayList<>(primals);
      for (int i = 0; i < n; i++) if (nz[i]) operands.add(tangents.get(i).value());
      List<Array> outs = call(jvp.ir(), operands, params.flag("differentiated"));
      return JvpResult.of(outs.subList(0, nOut), outs.subList(nOut, outs.size()), jvp.nonzeroOut());
    }
    LinearizedIr lin = LinearizedIr.of(body, nz, none, "a checkpoint");
    boolean[] outNz = lin.nonzeroOut();
    // Only the outputs are kept from the primal computation: the residuals are recomputed by the tangent map.
    ClosedIr primal = new ClosedIr(outputsOnly(lin.primal().ir(), nOut), lin.primal().consts());
    List<Array> primalOuts = primal.call(primals);
    boolean any = false;
    for (boolean b : outNz) any |= b;
    if (!any) return JvpResult.zeroTangents(primalOuts);

    List<AbstractValue> tangentIn = new ArrayList<>(body.inAvals());
    for (int i = 0; i < n; i++) if (nz[i]) tangentIn.add(body.inAvals().get(i));
    ClosedIr tangentMap = Staging.traceFlat("tangents of a checkpoint", tangentIn, null, args -> {
      List<Array> recomputed = lin.primal().call(args.subList(0, n));
      List<Array> in = new ArrayList<>(recomputed.subList(nOut, recomputed.size()));
      in.addAll(args.subList(n, args.size()));
      return lin.tangent().call(in);
    });
    tangentMap = new ClosedIr(tangentMap.ir().pruned(), tangentMap.consts());
    List<Array> operands = new ArrayList<>(primals);
    for (int i = 0; i < n; i++) if (nz[i]) operands.add(tangents.get(i).value());
    return JvpResult.of(primalOuts, call(tangentMap, operands, true), outNz);
  }

  /**
   * The transpose with respect to the undefined operands: a checkpoint of the transposed IR, so the primal
   * recomputation in it runs when the backward pass reaches this equation.
   */
  @Override
  public List<Tangent> transpose(List<Tangent> cotangents, LinearInputs in, Params params) {
    ClosedIr body = body(params);
    int n = in.size();
    List<AbstractValue> avals = new ArrayList<>();
    List<Array> operands = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (!in.isUndefined(i)) {
        avals.add(in.aval(i));
        operands.add(in.value(i));
      }
    }
    boolean[] ctNz = new boolean[cotangents.size()];
    for (int j = 0; j < ctNz.length; j++) {
      ctNz[j] = !cotangents.get(j).isZero();
      if (ctNz[j]) {
        avals.add(body.outAvals().get(j));
        operands.add(cotangents.get(j).value());
      }
    }
    boolean[] inNz = new boolean[n];
    ClosedIr transposed = Staging.traceFlat("transpose of a checkpoint", avals, null, args -> {
      int k = 0;
      List<Array> inputs = new ArrayList<>();
      for (int i = 0; i < n; i++) inputs.add(in.isUndefined(i) ? null : args.get(k++));
      List<Tangent> cts = new ArrayList<>();
      for (int j = 0; j < ctNz.length; j++) {
        cts.add(ctNz[j] ? Tangent.of(args.get(k++)) : Tangent.zero(body.outAvals().get(j)));
      }
      List<Tangent> inCts = BackwardPass.transpose(body.ir(), body.consts(), inputs, cts);
      List<Array> result = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        if (in.isUndefined(i) && !inCts.get(i).isZero()) {
          inNz[i] = true;
          result.add(inCts.get(i).value());
        }
      }
      return result;
    });
    List<Array> outs = call(new ClosedIr(transposed.ir().pruned(), transposed.consts()), operands, true);
    List<Tangent> result = new ArrayList<>(n);
    for (int i = 0, k = 0; i < n; i++) result.add(inNz[i] ? Tangent.of(outs.get(k++)) : Tangent.zero(in.aval(i)));
    return result;
  }

  // ---- batching ----------------------------------------------------------------------------------------------

  @Override
  public Batched batch(List<Array> args, int[] dims, Params params) {
    ClosedIr body = body(params);
    int size = BatchAxis.size(args, dims);
    boolean[] inBatched = new boolean[args.size()];
    List<Array> operands = new ArrayList<>(args.size());
    for (int i = 0; i < args.size(); i++) {
      inBatched[i] = dims[i] != BatchAxis.NOT_BATCHED;
      operands.add(inBatched[i] ? BatchAxis.moveAxis(args.get(i), dims[i], 0) : args.get(i));
    }
    BatchedIr batched = BatchedIr.of(body, size, inBatched, new boolean[body.outAvals().size()], "a checkpoint");
    List<Array> outs = call(batched.ir(), operands, params.flag("differentiated"));
    boolean[] outBatched = batched.outBatched();
    int[] outDims = new int[outs.size()];
    for (int j = 0; j < outDims.length; j++) outDims[j] = outBatched[j] ? 0 : BatchAxis.NOT_BATCHED;
    return new Batched(outs, outDims);
  }

  // ---- lowering ------------------------------------------------------------------------------------------------

  /**
   * {@code ir} with every {@code checkpoint} equation, at any depth of nesting in each other, replaced by the
   * equations of its IR (with fresh variables, since one IR may be inlined more than once).
   */
  public static Ir inlined(Ir ir) {
    boolean any = false;
    for (Equation e : ir.equations()) any |= e.primitive() == CHECKPOINT;
    if (!any) return ir;
    Map<Var, Atom> env = new IdentityHashMap<>();
    List<Equation> equations = new ArrayList<>();
    inline(ir.equations(), env, equations);
    List<Atom> outputs = new ArrayList<>();
    for (Atom a : ir.outputs()) outputs.add(substitute(env, a));
    return new Ir(ir.constvars(), ir.invars(), equations, outputs);
  }

  private static void inline(List<Equation> source, Map<Var, Atom> env, List<Equation> into) {
    for (Equation e : source) {
      List<Atom> inputs = new ArrayList<>(e.inputs().size());
      for (Atom a : e.inputs()) inputs.add(substitute(env, a));
      if (e.primitive() != CHECKPOINT) {
        into.add(new Equation(e.primitive(), inputs, e.params(), e.outputs()));
        continue;
      }
      Ir body = body(e.params()).ir();
      Map<Var, Atom> inner = new IdentityHashMap<>();
      for (int i = 0; i < inputs.size(); i++) inner.put(body.invars().get(i), inputs.get(i));
      List<Equation> renamed = new ArrayList<>();
      for (Equation b : body.equations()) {
        List<Var> outs = new ArrayList<>(b.outputs().size());
        for (Var v : b.outputs()) {
          Var fresh = new Var(v.aval());
          inner.put(v, fresh);
          outs.add(fresh);
        }
        List<Atom> ins = new ArrayList<>(b.inputs().size());
        for (Atom a : b.inputs()) ins.add(substitute(inner, a));
        renamed.add(new Equation(b.primitive(), ins, b.params(), outs));
      }
      // The renamed body may hold checkpoints of its own; its inputs are already substituted.
      inline(renamed, env, into);
      for (int j = 0; j < e.outputs().size(); j++) env.put(e.outputs().get(j), substitute(env, substitute(inner, body.outputs().get(j))));
    }
  }

  private static Atom substitute(Map<Var, Atom> env, Atom a) {
    if (a instanceof Var v) {
      Atom s = env.get(v);
      return s == null ? a : s;
    }
    return a;
  }

  /** {@code ir} returning only its first {@code n} outputs. */
  private static Ir outputsOnly(Ir ir, int n) {
    return new Ir(ir.constvars(), ir.invars(), ir.equations(), ir.outputs().subList(0, n)).pruned();
  }

}
