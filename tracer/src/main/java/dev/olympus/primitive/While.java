package dev.olympus.primitive;

import dev.olympus.Array;
import dev.olympus.DType;
import dev.olympus.autodiff.JvpIr;
import dev.olympus.autodiff.JvpResult;
import dev.olympus.autodiff.JvpTrace;
import dev.olympus.autodiff.LinearInputs;
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
import java.util.List;
import java.util.function.Function;

/**
 * {@code while[body_jaxpr body_nconsts cond_jaxpr cond_nconsts] cond_consts... body_consts... carry...}: while
 * {@code cond_jaxpr(cond_consts, carry)} is true, {@code carry = body_jaxpr(body_consts, carry)} (JAX's
 * {@code while_p}). Values the two functions closed over are passed as the leading operands, counted by the
 * {@code *_nconsts} parameters, so the sub-IRs have no constants of their own. The carry's types are the body
 * IR's carry inputs (an operand may differ from them only in weak type); the results have the body's output
 * types, which may differ from the carry's only in weak type.
 *
 * <p>Transformation rules, as JAX's {@code loops.py}. Forward mode is one while loop over the body's JVP, with
 * the carries whose tangents are nonzero (a fixed point) carrying their tangents too. Reverse mode is refused:
 * the trip count is only known when the loop runs, so the values a backward pass would read cannot be stored
 * (JAX refuses likewise). Batching batches the body and predicate; a predicate that varies over the batch runs
 * the loop while any example's predicate holds, and each example keeps its carry once its own predicate fails.
 */
public final class While extends Primitive {
  public static final While WHILE = new While();

  private While() {
    super("while");
  }

  public static Params params(ClosedIr cond, int condConsts, ClosedIr body, int bodyConsts) {
    return Params.of("cond_jaxpr", cond, "cond_nconsts", condConsts, "body_jaxpr", body, "body_nconsts", bodyConsts);
  }

  @Override
  public List<AbstractValue> abstractEval(List<AbstractValue> in, Params params) {
    ClosedIr cond = params.as("cond_jaxpr");
    ClosedIr body = params.as("body_jaxpr");
    int cn = params.integer("cond_nconsts");
    int bn = params.integer("body_nconsts");
    if (!cond.consts().isEmpty() || !body.consts().isEmpty()) {
      throw new IllegalArgumentException("while takes the constants of its sub-IRs as operands");
    }
    if (in.size() < cn + bn) throw ShapeRules.error(name(), "expects at least " + (cn + bn) + " operands");
    List<AbstractValue> carry = body.inAvals().subList(bn, body.inAvals().size());
    List<AbstractValue> operands = new ArrayList<>(in.subList(0, cn));
    operands.addAll(in.subList(cn + bn, in.size()));
    if (!SubIrs.sameTypes(cond.inAvals(), operands)) {
      throw ShapeRules.error(name(), "cond_jaxpr takes " + SubIrs.tuple(cond.inAvals()) + " but gets "
          + SubIrs.tuple(operands));
    }
    List<AbstractValue> condOut = cond.outAvals();
    if (condOut.size() != 1 || condOut.get(0).dtype() != DType.BOOL || condOut.get(0).rank() != 0) {
      throw ShapeRules.error(name(), "cond_jaxpr must return one bool scalar, got " + SubIrs.tuple(condOut));
    }
    if (!SubIrs.sameTypes(body.inAvals(), in.subList(cn, in.size()))) {
      throw ShapeRules.error(name(), "body_jaxpr takes " + SubIrs.tuple(body.inAvals()) + " but gets "
          + SubIrs.tuple(in.subList(cn, in.size())));
    }
    if (!SubIrs.sameTypes(body.outAvals(), carry)) {
      throw ShapeRules.error(name(), "body_jaxpr must return the carry types " + SubIrs.tuple(carry) + ", got "
          + SubIrs.tuple(body.outAvals()));
    }
    // The body's output types: a weakly typed init the body computes on with strong values comes out strong.
    return body.outAvals();
  }

  @Override
  public List<Storage> evaluate(List<Storage> in, Params params) {
    ClosedIr cond = params.as("cond_jaxpr");
    ClosedIr body = params.as("body_jaxpr");
    return run(in, params.integer("cond_nconsts"), params.integer("body_nconsts"), cond.inAvals(), body.inAvals(),
        args -> SubIrs.run(cond, args), args -> SubIrs.run(body, args));
  }

  /**
   * The while loop over a predicate and a body given as functions: the eager implementation, and what
   * javac-time kernels call with their compiled ones. {@code condIn} and {@code bodyIn} are their input avals.
   */
  public static List<Storage> run(List<Storage> in, int cn, int bn, List<AbstractValue> condIn,
      List<AbstractValue> bodyIn, Function<List<Array>, List<Array>> cond, Function<List<Array>, List<Array>> body) {
    List<AbstractValue> carryAvals = bodyIn.subList(bn, bodyIn.size());
    List<Array> condConsts = SubIrs.arrays(in.subList(0, cn), condIn);
    List<Array> bodyConsts = SubIrs.arrays(in.subList(cn, cn + bn), bodyIn);
    List<Storage> carry = in.subList(cn + bn, in.size());
    while (true) {
      // Each step sees the carry with the carry's own weak types, whatever the previous step returned, so
      // promotion inside the body is the same on every iteration as it was when the body was traced.
      List<Array> c = SubIrs.arrays(carry, carryAvals);
      List<Array> condArgs = new ArrayList<>(condConsts);
      condArgs.addAll(c);
      if (!cond.apply(condArgs).get(0).bool()) return List.copyOf(carry);
      List<Array> bodyArgs = new ArrayList<>(bodyConsts);
      bodyArgs.addAll(c);
      carry = SubIrs.storages(body.apply(bodyArgs));
    }
  }

  @Override
  public boolean hasEffects(Params params) {
    ClosedIr cond = params.as("cond_jaxpr");
    ClosedIr body = params.as("body_jaxpr");
    return cond.ir().hasEffects() || body.ir().hasEffects();
  }

  // ---- forward mode, and the refusal of reverse mode ------------------------------------------------------------

  @Override
  public JvpResult jvp(List<Array> primals, List<Tangent> tangents, Params params) {
    ClosedIr cond = params.as("cond_jaxpr");
    ClosedIr body = params.as("body_jaxpr");
    int cn = params.integer("cond_nconsts");
    int bn = params.integer("body_nconsts");
    int nK = primals.size() - cn - bn;
    boolean[] nz = new boolean[primals.size()];
    for (int i = 0; i < nz.length; i++) nz[i] = !tangents.get(i).isZero();
    boolean[] bconstNz = SubIrs.slice(nz, cn, cn + bn);
    SubIrs.FixedPoint<JvpIr> fp = SubIrs.carryFixedPoint(SubIrs.slice(nz, cn + bn, nz.length),
        c -> JvpIr.of(body, SubIrs.concat(bconstNz, c), c, "a while body"), JvpIr::nonzeroOut);
    boolean[] carryNz = fp.carry();
    JvpIr jvp = fp.transformed();
    // The predicate has no tangent; with no carry tangent the loop's results do not depend on the inputs.
    if (SubIrs.count(carryNz) == 0) return JvpResult.zeroTangents(bind(params, primals));
    if (JvpTrace.ruleIsLinearizing()) throw reverseModeError();
    int tB = SubIrs.count(bconstNz), tK = SubIrs.count(carryNz);
    // The JVP takes (body consts, carry, their tangents); the loop passes (body consts, their tangents | carry,
    // carry tangents), so the tangents join each group.
    List<Integer> in = new ArrayList<>();
    SubIrs.range(in, 0, bn);
    SubIrs.range(in, bn + nK, bn + nK + tB);
    SubIrs.range(in, bn, bn + nK);
    SubIrs.range(in, bn + nK + tB, bn + nK + tB + tK);
    List<Integer> out = new ArrayList<>();
    SubIrs.range(out, 0, nK + tK);
    ClosedIr newBody = SubIrs.rearranged(jvp.ir(), in, out);
    // The predicate reads the primal carry only; it takes the tangents as inputs it ignores.
    List<Var> condInvars = new ArrayList<>(cond.ir().invars());
    for (int k = 0; k < nK; k++) if (carryNz[k]) condInvars.add(new Var(body.inAvals().get(bn + k)));
    ClosedIr newCond = new ClosedIr(new Ir(List.of(), condInvars, cond.ir().equations(), cond.ir().outputs()), List.of());
    List<Array> operands = new ArrayList<>(primals.subList(0, cn));
    operands.addAll(newBody.consts());
    operands.addAll(primals.subList(cn, cn + bn));
    for (int i = 0; i < bn; i++) if (bconstNz[i]) operands.add(tangents.get(cn + i).value());
    operands.addAll(primals.subList(cn + bn, primals.size()));
    for (int k = 0; k < nK; k++) if (carryNz[k]) operands.add(tangents.get(cn + bn + k).instantiate());
    List<Array> outs = bind(params(newCond, cn, newBody.constsAsInputs(), newBody.consts().size() + bn + tB), operands);
    List<Tangent> ts = new ArrayList<>();
    for (int k = 0, t = nK; k < nK; k++) ts.add(carryNz[k] ? Tangent.of(outs.get(t++)) : Tangent.zero(outs.get(k).aval()));
    return new JvpResult(outs.subList(0, nK), ts);
  }

  /** Not reached through the jvp rule, which refuses reverse mode first; kept for an equation staged otherwise. */
  @Override
  public List<Tangent> transpose(List<Tangent> cotangents, LinearInputs in, Params params) {
    throw reverseModeError();
  }

  private static OlympusException reverseModeError() {
    return new OlympusException("Reverse-mode differentiation does not work for Lax.whileLoop or Lax.foriLoop with "
        + "dynamic bounds. Use Lax.scan or Lax.foriLoop with static (int) bounds, or jvp (forward mode). (The "
        + "number of iterations of a while loop is known only when it runs, so reverse mode cannot store the values "
        + "its backward pass reads.)" + SourceLocation.suffix());
  }

  // ---- batching ----------------------------------------------------------------------------------------------

  /**
   * JAX's {@code _while_loop_batching_rule}. A carry is batched if its initial value or the body makes it so (a
   * fixed point). If the predicate is then the same for the whole batch, the loop runs the batched body as it
   * is. Otherwise every carry is batched, the loop runs while any example's predicate holds, and each step
   * keeps the old carry of the examples whose predicate is already false.
   */
  @Override
  public Batched batch(List<Array> args, int[] dims, Params params) {
    ClosedIr cond = params.as("cond_jaxpr");
    ClosedIr body = params.as("body_jaxpr");
    int cn = params.integer("cond_nconsts");
    int bn = params.integer("body_nconsts");
    int n = args.size();
    int nK = n - cn - bn;
    int size = BatchAxis.size(args, dims);
    boolean[] batched = new boolean[n];
    for (int i = 0; i < n; i++) batched[i] = dims[i] != BatchAxis.NOT_BATCHED;
    boolean[] cconstB = SubIrs.slice(batched, 0, cn);
    boolean[] bconstB = SubIrs.slice(batched, cn, cn + bn);
    SubIrs.FixedPoint<BatchedIr> fp = SubIrs.carryFixedPoint(SubIrs.slice(batched, cn + bn, n),
        c -> BatchedIr.of(body, size, SubIrs.concat(bconstB, c), c, "a while body"), BatchedIr::outBatched);
    boolean[] carryB = fp.carry();
    BatchedIr bodyB = fp.transformed();
    BatchedIr condB = BatchedIr.of(cond, size, SubIrs.concat(cconstB, carryB), new boolean[1], "a while predicate");
    List<Array> cconsts = new ArrayList<>();
    for (int i = 0; i < cn; i++) cconsts.add(batched[i] ? BatchAxis.moveAxis(args.get(i), dims[i], 0) : args.get(i));
    List<Array> bconsts = new ArrayList<>();
    for (int i = cn; i < cn + bn; i++) bconsts.add(batched[i] ? BatchAxis.moveAxis(args.get(i), dims[i], 0) : args.get(i));

    if (!condB.outBatched()[0]) {
      List<Array> operands = new ArrayList<>(condB.ir().consts());
      operands.addAll(cconsts);
      operands.addAll(bodyB.ir().consts());
      operands.addAll(bconsts);
      int[] outDims = new int[nK];
      for (int k = 0; k < nK; k++) {
        Array x = args.get(cn + bn + k);
        operands.add(carryB[k] ? BatchAxis.toFront(x, dims[cn + bn + k], size) : x);
        outDims[k] = carryB[k] ? 0 : BatchAxis.NOT_BATCHED;
      }
      List<Array> outs = bind(params(condB.ir().constsAsInputs(), condB.ir().consts().size() + cn,
          bodyB.ir().constsAsInputs(), bodyB.ir().consts().size() + bn), operands);
      return new Batched(outs, outDims);
    }

    if (hasEffects(params)) {
      throw new OlympusException("vmap of Lax.whileLoop or Lax.foriLoop with a condition that varies over the batch "
          + "runs the body for examples whose loop has already ended, so the body's side effects (debug prints, "
          + "host callbacks) would happen too often. Move the effect out of the loop, or make the condition the "
          + "same for the whole batch." + SourceLocation.suffix());
    }
    boolean[] all = SubIrs.filled(nK, true);
    ClosedIr predicate = BatchedIr.of(cond, size, SubIrs.concat(cconstB, all), new boolean[] {true},
        "a while predicate").ir();
    ClosedIr step = BatchedIr.of(body, size, SubIrs.concat(bconstB, all), all, "a while body").ir();
    List<AbstractValue> carryAvals = step.inAvals().subList(bn, bn + nK);
    List<AbstractValue> condIn = predicate.inAvals();
    ClosedIr anyCond = Staging.traceFlat("the batched predicate of a while loop", condIn, null,
        a -> List.of(Lax.reduceMax(predicate.call(a).get(0), 0)));
    List<AbstractValue> bodyIn = new ArrayList<>(condIn.subList(0, cn));
    bodyIn.addAll(step.inAvals());
    ClosedIr selectingBody = Staging.traceFlat("the batched body of a while loop", bodyIn, null, a -> {
      List<Array> carry = a.subList(cn + bn, a.size());
      List<Array> predArgs = new ArrayList<>(a.subList(0, cn));
      predArgs.addAll(carry);
      Array pred = predicate.call(predArgs).get(0);
      List<Array> next = step.call(a.subList(cn, a.size()));
      List<Array> result = new ArrayList<>(nK);
      for (int k = 0; k < nK; k++) {
        int[] shape = carryAvals.get(k).shape().dims();
        Array which = shape.length == 1 ? pred : Lax.broadcastInDim(pred, shape, new int[] {0});
        result.add(Lax.selectN(which, carry.get(k), next.get(k)));
      }
      return result;
    });
    List<Array> operands = new ArrayList<>(anyCond.consts());
    operands.addAll(cconsts);
    operands.addAll(selectingBody.consts());
    operands.addAll(cconsts);
    operands.addAll(bconsts);
    int[] outDims = new int[nK];
    for (int k = 0; k < nK; k++) operands.add(BatchAxis.toFront(args.get(cn + bn + k), dims[cn + bn + k], size));
    List<Array> outs = bind(params(anyCond.constsAsInputs(), anyCond.consts().size() + cn,
        selectingBody.constsAsInputs(), selectingBody.consts().size() + cn + bn), operands);
    return new Batched(outs, outDims);
  }
}
