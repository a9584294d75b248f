package dev.olympus.ir;

import dev.olympus.Array;
import dev.olympus.types.AbstractValue;
import java.util.List;

/**
 * An {@link Ir} together with the values of its constant variables (JAX's {@code ClosedJaxpr}). This is what
 * {@code Olympus.makeIr} returns; {@link #toString()} prints jaxpr text.
 *
 * <p>{@code inTree}/{@code outTree} describe how the flat inputs and outputs map to the user's argument and
 * result structure (records, lists), so a transformation can rebuild them.
 */
public record ClosedIr(Ir ir, List<Array> consts) {
  public ClosedIr {
    consts = List.copyOf(consts);
    if (consts.size() != ir.constvars().size()) {
      throw new IllegalArgumentException(consts.size() + " constants for " + ir.constvars().size() + " constvars");
    }
  }

  public List<AbstractValue> inAvals() { return ir.inAvals(); }

  public List<AbstractValue> outAvals() { return ir.outAvals(); }

  /**
   * The same computation with its constants as leading inputs and none of its own (JAX's
   * {@code convert_constvars_jaxpr}): call it with {@link #consts()} followed by the original arguments. The
   * control-flow primitives hold sub-IRs in this form and pass the constants as operands, so that nothing a
   * sub-IR reads is hidden from the traces and transformations around the equation.
   */
  public ClosedIr constsAsInputs() {
    if (consts.isEmpty()) return this;
    java.util.List<Var> invars = new java.util.ArrayList<>(ir.constvars());
    invars.addAll(ir.invars());
    return new ClosedIr(new Ir(List.of(), invars, ir.equations(), ir.outputs()), List.of());
  }

  /** Evaluates this IR on {@code args} with the current trace (eagerly, or staged/transformed). */
  public List<Array> call(List<Array> args) {
    return IrEvaluator.evaluate(ir, consts, args);
  }

  @Override
  public String toString() { return IrPrinter.print(ir); }
}
