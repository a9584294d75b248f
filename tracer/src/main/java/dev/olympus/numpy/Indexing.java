package dev.olympus.numpy;

import dev.olympus.Array;
import dev.olympus.DType;
import dev.olympus.errors.ArgumentCheck;
import dev.olympus.errors.ShapeException;
import dev.olympus.errors.SourceLocation;
import dev.olympus.lax.Lax;
import dev.olympus.primitive.GatherDimensionNumbers;
import dev.olympus.primitive.GatherScatterMode;
import dev.olympus.primitive.Scatter;
import dev.olympus.primitive.ScatterDimensionNumbers;
import dev.olympus.primitive.ShapeRules;

/**
 * {@code jnp.take}, {@code jnp.take_along_axis} and {@code x.at[i]}, lowered as jax.numpy lowers them: negative
 * indices count from the end, then one {@code gather} (or {@code scatter-add}) with the dimension numbers
 * that put the index axes where NumPy puts them.
 */
final class Indexing {
  private Indexing() {}

  static Array take(String op, Array x, Array indices, int axis, GatherScatterMode mode) {
    ArgumentCheck.array(op, "x", x, "indices", indices);
    requireIntegers(op, indices);
    int a = ShapeRules.axis(op, axis, x.ndim());
    int[] shape = x.shape();
    Array starts = Jnp.expandDims(normalized(indices, shape[a]), indices.ndim());
    int[] offsetDims = new int[x.ndim() - 1];
    for (int d = 0, k = 0; d < x.ndim(); d++) {
      if (d != a) offsetDims[k++] = d < a ? d : d - 1 + indices.ndim();
    }
    int[] sizes = shape.clone();
    sizes[a] = 1;
    GatherDimensionNumbers dn = new GatherDimensionNumbers(offsetDims, new int[] {a}, new int[] {a}, new int[0], new int[0]);
    // jnp.take spells out the NaN it fills floats with; the integer default is left to the primitive.
    Double fill = mode == GatherScatterMode.FILL_OR_DROP && x.dtype().isFloating() ? Double.NaN : null;
    return Lax.gather(x, starts, dn, sizes, mode, fill);
  }

  static Array takeAlongAxis(Array x, Array indices, int axis) {
    String op = "Jnp.takeAlongAxis";
    ArgumentCheck.array(op, "x", x, "indices", indices);
    requireIntegers(op, indices);
    if (indices.ndim() != x.ndim()) {
      throw new ShapeException(op + ": indices must have the rank of x (" + x.ndim() + "), got " + indices.aval()
          + "; add axes of size 1 with Jnp.expandDims to broadcast." + SourceLocation.suffix());
    }
    int a = ShapeRules.axis(op, axis, x.ndim());
    // The other axes broadcast between x and the indices, as NumPy's take_along_axis does.
    int[] xShape = x.shape(), iShape = indices.shape();
    int[] outX = new int[x.ndim()], outI = new int[x.ndim()];
    for (int d = 0; d < x.ndim(); d++) {
      if (d == a) {
        outX[d] = xShape[d];
        outI[d] = iShape[d];
        continue;
      }
      if (xShape[d] != iShape[d] && xShape[d] != 1 && iShape[d] != 1) {
        throw new ShapeException(op + ": axis " + d + " of x " + x.aval() + " and of the indices " + indices.aval()
            + " do not broadcast (sizes " + xShape[d] + " and " + iShape[d] + ")." + SourceLocation.suffix());
      }
      outX[d] = outI[d] = Math.max(xShape[d], iShape[d]);
    }
    Array xb = Jnp.broadcastTo(x, outX);
    Array starts = Jnp.expandDims(normalized(Jnp.broadcastTo(indices, outI), xShape[a]), x.ndim());
    int[] batching = new int[x.ndim() - 1];
    for (int d = 0, k = 0; d < x.ndim(); d++) if (d != a) batching[k++] = d;
    int[] sizes = new int[x.ndim()];
    java.util.Arrays.fill(sizes, 1);
    GatherDimensionNumbers dn = new GatherDimensionNumbers(new int[0], new int[] {a}, new int[] {a}, batching, batching);
    return Lax.gather(xb, starts, dn, sizes, GatherScatterMode.FILL_OR_DROP);
  }

  /**
   * {@code x.at[indices].<op>(updates)}: indices along axis 0, out of bounds dropped; {@code scatter} says how an
   * update meets its row (replaces, adds, ...). The updates take x's dtype and broadcast to the indexed rows.
   */
  static Array atUpdate(String op, Scatter scatter, Array x, Array indices, Array updates) {
    ArgumentCheck.array(op, "x", x, "indices", indices, "updates", updates);
    requireIntegers(op, indices);
    if (x.ndim() == 0) throw new ShapeException(op + ": cannot index a scalar " + x.aval() + SourceLocation.suffix());
    int[] shape = x.shape();
    int[] windowShape = new int[indices.ndim() + x.ndim() - 1];
    System.arraycopy(indices.shape(), 0, windowShape, 0, indices.ndim());
    System.arraycopy(shape, 1, windowShape, indices.ndim(), x.ndim() - 1);
    // In jax.numpy's order (indices first), so the IR reads as JAX's does.
    Array starts = Jnp.expandDims(normalized(indices, shape[0]), indices.ndim());
    Array u = updates.dtype() == x.dtype() ? updates : Lax.convertElementType(updates, x.dtype(), false);
    u = Jnp.broadcastTo(u, windowShape);
    int[] windowDims = new int[x.ndim() - 1];
    for (int d = 0; d < windowDims.length; d++) windowDims[d] = indices.ndim() + d;
    ScatterDimensionNumbers dn = new ScatterDimensionNumbers(windowDims, new int[] {0}, new int[] {0}, new int[0], new int[0]);
    return scatter.bind1(scatter.params(dn, GatherScatterMode.FILL_OR_DROP, x.dtype()), x, starts, u);
  }

  /** {@code i < 0 ? i + n : i}, as jnp normalizes indices before gathering. */
  private static Array normalized(Array indices, int n) {
    Array i = indices.dtype() == DType.I32 || indices.dtype() == DType.I64 ? indices
        : Lax.convertElementType(indices, DType.I32, false);
    return Jnp.where(i.lt(0), i.add(n), i);
  }

  private static void requireIntegers(String op, Array indices) {
    if (!indices.dtype().isInteger()) {
      throw new ShapeException(op + ": indices must be integers, got " + indices.aval()
          + "; convert them with astype(DType.I32)." + SourceLocation.suffix());
    }
  }
}
