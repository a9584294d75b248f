package dev.olympus.loopnest;

import dev.olympus.DType;
import dev.olympus.ir.Literal;
import dev.olympus.simd.StripOp;
import java.util.Arrays;

/**
 * One value of a loop nest, computed for every element of the nest's domain (or once per row, or once per
 * call, when it does not vary: see {@link Schedule}). Operands are earlier nodes of the same nest, by index,
 * so a nest body is straight-line code. Every value has a compute dtype; bools compute as 0/1 ints.
 */
public sealed interface Expr {
  DType dtype();

  /** Operand node indices. */
  default int[] operands() { return new int[0]; }

  /** Element of buffer {@code slot} at {@code map}. */
  record Load(int slot, DType dtype, IndexMap map) implements Expr {}

  record Constant(Literal literal) implements Expr {
    @Override
    public DType dtype() { return literal.aval().dtype(); }
  }

  /**
   * An affine function of the element's index, {@code offset + rowCoeffs . r + colCoeffs . c}: {@code iota}
   * seen through broadcasts, transposes and slices.
   */
  record Index(DType dtype, long offset, int[] rowCoeffs, int[] colCoeffs) implements Expr {
    @Override
    public boolean equals(Object o) {
      return o instanceof Index i && i.dtype == dtype && i.offset == offset && Arrays.equals(i.rowCoeffs, rowCoeffs)
          && Arrays.equals(i.colCoeffs, colCoeffs);
    }

    @Override
    public int hashCode() { return dtype.hashCode() + Long.hashCode(offset) + Arrays.hashCode(rowCoeffs) * 7 + Arrays.hashCode(colCoeffs); }
  }

  record Unary(StripOp.Unary op, DType dtype, int x) implements Expr {
    @Override
    public int[] operands() { return new int[] {x}; }
  }

  record Binary(StripOp.Binary op, DType dtype, int x, int y) implements Expr {
    @Override
    public int[] operands() { return new int[] {x, y}; }
  }

  /** A comparison of two operands of dtype {@code operandDtype}; the result is bool. */
  record Compare(StripOp.Compare op, DType operandDtype, int x, int y) implements Expr {
    @Override
    public DType dtype() { return DType.BOOL; }

    @Override
    public int[] operands() { return new int[] {x, y}; }
  }

  /** {@code pred ? onTrue : onFalse}: JAX's {@code select_n(pred, onFalse, onTrue)}. */
  record Where(DType dtype, int pred, int onTrue, int onFalse) implements Expr {
    @Override
    public int[] operands() { return new int[] {pred, onTrue, onFalse}; }
  }

  record Convert(DType dtype, int x) implements Expr {
    @Override
    public int[] operands() { return new int[] {x}; }
  }

  record IntegerPow(DType dtype, int y, int x) implements Expr {
    @Override
    public int[] operands() { return new int[] {x}; }
  }

  /** The reduction of operand {@code x} over all columns of its row: one value per row. */
  record Reduce(StripOp.Monoid op, DType dtype, int x) implements Expr {
    @Override
    public int[] operands() { return new int[] {x}; }
  }
}
