package dev.olympus;

import dev.olympus.errors.ArgumentCheck;
import java.util.Arrays;

/**
 * Options of {@link Olympus#jit}: which arguments are static (JAX's {@code static_argnums}). A static argument
 * is passed to the function as the Java value itself while tracing, and its value is part of the cache key, so
 * each distinct value compiles once. Immutable.
 */
public final class JitOptions {
  private static final JitOptions DEFAULT = new JitOptions(new int[0]);

  private final int[] staticArgnums;

  private JitOptions(int[] staticArgnums) {
    this.staticArgnums = staticArgnums;
  }

  public static JitOptions defaults() { return DEFAULT; }

  /** Positions (0-based) of arguments whose values are static. Negative positions count from the end, as in JAX. */
  public static JitOptions staticArgnums(int... argnums) {
    ArgumentCheck.ints("JitOptions.staticArgnums", "argnums", argnums);
    return new JitOptions(argnums.clone());
  }

  public int[] staticArgnums() { return staticArgnums.clone(); }

  /** Which of {@code arity} positions are static; an out-of-range position is an error naming the function. */
  public boolean[] staticMask(int arity, String functionName) {
    ArgumentCheck.nonNull("JitOptions.staticMask", "functionName", functionName, "pass the function's name, for messages");
    boolean[] mask = new boolean[arity];
    for (int n : staticArgnums) {
      int i = n < 0 ? n + arity : n;
      if (i < 0 || i >= arity) {
        throw ArgumentCheck.invalid("JitOptions.staticArgnums", "argnums", "contains " + n + " but " + functionName
            + " takes " + arity + " argument" + (arity == 1 ? "" : "s"), "use positions 0 .. " + (arity - 1)
            + ", or -" + arity + " .. -1 to count from the end");
      }
      mask[i] = true;
    }
    return mask;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof JitOptions j && Arrays.equals(j.staticArgnums, staticArgnums);
  }

  @Override
  public int hashCode() { return Arrays.hashCode(staticArgnums); }

  @Override
  public String toString() { return "JitOptions.staticArgnums(" + Arrays.toString(staticArgnums) + ")"; }
}
