package dev.olympus.loopnest;

import java.util.Arrays;

/**
 * Where element {@code (r, c)} of a loop nest's domain lives in a buffer, as an affine map:
 * {@code offset + sum(rowStrides[k] * r[k]) + sum(colStrides[k] * c[k])} over the multi-indices of the nest's
 * row and column dimensions. Broadcasting is a stride of 0, a transpose permutes strides and a slice adds an
 * offset, so none of them copies data: a kernel reads its operands where they are.
 */
public record IndexMap(long offset, int[] rowStrides, int[] colStrides) {
  public IndexMap {
    rowStrides = rowStrides.clone();
    colStrides = colStrides.clone();
  }

  /** How a strip of consecutive columns is read. */
  public enum Access {
    /** Consecutive columns are consecutive elements: the strip is read in place. */
    CONTIGUOUS,
    /** Every column reads the same element: one value per row. */
    CONSTANT,
    /** Anything else (a transpose, a broadcast inside the columns): copied into a strip first. */
    STRIDED
  }

  /** The row-major map of a buffer of shape {@code rows ++ cols}: the identity. */
  public static IndexMap rowMajor(int[] rows, int[] cols) {
    int[] rs = new int[rows.length], cs = new int[cols.length];
    long stride = 1;
    for (int k = cols.length - 1; k >= 0; k--) {
      cs[k] = (int) stride;
      stride *= cols[k];
    }
    for (int k = rows.length - 1; k >= 0; k--) {
      rs[k] = (int) stride;
      stride *= rows[k];
    }
    return new IndexMap(0, rs, cs);
  }

  /** The map of a buffer of shape {@code rows} read once per row, the same for every column. */
  public static IndexMap perRow(int[] rows, int colRank) {
    IndexMap m = rowMajor(rows, new int[0]);
    return new IndexMap(0, m.rowStrides, new int[colRank]);
  }

  public Access access(int[] cols) {
    boolean constant = true;
    long expect = 1;
    boolean contiguous = true;
    for (int k = cols.length - 1; k >= 0; k--) {
      if (cols[k] == 1) continue;
      if (colStrides[k] != 0) constant = false;
      if (colStrides[k] != expect) contiguous = false;
      expect *= cols[k];
    }
    if (constant) return Access.CONSTANT;
    return contiguous ? Access.CONTIGUOUS : Access.STRIDED;
  }

  /** Whether every row reads the same elements (no row stride on a dimension longer than one). */
  public boolean rowInvariant(int[] rows) {
    for (int k = 0; k < rows.length; k++) if (rows[k] != 1 && rowStrides[k] != 0) return false;
    return true;
  }

  /** The buffer offset of column 0 of row {@code r} (row-major over {@code rows}). */
  public long rowBase(int[] rows, long r) {
    long base = offset;
    for (int k = rows.length - 1; k >= 0; k--) {
      base += (r % rows[k]) * rowStrides[k];
      r /= rows[k];
    }
    return base;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IndexMap m && m.offset == offset && Arrays.equals(m.rowStrides, rowStrides)
        && Arrays.equals(m.colStrides, colStrides);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(offset) * 31 * 31 + Arrays.hashCode(rowStrides) * 31 + Arrays.hashCode(colStrides);
  }

  @Override
  public String toString() {
    return offset + "+" + Arrays.toString(rowStrides) + "r+" + Arrays.toString(colStrides) + "c";
  }
}
