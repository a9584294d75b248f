package dev.olympus.debug;

import dev.olympus.Array;
import dev.olympus.errors.ArgumentCheck;
import dev.olympus.primitive.DebugCallback;
import dev.olympus.primitive.DebugPrint;
import dev.olympus.primitive.HostFunction;
import java.util.List;
import java.util.function.Consumer;

/**
 * Looking at values while they are computed (JAX's {@code jax.debug}). Unlike {@code System.out.println}, which
 * runs once while a function is traced and shows tracers, these print or call back with the concrete values:
 * at once when called eagerly, and on every call of the compiled code when traced.
 */
public final class Debug {
  private Debug() {}

  /**
   * Prints {@code fmt} with each {@code {}} replaced by the next argument's value as NumPy's {@code str} shows
   * it ({@code 1.5}, {@code [1. 2. 3.]}); {@code {0}}, {@code {1}} pick an argument by position, {@code {{} and
   * {@code }}} print a brace (JAX's {@code jax.debug.print}, which uses Python's {@code str.format}).
   */
  public static void print(String fmt, Array... args) {
    ArgumentCheck.nonNull("Debug.print", "fmt", fmt, "pass a format, e.g. \"x = {}\" with one {} per array");
    ArgumentCheck.arrays("Debug.print", "args", args);
    // Checked now, so a bad format fails at the user's line even when the print itself runs later.
    DebugPrint.parse(fmt, args.length);
    DebugPrint.DEBUG_PRINT.bind(DebugPrint.params(fmt), List.of(args.clone()));
  }

  /**
   * Calls {@code callback} with the concrete values of {@code args}, now if they are concrete, else on every
   * run of the compiled code (JAX's {@code jax.debug.callback}). The callback gets NumPy-like arrays (no weak
   * types) and returns nothing to the computation.
   */
  public static void callback(Consumer<List<Array>> callback, Array... args) {
    ArgumentCheck.function("Debug.callback", "callback", callback);
    ArgumentCheck.arrays("Debug.callback", "args", args);
    HostFunction f = HostFunction.of(callback, values -> {
      callback.accept(values);
      return List.of();
    });
    DebugCallback.DEBUG_CALLBACK.bind(DebugCallback.params(f), List.of(args.clone()));
  }
}
