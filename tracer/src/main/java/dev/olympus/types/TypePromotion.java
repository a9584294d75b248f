package dev.olympus.types;

import dev.olympus.DType;

/**
 * JAX's type promotion lattice restricted to Olympus' dtypes, with weak types.
 *
 * <p>The lattice (JAX, "Type promotion semantics"): {@code bool -> i* -> i32 -> i64 -> f*}, {@code i* -> f*},
 * {@code f* -> f32 -> f64}, where {@code i*}/{@code f*} are the weak int and float types of Java literals.
 * The join of two types is their least upper bound. A weak result materialises as the default type
 * (i32, f32: x64 is off), still flagged weak so it keeps yielding in later promotions.
 */
public final class TypePromotion {
  private TypePromotion() {}

  /** A position in the lattice: dtype plus weak flag. */
  public record Lattice(DType dtype, boolean weak) {}

  // Ranks along the one chain the lattice reduces to for these dtypes:
  // bool < i* < i32 < i64 < f* < f32 < f64, except that i32 and i64 do not sit below f* for strong floats
  // in a way that matters: join(i32|i64, f*) = f*, join(i*, f32) = f32.
  private static int rank(DType d, boolean weak) {
    return switch (d) {
      case BOOL -> 0;
      case I32 -> weak ? 1 : 2;
      case I64 -> weak ? 1 : 3;
      case F32 -> weak ? 4 : 5;
      case F64 -> weak ? 4 : 6;
    };
  }

  /** The promoted dtype and weakness of two operands. */
  public static Lattice join(DType a, boolean aWeak, DType b, boolean bWeak) {
    if (a == b && aWeak == bWeak) return new Lattice(a, aWeak);
    int ra = rank(a, aWeak);
    int rb = rank(b, bWeak);
    if (ra == rb) {
      // Same lattice point reached by different dtypes (e.g. weak f32 and weak f64): default type. Bool has
      // one point for both weak types (a comparison of weak values is a weak bool), which is weak only when
      // both operands are, as in JAX.
      return new Lattice(a.isFloating() ? DType.F32 : a.isInteger() ? DType.I32 : a, aWeak && bWeak);
    }
    // The lattice is a chain here, so the join is the higher element; a weak element keeps its default dtype.
    DType hd = ra > rb ? a : b;
    boolean hw = ra > rb ? aWeak : bWeak;
    if (hw) hd = hd.isFloating() ? DType.F32 : hd.isInteger() ? DType.I32 : hd;
    return new Lattice(hd, hw);
  }

  public static Lattice join(AbstractValue a, AbstractValue b) {
    return join(a.dtype(), a.weak(), b.dtype(), b.weak());
  }

  /** The result dtype of {@code jnp.result_type(a, b)}. */
  public static DType resultType(DType a, boolean aWeak, DType b, boolean bWeak) {
    return join(a, aWeak, b, bWeak).dtype();
  }

  /** The inexact (floating) dtype an operand promotes to for ops like exp or true division. */
  public static DType inexact(DType d) {
    return d.isFloating() ? d : DType.F32;
  }
}
