package dev.olympus.types;

import dev.olympus.errors.ShapeException;
import dev.olympus.errors.SourceLocation;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * An immutable array shape (row-major). Zero-sized dimensions are allowed; negative ones are not, and neither is
 * a size past {@link #MAX_SIZE}: every shape Olympus builds, traced or concrete, is one whose array can exist.
 */
public final class Shape {
  public static final Shape SCALAR = new Shape(new int[0], 1);

  /**
   * The most elements an array can have. An array's elements live in one Java array, whose length is an int;
   * the JVMs reserve a few entries below {@code Integer.MAX_VALUE} (the JDK's own collections stop here too).
   */
  public static final long MAX_SIZE = Integer.MAX_VALUE - 8;

  private final int[] dims;
  private final long size;

  private Shape(int[] dims, long size) {
    this.dims = dims;
    this.size = size;
  }

  /** A shape Olympus derived itself; a bad one is reported as the shape of an unnamed op. */
  public static Shape of(int... dims) {
    return of("Shape.of", "dims", dims);
  }

  /**
   * {@code dims} as a shape, or a {@link ShapeException} naming {@code op}, its {@code argument}, the dimensions
   * and the fix when a dimension is negative or the size is past {@link #MAX_SIZE} (under a trace too: a shape
   * rule reports the shape it cannot build, not the kernel that would overflow later).
   */
  public static Shape of(String op, String argument, int[] dims) {
    if (dims.length == 0) return SCALAR;
    int[] d = dims.clone();
    return new Shape(d, checkedSize(op, argument, d));
  }

  /** The number of elements of {@code dims}, checked as {@link #of(String, String, int[])} checks it. */
  public static long checkedSize(String op, String argument, int[] dims) {
    boolean empty = false;
    for (int i = 0; i < dims.length; i++) {
      if (dims[i] < 0) {
        throw new ShapeException(op + ": " + argument + " " + tuple(dims) + " has the negative dimension " + dims[i]
            + " at axis " + i + ". Fix: a dimension is a size, 0 or more (an empty axis has size 0)."
            + SourceLocation.suffix());
      }
      empty |= dims[i] == 0;
    }
    if (empty) return 0;
    long n = 1;
    // n stays at most MAX_SIZE before each step, so n * d (d < 2^31) cannot overflow a long.
    for (int d : dims) {
      n *= d;
      if (n > MAX_SIZE) throw tooLarge(op, argument, dims);
    }
    return n;
  }

  private static ShapeException tooLarge(String op, String argument, int[] dims) {
    BigInteger n = BigInteger.ONE;
    for (int d : dims) n = n.multiply(BigInteger.valueOf(d));
    return new ShapeException(op + ": " + argument + " " + tuple(dims) + " has " + n + " elements, more than the "
        + MAX_SIZE + " an array can hold (its elements live in one Java array, whose length is an int). Fix: use "
        + "smaller dimensions, or split the work into pieces that fit, e.g. a batch at a time."
        + SourceLocation.suffix());
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
