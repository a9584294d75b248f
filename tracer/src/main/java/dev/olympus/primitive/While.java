package dev.olympus.primitive;

import dev.olympus.Array;
import dev.olympus.DType;
import dev.olympus.ir.ClosedIr;
import dev.olympus.storage.Storage;
import dev.olympus.types.AbstractValue;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code while[body_jaxpr body_nconsts cond_jaxpr cond_nconsts] cond_consts... body_consts... carry...}: while
 * {@code cond_jaxpr(cond_consts, carry)} is true, {@code carry = body_jaxpr(body_consts, carry)} (JAX's
 * {@code while_p}). Values the two functions closed over are passed as the leading operands, counted by the
 * {@code *_nconsts} parameters, so the sub-IRs have no constants of their own. The carry's types are the body
 * IR's carry inputs (an operand may differ from them only in weak type); the results have the body's output
 * types, which may differ from the carry's only in weak type.
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
    int cn = params.integer("cond_nconsts");
    int bn = params.integer("body_nconsts");
    List<AbstractValue> carryAvals = body.inAvals().subList(bn, body.inAvals().size());
    List<Array> condConsts = SubIrs.arrays(in.subList(0, cn), cond.inAvals());
    List<Array> bodyConsts = SubIrs.arrays(in.subList(cn, cn + bn), body.inAvals());
    List<Storage> carry = in.subList(cn + bn, in.size());
    while (true) {
      // Each step sees the carry with the carry's own weak types, whatever the previous step returned, so
      // promotion inside the body is the same on every iteration as it was when the body was traced.
      List<Array> c = SubIrs.arrays(carry, carryAvals);
      List<Array> condArgs = new ArrayList<>(condConsts);
      condArgs.addAll(c);
      if (!SubIrs.run(cond, condArgs).get(0).bool()) return List.copyOf(carry);
      List<Array> bodyArgs = new ArrayList<>(bodyConsts);
      bodyArgs.addAll(c);
      carry = SubIrs.storages(SubIrs.run(body, bodyArgs));
    }
  }

  @Override
  public boolean hasEffects(Params params) {
    ClosedIr cond = params.as("cond_jaxpr");
    ClosedIr body = params.as("body_jaxpr");
    return cond.ir().hasEffects() || body.ir().hasEffects();
  }
}
