package dev.olympus.batching;

import dev.olympus.Array;
import java.util.List;

/**
 * What a batching rule returns: the results and, for each, the axis that carries the batch, or
 * {@link BatchAxis#NOT_BATCHED} for a result that is the same for every batch element.
 */
public record Batched(List<Array> values, int[] dims) {
  public Batched {
    values = List.copyOf(values);
    dims = dims.clone();
    if (values.size() != dims.length) {
      throw new IllegalArgumentException(values.size() + " results but " + dims.length + " batch dimensions");
    }
  }

  public static Batched of(Array value, int dim) { return new Batched(List.of(value), new int[] {dim}); }

  @Override
  public int[] dims() { return dims.clone(); }

  public int dim(int i) { return dims[i]; }
}
