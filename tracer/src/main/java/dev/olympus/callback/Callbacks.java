package dev.olympus.callback;

import dev.olympus.Array;
import dev.olympus.errors.ArgumentCheck;
import dev.olympus.errors.ShapeException;
import dev.olympus.errors.SourceLocation;
import dev.olympus.primitive.HostCallback;
import dev.olympus.primitive.HostFunction;
import dev.olympus.types.AbstractValue;
import java.util.List;
import java.util.function.Function;

/**
 * Calling Java code on concrete values from inside traced and compiled functions (JAX's
 * {@code jax.pure_callback} and {@code jax.experimental.io_callback}). The result types are declared up front,
 * since tracing goes on without calling the function; the function must return arrays of exactly those types.
 * Its arguments are NumPy-like arrays (no weak types) and whatever Olympus ops it uses run eagerly.
 */
public final class Callbacks {
  private Callbacks() {}

  /**
   * A side-effect-free Java function: compiled code may skip it when its result is unused, or call it more
   * than once. Use it to compute something Olympus has no op for.
   */
  public static Array pureCallback(Function<List<Array>, Array> callback, AbstractValue result, Array... args) {
    checkArguments("Callbacks.pureCallback", callback, args);
    ArgumentCheck.nonNull("Callbacks.pureCallback", "result", result, RESULT_FIX);
    return call(HostCallback.PURE_CALLBACK, callback, single(callback), List.of(result), args).get(0);
  }

  /** {@link #pureCallback(Function, AbstractValue, Array...)} with several results. */
  public static List<Array> pureCallback(Function<List<Array>, List<Array>> callback, List<AbstractValue> results,
      Array... args) {
    checkArguments("Callbacks.pureCallback", callback, args);
    ArgumentCheck.list("Callbacks.pureCallback", "results", results, AbstractValue.class, "an AbstractValue", RESULT_FIX);
    return call(HostCallback.PURE_CALLBACK, callback, several(callback), results, args);
  }

  /**
   * A Java function with side effects (logging, I/O, a counter): always called, once per execution, in program
   * order, even when its result is unused.
   */
  public static Array ioCallback(Function<List<Array>, Array> callback, AbstractValue result, Array... args) {
    checkArguments("Callbacks.ioCallback", callback, args);
    ArgumentCheck.nonNull("Callbacks.ioCallback", "result", result, RESULT_FIX);
    return call(HostCallback.IO_CALLBACK, callback, single(callback), List.of(result), args).get(0);
  }

  /** {@link #ioCallback(Function, AbstractValue, Array...)} with several results. */
  public static List<Array> ioCallback(Function<List<Array>, List<Array>> callback, List<AbstractValue> results,
      Array... args) {
    checkArguments("Callbacks.ioCallback", callback, args);
    ArgumentCheck.list("Callbacks.ioCallback", "results", results, AbstractValue.class, "an AbstractValue", RESULT_FIX);
    return call(HostCallback.IO_CALLBACK, callback, several(callback), results, args);
  }

  private static final String RESULT_FIX = "declare the type of what the callback returns, e.g. "
      + "AbstractValue.of(DType.F32, 3) for an f32[3]";

  private static void checkArguments(String op, Object callback, Array[] args) {
    ArgumentCheck.function(op, "callback", callback);
    ArgumentCheck.arrays(op, "args", args);
  }

  // The callback's result is taken as an Object: through erased generics it can be anything, and a wrong type is
  // reported with the declared result types (HostCallback), not cast here.

  private static Function<List<Array>, List<Array>> single(Function<List<Array>, Array> callback) {
    return args -> {
      Object r = callback.apply(args);
      return r == null ? null : List.of(r instanceof Array a ? a : notAnArray(callback, r));
    };
  }

  @SuppressWarnings("unchecked")
  private static Function<List<Array>, List<Array>> several(Function<List<Array>, List<Array>> callback) {
    return args -> {
      Object r = callback.apply(args);
      if (r == null || r instanceof List) return (List<Array>) r;
      throw new ShapeException("the callback " + HostFunction.nameOf(callback) + " returned " + ArgumentCheck.describe(r)
          + " but was declared with a list of result types. Return a List of Arrays, e.g. List.of(y)."
          + SourceLocation.suffix());
    };
  }

  private static Array notAnArray(Object callback, Object r) {
    throw new ShapeException("the callback " + HostFunction.nameOf(callback) + " returned " + ArgumentCheck.describe(r)
        + ", not an Array. Return an Array of the declared result type, e.g. Jnp.array(...)." + SourceLocation.suffix());
  }

  private static List<Array> call(HostCallback primitive, Object userFunction,
      Function<List<Array>, List<Array>> callback, List<AbstractValue> results, Array[] args) {
    HostFunction f = HostFunction.of(userFunction, callback);
    return primitive.bind(HostCallback.params(f, results), List.of(args.clone()));
  }
}
