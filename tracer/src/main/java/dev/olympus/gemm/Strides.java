package dev.olympus.gemm;

/**
 * Where a batch of matrices lives in a flat array: element (b, i, j) is at
 * {@code data[offset + b * batch + i * row + j * col]}. A transposed operand is the same array with {@code row}
 * and {@code col} swapped, so {@link Gemm} reads it in place while packing instead of copying it first.
 */
public record Strides(int offset, int batch, int row, int col) {
  public Strides {
    if (offset < 0 || batch < 0 || row < 0 || col < 0) {
      throw new IllegalArgumentException("strides must be non-negative, got offset " + offset + ", batch " + batch
          + ", row " + row + ", col " + col);
    }
  }

  /** {@code count} row-major {@code rows x cols} matrices, one after the other from index 0. */
  public static Strides rowMajor(int rows, int cols) {
    return new Strides(0, rows * cols, cols, 1);
  }

  /** The same elements read as the transpose of each matrix. */
  public Strides transposed() {
    return new Strides(offset, batch, col, row);
  }

  /** The largest index any of {@code batches x rows x cols} elements reads, or -1 when there are none. */
  long lastIndex(int batches, int rows, int cols) {
    if (batches == 0 || rows == 0 || cols == 0) return -1;
    return offset + (long) (batches - 1) * batch + (long) (rows - 1) * row + (long) (cols - 1) * col;
  }
}
