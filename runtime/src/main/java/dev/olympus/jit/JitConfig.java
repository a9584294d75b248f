package dev.olympus.jit;

import java.nio.file.Path;

/**
 * The jit's switches, read once from system properties so they can be set on the command line:
 * <ul>
 *   <li>{@code -Dolympus.logCompiles=true}: log every trace-and-compile with its key and duration
 *       (JAX's {@code jax_log_compiles});</li>
 *   <li>{@code -Dolympus.explainCacheMisses=true}: on a miss for a function that has compiled entries, say
 *       which argument's shape, dtype or static value differs from the nearest one
 *       ({@code jax_explain_cache_misses});</li>
 *   <li>{@code -Dolympus.dumpKernels=DIR}: write each compiled kernel's IR and Java source to DIR;</li>
 *   <li>{@code -Dolympus.cacheSize=N}: the most kernels kept (default 512), least recently used dropped.</li>
 * </ul>
 */
public record JitConfig(boolean logCompiles, boolean explainCacheMisses, Path dumpDirectory, int cacheSize) {

  static JitConfig fromSystemProperties() {
    String dump = System.getProperty("olympus.dumpKernels");
    return new JitConfig(
        Boolean.getBoolean("olympus.logCompiles"),
        Boolean.getBoolean("olympus.explainCacheMisses"),
        dump == null || dump.isBlank() ? null : Path.of(dump),
        Integer.getInteger("olympus.cacheSize", 512));
  }
}
