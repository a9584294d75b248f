package dev.olympus.numpy;

import dev.olympus.Array;
import dev.olympus.errors.ArgumentCheck;
import dev.olympus.primitive.GatherScatterMode;
import dev.olympus.primitive.Scatter;

/**
 * JAX's {@code x.at[indices]}: the rows of {@code x} (axis 0) at {@code indices}, to read or to update
 * functionally (the result is a new array; {@code x} is unchanged). Negative indices count from the end; an
 * update out of range is dropped. Updates take {@code x}'s dtype and broadcast to the indexed rows (for
 * indices of shape {@code [k]} into {@code x} of shape {@code [n, m]}: anything that broadcasts to
 * {@code [k, m]}). Made by {@link Array#at(Array)}.
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

  /** {@code x.at[i].set(v)}: the rows at the indices replaced by {@code v}; of repeated indices the last wins. */
  public Array set(Array updates) { return update("set", Scatter.SCATTER, updates); }

  public Array set(double updates) { return set(Jnp.literal(updates)); }

  /** {@code x.at[i].add(v)}: {@code v} added at each index; an index that repeats adds each time. */
  public Array add(Array updates) { return update("add", Scatter.SCATTER_ADD, updates); }

  public Array add(double updates) { return add(Jnp.literal(updates)); }

  /** {@code x.at[i].multiply(v)}: the rows at the indices multiplied by {@code v}, once per repeat. */
  public Array mul(Array updates) { return update("mul", Scatter.SCATTER_MUL, updates); }

  public Array mul(double updates) { return mul(Jnp.literal(updates)); }

  /** {@code x.at[i].min(v)}: each element at the indices the least of itself and its updates. */
  public Array min(Array updates) { return update("min", Scatter.SCATTER_MIN, updates); }

  public Array min(double updates) { return min(Jnp.literal(updates)); }

  /** {@code x.at[i].max(v)}: each element at the indices the greatest of itself and its updates. */
  public Array max(Array updates) { return update("max", Scatter.SCATTER_MAX, updates); }

  public Array max(double updates) { return max(Jnp.literal(updates)); }

  /**
   * {@code x.at[i].divide(v)}: as JAX computes it, {@code x} divided by the product of the updates at each row
   * ({@code 1} elsewhere).
   */
  public Array divide(Array updates) {
    return Jnp.divide(x, Indexing.atUpdate("Array.at(...).divide", Scatter.SCATTER_MUL, Jnp.onesLike(x), indices,
        updates));
  }

  public Array divide(double updates) { return divide(Jnp.literal(updates)); }

  /** {@code x.at[i].power(v)}: as JAX computes it, {@code x} to the product of the updates at each row. */
  public Array power(Array updates) {
    return Jnp.power(x, Indexing.atUpdate("Array.at(...).power", Scatter.SCATTER_MUL, Jnp.onesLike(x), indices,
        updates));
  }

  public Array power(double updates) { return power(Jnp.literal(updates)); }

  private Array update(String method, Scatter scatter, Array updates) {
    return Indexing.atUpdate("Array.at(...)." + method, scatter, x, indices, updates);
  }
}
