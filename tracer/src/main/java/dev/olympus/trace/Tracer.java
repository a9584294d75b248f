package dev.olympus.trace;

import dev.olympus.types.AbstractValue;

/**
 * The payload of an {@link dev.olympus.Array} that stands for an abstract value during a trace. Each trace
 * defines its own tracer kind (an IR variable, a primal/tangent pair, a batched value).
 */
public abstract class Tracer {
  /** The trace that created this tracer; ops on it go there. */
  public abstract Trace trace();

  public abstract AbstractValue aval();

  /**
   * Which of the traced function's arguments this value depends on, in words ("the argument n"), or
   * {@code null} when unknown. Errors use it to say why a value is not concrete.
   */
  public String dependsOn() { return null; }

  /** Where in user code this tracer was made, or {@code null}. */
  public String createdAt() { return null; }

  @Override
  public String toString() { return "Traced<" + aval() + ">"; }
}
