package dev.olympus.difftest;

import dev.olympus.Array;
import dev.olympus.DType;
import dev.olympus.difftest.program.Input;
import dev.olympus.difftest.program.Ty;
import dev.olympus.difftest.reference.Iv;
import dev.olympus.difftest.reference.RefArray;
import dev.olympus.storage.Storage;
import dev.olympus.types.Shape;
import java.util.List;

/** Stacking examples into a batch along an axis, and results of a loop over the batch along axis 0. */
final class Batches {
  private Batches() {}

  /** The examples stacked along {@code axis} (a new axis of size {@code examples.size()}). */
  static Input stack(List<Input> examples, int axis) {
    Ty t = examples.get(0).type();
    int b = examples.size();
    int[] shape = new int[t.rank() + 1];
    for (int i = 0, k = 0; i < shape.length; i++) shape[i] = i == axis ? b : t.dim(k++);
    Ty bt = new Ty(t.dtype(), shape, false);
    int n = bt.size();
    int[] inner = t.shape();
    int[] innerStrides = RefArray.strides(inner);
    double[] f = t.isFloat() ? new double[n] : null;
    long[] l = t.isFloat() ? null : new long[n];
    for (int flat = 0; flat < n; flat++) {
      int[] idx = RefArray.unravel(flat, shape);
      int src = 0;
      for (int i = 0, k = 0; i < idx.length; i++) if (i != axis) src += idx[i] * innerStrides[k++];
      Input e = examples.get(idx[axis]);
      if (f != null) f[flat] = e.floats()[src];
      else l[flat] = e.ints()[src];
    }
    return f != null ? Input.floats(bt, f) : Input.ints(bt, l);
  }

  /** Olympus results of one example each, stacked along a new axis 0, with their dtype and weak type. */
  static Array stackResults(List<Array> results) {
    Array first = results.get(0);
    int b = results.size();
    int[] s = first.shape();
    int[] shape = new int[s.length + 1];
    shape[0] = b;
    System.arraycopy(s, 0, shape, 1, s.length);
    int m = Math.toIntExact(first.size());
    DType d = first.dtype();
    Object data = switch (d) {
      case F32 -> new float[b * m];
      case F64 -> new double[b * m];
      case I32 -> new int[b * m];
      case I64 -> new long[b * m];
      case BOOL -> new boolean[b * m];
      default -> throw new IllegalArgumentException("the differential test covers f32 f64 i32 i64 bool");
    };
    for (int i = 0; i < b; i++) {
      Array r = results.get(i);
      Object part = switch (d) {
        case F32 -> r.toFloatArray();
        case F64 -> r.toDoubleArray();
        case I32 -> r.toIntArray();
        case I64 -> r.toLongArray();
        case BOOL -> r.toBoolArray();
        default -> throw new IllegalArgumentException("the differential test covers f32 f64 i32 i64 bool");
      };
      System.arraycopy(part, 0, data, i * m, m);
    }
    return Array.fromStorage(Storage.wrap(d, Shape.of(shape), data), first.weakType());
  }

  /** Reference results of one example each, stacked along a new axis 0. */
  static RefArray stackReferences(List<RefArray> results, Ty one) {
    int b = results.size();
    int[] s = one.shape();
    int[] shape = new int[s.length + 1];
    shape[0] = b;
    System.arraycopy(s, 0, shape, 1, s.length);
    Ty t = one.withShape(shape);
    int m = one.size();
    if (one.isFloat()) {
      Iv[] out = new Iv[b * m];
      for (int i = 0; i < b; i++) for (int j = 0; j < m; j++) out[i * m + j] = results.get(i).f(j);
      return RefArray.floats(t, out);
    }
    long[] out = new long[b * m];
    boolean[] known = new boolean[b * m];
    for (int i = 0; i < b; i++) {
      for (int j = 0; j < m; j++) {
        out[i * m + j] = results.get(i).i(j);
        known[i * m + j] = results.get(i).known(j);
      }
    }
    return RefArray.ints(t, out, known);
  }
}
