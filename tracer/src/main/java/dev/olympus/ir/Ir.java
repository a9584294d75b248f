package dev.olympus.ir;

import dev.olympus.types.AbstractValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * A first-order program in A-normal form (JAX's {@code Jaxpr}): constant variables, input variables, a list of
 * equations, and output atoms. Immutable.
 */
public record Ir(List<Var> constvars, List<Var> invars, List<Equation> equations, List<Atom> outputs) {
  public Ir {
    constvars = List.copyOf(constvars);
    invars = List.copyOf(invars);
    equations = List.copyOf(equations);
    outputs = List.copyOf(outputs);
  }

  public List<AbstractValue> inAvals() {
    List<AbstractValue> r = new ArrayList<>();
    for (Var v : invars) r.add(v.aval());
    return r;
  }

  public List<AbstractValue> outAvals() {
    List<AbstractValue> r = new ArrayList<>();
    for (Atom a : outputs) r.add(a.aval());
    return r;
  }

  /** Whether some equation, here or in a nested IR, has effects (a debug print, a host callback). */
  public boolean hasEffects() {
    for (Equation e : equations) if (e.primitive().hasEffects(e.params())) return true;
    return false;
  }

  /**
   * The equations an output depends on, plus those with effects, in program order (JAX's {@code dce_jaxpr}):
   * what a lowering or a transformation that re-traces needs to run.
   */
  public List<Equation> liveEquations() {
    Set<Var> needed = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Atom a : outputs) if (a instanceof Var v) needed.add(v);
    boolean[] keep = new boolean[equations.size()];
    for (int i = equations.size() - 1; i >= 0; i--) {
      Equation e = equations.get(i);
      boolean used = e.primitive().hasEffects(e.params());
      for (Var o : e.outputs()) used |= needed.contains(o);
      if (!used) continue;
      keep[i] = true;
      for (Atom a : e.inputs()) if (a instanceof Var v) needed.add(v);
    }
    List<Equation> live = new ArrayList<>();
    for (int i = 0; i < keep.length; i++) if (keep[i]) live.add(equations.get(i));
    return live;
  }

  /** This IR without the equations no output depends on (and that have no effects). */
  public Ir pruned() {
    List<Equation> live = liveEquations();
    return live.size() == equations.size() ? this : new Ir(constvars, invars, live, outputs);
  }

  @Override
  public String toString() { return IrPrinter.print(this); }
}
