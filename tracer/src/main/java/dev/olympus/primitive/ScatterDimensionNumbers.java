package dev.olympus.primitive;

import dev.olympus.types.Shape;
import java.util.Arrays;

/**
 * How {@code scatter-add} maps indices and update windows into the operand (XLA's and JAX's
 * {@code ScatterDimensionNumbers}), the mirror of {@link GatherDimensionNumbers}: the indices' last axis holds
 * the start vectors, the updates' axes not in {@link #updateWindowDims} run over the other axes of the indices.
 *
 * @param updateWindowDims the axes of the updates that index into a window, in increasing order
 * @param insertedWindowDims operand axes of window size 1 that the updates leave out
 * @param scatterDimsToOperandDims for each component of a start vector, the operand axis it starts
 * @param operandBatchingDims operand axes that run in step with {@link #scatterIndicesBatchingDims}
 * @param scatterIndicesBatchingDims the axes of the indices paired with {@link #operandBatchingDims}
 */
public record ScatterDimensionNumbers(int[] updateWindowDims, int[] insertedWindowDims, int[] scatterDimsToOperandDims,
    int[] operandBatchingDims, int[] scatterIndicesBatchingDims) {
  public ScatterDimensionNumbers {
    updateWindowDims = updateWindowDims.clone();
    insertedWindowDims = insertedWindowDims.clone();
    scatterDimsToOperandDims = scatterDimsToOperandDims.clone();
    operandBatchingDims = operandBatchingDims.clone();
    scatterIndicesBatchingDims = scatterIndicesBatchingDims.clone();
  }

  @Override public int[] updateWindowDims() { return updateWindowDims.clone(); }
  @Override public int[] insertedWindowDims() { return insertedWindowDims.clone(); }
  @Override public int[] scatterDimsToOperandDims() { return scatterDimsToOperandDims.clone(); }
  @Override public int[] operandBatchingDims() { return operandBatchingDims.clone(); }
  @Override public int[] scatterIndicesBatchingDims() { return scatterIndicesBatchingDims.clone(); }

  /** The gather that reads back what this scatter writes: the transpose pairs them. */
  public GatherDimensionNumbers asGather() {
    return new GatherDimensionNumbers(updateWindowDims, insertedWindowDims, scatterDimsToOperandDims,
        operandBatchingDims, scatterIndicesBatchingDims);
  }

  /** The scatter that adds into the windows {@code g} reads. */
  public static ScatterDimensionNumbers of(GatherDimensionNumbers g) {
    return new ScatterDimensionNumbers(g.offsetDims(), g.collapsedSliceDims(), g.startIndexMap(),
        g.operandBatchingDims(), g.startIndicesBatchingDims());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ScatterDimensionNumbers d && asGather().equals(d.asGather());
  }

  @Override
  public int hashCode() { return asGather().hashCode(); }

  /** As JAX prints it in a jaxpr. */
  @Override
  public String toString() {
    return "ScatterDimensionNumbers(update_window_dims=" + Shape.tuple(updateWindowDims) + ", inserted_window_dims="
        + Shape.tuple(insertedWindowDims) + ", scatter_dims_to_operand_dims=" + Shape.tuple(scatterDimsToOperandDims)
        + ", operand_batching_dims=" + Shape.tuple(operandBatchingDims) + ", scatter_indices_batching_dims="
        + Shape.tuple(scatterIndicesBatchingDims) + ")";
  }
}
