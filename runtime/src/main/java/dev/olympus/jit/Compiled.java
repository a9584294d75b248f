package dev.olympus.jit;

import dev.olympus.Array;
import dev.olympus.pytree.PyTree;
import dev.olympus.pytree.TreeDef;
import dev.olympus.storage.Storage;
import dev.olympus.transform.Staging;
import dev.olympus.types.AbstractValue;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A cache entry: the traced IR, its executable, and what it cost. It can also tell, without allocating,
 * whether a call whose arguments are plain arrays and static values fits it (the dispatcher's fast path).
 */
final class Compiled {
  final CacheKey key;
  final Staging.Traced traced;
  final Executable executable;
  final long traceNanos;
  final long compileNanos;
  /** Made from a size-generic trace for a new size, without tracing (not counted as a compile). */
  final boolean specialized;
  private final boolean plainArguments;
  private final boolean singleLeafResult;
  /** Set by each hit, cleared by the eviction hand: whether the entry was used since the hand last passed. */
  private volatile boolean referenced;

  Compiled(CacheKey key, Staging.Traced traced, Executable executable, long traceNanos, long compileNanos,
      boolean specialized) {
    this.specialized = specialized;
    this.key = key;
    this.traced = traced;
    this.executable = executable;
    this.traceNanos = traceNanos;
    this.compileNanos = compileNanos;
    List<TreeDef> args = ((TreeDef.ListNode) key.inTree()).children();
    this.plainArguments = args.stream().allMatch(t -> t instanceof TreeDef.Leaf || t instanceof TreeDef.Static);
    this.singleLeafResult = traced.outTree() instanceof TreeDef.Leaf;
    int leafCount = key.avals().size();
    this.leafTables = new dev.olympus.execution.ScratchPool<>(() -> new Array[leafCount]);
  }

  void touch() {
    // Read before writing, so hits from many threads do not keep writing the same cache line.
    if (!referenced) referenced = true;
  }

  /** Clears the mark and says whether it was set. */
  boolean takeSecondChance() {
    if (!referenced) return false;
    referenced = false;
    return true;
  }

  /**
   * True when every argument is an Array with exactly this entry's dtype, shape and weak type, or a static
   * value equal to this entry's. Allocation free, so a warm call costs a few field reads.
   */
  boolean fits(Object[] args, boolean[] isStatic) {
    if (!plainArguments) return false;
    int leaf = 0;
    int stat = 0;
    List<AbstractValue> avals = key.avals();
    for (int i = 0; i < args.length; i++) {
      if (isStatic[i]) {
        if (!Objects.equals(args[i], key.statics().get(stat++))) return false;
        continue;
      }
      if (!(args[i] instanceof Array a) || a.isTracer()) return false;
      AbstractValue want = avals.get(leaf++);
      Storage s = a.storage();
      if (s.dtype() != want.dtype() || a.weakType() != want.weak() || !s.shape().equals(want.shape())) return false;
    }
    return true;
  }

  /**
   * Argument tables for calls in flight, reused so a warm call allocates nothing. A pool owned by this entry,
   * not a ThreadLocal, so an evicted entry leaves nothing behind in the threads that called it.
   */
  private final dev.olympus.execution.ScratchPool<Array[]> leafTables;

  /** Runs the kernel on a fast-path call (see {@link #fits}). */
  Object runPlain(Object[] args, boolean[] isStatic) {
    Array[] leaves = leafTables.take();
    int k = 0;
    for (int i = 0; i < args.length; i++) if (!isStatic[i]) leaves[k++] = (Array) args[i];
    try {
      return run(leaves);
    } finally {
      Arrays.fill(leaves, null);
      leafTables.give(leaves);
    }
  }

  /** The one-array-argument fast path: {@code fits1} held. */
  Object runOne(Array x) {
    Array[] leaves = leafTables.take();
    leaves[0] = x;
    try {
      return run(leaves);
    } finally {
      leaves[0] = null;
      leafTables.give(leaves);
    }
  }

  /** {@link #fits} for a single non-static Array argument, without an argument array. */
  boolean fits1(Object arg) {
    if (!plainArguments || key.avals().size() != 1 || !key.statics().isEmpty()) return false;
    if (!(arg instanceof Array a) || a.isTracer()) return false;
    AbstractValue want = key.avals().get(0);
    Storage s = a.storage();
    return s.dtype() == want.dtype() && a.weakType() == want.weak() && s.shape().equals(want.shape());
  }

  Object run(Array[] leaves) {
    if (singleLeafResult) return executable.runOne(leaves);
    return PyTree.unflatten(traced.outTree(), Arrays.asList(executable.run(leaves)));
  }
}
