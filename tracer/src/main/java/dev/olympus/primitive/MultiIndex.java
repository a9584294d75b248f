package dev.olympus.primitive;

import dev.olympus.types.Shape;

/**
 * Row-major walks over a shape, mapping each position to an offset in another layout. Strided shape ops
 * (broadcast, transpose, slice, reduce) are each "walk one layout, read or write another".
 */
final class MultiIndex {
  private MultiIndex() {}

  /**
   * For every row-major position of {@code shape}, the offset {@code base + sum(index[d] * strides[d])}.
   * A stride of 0 repeats an element (broadcasting) or folds positions together (reduction).
   */
  static int[] offsets(Shape shape, int[] strides, int base) {
    int n = Math.toIntExact(shape.size());
    int[] out = new int[n];
    int rank = shape.rank();
    int[] idx = new int[rank];
    int off = base;
    for (int i = 0; i < n; i++) {
      out[i] = off;
      for (int d = rank - 1; d >= 0; d--) {
        idx[d]++;
        off += strides[d];
        if (idx[d] < shape.dim(d)) break;
        off -= strides[d] * idx[d];
        idx[d] = 0;
      }
    }
    return out;
  }
}
