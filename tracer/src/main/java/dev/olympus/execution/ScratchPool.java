package dev.olympus.execution;

import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;

/**
 * Reusable per-call scratch owned by one kernel, handed to whichever thread runs it. Unlike a
 * {@code ThreadLocal} owned by the kernel, nothing outside the kernel refers to the scratch, so an evicted
 * kernel and all its scratch become unreachable together (a per-kernel {@code ThreadLocal} whose value refers
 * back to its kernel is never cleared from the threads that ran it). A few slots serve as many threads as
 * the machine runs kernels on at once; a thread that finds them all taken makes a fresh one and the spare
 * is dropped when returned.
 */
public final class ScratchPool<T> {
  private static final int SLOTS = Math.max(2, Math.min(8, Runtime.getRuntime().availableProcessors()));

  private final AtomicReferenceArray<T> slots = new AtomicReferenceArray<>(SLOTS);
  private final Supplier<T> factory;

  public ScratchPool(Supplier<T> factory) {
    this.factory = factory;
  }

  public T take() {
    for (int i = 0; i < SLOTS; i++) {
      T t = slots.get(i);
      if (t != null && slots.compareAndSet(i, t, null)) return t;
    }
    return factory.get();
  }

  public void give(T t) {
    for (int i = 0; i < SLOTS; i++) {
      if (slots.get(i) == null && slots.compareAndSet(i, null, t)) return;
    }
  }
}
