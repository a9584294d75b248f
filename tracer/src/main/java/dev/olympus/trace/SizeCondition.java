package dev.olympus.trace;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * What a trace silently assumed about a size it read as a Java {@code int}: library code that computes with a
 * size in a way no IR shape records (a residue, a logarithm) says so here, so a javac-time kernel traced at
 * representative sizes is used only for sizes where that trace holds. Outside a {@link #collecting} block, which
 * is every run-time trace and every eager call, {@link #require} does nothing.
 */
public sealed interface SizeCondition {
  /** The value of the size the trace saw. */
  int size();

  /** {@code size % modulus} is the same for every size the trace holds for (SAME padding under a stride). */
  record Residue(int size, int modulus) implements SizeCondition {
    public int residue() { return Math.floorMod(size, modulus); }
  }

  /** Every size in {@code [least, most]} gives the same trace (a count of rounds from a logarithm). */
  record Range(int size, int least, int most) implements SizeCondition {}

  /** Every size but {@code value} gives the same trace (a comparison that was false). */
  record Unequal(int size, long value) implements SizeCondition {}

  /**
   * {@code size relation other} held between two sizes the trace compared ({@code "<="}, {@code ">"},
   * {@code "=="}, {@code "!="}, ...: reduced QR's {@code k = min(m, n)} is {@code m} while {@code m <= n}).
   */
  record Compared(int size, String relation, int other) implements SizeCondition {}

  /** The trace depends on the size in a way no condition says ({@code k % n} in Java). */
  record Unchecked(int size) implements SizeCondition {}

  /**
   * {@code size >= bound}, recorded when the bound could fail for some size (a slice's limit, top_k's k, a slice
   * size: a shape rule's check that held for the traced sizes must guard a kernel traced at them). The bound may
   * be a size itself ({@code d} in a gather's slice sizes), which the check then compares with.
   */
  static boolean atLeast(int size, long bound) {
    if (bound <= 0) return true;
    boolean holds = size >= bound;
    if (bound <= Integer.MAX_VALUE) require(new Compared(size, holds ? ">=" : "<", (int) bound));
    return holds;
  }

  /** {@code Math.min(a, b)} of two sizes, recording which of them it was. */
  static int min(int a, int b) {
    require(new Compared(a, a <= b ? "<=" : ">", b));
    return Math.min(a, b);
  }

  /** Records {@code c} for the trace being collected on this thread, if any. */
  static void require(SizeCondition c) {
    List<SizeCondition> into = Collector.OPEN.get();
    if (into != null) into.add(c);
  }

  /** Runs {@code trace}, adding to {@code into} the conditions it required, in order. */
  static <T> T collecting(List<SizeCondition> into, Supplier<T> trace) {
    List<SizeCondition> outer = Collector.OPEN.get();
    List<SizeCondition> mine = new ArrayList<>();
    Collector.OPEN.set(mine);
    try {
      return trace.get();
    } finally {
      Collector.OPEN.set(outer);
      into.addAll(mine);
    }
  }

  /** The open collection of this thread (an interface has no private fields). */
  final class Collector {
    private Collector() {}

    private static final ThreadLocal<List<SizeCondition>> OPEN = new ThreadLocal<>();
  }
}
