package dev.olympus.lax;

import dev.olympus.Array;
import dev.olympus.ir.ClosedIr;
import dev.olympus.ir.Ir;
import dev.olympus.ir.Var;
import dev.olympus.pytree.PyTree;
import dev.olympus.pytree.TreeDef;
import dev.olympus.transform.Staging;
import dev.olympus.types.AbstractValue;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A user function traced into the sub-IR of a control-flow primitive, closure-converted as JAX does: the values
 * it closed over (tracers of the enclosing trace, and non-scalar constants) become leading inputs of the IR,
 * and {@link #consts} are the arrays to pass for them as operands of the equation. Nothing the sub-IR reads
 * is hidden from the enclosing trace, so transformations and lowering see every dependency.
 *
 * @param ir the IR, inputs {@code consts..., args...}, with no constants of its own
 * @param consts the values the function closed over, in the order of the IR's leading inputs
 * @param outTree the structure of the function's result
 */
record Subfunction(ClosedIr ir, List<Array> consts, TreeDef outTree) {

  /** Traces {@code fn} on fresh inputs of types {@code avals}; {@code fn} returns a tree of arrays. */
  static Subfunction trace(String description, List<AbstractValue> avals, List<String> argNames,
      Function<List<Array>, Object> fn) {
    TreeDef[] outTree = new TreeDef[1];
    ClosedIr closed = Staging.traceFlat(description, avals, argNames, leaves -> {
      PyTree.Flat out = PyTree.flatten(Staging.asTreeArgument(fn.apply(leaves)));
      outTree[0] = out.tree();
      return out.leaves();
    });
    List<Var> invars = new ArrayList<>(closed.ir().constvars());
    invars.addAll(closed.ir().invars());
    Ir open = new Ir(List.of(), invars, closed.ir().equations(), closed.ir().outputs());
    return new Subfunction(new ClosedIr(open, List.of()), closed.consts(), outTree[0]);
  }

  List<AbstractValue> outAvals() { return ir.outAvals(); }

  /** The types of the function's own arguments (after the closed-over values). */
  List<AbstractValue> argAvals() { return ir.inAvals().subList(consts.size(), ir.inAvals().size()); }

  /**
   * Gives several functions one list of closed-over values (JAX's common consts for {@code cond} branches):
   * each IR takes all of them, ignoring those it does not read. The same value closed over by several
   * functions is passed once.
   */
  static Common common(List<Subfunction> fns) {
    Map<Object, Integer> index = new IdentityHashMap<>();
    List<Array> all = new ArrayList<>();
    for (Subfunction f : fns) {
      for (Array c : f.consts) {
        if (index.putIfAbsent(identity(c), all.size()) == null) all.add(c);
      }
    }
    List<ClosedIr> irs = new ArrayList<>();
    for (Subfunction f : fns) {
      Var[] constInputs = new Var[all.size()];
      List<Var> invars = f.ir.ir().invars();
      for (int k = 0; k < f.consts.size(); k++) constInputs[index.get(identity(f.consts.get(k)))] = invars.get(k);
      List<Var> newInvars = new ArrayList<>();
      for (int k = 0; k < all.size(); k++) newInvars.add(constInputs[k] != null ? constInputs[k] : new Var(all.get(k).aval()));
      newInvars.addAll(invars.subList(f.consts.size(), invars.size()));
      Ir ir = f.ir.ir();
      irs.add(new ClosedIr(new Ir(List.of(), newInvars, ir.equations(), ir.outputs()), List.of()));
    }
    return new Common(irs, all);
  }

  /** IRs that all take {@code consts} first. */
  record Common(List<ClosedIr> irs, List<Array> consts) {}

  /** The identity an IR trace gives a closed-over value: its tracer, or its data. */
  private static Object identity(Array a) { return a.isTracer() ? a.tracer() : a.storage(); }
}
