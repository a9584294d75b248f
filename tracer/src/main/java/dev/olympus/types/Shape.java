package dev.olympus.types;

import java.util.Arrays;

/** An immutable array shape (row-major). Zero-sized dimensions are allowed; negative ones are not. */
public final class Shape {
  public static final Shape SCALAR = new Shape(new int[0]);

  private final int[] dims;
  private final long size;

  private Shape(int[] dims) {
    long n = 1;
    for (int d : dims) {
      if (d < 0) {
        throw new IllegalArgumentException("negative dimension " + d + " in shape " + Arrays.toString(dims));
      }
      n = Math.multiplyExact(n, d);
    }
    this.dims = dims;
    this.size = n;
  }

  public static Shape of(int... dims) {
    return dims.length == 0 ? SCALAR : new Shape(dims.clone());
  }

  public int rank() { return dims.length; }

  public int dim(int axis) { return dims[axis]; }

  public int[] dims() { return dims.clone(); }

  public long size() { return size; }

  /** Row-major strides in elements. */
  public int[] strides() {
    int[] s = new int[dims.length];
    int acc = 1;
    for (int i = dims.length - 1; i >= 0; i--) {
      s[i] = acc;
      acc *= dims[i];
    }
    return s;
  }

  /** {@code 3,4} — the form used inside {@code f32[3,4]}. */
  public String commaList() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < dims.length; i++) {
      if (i > 0) sb.append(',');
      sb.append(dims[i]);
    }
    return sb.toString();
  }

  /** Python tuple form, {@code (3,)} or {@code (3, 4)}, as JAX prints shape parameters. */
  public String tuple() {
    return tuple(dims);
  }

  public static String tuple(int[] values) {
    if (values.length == 1) return "(" + values[0] + ",)";
    StringBuilder sb = new StringBuilder("(");
    for (int i = 0; i < values.length; i++) {
      if (i > 0) sb.append(", ");
      sb.append(values[i]);
    }
    return sb.append(')').toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Shape s && Arrays.equals(dims, s.dims);
  }

  @Override
  public int hashCode() { return Arrays.hashCode(dims); }

  @Override
  public String toString() { return tuple(); }
}
