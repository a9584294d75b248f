package dev.olympus.jit;

import dev.olympus.JitOptions;
import dev.olympus.ir.ClosedIr;
import dev.olympus.transform.FunctionInfo;
import dev.olympus.transform.Staging;
import dev.olympus.transform.ShapeSpecialization;
import dev.olympus.types.AbstractValue;
import dev.olympus.types.Shape;
import java.util.ArrayList;
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

  /**
   * The key that stands for every size of {@code key}'s arrays: dtypes, ranks and weak types kept, shapes
   * erased; only when all non-scalar arrays share one non-empty shape (the guards a size-generic trace
   * needs: its shape rules were checked for one common shape, and empty arrays may take other paths).
   */
  static CacheKey genericKey(CacheKey key) {
    Shape common = ShapeSpecialization.commonShape(key.avals());
    if (common == null || common.size() == 0) return null;
    List<AbstractValue> erased = new ArrayList<>();
    for (AbstractValue a : key.avals()) {
      erased.add(a.rank() == 0 ? a : a.withShape(Shape.of(new int[a.rank()])));
    }
    return new CacheKey(key.function(), key.statics(), key.inTree(), erased, true);
  }

  /** A new size for a size-generic trace: replay its IR through the shape rules, no user code runs. */
  private static Compiled specialize(FunctionInfo info, Compiled generic, CacheKey key, JitConfig cfg) {
    long t0 = System.nanoTime();
    ClosedIr ir = ShapeSpecialization.withInputs(generic.traced.ir(), key.avals());
    Staging.Traced traced = new Staging.Traced(ir, generic.traced.inTree(), generic.traced.outTree(), false);
    long t1 = System.nanoTime();
    Executable exe = backend.compile(ir, info.name());
    long t2 = System.nanoTime();
    Compiled c = new Compiled(key, traced, exe, t1 - t0, t2 - t1, true);
    if (cfg.logCompiles()) CompileLog.logSpecialization(info, c);
    if (cfg.dumpDirectory() != null) CompileLog.dump(cfg.dumpDirectory(), info, c, backend);
    return c;
  }

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
    CacheKey generic = genericKey(key);
    Compiled sizeGeneric = generic == null ? null : CACHE.sizeGeneric(generic);
    if (sizeGeneric != null) return specialize(info, sizeGeneric, key, cfg);
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
    Compiled c = new Compiled(key, traced, exe, t1 - t0, t2 - t1, false);
    if (generic != null && ShapeSpecialization.isSizeGeneric(traced)) CACHE.rememberSizeGeneric(generic, c);
    if (cfg.logCompiles()) CompileLog.logCompile(info, c, backend.name());
    if (cfg.dumpDirectory() != null) CompileLog.dump(cfg.dumpDirectory(), info, c, backend);
    return c;
  }
}
