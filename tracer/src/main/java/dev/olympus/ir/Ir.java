package dev.olympus.ir;

import dev.olympus.types.AbstractValue;
import java.util.ArrayList;
import java.util.List;

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

  @Override
  public String toString() { return IrPrinter.print(this); }
}
