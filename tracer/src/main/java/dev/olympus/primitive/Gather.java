package dev.olympus.primitive;

import dev.olympus.storage.Storage;
import dev.olympus.types.Shape;

/** Builds a storage whose element {@code i} is element {@code src[i]} of the input: the core of layout ops. */
final class Gather {
  private Gather() {}

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
}
