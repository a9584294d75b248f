package dev.olympus.autodiff;

import dev.olympus.Array;
import dev.olympus.types.AbstractValue;
import java.util.List;

/**
 * The operands of a linear equation being transposed. An <em>undefined</em> operand is a linear input whose
 * cotangent is wanted (JAX's {@code UndefinedPrimal}): only its abstract value is known. A defined operand is a
 * residual (a value the primal computation produced, or a constant) and can be read.
 */
public final class LinearInputs {
  private final List<Array> values;
  private final List<AbstractValue> avals;

  /** {@code values.get(i) == null} marks operand {@code i} as undefined. */
  public LinearInputs(List<Array> values, List<AbstractValue> avals) {
    if (values.size() != avals.size()) throw new IllegalArgumentException("values and avals differ in length");
    this.values = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(values));
    this.avals = List.copyOf(avals);
  }

  public int size() { return avals.size(); }

  /** True for an operand being transposed (a linear input), false for a residual. */
  public boolean isUndefined(int i) { return values.get(i) == null; }

  /** A residual operand's value. */
  public Array value(int i) {
    Array v = values.get(i);
    if (v == null) {
      throw new IllegalStateException("operand " + i + " (" + avals.get(i) + ") is a linear input being transposed; "
          + "its value is not known. The primitive is not linear in it.");
    }
    return v;
  }

  public AbstractValue aval(int i) { return avals.get(i); }
}
