package dev.olympus.callback;

import dev.olympus.Array;
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
    return call(HostCallback.PURE_CALLBACK, callback, single(callback), List.of(result), args).get(0);
  }

  /** {@link #pureCallback(Function, AbstractValue, Array...)} with several results. */
  public static List<Array> pureCallback(Function<List<Array>, List<Array>> callback, List<AbstractValue> results,
      Array... args) {
    return call(HostCallback.PURE_CALLBACK, callback, callback, results, args);
  }

  /**
   * A Java function with side effects (logging, I/O, a counter): always called, once per execution, in program
   * order, even when its result is unused.
   */
  public static Array ioCallback(Function<List<Array>, Array> callback, AbstractValue result, Array... args) {
    return call(HostCallback.IO_CALLBACK, callback, single(callback), List.of(result), args).get(0);
  }

  /** {@link #ioCallback(Function, AbstractValue, Array...)} with several results. */
  public static List<Array> ioCallback(Function<List<Array>, List<Array>> callback, List<AbstractValue> results,
      Array... args) {
    return call(HostCallback.IO_CALLBACK, callback, callback, results, args);
  }

  private static Function<List<Array>, List<Array>> single(Function<List<Array>, Array> callback) {
    return args -> {
      Array r = callback.apply(args);
      return r == null ? null : List.of(r);
    };
  }

  private static List<Array> call(HostCallback primitive, Object userFunction,
      Function<List<Array>, List<Array>> callback, List<AbstractValue> results, Array[] args) {
    HostFunction f = HostFunction.of(userFunction, callback);
    return primitive.bind(HostCallback.params(f, results), List.of(args.clone()));
  }
}
