package dev.olympus.jit;

import dev.olympus.pytree.TreeDef;
import dev.olympus.types.AbstractValue;
import java.util.List;

/**
 * What decides whether a compiled kernel can run a call: the function's identity (for a lambda, its
 * implementation method and captured values), the static arguments' values, the argument structure and every
 * array leaf's abstract value (dtype, shape, weak type).
 *
 * <p>{@code shapeGeneric} keys stand for every size: their avals keep dtype, rank and weak type, and all
 * non-scalar leaves must share one shape (see {@link Specialization}).
 */
public record CacheKey(Object function, List<Object> statics, TreeDef inTree, List<AbstractValue> avals,
    boolean shapeGeneric) {
  public CacheKey {
    statics = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(statics));
    avals = List.copyOf(avals);
  }
}
