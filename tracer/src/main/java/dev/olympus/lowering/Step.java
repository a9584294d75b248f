package dev.olympus.lowering;

import dev.olympus.ir.Equation;
import dev.olympus.primitive.Reduce;
import dev.olympus.types.AbstractValue;
import dev.olympus.types.Shape;
import java.util.List;

/** One stage of a {@link KernelPlan}: reads materialized buffers (slots) and writes new ones. */
public sealed interface Step {

  /**
   * A fusion region: one loop over {@code domain} computing {@code nodes} per element, writing node
   * {@code roots[k]} to slot {@code rootSlots[k]}. Every other node stays a local.
   */
  record Elementwise(Shape domain, List<Node> nodes, int[] roots, int[] rootSlots) implements Step {}

  /**
   * A reduction fused with its producers: {@code nodes} are computed per element of {@code domain} (the
   * reduction's input shape) and node {@code value} is folded over {@code axes} into slot {@code outSlot}.
   */
  record Reduction(Shape domain, List<Node> nodes, int value, Reduce reduce, int[] axes, int outSlot,
      AbstractValue outAval) implements Step {}

  /**
   * An equation run by its primitive's own implementation: {@code dot_general}, layout changes (reshape,
   * transpose, slice, concatenate, pad, gather), control flow and callbacks.
   */
  record Primitive(Equation equation, int[] inSlots, int[] outSlots) implements Step {}

  /**
   * A fused loop nest: its buffer {@code k} is plan slot {@code slots[k]}; its outputs are new slots, written
   * whole.
   */
  record Nest(dev.olympus.loopnest.LoopNest nest, int[] slots) implements Step {}
}
