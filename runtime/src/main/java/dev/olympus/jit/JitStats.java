package dev.olympus.jit;

/**
 * Counters of the run-time jit cache: calls that found a kernel, calls that had to trace and compile, how
 * long compiling took in total, and how full the cache is.
 */
public record JitStats(long hits, long misses, long compiles, double compileMillis, int entries, int capacity) {}
