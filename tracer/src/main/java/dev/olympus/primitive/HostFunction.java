package dev.olympus.primitive;

import dev.olympus.Array;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A Java function that a callback primitive calls with concrete arrays when its equation runs (eagerly, or on
 * every call of compiled code). It is a parameter of the equation, so it compares by {@code identity}: the same
 * user function traced twice gives equal IR. {@link #toString()} is what the IR prints.
 */
public final class HostFunction {
  private final String description;
  private final Object identity;
  private final Function<List<Array>, List<Array>> function;

  private HostFunction(String description, Object identity, Function<List<Array>, List<Array>> function) {
    this.description = description;
    this.identity = identity;
    this.function = function;
  }

  /**
   * @param description how the IR prints it, e.g. {@code <function Ex.log>}
   * @param identity equal for functions that do the same (a lambda's code and captured values, a format)
   */
  public static HostFunction of(String description, Object identity, Function<List<Array>, List<Array>> function) {
    return new HostFunction(description, Objects.requireNonNull(identity), Objects.requireNonNull(function));
  }

  public List<Array> call(List<Array> args) { return function.apply(args); }

  @Override
  public boolean equals(Object o) { return o instanceof HostFunction h && h.identity.equals(identity); }

  @Override
  public int hashCode() { return identity.hashCode(); }

  @Override
  public String toString() { return description; }
}
