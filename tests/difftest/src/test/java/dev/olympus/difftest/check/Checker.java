package dev.olympus.difftest.check;

import dev.olympus.Array;
import dev.olympus.DType;
import dev.olympus.difftest.program.Ty;
import dev.olympus.difftest.reference.Iv;
import dev.olympus.difftest.reference.RefArray;
import java.util.Arrays;

/**
 * Holds an Olympus result to the reference: dtype, shape and weak type exactly; ints and bools exactly; floats
 * inside their enclosure (which is a single value, compared to the bit including the sign of zero, wherever the
 * result is determined; NaN payloads are not compared).
 */
public final class Checker {
  private Checker() {}

  /** At most this many differing elements are listed per value. */
  static final int SHOWN = 6;

  /** Records a failure that is not a value comparison (an exception, say). */
  public static void fail(Outcome o, String message) { o.problem(message); }

  public static Outcome check(String what, Array got, RefArray want) {
    Outcome o = new Outcome();
    Ty t = want.type;
    Ty g = new Ty(got.dtype(), got.shape(), got.weakType());
    if (!g.equals(t)) {
      o.problem(what + ": type " + g + ", expected " + t);
      if (got.dtype() != t.dtype() || !Arrays.equals(got.shape(), t.shape())) return o;
    }
    int n = t.size();
    int bad = 0;
    StringBuilder sb = new StringBuilder();
    if (t.isFloat()) {
      double[] v = got.dtype() == DType.F32 ? widen(got.toFloatArray()) : got.toDoubleArray();
      for (int i = 0; i < n; i++) {
        Iv e = want.f(i);
        if (e.isAny()) {
          o.undetermined();
          continue;
        }
        o.compared();
        if (!e.contains(v[i])) {
          if (bad++ < SHOWN) sb.append("\n    at ").append(index(i, t.shape())).append(": ").append(show(v[i], t.dtype())).append(", expected ").append(e);
        }
      }
    } else if (t.isBool()) {
      boolean[] v = got.toBoolArray();
      for (int i = 0; i < n; i++) {
        if (!want.known(i)) {
          o.undetermined();
          continue;
        }
        o.compared();
        if (v[i] != (want.i(i) != 0)) {
          if (bad++ < SHOWN) sb.append("\n    at ").append(index(i, t.shape())).append(": ").append(v[i]).append(", expected ").append(want.i(i) != 0);
        }
      }
    } else {
      long[] v = got.toLongArray();
      for (int i = 0; i < n; i++) {
        if (!want.known(i)) {
          o.undetermined();
          continue;
        }
        o.compared();
        if (v[i] != want.i(i)) {
          if (bad++ < SHOWN) sb.append("\n    at ").append(index(i, t.shape())).append(": ").append(v[i]).append(", expected ").append(want.i(i));
        }
      }
    }
    if (bad > 0) o.problem(what + ": " + bad + " of " + n + " elements differ" + sb + (bad > SHOWN ? "\n    ..." : ""));
    return o;
  }

  private static double[] widen(float[] f) {
    double[] d = new double[f.length];
    for (int i = 0; i < f.length; i++) d[i] = f[i];
    return d;
  }

  static String show(double v, DType d) {
    return d == DType.F32 ? Float.toString((float) v) + " (" + v + ")" : Double.toString(v);
  }

  static String index(int flat, int[] shape) {
    return Arrays.toString(RefArray.unravel(flat, shape));
  }

  /**
   * Bitwise equality of two Olympus arrays (NaNs equal whatever their payload; zeros by sign), for results that
   * must be computed by exactly the same operations, such as vmap against a loop.
   */
  public static Outcome same(String what, Array got, Array want) {
    Outcome o = new Outcome();
    if (got.dtype() != want.dtype() || !Arrays.equals(got.shape(), want.shape()) || got.weakType() != want.weakType()) {
      o.problem(what + ": type " + new Ty(got.dtype(), got.shape(), got.weakType()) + ", expected "
          + new Ty(want.dtype(), want.shape(), want.weakType()));
      if (got.dtype() != want.dtype() || !Arrays.equals(got.shape(), want.shape())) return o;
    }
    int bad = 0;
    StringBuilder sb = new StringBuilder();
    int n = Math.toIntExact(got.size());
    if (got.dtype() == DType.F32 || got.dtype() == DType.F64) {
      double[] a = got.dtype() == DType.F32 ? widen(got.toFloatArray()) : got.toDoubleArray();
      double[] b = want.dtype() == DType.F32 ? widen(want.toFloatArray()) : want.toDoubleArray();
      for (int i = 0; i < n; i++) {
        o.compared();
        if (Double.compare(a[i], b[i]) != 0) {
          if (bad++ < SHOWN) sb.append("\n    at ").append(index(i, got.shape())).append(": ").append(show(a[i], got.dtype())).append(", expected ").append(show(b[i], got.dtype()));
        }
      }
    } else {
      long[] a = got.toLongArray(), b = want.toLongArray();
      for (int i = 0; i < n; i++) {
        o.compared();
        if (a[i] != b[i]) {
          if (bad++ < SHOWN) sb.append("\n    at ").append(index(i, got.shape())).append(": ").append(a[i]).append(", expected ").append(b[i]);
        }
      }
    }
    if (bad > 0) o.problem(what + ": " + bad + " of " + n + " elements differ" + sb + (bad > SHOWN ? "\n    ..." : ""));
    return o;
  }
}
