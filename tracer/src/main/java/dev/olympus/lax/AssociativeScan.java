package dev.olympus.lax;

import dev.olympus.Array;
import dev.olympus.DType;
import dev.olympus.Fn2;
import dev.olympus.errors.ArgumentCheck;
import dev.olympus.errors.InvalidArgumentException;
import dev.olympus.errors.SourceLocation;
import java.util.List;

/**
 * The parallel prefix scan of JAX's {@code lax.associative_scan} (Blelloch 1990), for one array: combine
 * adjacent pairs, scan the half-size result recursively, then fill in the even positions. It takes
 * {@code O(log n)} levels of slices, pads and calls of {@code fn}, all differentiable, which is why the
 * cumulative reductions differentiate through it.
 */
final class AssociativeScan {
  private AssociativeScan() {}

  static Array scan(Fn2<Array, Array, Array> fn, Array elems, int axis) {
    int n = elems.shape()[axis];
    if (n < 2) return elems;
    Array reduced = combine(fn, sliceInDim(elems, 0, n - 1, 2, axis), sliceInDim(elems, 1, n, 2, axis));
    Array odd = scan(fn, reduced, axis);
    int m = odd.shape()[axis];
    Array rest = sliceInDim(elems, 2, n, 2, axis);
    Array even = combine(fn, n % 2 == 0 ? sliceInDim(odd, 0, m - 1, 1, axis) : odd, rest);
    // The first element of a scan is the first element of the input.
    even = Lax.concatenate(List.of(sliceInDim(elems, 0, 1, 1, axis), even), axis);
    return interleave(even, odd, axis);
  }

  /** {@code fn(a, b)}, which must be an array like {@code a}: the scan slices and pads what fn returns. */
  @SuppressWarnings({"rawtypes", "unchecked"})
  private static Array combine(Fn2<Array, Array, Array> fn, Array a, Array b) {
    // Raw, so a function that returns something else (erased generics let it) is reported, not cast.
    Object out = ((Fn2) fn).apply(a, b);
    if (!(out instanceof Array r) || !java.util.Arrays.equals(r.shape(), a.shape()) || r.dtype() != a.dtype()) {
      String got = out instanceof Array wrong ? wrong.aval().toString() : ArgumentCheck.describe(out);
      throw new InvalidArgumentException("Lax.associativeScan: fn must return an array of the shape and dtype of its "
          + "arguments (" + a.aval() + " for halves of the scanned axis), got " + got + "; combine elementwise, "
          + "e.g. Lax::add or Lax::max." + SourceLocation.suffix());
    }
    return r;
  }

  private static Array sliceInDim(Array x, int start, int limit, int stride, int axis) {
    int[] shape = x.shape();
    int[] lo = new int[shape.length], hi = shape.clone(), strides = new int[shape.length];
    java.util.Arrays.fill(strides, 1);
    lo[axis] = start;
    hi[axis] = Math.max(start, limit);
    strides[axis] = stride;
    return Lax.slice(x, lo, hi, strides);
  }

  /** {@code a[0], b[0], a[1], b[1], ...} along {@code axis}: each padded into the other's gaps, then summed. */
  private static Array interleave(Array a, Array b, int axis) {
    boolean same = a.shape()[axis] == b.shape()[axis];
    int rank = a.ndim();
    int[] aLow = new int[rank], aHigh = new int[rank], bLow = new int[rank], bHigh = new int[rank];
    int[] interior = new int[rank];
    aHigh[axis] = same ? 1 : 0;
    bLow[axis] = 1;
    bHigh[axis] = same ? 0 : 1;
    interior[axis] = 1;
    Array zeroA = Lax.convertElementType(dev.olympus.numpy.Jnp.literal(0), a.dtype(), false);
    Array zeroB = Lax.convertElementType(dev.olympus.numpy.Jnp.literal(0), b.dtype(), false);
    Array pa = Lax.pad(a, zeroA, new int[rank], aHigh, interior);
    Array pb = Lax.pad(b, zeroB, bLow, bHigh, interior);
    return a.dtype() == DType.BOOL ? Lax.or(pa, pb) : Lax.add(pa, pb);
  }
}
