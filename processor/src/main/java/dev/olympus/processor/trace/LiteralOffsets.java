package dev.olympus.processor.trace;

import dev.olympus.codegen.Sizes;
import dev.olympus.ir.ClosedIr;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The integral literals of two traces that are a symbol's size plus a constant: {@code n - 1} (a static {@code n}
 * traced as 83 and as 137, so the literal is 82 and 136) or {@code x.shape()[0] + 1}. Each map takes a literal of
 * its trace to the constant {@code c} such that the literal minus {@code c} reads as the same product of symbols
 * in both traces; the generated kernel writes it as that product plus {@code c}.
 *
 * <p>The pair decides, never one trace alone: 84 next to a symbol traced as 83 is {@code n + 1} only when the
 * other trace has 138 there, and stays the number 84 when it has 84. A literal value read both ways in one trace
 * (a constant 84 and an {@code n + 1} in the same IR) makes the traces disagree, as any other dependence on a
 * representative size does.
 *
 * @param first literal value to its constant, in the first trace
 * @param second the same, in the second trace
 */
record LiteralOffsets(Map<Long, Long> first, Map<Long, Long> second) {
  /** No literal needs an offset. */
  static final LiteralOffsets NONE = new LiteralOffsets(Map.of(), Map.of());

  /** The largest constant tried: small offsets, as code writes them ({@code n - 1}, {@code 2 * n + 3}). */
  static final int MAX_OFFSET = 64;

  LiteralOffsets {
    first = Map.copyOf(first);
    second = Map.copyOf(second);
  }

  /**
   * How the two traces agree: {@link #NONE} when their signatures are equal with literals read as products of
   * symbols; offsets when they are equal once some literals are read as products plus constants; null when they
   * differ otherwise (the IR depends on a representative size in a way a kernel cannot write).
   */
  static LiteralOffsets agreeing(Binding a, ClosedIr irA, Binding b, ClosedIr irB) {
    // One signature per trace, literals left as holes and collected in order; equal with every pair read the
    // same product is the plain agreement, NONE.
    List<Long> valuesA = new ArrayList<>(), valuesB = new ArrayList<>();
    String shapeA = IrSignature.of(irA, a::sizeName, v -> record(valuesA, v));
    String shapeB = IrSignature.of(irB, b::sizeName, v -> record(valuesB, v));
    if (!shapeA.equals(shapeB)) return null;
    Map<Long, Long> offA = new HashMap<>(), offB = new HashMap<>();
    Set<Long> plainA = new HashSet<>(), plainB = new HashSet<>();
    for (int i = 0; i < valuesA.size(); i++) {
      long x = valuesA.get(i), y = valuesB.get(i);
      if (a.literalSize(x).equals(b.literalSize(y))) {
        plainA.add(x);
        plainB.add(y);
        continue;
      }
      Long c = offset(a, x, b, y);
      if (c == null || !c.equals(offA.getOrDefault(x, c)) || !c.equals(offB.getOrDefault(y, c))) return null;
      offA.put(x, c);
      offB.put(y, c);
    }
    for (Long x : offA.keySet()) if (plainA.contains(x)) return null;
    for (Long y : offB.keySet()) if (plainB.contains(y)) return null;
    return offA.isEmpty() ? NONE : new LiteralOffsets(offA, offB);
  }

  private static String record(List<Long> values, long v) {
    values.add(v);
    return "#";
  }

  /** The smallest constant (in magnitude; minus first) leaving the same product of symbols in both, or null. */
  private static Long offset(Binding a, long x, Binding b, long y) {
    for (long k = 1; k <= MAX_OFFSET; k++) {
      for (long c : new long[] {-k, k}) {
        String product = a.literalSize(x - c);
        if (!product.equals(Sizes.NUMERIC.of(x - c)) && product.equals(b.literalSize(y - c))) return c;
      }
    }
    return null;
  }
}
