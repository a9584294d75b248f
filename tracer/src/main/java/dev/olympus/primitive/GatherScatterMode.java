package dev.olympus.primitive;

/**
 * What {@code gather} and {@code scatter-add} do with an index out of bounds (JAX's {@code GatherScatterMode}):
 * {@link #CLIP} clamps the window into the operand; {@link #FILL_OR_DROP} makes a gathered window the fill
 * value and drops a scattered one; {@link #PROMISE_IN_BOUNDS} is the caller's promise, and clamps as XLA does.
 */
public enum GatherScatterMode {
  CLIP, FILL_OR_DROP, PROMISE_IN_BOUNDS;

  @Override
  public String toString() { return "GatherScatterMode." + name(); }
}
