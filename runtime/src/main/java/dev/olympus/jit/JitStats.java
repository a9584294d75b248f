package dev.olympus.jit;

/**
 * Counters of the run-time jit cache: calls that found a kernel, calls that missed, how many misses traced
 * and compiled ({@code compiles}) and how many reused a size-generic trace for a new size without tracing
 * ({@code specializations}), how long that took in total, and how full the cache is.
 */
public record JitStats(long hits, long misses, long compiles, long specializations, double compileMillis,
    int entries, int capacity) {}
