package dev.olympus.difftest.reference;

import dev.olympus.DType;
import java.util.EnumSet;
import java.util.Set;

/**
 * JAX's type promotion lattice ("Type promotion semantics" in the JAX docs), restricted to the dtypes Olympus has:
 * <pre>
 *   bool -> i* -> i32 -> i64 -> f* -> f32 -> f64        and  i* -> f*
 * </pre>
 * where {@code i*}, {@code f*} are the weak types of Python (here Java) int and float scalars. The join of two
 * types is their least upper bound; a join that is a weak type materialises as the default dtype (i32, f32: x64
 * is off) and stays weak. Written from the documented lattice, not from Olympus' implementation.
 */
public final class Promotion {
  private Promotion() {}

  /** The lattice elements. */
  enum Node { BOOL, I_WEAK, I32, I64, F_WEAK, F32, F64 }

  /** A joined type. */
  public record Joined(DType dtype, boolean weak) {}

  private static Set<Node> successors(Node n) {
    return switch (n) {
      case BOOL -> EnumSet.of(Node.I_WEAK);
      case I_WEAK -> EnumSet.of(Node.I32, Node.F_WEAK);
      case I32 -> EnumSet.of(Node.I64);
      case I64 -> EnumSet.of(Node.F_WEAK);
      case F_WEAK -> EnumSet.of(Node.F32);
      case F32 -> EnumSet.of(Node.F64);
      case F64 -> EnumSet.noneOf(Node.class);
    };
  }

  /** Every element at or above {@code n}. */
  private static Set<Node> upperBounds(Node n) {
    Set<Node> out = EnumSet.of(n);
    for (Node s : successors(n)) out.addAll(upperBounds(s));
    return out;
  }

  static Node node(DType d, boolean weak) {
    return switch (d) {
      // A weak bool (a comparison of weak values) is just bool in the lattice.
      case BOOL -> Node.BOOL;
      case I32 -> weak ? Node.I_WEAK : Node.I32;
      case I64 -> weak ? Node.I_WEAK : Node.I64;
      case F32 -> weak ? Node.F_WEAK : Node.F32;
      case F64 -> weak ? Node.F_WEAK : Node.F64;
      default -> throw new IllegalArgumentException("the differential test covers f32 f64 i32 i64 bool");
    };
  }

  public static Joined join(DType a, boolean aWeak, DType b, boolean bWeak) {
    Set<Node> common = upperBounds(node(a, aWeak));
    common.retainAll(upperBounds(node(b, bWeak)));
    // The least element of the common upper bounds: the one whose own upper bounds contain all the others.
    for (Node n : common) {
      if (upperBounds(n).containsAll(common)) return materialise(n, aWeak && bWeak);
    }
    throw new AssertionError("the lattice has a join for every pair");
  }

  private static Joined materialise(Node n, boolean bothWeak) {
    return switch (n) {
      case BOOL -> new Joined(DType.BOOL, bothWeak);
      case I_WEAK -> new Joined(DType.I32, true);
      case I32 -> new Joined(DType.I32, false);
      case I64 -> new Joined(DType.I64, false);
      case F_WEAK -> new Joined(DType.F32, true);
      case F32 -> new Joined(DType.F32, false);
      case F64 -> new Joined(DType.F64, false);
    };
  }

  /** The float dtype of NumPy's inexact ops (true division, exp, mean): integers and bools go to f32 (x64 off). */
  public static DType inexact(DType d) {
    return d == DType.F32 || d == DType.F64 ? d : DType.F32;
  }
}
