package dev.olympus.jit;

import dev.olympus.Array;

/**
 * A compiled kernel for one cache key: flat concrete arrays in, flat concrete arrays out, in the order of the
 * traced IR's inputs and outputs. Implementations must be thread safe: one executable serves every thread.
 */
@FunctionalInterface
public interface Executable {
  /** Reads {@code args} before anything else, so a caller may reuse the array once this returns. */
  Array[] run(Array[] args);

  /** The only result of a single-result kernel, without the result array. */
  default Array runOne(Array[] args) { return run(args)[0]; }
}
