package dev.olympus.jit;

import dev.olympus.Array;

/**
 * A compiled kernel for one cache key: flat concrete arrays in, flat concrete arrays out, in the order of the
 * traced IR's inputs and outputs. Implementations must be thread safe: one executable serves every thread.
 */
@FunctionalInterface
public interface Executable {
  Array[] run(Array[] args);
}
