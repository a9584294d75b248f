package dev.olympus.numpy;

import dev.olympus.Array;
import dev.olympus.errors.ArgumentCheck;
import dev.olympus.primitive.GatherScatterMode;

/**
 * JAX's {@code x.at[indices]}: the rows of {@code x} (axis 0) at {@code indices}, to read or to update
 * functionally (the result is a new array; {@code x} is unchanged). Negative indices count from the end.
 * Made by {@link Array#at(Array)}.
 */
public final class IndexUpdate {
  private final Array x;
  private final Array indices;

  public IndexUpdate(Array x, Array indices) {
    this.x = ArgumentCheck.array("Array.at", "x", x);
    this.indices = ArgumentCheck.array("Array.at", "indices", indices);
  }

  /** {@code x.at[i].get()}, i.e. {@code x[i]}: indices out of range are clamped, as JAX's default is. */
  public Array get() {
    return Indexing.take("Array.at(...).get", x, indices, 0, GatherScatterMode.PROMISE_IN_BOUNDS);
  }

  /**
   * {@code x.at[i].add(v)}: {@code x} with {@code v} (broadcast to the indexed rows) added at each index; an
   * index that repeats adds each time; one out of range is dropped.
   */
  public Array add(Array updates) { return Indexing.atAdd(x, indices, updates); }

  public Array add(double updates) { return add(Jnp.literal(updates)); }
}
