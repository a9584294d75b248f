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

  /**
   * For a user's callback object: identified by it (the same callback traced twice gives equal IR) and
   * printed by {@link #nameOf}.
   */
  public static HostFunction of(Object userFunction, Function<List<Array>, List<Array>> function) {
    return of(nameOf(userFunction), userFunction, function);
  }

  /**
   * {@code <lambda in Ex>} or {@code <Ex.Printer>}: a stable name for a callback in the IR, without the hash
   * codes in a lambda's class name, so IR text is the same from run to run.
   */
  public static String nameOf(Object callback) {
    String name = callback.getClass().getName();
    int lambda = name.indexOf("$$Lambda");
    if (lambda >= 0) {
      String outer = name.substring(0, lambda);
      return "<lambda in " + outer.substring(outer.lastIndexOf('.') + 1) + ">";
    }
    return "<" + name.substring(name.lastIndexOf('.') + 1).replace('$', '.') + ">";
  }

  public List<Array> call(List<Array> args) { return function.apply(args); }

  @Override
  public boolean equals(Object o) { return o instanceof HostFunction h && h.identity.equals(identity); }

  @Override
  public int hashCode() { return identity.hashCode(); }

  @Override
  public String toString() { return description; }
}
