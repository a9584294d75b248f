package dev.olympus.jit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * The process-wide kernel cache, shared by every jitted function so that an equal lambda built again hits the
 * entries of the first one. Concurrent first calls for one key trace and compile once: the others wait for
 * that compile. Bounded: past {@code capacity} entries, the least recently used is dropped, and with it the
 * only reference to its kernel, so the kernel can be unloaded.
 */
final class CompileCache {
  private final ConcurrentHashMap<CacheKey, Slot> slots = new ConcurrentHashMap<>();
  private final AtomicLong clock = new AtomicLong();
  private final LongAdder hits = new LongAdder();
  private final AtomicLong misses = new AtomicLong();
  private final AtomicLong compiles = new AtomicLong();
  private final AtomicLong compileNanos = new AtomicLong();
  private final AtomicLong specializations = new AtomicLong();
  private final ConcurrentHashMap<CacheKey, Compiled> sizeGeneric = new ConcurrentHashMap<>();
  private volatile int capacity;

  CompileCache(int capacity) {
    this.capacity = capacity;
  }

  /** Holds one key's entry once compiled; the monitor serializes that key's compile. */
  private static final class Slot {
    volatile Compiled compiled;
  }

  Compiled get(CacheKey key, Function<CacheKey, Compiled> compile) {
    Slot slot = slots.computeIfAbsent(key, k -> new Slot());
    Compiled c = slot.compiled;
    if (c == null) {
      synchronized (slot) {
        c = slot.compiled;
        if (c == null) {
          misses.incrementAndGet();
          c = compile.apply(key);
          (c.specialized ? specializations : compiles).incrementAndGet();
          compileNanos.addAndGet(c.traceNanos + c.compileNanos);
          slot.compiled = c;
          c.touch(clock.incrementAndGet());
          evictIfFull();
          return c;
        }
      }
    }
    hit(c);
    return c;
  }

  /** Counts a hit; the LRU clock only advances on misses, so a hit costs no contended write. */
  void hit(Compiled c) {
    hits.increment();
    c.touch(clock.get());
  }

  /** The compiled entries of one function, for explaining a miss. */
  List<Compiled> entriesOf(Object function) {
    List<Compiled> r = new ArrayList<>();
    for (Map.Entry<CacheKey, Slot> e : slots.entrySet()) {
      Compiled c = e.getValue().compiled;
      if (c != null && e.getKey().function().equals(function)) r.add(c);
    }
    return r;
  }

  private void evictIfFull() {
    while (slots.size() > capacity) {
      CacheKey oldest = null;
      long oldestTick = Long.MAX_VALUE;
      for (Map.Entry<CacheKey, Slot> e : slots.entrySet()) {
        Compiled c = e.getValue().compiled;
        if (c != null && c.lastUsed() < oldestTick) {
          oldestTick = c.lastUsed();
          oldest = e.getKey();
        }
      }
      if (oldest == null) return;
      slots.remove(oldest);
    }
  }

  void setCapacity(int capacity) {
    if (capacity < 1) throw new IllegalArgumentException("cache capacity must be at least 1, got " + capacity);
    this.capacity = capacity;
    evictIfFull();
  }

  void clear() {
    slots.clear();
    sizeGeneric.clear();
  }

  /** The size-generic trace for a shape-erased key (see {@link Jit#genericKey}), or null. */
  Compiled sizeGeneric(CacheKey erased) { return sizeGeneric.get(erased); }

  void rememberSizeGeneric(CacheKey erased, Compiled c) {
    if (sizeGeneric.size() >= capacity) sizeGeneric.clear();
    sizeGeneric.putIfAbsent(erased, c);
  }

  JitStats stats() {
    return new JitStats(hits.sum(), misses.get(), compiles.get(), specializations.get(), compileNanos.get() / 1e6,
        slots.size(), capacity);
  }
}
