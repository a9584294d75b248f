package dev.olympus.jit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
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
  /** Compiled entries in insertion order: the clock hand of second-chance eviction. */
  private final ConcurrentLinkedQueue<Slot> ring = new ConcurrentLinkedQueue<>();
  private final AtomicInteger entries = new AtomicInteger();
  private final Object evicting = new Object();
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
    final CacheKey key;
    volatile Compiled compiled;

    Slot(CacheKey key) {
      this.key = key;
    }
  }

  Compiled get(CacheKey key, Function<CacheKey, Compiled> compile) {
    Slot slot = slots.computeIfAbsent(key, Slot::new);
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
          ring.add(slot);
          entries.incrementAndGet();
          evictIfFull();
          return c;
        }
      }
    }
    hit(c);
    return c;
  }

  /** Counts a hit and gives the entry a second chance at the next eviction. */
  void hit(Compiled c) {
    hits.increment();
    c.touch();
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

  /**
   * Second-chance (CLOCK) eviction: the entry at the hand goes unless it was used since the hand last
   * passed, in which case it loses that mark and moves to the back. Amortized O(1) per miss, never a scan
   * of the whole cache; a pass visits each entry at most twice, so it ends even while other threads keep
   * marking entries, and an entry that cannot be found in the map any more is still dropped from the count.
   */
  private void evictIfFull() {
    synchronized (evicting) {
      int budget = 2 * entries.get() + 2;
      while (entries.get() > capacity) {
        Slot s = ring.poll();
        if (s == null) return;
        Compiled c = s.compiled;
        if (c != null && c.takeSecondChance() && budget-- > 0) {
          ring.add(s);
          continue;
        }
        slots.remove(s.key, s);
        entries.decrementAndGet();
      }
    }
  }

  void setCapacity(int capacity) {
    if (capacity < 1) throw new IllegalArgumentException("cache capacity must be at least 1, got " + capacity);
    this.capacity = capacity;
    evictIfFull();
  }

  void clear() {
    synchronized (evicting) {
      slots.clear();
      ring.clear();
      entries.set(0);
      sizeGeneric.clear();
    }
  }

  /** The size-generic trace for a shape-erased key (see {@link Jit#genericKey}), or null. */
  Compiled sizeGeneric(CacheKey erased) { return sizeGeneric.get(erased); }

  void rememberSizeGeneric(CacheKey erased, Compiled c) {
    if (sizeGeneric.size() >= capacity) sizeGeneric.clear();
    sizeGeneric.putIfAbsent(erased, c);
  }

  JitStats stats() {
    return new JitStats(hits.sum(), misses.get(), compiles.get(), specializations.get(), compileNanos.get() / 1e6,
        entries.get(), capacity);
  }
}
