package dev.olympus.primitive;

import dev.olympus.storage.Storage;
import dev.olympus.types.Shape;

/**
 * The index arithmetic {@code gather} and {@code scatter-add} share (XLA's semantics): each element of the
 * gathered array (or of the updates) lies in the window of one start vector of the indices, and the window's
 * start is clamped into the operand or, under {@link GatherScatterMode#FILL_OR_DROP}, the window is out.
 */
final class Windows {
  private Windows() {}

  /**
   * For every row-major position of {@code out} (the gather's result, or the scatter's updates), the flat index
   * of the operand element it reads or writes, or -1 when its window is out of bounds under FILL_OR_DROP.
   *
   * @param windowDims the axes of {@code out} inside a window (offset_dims, update_window_dims)
   * @param collapsed operand axes of window size 1 that {@code out} leaves out (collapsed / inserted)
   * @param sizes the window size on each operand axis (slice_sizes)
   */
  static int[] operandIndices(Shape operand, Storage indices, Shape indicesShape, Shape out, int[] windowDims,
      int[] collapsed, int[] startIndexMap, int[] operandBatching, int[] indicesBatching, int[] sizes,
      GatherScatterMode mode) {
    int rank = operand.rank();
    boolean[] inWindow = new boolean[out.rank()];
    for (int d : windowDims) inWindow[d] = true;
    boolean[] notWindowed = new boolean[rank];
    for (int d : collapsed) notWindowed[d] = true;
    for (int d : operandBatching) notWindowed[d] = true;
    int[] windowToOperand = new int[windowDims.length];
    for (int d = 0, k = 0; d < rank; d++) if (!notWindowed[d]) windowToOperand[k++] = d;
    int vector = indicesShape.dim(indicesShape.rank() - 1);
    int[] operandStrides = operand.strides();
    int[] indexStrides = indicesShape.strides();

    int n = Math.toIntExact(out.size());
    int[] result = new int[n];
    int[] pos = new int[out.rank()];
    int[] batch = new int[indicesShape.rank() - 1];
    int[] start = new int[rank];
    for (int i = 0; i < n; i++) {
      for (int d = 0, b = 0; d < out.rank(); d++) if (!inWindow[d]) batch[b++] = pos[d];
      int base = 0;
      for (int b = 0; b < batch.length; b++) base += batch[b] * indexStrides[b];
      java.util.Arrays.fill(start, 0);
      boolean dropped = false;
      for (int k = 0; k < vector; k++) {
        int d = startIndexMap[k];
        long s = indices.getLong(base + k * indexStrides[indexStrides.length - 1]);
        int upper = operand.dim(d) - sizes[d];
        if (s < 0 || s > upper) {
          if (mode == GatherScatterMode.FILL_OR_DROP) dropped = true;
          s = Math.max(0, Math.min(upper, s));
        }
        start[d] = (int) s;
      }
      for (int b = 0; b < operandBatching.length; b++) start[operandBatching[b]] = batch[indicesBatching[b]];
      if (dropped) {
        result[i] = -1;
      } else {
        int flat = 0;
        for (int d = 0; d < rank; d++) flat += start[d] * operandStrides[d];
        for (int w = 0; w < windowDims.length; w++) flat += pos[windowDims[w]] * operandStrides[windowToOperand[w]];
        result[i] = flat;
      }
      for (int d = out.rank() - 1; d >= 0; d--) {
        if (++pos[d] < out.dim(d)) break;
        pos[d] = 0;
      }
    }
    return result;
  }

  static boolean contains(int[] values, int v) {
    for (int x : values) if (x == v) return true;
    return false;
  }

  /** {@code values} each plus {@code by}, with {@code first} in front when it is not null. */
  static int[] shifted(Integer first, int[] values, int by) {
    int offset = first == null ? 0 : 1;
    int[] out = new int[values.length + offset];
    if (first != null) out[0] = first;
    for (int i = 0; i < values.length; i++) out[i + offset] = values[i] + by;
    return out;
  }
}
