package dev.olympus.types;

import dev.olympus.DType;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/**
 * JAX's type promotion lattice restricted to Olympus' dtypes, with weak types.
 *
 * <p>The lattice (JAX, "Type promotion semantics", x64 types without u64 and complex):
 * {@code bool -> i*}, {@code i* -> u8, i8}, {@code u8 -> u16, i16}, {@code u16 -> u32, i32}, {@code u32 -> i64},
 * {@code i8 -> i16 -> i32 -> i64 -> f*}, {@code f* -> bf16, f16}, {@code bf16 -> f32}, {@code f16 -> f32},
 * {@code f32 -> f64}, where {@code i*}/{@code f*} are the weak int and float types of Java literals. The join of
 * two types is their least upper bound ({@code u8 + i8 -> i16}, {@code bf16 + f16 -> f32}, {@code u32 + i32 ->
 * i64}, {@code i8 + 2 -> i8}, {@code bf16 + 1.5 -> bf16}). A weak result materialises as the default type (i32,
 * f32: x64 is off), still flagged weak so it keeps yielding in later promotions.
 */
public final class TypePromotion {
  private TypePromotion() {}

  /** A position in the lattice: dtype plus weak flag. */
  public record Lattice(DType dtype, boolean weak) {}

  /** The lattice's nodes; weak ints and floats are one node each whatever dtype holds them. */
  private enum Node { BOOL, WEAK_INT, U8, U16, U32, I8, I16, I32, I64, WEAK_FLOAT, BF16, F16, F32, F64 }

  /** Each node's direct successors, in JAX's {@code _type_promotion_lattice}. */
  private static final Map<Node, List<Node>> EDGES = Map.ofEntries(
      Map.entry(Node.BOOL, List.of(Node.WEAK_INT)),
      Map.entry(Node.WEAK_INT, List.of(Node.U8, Node.I8)),
      Map.entry(Node.U8, List.of(Node.U16, Node.I16)),
      Map.entry(Node.U16, List.of(Node.U32, Node.I32)),
      Map.entry(Node.U32, List.of(Node.I64)),
      Map.entry(Node.I8, List.of(Node.I16)),
      Map.entry(Node.I16, List.of(Node.I32)),
      Map.entry(Node.I32, List.of(Node.I64)),
      Map.entry(Node.I64, List.of(Node.WEAK_FLOAT)),
      Map.entry(Node.WEAK_FLOAT, List.of(Node.BF16, Node.F16)),
      Map.entry(Node.BF16, List.of(Node.F32)),
      Map.entry(Node.F16, List.of(Node.F32)),
      Map.entry(Node.F32, List.of(Node.F64)),
      Map.entry(Node.F64, List.of()));

  /** Every node's upper bounds, itself included: the reflexive transitive closure of {@link #EDGES}. */
  private static final Map<Node, EnumSet<Node>> UPPER = new EnumMap<>(Node.class);

  static {
    for (Node n : Node.values()) {
      EnumSet<Node> up = EnumSet.of(n);
      Deque<Node> todo = new ArrayDeque<>(List.of(n));
      while (!todo.isEmpty()) {
        for (Node next : EDGES.get(todo.pop())) if (up.add(next)) todo.push(next);
      }
      UPPER.put(n, up);
    }
  }

  private static Node node(DType d, boolean weak) {
    if (weak && d.isFloating()) return Node.WEAK_FLOAT;
    if (weak && d.isInteger()) return Node.WEAK_INT;
    return Node.valueOf(d == DType.BOOL ? "BOOL" : d.name());
  }

  /** The promoted dtype and weakness of two operands. */
  public static Lattice join(DType a, boolean aWeak, DType b, boolean bWeak) {
    if (a == b && aWeak == bWeak) return new Lattice(a, aWeak);
    EnumSet<Node> common = EnumSet.copyOf(UPPER.get(node(a, aWeak)));
    common.retainAll(UPPER.get(node(b, bWeak)));
    // The lattice has a least upper bound for every pair: the common bound that all others lie above.
    Node lub = null;
    for (Node c : common) if (UPPER.get(c).containsAll(common)) lub = c;
    return switch (lub) {
      case WEAK_INT -> new Lattice(DType.I32, true);
      case WEAK_FLOAT -> new Lattice(DType.F32, true);
      // A comparison of weak values is a weak bool, so bool is weak only when both operands are, as in JAX.
      case BOOL -> new Lattice(DType.BOOL, aWeak && bWeak);
      default -> new Lattice(DType.valueOf(lub.name()), false);
    };
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
