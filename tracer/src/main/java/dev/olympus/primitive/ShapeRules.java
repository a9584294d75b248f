package dev.olympus.primitive;

import dev.olympus.DType;
import dev.olympus.errors.ShapeException;
import dev.olympus.errors.SourceLocation;
import dev.olympus.types.AbstractValue;
import dev.olympus.types.Shape;
import java.util.Arrays;
import java.util.List;

/** Checks shared by the shape rules of several primitives; every failure names the primitive and shapes. */
public final class ShapeRules {
  private ShapeRules() {}

  public static ShapeException error(String primitive, String message) {
    return new ShapeException(primitive + ": " + message + SourceLocation.suffix());
  }

  public static void arity(Primitive p, List<AbstractValue> in, int n) {
    if (in.size() != n) throw error(p.name(), "expects " + n + " operands, got " + in.size());
  }

  public static void sameDtype(Primitive p, List<AbstractValue> in) {
    DType d = in.get(0).dtype();
    for (AbstractValue a : in) {
      if (a.dtype() != d) {
        throw error(p.name(), "operands must have the same dtype, got " + describe(in)
            + ". Convert one with astype(...) or use the Jnp function, which promotes types.");
      }
    }
  }

  /** Normalises an axis that may be negative, or fails naming the op, the axis and the rank. */
  public static int axis(String op, int axis, int rank) {
    int a = axis < 0 ? axis + rank : axis;
    if (a < 0 || a >= rank) {
      throw error(op, "axis " + axis + " is out of bounds for an array of rank " + rank
          + " (valid axes are " + (rank == 0 ? "none: the array is 0-d" : -rank + " .. " + (rank - 1)) + ")");
    }
    return a;
  }

  /** An axis a primitive's parameter names, which must be {@code 0 .. rank-1}: primitives do not count from the end. */
  public static int exactAxis(String op, String parameter, int axis, int rank) {
    if (axis < 0 || axis >= rank) {
      throw error(op, parameter + " " + axis + " is out of bounds for an array of rank " + rank + " (valid are "
          + (rank == 0 ? "none: the array is 0-d" : "0 .. " + (rank - 1)) + "; unlike the Jnp functions, a primitive "
          + "does not count negative axes from the end)");
    }
    return axis;
  }

  /** Sorted, distinct, in-range axes. */
  public static int[] axes(String op, int[] axes, int rank) {
    int[] r = new int[axes.length];
    for (int i = 0; i < axes.length; i++) r[i] = axis(op, axes[i], rank);
    Arrays.sort(r);
    for (int i = 1; i < r.length; i++) {
      if (r[i] == r[i - 1]) throw error(op, "repeated axis " + r[i] + " in " + Arrays.toString(axes));
    }
    return r;
  }

  /**
   * A dimension a shape rule computed ({@code what} names it), or an error naming the op when it cannot be the
   * size of an axis: computed in long so that a sum of large sizes is reported, not wrapped around.
   */
  public static int dimension(String op, String what, long size) {
    if (size > Shape.MAX_SIZE) {
      throw error(op, what + " would be " + size + ", more than the " + Shape.MAX_SIZE + " elements an array can hold. "
          + "Fix: split the work into smaller arrays");
    }
    return (int) size;
  }

  public static String describe(List<AbstractValue> in) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < in.size(); i++) {
      if (i > 0) sb.append(" and ");
      sb.append(in.get(i));
    }
    return sb.toString();
  }

  public static Shape shape(int... dims) {
    return Shape.of(dims);
  }

  /** {@code 0, 1, ..., n-1}. */
  public static int[] range(int n) {
    int[] r = new int[n];
    for (int i = 0; i < n; i++) r[i] = i;
    return r;
  }
}
