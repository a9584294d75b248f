package dev.olympus.lowering;

import dev.olympus.ir.ClosedIr;
import dev.olympus.ir.Literal;
import dev.olympus.types.AbstractValue;
import java.util.List;
import java.util.Map;

/**
 * The lowered form of an IR, shared by both code generators (the run-time kernel builder and the Java source
 * renderer): numbered buffers ("slots") and the steps that fill them.
 *
 * <p>Slots {@code 0 .. constCount-1} hold the IR's closed-over constants, the next {@code inputCount} the
 * arguments; {@code literalSlots} are 0-d constants that a non-fused step reads as buffers; the rest are
 * written by steps. {@code outputSlots} are the results, in IR order.
 */
public record KernelPlan(ClosedIr source, int constCount, int inputCount, int slotCount,
    List<AbstractValue> slotAvals, Map<Integer, Literal> literalSlots, List<Step> steps, int[] outputSlots) {
  public KernelPlan {
    slotAvals = List.copyOf(slotAvals);
    literalSlots = Map.copyOf(literalSlots);
    steps = List.copyOf(steps);
  }
}
