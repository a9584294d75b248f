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
    return operandRuns(operand, indices, indicesShape, out, windowDims, collapsed, startIndexMap, operandBatching,
        indicesBatching, sizes, mode, false).starts();
  }

  /**
   * Where runs of consecutive elements of {@code out} start in the operand: {@code run} elements each, one
   * after the other in the operand too (run 1: every element on its own, as {@link #operandIndices}).
   */
  record Runs(int[] starts, int run) {}

  /**
   * {@link #operandIndices} by runs: with {@code byRuns}, when out's last axis is a window axis over the
   * operand's contiguous last axis, one start per row of it, so callers copy whole rows.
   */
  static Runs operandRuns(Shape operand, Storage indices, Shape indicesShape, Shape out, int[] windowDims,
      int[] collapsed, int[] startIndexMap, int[] operandBatching, int[] indicesBatching, int[] sizes,
      GatherScatterMode mode, boolean byRuns) {
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

    // Each start vector is read once: the flat start of the window of every batch position (the positions of
    // out outside the window) first, then out is walked with an odometer that steps a batch index and a
    // window offset by per-axis strides, so an element costs a few additions.
    int batchRank = indicesShape.rank() - 1;
    int batchCount = 1;
    for (int b = 0; b < batchRank; b++) batchCount *= indicesShape.dim(b);
    int[] windowStart = new int[batchCount];
    int[] batch = new int[batchRank];
    // Per start-vector component, what the loop needs of it: its operand stride and the last start that keeps
    // the window inside (XLA's start_index_map and operand_batching_dims name distinct operand axes).
    int[] startStride = new int[vector], upper = new int[vector];
    for (int k = 0; k < vector; k++) {
      int d = startIndexMap[k];
      startStride[k] = operandStrides[d];
      upper[k] = operand.dim(d) - sizes[d];
    }
    int componentStep = indexStrides[indexStrides.length - 1];
    int[] batchDims = java.util.Arrays.copyOf(indicesShape.dims(), batchRank);
    int base = 0;
    for (int bi = 0; bi < batchCount; bi++) {
      boolean dropped = false;
      int flat = 0;
      for (int k = 0; k < vector; k++) {
        long st = indices.getLong(base + k * componentStep);
        if (st < 0 || st > upper[k]) {
          if (mode == GatherScatterMode.FILL_OR_DROP) dropped = true;
          st = Math.max(0, Math.min(upper[k], st));
        }
        flat += (int) st * startStride[k];
      }
      for (int b = 0; b < operandBatching.length; b++) {
        flat += batch[indicesBatching[b]] * operandStrides[operandBatching[b]];
      }
      windowStart[bi] = dropped ? -1 : flat;
      for (int b = batchRank - 1; b >= 0; b--) {
        base += indexStrides[b];
        if (++batch[b] < batchDims[b]) break;
        base -= indexStrides[b] * batch[b];
        batch[b] = 0;
      }
    }
    int outRank = out.rank();
    int[] batchStep = new int[outRank], windowStep = new int[outRank];
    int[] batchStrides = batchRank == 0 ? new int[0] : Shape.of(java.util.Arrays.copyOf(indicesShape.dims(), batchRank))
        .strides();
    for (int d = 0, b = 0, w = 0; d < outRank; d++) {
      if (inWindow[d]) windowStep[d] = operandStrides[windowToOperand[w++]];
      else batchStep[d] = batchStrides[b++];
    }
    int walked = outRank;
    int run = 1;
    if (byRuns && outRank > 0 && inWindow[outRank - 1] && windowStep[outRank - 1] == 1 && out.dim(outRank - 1) > 1) {
      walked = outRank - 1;
      run = out.dim(outRank - 1);
    }
    int n = Math.toIntExact(out.size() / Math.max(1, run));
    if (out.size() == 0) n = 0;
    int[] result = new int[n];
    int[] pos = new int[outRank];
    int bi = 0, offset = 0;
    for (int i = 0; i < n; i++) {
      int startFlat = windowStart[bi];
      result[i] = startFlat < 0 ? -1 : startFlat + offset;
      for (int d = walked - 1; d >= 0; d--) {
        bi += batchStep[d];
        offset += windowStep[d];
        if (++pos[d] < out.dim(d)) break;
        bi -= batchStep[d] * pos[d];
        offset -= windowStep[d] * pos[d];
        pos[d] = 0;
      }
    }
    return new Runs(result, run);
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
