package dev.olympus.primitive;

import dev.olympus.storage.Storage;
import dev.olympus.types.Shape;

/** Builds a storage whose element {@code i} is element {@code src[i]} of the input: the core of layout ops. */
final class ElementCopy {
  private ElementCopy() {}

  static Storage gather(Storage x, Shape outShape, int[] src) {
    Storage out = Storage.allocate(x.dtype(), outShape);
    switch (x.dtype()) {
      case F32 -> { float[] a = x.f32(), o = out.f32(); for (int i = 0; i < src.length; i++) o[i] = a[src[i]]; }
      case F64 -> { double[] a = x.f64(), o = out.f64(); for (int i = 0; i < src.length; i++) o[i] = a[src[i]]; }
      case I32 -> { int[] a = x.i32(), o = out.i32(); for (int i = 0; i < src.length; i++) o[i] = a[src[i]]; }
      case I64 -> { long[] a = x.i64(), o = out.i64(); for (int i = 0; i < src.length; i++) o[i] = a[src[i]]; }
      case BOOL -> { boolean[] a = x.bool(), o = out.bool(); for (int i = 0; i < src.length; i++) o[i] = a[src[i]]; }
    }
    return out;
  }

  /** As {@link #gather(Storage, Shape, int[])}, with element 0 of {@code fill} where {@code src[i]} is -1. */
  static Storage gather(Storage x, Shape outShape, int[] src, Storage fill) {
    Storage out = Storage.allocate(x.dtype(), outShape);
    int n = src.length;
    switch (x.dtype()) {
      case F32 -> { float[] a = x.f32(), o = out.f32(); float f = fill.f32()[0]; for (int i = 0; i < n; i++) o[i] = src[i] < 0 ? f : a[src[i]]; }
      case F64 -> { double[] a = x.f64(), o = out.f64(); double f = fill.f64()[0]; for (int i = 0; i < n; i++) o[i] = src[i] < 0 ? f : a[src[i]]; }
      case I32 -> { int[] a = x.i32(), o = out.i32(); int f = fill.i32()[0]; for (int i = 0; i < n; i++) o[i] = src[i] < 0 ? f : a[src[i]]; }
      case I64 -> { long[] a = x.i64(), o = out.i64(); long f = fill.i64()[0]; for (int i = 0; i < n; i++) o[i] = src[i] < 0 ? f : a[src[i]]; }
      case BOOL -> { boolean[] a = x.bool(), o = out.bool(); boolean f = fill.bool()[0]; for (int i = 0; i < n; i++) o[i] = src[i] < 0 ? f : a[src[i]]; }
    }
    return out;
  }

  /**
   * Row {@code r} of the result ({@code run} elements) copied from {@code x} at {@code starts[r]}, or filled with
   * element 0 of {@code fill} where the start is -1: a gather of whole rows (an embedding lookup) by arraycopy.
   */
  static Storage gatherRuns(Storage x, Shape outShape, int[] starts, int run, Storage fill) {
    if (run == 1) return gather(x, outShape, starts, fill);
    Storage out = Storage.allocate(x.dtype(), outShape);
    Object from = x.data(), to = out.data();
    for (int r = 0; r < starts.length; r++) {
      if (starts[r] >= 0) {
        System.arraycopy(from, starts[r], to, r * run, run);
      } else {
        for (int i = 0; i < run; i++) out.copyElement(fill, 0, r * run + i);
      }
    }
    return out;
  }

  /** A storage of {@code outShape} holding element 0 of {@code x} everywhere. */
  static Storage fill(Storage x, Shape outShape) {
    Storage out = Storage.allocate(x.dtype(), outShape);
    switch (x.dtype()) {
      case F32 -> java.util.Arrays.fill(out.f32(), x.f32()[0]);
      case F64 -> java.util.Arrays.fill(out.f64(), x.f64()[0]);
      case I32 -> java.util.Arrays.fill(out.i32(), x.i32()[0]);
      case I64 -> java.util.Arrays.fill(out.i64(), x.i64()[0]);
      case BOOL -> java.util.Arrays.fill(out.bool(), x.bool()[0]);
    }
    return out;
  }
}
