package dev.olympus.fusion;

import dev.olympus.DType;
import dev.olympus.ir.Literal;
import dev.olympus.types.Shape;
import java.util.Arrays;

/**
 * What the fuser knows about an IR value while it walks the program: a value of the loop nest being built, a
 * strided view of a buffer (a reshape, transpose, slice or broadcast of a materialized value, never copied
 * unless a non-fusible consumer needs it whole), or a literal broadcast to a shape.
 */
sealed interface Sym {
  Shape shape();

  /**
   * Node {@code node} of {@code nest}: per element of the nest's domain ({@code row == false}, then
   * {@code shape} is the domain), or one value per row ({@code shape} is the row shape, up to unit dims).
   */
  record Node(NestBuilder nest, int node, boolean row, Shape shape) implements Sym {}

  /** Element {@code i} (a multi-index over {@code shape}) of buffer {@code slot} is at {@code offset + strides . i}. */
  record View(int slot, DType dtype, Shape shape, long offset, int[] strides) implements Sym {
    static View of(int slot, DType dtype, Shape shape) {
      return new View(slot, dtype, shape, 0, rowMajor(shape));
    }

    /** Whether the view is its buffer read in row-major order from the start: no copy is needed. */
    boolean isRowMajor() {
      if (offset != 0) return false;
      int[] rm = rowMajor(shape);
      for (int d = 0; d < shape.rank(); d++) if (shape.dim(d) != 1 && strides[d] != rm[d]) return false;
      return true;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof View v && v.slot == slot && v.shape.equals(shape) && v.offset == offset
          && Arrays.equals(v.strides, strides);
    }

    @Override
    public int hashCode() { return slot * 31 + shape.hashCode() + Arrays.hashCode(strides); }
  }

  /** A literal read as a value of {@code shape}. */
  record Const(Literal literal, Shape shape) implements Sym {}

  static int[] rowMajor(Shape shape) {
    int[] s = new int[shape.rank()];
    long stride = 1;
    for (int d = shape.rank() - 1; d >= 0; d--) {
      s[d] = (int) stride;
      stride *= shape.dim(d);
    }
    return s;
  }

  /** The dims of {@code shape} longer than one: shapes equal up to unit dims index the same elements alike. */
  static int[] squeezed(Shape shape) {
    return Arrays.stream(shape.dims()).filter(d -> d != 1).toArray();
  }
}
