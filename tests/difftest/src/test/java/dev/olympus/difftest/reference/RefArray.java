package dev.olympus.difftest.reference;

import dev.olympus.DType;
import dev.olympus.difftest.program.Ty;
import java.util.Arrays;

/**
 * A value of the reference interpreter: its type, and per element either an enclosure ({@link Iv}, float dtypes)
 * or an exact integer (i32, i64, bool as 0/1) that may be unknown (when it was derived from an enclosure whose
 * outcome is not decided, e.g. a comparison of overlapping enclosures). Row-major, immutable once built.
 */
public final class RefArray {
  public final Ty type;
  private final Iv[] floats;
  private final long[] ints;
  private final boolean[] known;

  private RefArray(Ty type, Iv[] floats, long[] ints, boolean[] known) {
    this.type = type;
    this.floats = floats;
    this.ints = ints;
    this.known = known;
  }

  public static RefArray floats(Ty type, Iv[] values) {
    check(type, values.length);
    if (!type.isFloat()) throw new IllegalArgumentException(type + " is not a float type");
    return new RefArray(type, values, null, null);
  }

  /** Integer or bool values; {@code known[i]} false marks an element the reference cannot decide. */
  public static RefArray ints(Ty type, long[] values, boolean[] known) {
    check(type, values.length);
    if (type.isFloat()) throw new IllegalArgumentException(type + " is a float type");
    long[] v = values.clone();
    for (int i = 0; i < v.length; i++) v[i] = known[i] ? wrap(type.dtype(), v[i]) : 0;
    return new RefArray(type, null, v, known.clone());
  }

  public static RefArray exactInts(Ty type, long[] values) {
    boolean[] k = new boolean[values.length];
    Arrays.fill(k, true);
    return ints(type, values, k);
  }

  /** Exact float values (already representable in the dtype). */
  public static RefArray exactFloats(Ty type, double[] values) {
    Iv[] iv = new Iv[values.length];
    for (int i = 0; i < iv.length; i++) iv[i] = Iv.point(values[i]);
    return floats(type, iv);
  }

  private static void check(Ty type, int n) {
    if (type.size() != n) throw new IllegalArgumentException(n + " elements for " + type);
  }

  /** Two's complement wrap-around into {@code d}'s width; bools are 0 or 1. */
  public static long wrap(DType d, long v) {
    return switch (d) {
      case I32 -> (int) v;
      case BOOL -> v != 0 ? 1 : 0;
      default -> v;
    };
  }

  public int size() { return type.size(); }

  public boolean isFloat() { return floats != null; }

  public Iv f(int i) { return floats[i]; }

  public long i(int i) { return ints[i]; }

  public boolean known(int i) { return known[i]; }

  /** The same elements with another type of the same size (reshape; weak-type changes). */
  public RefArray retyped(Ty t) {
    check(t, size());
    if (t.isFloat() != isFloat() || t.dtype() != type.dtype()) throw new IllegalArgumentException("retype changes dtype");
    return new RefArray(t, floats, ints, known);
  }

  /** Elements {@code index[k]} of this array, as an array of type {@code t}. */
  public RefArray gather(Ty t, int[] index) {
    if (isFloat()) {
      Iv[] out = new Iv[index.length];
      for (int k = 0; k < index.length; k++) out[k] = floats[index[k]];
      return floats(t, out);
    }
    long[] v = new long[index.length];
    boolean[] kn = new boolean[index.length];
    for (int k = 0; k < index.length; k++) {
      v[k] = ints[index[k]];
      kn[k] = known[index[k]];
    }
    return ints(t, v, kn);
  }

  /** Row-major strides of {@code shape}. */
  public static int[] strides(int[] shape) {
    int[] s = new int[shape.length];
    int acc = 1;
    for (int i = shape.length - 1; i >= 0; i--) {
      s[i] = acc;
      acc *= shape[i];
    }
    return s;
  }

  /** The multi-index of flat position {@code flat} in {@code shape}. */
  public static int[] unravel(int flat, int[] shape) {
    int[] idx = new int[shape.length];
    for (int i = shape.length - 1; i >= 0; i--) {
      if (shape[i] == 0) return idx;
      idx[i] = flat % shape[i];
      flat /= shape[i];
    }
    return idx;
  }

  public String element(int i) {
    if (isFloat()) return floats[i].toString();
    if (!known[i]) return "unknown";
    return type.isBool() ? Boolean.toString(ints[i] != 0) : Long.toString(ints[i]);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(type.toString()).append(" {");
    int n = Math.min(size(), 24);
    for (int i = 0; i < n; i++) sb.append(i > 0 ? ", " : "").append(element(i));
    if (size() > n) sb.append(", ...");
    return sb.append('}').toString();
  }
}
