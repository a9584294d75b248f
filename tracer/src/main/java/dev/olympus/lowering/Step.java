package dev.olympus.lowering;

import dev.olympus.ir.Equation;

/** One stage of a {@link KernelPlan}: reads materialized buffers (slots) and writes new ones. */
public sealed interface Step {

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
