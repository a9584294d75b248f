package dev.olympus.primitive;

import dev.olympus.types.Shape;
import java.util.Arrays;

/**
 * How {@code gather} maps indices to windows of the operand (XLA's and JAX's {@code GatherDimensionNumbers}).
 * The indices' last axis holds the start vectors; the other axes of the indices are the output's batch axes.
 *
 * @param offsetDims the output axes that index into a window, in increasing order
 * @param collapsedSliceDims operand axes whose window size is 1 and that the output drops
 * @param startIndexMap for each component of a start vector, the operand axis it starts
 * @param operandBatchingDims operand axes that run in step with {@link #startIndicesBatchingDims} (vmap's)
 * @param startIndicesBatchingDims the axes of the indices paired with {@link #operandBatchingDims}
 */
public record GatherDimensionNumbers(int[] offsetDims, int[] collapsedSliceDims, int[] startIndexMap,
    int[] operandBatchingDims, int[] startIndicesBatchingDims) {
  public GatherDimensionNumbers {
    offsetDims = offsetDims.clone();
    collapsedSliceDims = collapsedSliceDims.clone();
    startIndexMap = startIndexMap.clone();
    operandBatchingDims = operandBatchingDims.clone();
    startIndicesBatchingDims = startIndicesBatchingDims.clone();
  }

  @Override public int[] offsetDims() { return offsetDims.clone(); }
  @Override public int[] collapsedSliceDims() { return collapsedSliceDims.clone(); }
  @Override public int[] startIndexMap() { return startIndexMap.clone(); }
  @Override public int[] operandBatchingDims() { return operandBatchingDims.clone(); }
  @Override public int[] startIndicesBatchingDims() { return startIndicesBatchingDims.clone(); }

  @Override
  public boolean equals(Object o) {
    return o instanceof GatherDimensionNumbers d && Arrays.equals(offsetDims, d.offsetDims)
        && Arrays.equals(collapsedSliceDims, d.collapsedSliceDims) && Arrays.equals(startIndexMap, d.startIndexMap)
        && Arrays.equals(operandBatchingDims, d.operandBatchingDims)
        && Arrays.equals(startIndicesBatchingDims, d.startIndicesBatchingDims);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(new int[] {Arrays.hashCode(offsetDims), Arrays.hashCode(collapsedSliceDims),
        Arrays.hashCode(startIndexMap), Arrays.hashCode(operandBatchingDims), Arrays.hashCode(startIndicesBatchingDims)});
  }

  /** As JAX prints it in a jaxpr. */
  @Override
  public String toString() {
    return "GatherDimensionNumbers(offset_dims=" + Shape.tuple(offsetDims) + ", collapsed_slice_dims="
        + Shape.tuple(collapsedSliceDims) + ", start_index_map=" + Shape.tuple(startIndexMap)
        + ", operand_batching_dims=" + Shape.tuple(operandBatchingDims) + ", start_indices_batching_dims="
        + Shape.tuple(startIndicesBatchingDims) + ")";
  }
}
