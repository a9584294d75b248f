package dev.olympus.primitive;

import dev.olympus.DType;
import dev.olympus.ir.ClosedIr;
import dev.olympus.storage.Storage;
import dev.olympus.types.AbstractValue;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code cond[branches=(...)] index operands...}: runs {@code branches[index]} on the operands (JAX's
 * {@code cond_p}, which also serves {@code switch}). The index is an int32 scalar; {@code Lax.cond} converts a bool predicate to it, so branch 0 is the false branch. Every branch takes
 * the same operands (values the branches closed over come first, as in JAX, so the branch IRs have no
 * constants of their own) and returns the same types.
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
    // XLA's Conditional runs the last branch for an index out of range on either side; Lax.switchCase clamps
    // before binding, as JAX's switch does, so users see NumPy-style clamping.
    long i = in.get(0).getLong(0);
    ClosedIr branch = branches.get(i < 0 || i >= branches.size() ? branches.size() - 1 : (int) i);
    return SubIrs.storages(SubIrs.run(branch, SubIrs.arrays(in.subList(1, in.size()), branch.inAvals())));
  }

  @Override
  public boolean hasEffects(Params params) { return SubIrs.anyEffects(branches(params)); }
}
