package dev.olympus.types;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.olympus.Array;
import dev.olympus.DType;
import dev.olympus.Fn2;
import dev.olympus.Numerics;
import dev.olympus.numpy.Jnp;
import dev.olympus.transform.Staging;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * JAX's binary promotion table ("Type promotion semantics", docs.jax.dev/en/latest/type_promotion.html),
 * restricted to {bool, i32, i64, f32, f64, i*, f*}, checked through {@code Jnp.add} on concrete arrays, on
 * Java literals, and on tracers (the staged aval must agree with eager execution). A weak result
 * materialises as JAX's default type with x64 disabled (i* as int32, f* as float32) and keeps its weak flag.
 */
class TypePromotionTest {
  private static final String[] NAMES = {"b1", "i4", "i8", "f4", "f8", "i*", "f*"};

  /** The table, rows and columns in the order of {@link #NAMES}, copied from the JAX documentation. */
  private static final String[][] TABLE = {
      /* b1 */ {"b1", "i4", "i8", "f4", "f8", "i*", "f*"},
      /* i4 */ {"i4", "i4", "i8", "f4", "f8", "i4", "f*"},
      /* i8 */ {"i8", "i8", "i8", "f4", "f8", "i8", "f*"},
      /* f4 */ {"f4", "f4", "f4", "f4", "f8", "f4", "f4"},
      /* f8 */ {"f8", "f8", "f8", "f8", "f8", "f8", "f8"},
      /* i* */ {"i*", "i4", "i8", "f4", "f8", "i*", "f*"},
      /* f* */ {"f*", "f*", "f*", "f4", "f8", "f*", "f*"}};

  /** A value of each type: arrays for the strong types, Java literals for the weak ones. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static final Supplier<Array>[] VALUES = new Supplier[] {
      () -> Numerics.bools(true, false),
      () -> Numerics.i32(1, 2),
      () -> Numerics.i64(1, 2),
      () -> Numerics.f32(1, 2),
      () -> Numerics.f64(1, 2),
      () -> Jnp.literal(1),
      () -> Jnp.literal(1.0)};

  private static DType dtypeOf(String name) {
    return switch (name) {
      case "b1" -> DType.BOOL;
      case "i4", "i*" -> DType.I32;
      case "i8" -> DType.I64;
      case "f4", "f*" -> DType.F32;
      default -> DType.F64;
    };
  }

  @Test
  void jnpAddFollowsTheJaxTableOnConcreteValues() {
    for (int r = 0; r < NAMES.length; r++) {
      for (int c = 0; c < NAMES.length; c++) {
        String want = TABLE[r][c];
        Array out = Jnp.add(VALUES[r].get(), VALUES[c].get());
        String at = NAMES[r] + " + " + NAMES[c];
        assertEquals(dtypeOf(want), out.dtype(), at + " dtype");
        assertEquals(want.endsWith("*"), out.weakType(), at + " weak_type");
      }
    }
  }

  @Test
  void tableIsSymmetricAndTypePromotionAgrees() {
    for (int r = 0; r < NAMES.length; r++) {
      for (int c = 0; c < NAMES.length; c++) {
        assertEquals(TABLE[r][c], TABLE[c][r], "table symmetry " + NAMES[r] + "," + NAMES[c]);
        TypePromotion.Lattice j = TypePromotion.join(dtypeOf(NAMES[r]), NAMES[r].endsWith("*"),
            dtypeOf(NAMES[c]), NAMES[c].endsWith("*"));
        assertEquals(new TypePromotion.Lattice(dtypeOf(TABLE[r][c]), TABLE[r][c].endsWith("*")), j,
            NAMES[r] + " join " + NAMES[c]);
      }
    }
  }

  /** The same table while tracing: the IR's output aval carries the promoted dtype and weak flag. */
  @Test
  void tracedAddAgreesWithEager() {
    for (int r = 0; r < NAMES.length; r++) {
      for (int c = 0; c < NAMES.length; c++) {
        Array x = VALUES[r].get(), y = VALUES[c].get();
        AbstractValue eager = Jnp.add(x, y).aval();
        var ir = Staging.makeIr((Fn2<Array, Array, Array>) Jnp::add, x, y);
        assertEquals(eager, ir.outAvals().get(0), NAMES[r] + " + " + NAMES[c] + " traced");
      }
    }
  }

  /** The Java-literal overloads on Array are the weak types: x + 1 keeps x's dtype, x + 1.5 is f* for ints. */
  @Test
  void javaLiteralOperandsAreWeak() {
    Array i = Numerics.i32(1, 2);
    assertEquals(DType.I32, i.add(1).dtype());
    assertEquals(DType.F32, i.add(1.5).dtype());
    assertEquals(true, i.add(1.5).weakType());
    assertArrayEquals(new float[] {2.5f, 3.5f}, i.add(1.5).toFloatArray());
    Array d = Numerics.f64(1, 2);
    assertEquals(DType.F64, d.mul(0.1).dtype(), "a float literal does not narrow f64");
    assertArrayEquals(new double[] {1 * (double) 0.1f, 2 * (double) 0.1f}, d.mul(0.1).toDoubleArray(),
        "the literal is f32 (x64 off) before it is promoted, as in JAX");
    assertEquals(DType.I64, Numerics.i64(1).add(1).dtype());
    assertEquals(DType.I32, Numerics.bools(true).add(1).dtype());
    assertEquals(true, Numerics.bools(true).add(1).weakType());
    assertEquals(DType.F32, Numerics.i64(1).add(2.0).dtype());
    // bool + bool stays bool: logical or, as NumPy and JAX define it; bool * bool is logical and.
    assertArrayEquals(new boolean[] {true, true, true, false},
        Jnp.add(Numerics.bools(true, true, false, false), Numerics.bools(true, false, true, false)).toBoolArray());
    assertArrayEquals(new boolean[] {true, false, false, false},
        Jnp.multiply(Numerics.bools(true, true, false, false), Numerics.bools(true, false, true, false))
            .toBoolArray());
  }

  /**
   * Comparisons promote their operands, then give bool, weak when both promoted operands are (as in JAX:
   * {@code jnp.array([1, 2]) > 1.5} compares two weak f32 values, since i32 joined with a Python float is weak).
   */
  @Test
  void comparisonsPromoteThenGiveBool() {
    Array gt = Numerics.i32(1, 2).gt(1.5);
    assertEquals(DType.BOOL, gt.dtype());
    assertEquals(true, gt.weakType());
    assertEquals(false, Numerics.f32(1, 2).gt(1.5).weakType());
    assertArrayEquals(new boolean[] {false, true}, gt.toBoolArray());
    assertArrayEquals(new boolean[] {true, false},
        Jnp.equal(Numerics.i64(Long.MAX_VALUE, 1), Numerics.i64(Long.MAX_VALUE, 2)).toBoolArray());
  }
}
