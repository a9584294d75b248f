package dev.olympus.jit;

import dev.olympus.JitOptions;
import dev.olympus.ir.ClosedIr;
import dev.olympus.transform.FunctionInfo;
import dev.olympus.transform.Staging;
import java.util.List;

/** The run-time jit: the shared cache, its configuration, and the compile path a cache miss takes. */
public final class Jit {
  private Jit() {}

  static final CompileCache CACHE;
  private static volatile JitConfig config = JitConfig.fromSystemProperties();
  private static volatile Backend backend = Backends.best();

  static {
    CACHE = new CompileCache(config.cacheSize());
  }

  @SuppressWarnings("unchecked")
  public static <F> F jit(F f, JitOptions options) {
    return (F) new JitFunction<>(f, options);
  }

  public static long compileCount() { return CACHE.stats().compiles(); }

  public static JitStats stats() { return CACHE.stats(); }

  /** Drops every compiled kernel (they become unreachable and can be unloaded). Counters keep counting. */
  public static void clearCache() { CACHE.clear(); }

  public static JitConfig config() { return config; }

  /** Replaces the switches (for tests and tools); the cache keeps its entries, trimmed to the new size. */
  public static void configure(JitConfig newConfig) {
    config = newConfig;
    CACHE.setCapacity(newConfig.cacheSize());
  }

  public static Backend backend() { return backend; }

  static Compiled lookup(FunctionInfo info, Object[] args, boolean[] isStatic, CacheKey key) {
    return CACHE.get(key, k -> compile(info, args, isStatic, k));
  }

  private static Compiled compile(FunctionInfo info, Object[] args, boolean[] isStatic, CacheKey key) {
    JitConfig cfg = config;
    if (cfg.explainCacheMisses()) {
      List<Compiled> previous = CACHE.entriesOf(key.function());
      if (!previous.isEmpty()) CompileLog.explainMiss(info, key, previous);
    }
    long t0 = System.nanoTime();
    Staging.Traced traced = Staging.trace(info, args, isStatic, "jit");
    long t1 = System.nanoTime();
    ClosedIr ir = traced.ir();
    Executable exe = backend.compile(ir, info.name());
    long t2 = System.nanoTime();
    Compiled c = new Compiled(key, traced, exe, t1 - t0, t2 - t1);
    if (cfg.logCompiles()) CompileLog.logCompile(info, c, backend.name());
    if (cfg.dumpDirectory() != null) CompileLog.dump(cfg.dumpDirectory(), info, c, backend);
    return c;
  }
}
