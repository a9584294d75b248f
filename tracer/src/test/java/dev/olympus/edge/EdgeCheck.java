package dev.olympus.edge;

import dev.olympus.Array;
import dev.olympus.storage.Storage;
import java.util.ArrayList;
import java.util.List;

/** Compares a computed column with JAX's, element by element, with an ulp bound for floats. */
public final class EdgeCheck {
  private EdgeCheck() {}

  /** Mismatches are listed up to this many per case; the count says how many there were in all. */
  private static final int SHOWN = 12;

  /**
   * Rows where {@code got} differs from the expected result: ints and bools exactly; a float NaN must be NaN
   * (any payload or sign, which JAX does not define), an infinity or a zero the same infinity or signed zero;
   * other floats at most {@code ulps} apart (steps between adjacent floats), so {@code ulps == 0} means the
   * same bits. Rows under the {@code SUBNORMALS} exception are skipped. Empty when everything matches.
   */
  public static List<String> mismatches(EdgeTable.Case c, Array got, int ulps) {
    return mismatches(c, c.expected(), got, ulps);
  }

  /** {@link #mismatches(EdgeTable.Case, Array, int)} against {@code want} instead of the table's column. */
  public static List<String> mismatches(EdgeTable.Case c, Storage want, Array got, int ulps) {
    Storage have = got.storage();
    List<String> out = new ArrayList<>();
    if (have.dtype() != want.dtype()) {
      out.add(c + ": result dtype " + have.dtype() + ", JAX gives " + want.dtype());
      return out;
    }
    if (have.length() != want.length()) {
      out.add(c + ": " + have.length() + " results for " + want.length() + " rows");
      return out;
    }
    int bad = 0;
    for (int k = 0; k < want.length(); k++) {
      if (same(want, have, k, ulps) || flushedByXla(c, have, k)) continue;
      if (bad++ < SHOWN) {
        out.add(c.describeRow(k) + " = " + EdgeTable.describe(have, k) + ", JAX: " + EdgeTable.describe(want, k));
      }
    }
    if (bad > SHOWN) out.add("... " + (bad - SHOWN) + " more of " + want.length() + " rows");
    return out;
  }

  /**
   * Named exception {@code SUBNORMALS}: XLA's CPU runtime runs every computation with the processor's
   * denormals-are-zero and flush-to-zero modes on, so JAX reads a subnormal operand as a zero of the same sign
   * and never produces a subnormal result ({@code sqrt(-2^-149)} is -0, {@code 2^-149 == -2^-149} is true).
   * Java has no such mode: since Java 17 (JEP 306) float arithmetic is strict IEEE 754 with gradual
   * underflow, and emulating the flush would cost a compare and blend around every float op of every kernel
   * path. Olympus keeps IEEE semantics; a row is exempt when one of its float operands is subnormal or
   * Olympus's result is (where XLA's is then a zero).
   */
  static boolean flushedByXla(EdgeTable.Case c, Storage have, int k) {
    for (Storage s : c.operands()) if (subnormal(s, k)) return true;
    return subnormal(have, k);
  }

  private static boolean subnormal(Storage s, int k) {
    return switch (s.dtype()) {
      case F32 -> s.f32()[k] != 0 && Math.abs(s.f32()[k]) < Float.MIN_NORMAL;
      case F64 -> s.f64()[k] != 0 && Math.abs(s.f64()[k]) < Double.MIN_NORMAL;
      default -> false;
    };
  }

  private static boolean same(Storage want, Storage have, int k, int ulps) {
    return switch (want.dtype()) {
      case F32 -> {
        float w = want.f32()[k], h = have.f32()[k];
        if (Float.isNaN(w) || Float.isNaN(h)) yield Float.isNaN(w) && Float.isNaN(h);
        if (!finiteNonZero(w) || !finiteNonZero(h)) yield Float.floatToRawIntBits(w) == Float.floatToRawIntBits(h);
        yield Math.abs((long) ordinal(w) - ordinal(h)) <= ulps;
      }
      case F64 -> {
        double w = want.f64()[k], h = have.f64()[k];
        if (Double.isNaN(w) || Double.isNaN(h)) yield Double.isNaN(w) && Double.isNaN(h);
        if (!finiteNonZero(w) || !finiteNonZero(h)) {
          yield Double.doubleToRawLongBits(w) == Double.doubleToRawLongBits(h);
        }
        // Both ordinals lie within +-2^63 - 2^52, so their difference does not overflow.
        yield Math.abs(ordinal(w) - ordinal(h)) <= ulps;
      }
      case I32 -> want.i32()[k] == have.i32()[k];
      case I64 -> want.i64()[k] == have.i64()[k];
      case BOOL -> want.bool()[k] == have.bool()[k];
      // Narrow types: the widened values, NaN equal to NaN (the table holds no narrow cases yet).
      default -> Double.compare(want.getDouble(k), have.getDouble(k)) == 0;
    };
  }

  private static boolean finiteNonZero(double v) {
    return v != 0 && !Double.isInfinite(v);
  }

  /** Consecutive integers for consecutive floats, -0 just below +0. */
  static int ordinal(float f) {
    int bits = Float.floatToRawIntBits(f);
    return bits >= 0 ? bits : -(bits & 0x7fffffff) - 1;
  }

  static long ordinal(double d) {
    long bits = Double.doubleToRawLongBits(d);
    return bits >= 0 ? bits : -(bits & 0x7fffffffffffffffL) - 1;
  }
}
