package dev.olympus.jit;

import dev.olympus.Array;
import dev.olympus.DType;
import dev.olympus.trace.TraceStack;

/**
 * The checks a generated {@code Foo_Jit} dispatcher makes before it calls a kernel generated at javac time:
 * no trace is active (inside {@code makeIr}, {@code grad} or another jit the call must be traced instead), and
 * every argument is a concrete, strongly typed array of the kernel's dtype and shape. None of them allocates.
 */
public final class KernelGuard {
  private KernelGuard() {}

  /** True outside every trace: a kernel may run on concrete data. */
  public static boolean notTracing() {
    return !TraceStack.isTracing() && TraceStack.dynamicTrace() == null;
  }

  /** A concrete, strongly typed array of {@code dtype}, of any shape. */
  public static boolean accepts(Array a, DType dtype) {
    // A weakly typed argument (from a Java literal) promotes differently from the array the kernel was traced for.
    return a != null && !a.isTracer() && !a.weakType() && a.dtype() == dtype;
  }

  /** A concrete, strongly typed array of {@code dtype} and {@code rank}. */
  public static boolean accepts(Array a, DType dtype, int rank) {
    return accepts(a, dtype) && a.storage().shape().rank() == rank;
  }

  /** The size of {@code axis} of a concrete array that passed {@link #accepts(Array, DType, int)}. */
  public static int dim(Array a, int axis) {
    return a.storage().shape().dim(axis);
  }

  /** Whether two concrete arrays have the same shape. */
  public static boolean sameShape(Array a, Array b) {
    return a.storage().shape().equals(b.storage().shape());
  }
}
