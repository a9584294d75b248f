package dev.olympus.primitive;

import static dev.olympus.Numerics.SPECIALS;
import static dev.olympus.Numerics.assertClose;
import static dev.olympus.Numerics.assertShape;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.Array;
import dev.olympus.DType;
import dev.olympus.Numerics;
import dev.olympus.errors.ShapeException;
import dev.olympus.lax.Lax;
import dev.olympus.numpy.Jnp;
import java.math.BigInteger;
import java.util.function.BinaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The binary primitives against independent references. Float32 add/sub/mul/div/rem must equal Java's own
 * float arithmetic bit for bit: IEEE float operations are correctly rounded, and so is a double result of
 * float operands rounded once to float (a double has more than 2*24+2 bits), so any difference is a bug.
 * Integer results are checked against {@link BigInteger} arithmetic reduced to the dtype's width (wrapping),
 * and against the XLA rules written out in {@link BinaryPrimitive}'s javadoc for the undefined cases.
 */
class BinaryPrimitiveTest {
  /** Every pair of specials, flattened into two operand vectors. */
  private static double[][] pairs() {
    int n = SPECIALS.length;
    double[] a = new double[n * n], b = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        a[i * n + j] = SPECIALS[i];
        b[i * n + j] = SPECIALS[j];
      }
    }
    return new double[][] {a, b};
  }

  private interface FloatOp { float apply(float a, float b); }

  private static void assertFloat32(String name, BinaryOperator<Array> prim, FloatOp reference) {
    double[][] p = pairs();
    Array out = prim.apply(Numerics.f32(p[0]), Numerics.f32(p[1]));
    assertShape(out, DType.F32, p[0].length);
    float[] got = out.toFloatArray();
    for (int i = 0; i < got.length; i++) {
      float a = (float) p[0][i], b = (float) p[1][i];
      float want = reference.apply(a, b);
      assertEquals(Float.floatToIntBits(want), Float.floatToIntBits(got[i]),
          name + "(" + a + ", " + b + "): want " + want + " got " + got[i]);
    }
  }

  @Test
  void float32ArithmeticIsCorrectlyRounded() {
    assertFloat32("add", Lax::add, (a, b) -> a + b);
    assertFloat32("sub", Lax::sub, (a, b) -> a - b);
    assertFloat32("mul", Lax::mul, (a, b) -> a * b);
    assertFloat32("div", Lax::div, (a, b) -> a / b);
    assertFloat32("rem", Lax::rem, (a, b) -> a % b);
    // max/min propagate NaN (XLA) and order -0.0 below 0.0.
    assertFloat32("max", Lax::max, (a, b) -> a != a || b != b ? Float.NaN
        : a == 0 && b == 0 ? (Float.floatToRawIntBits(a) == 0 ? a : b) : a > b ? a : b);
    assertFloat32("min", Lax::min, (a, b) -> a != a || b != b ? Float.NaN
        : a == 0 && b == 0 ? (Float.floatToRawIntBits(a) != 0 ? a : b) : a < b ? a : b);
  }

  @Test
  void float64Arithmetic() {
    double[][] p = pairs();
    Array a = Numerics.f64(p[0]), b = Numerics.f64(p[1]);
    double[] add = Lax.add(a, b).toDoubleArray(), div = Lax.div(a, b).toDoubleArray();
    double[] pow = Lax.pow(a, b).toDoubleArray(), atan2 = Lax.atan2(a, b).toDoubleArray();
    for (int i = 0; i < add.length; i++) {
      String at = "(" + p[0][i] + ", " + p[1][i] + ")";
      assertEquals(p[0][i] + p[1][i], add[i], 0.0, "add" + at);
      assertEquals(p[0][i] / p[1][i], div[i], 0.0, "div" + at);
      // Math.pow and Math.atan2 are within 1 ulp of exact, StrictMath's fdlibm below 1 ulp: 2 ulp apart at most.
      assertClose("pow" + at, cPow(p[0][i], p[1][i]), pow[i], 2, DType.F64);
      assertClose("atan2" + at, StrictMath.atan2(p[0][i], p[1][i]), atan2[i], 2, DType.F64);
    }
  }

  @Test
  void float32PowAndAtan2AreDoubleResultsRoundedOnce() {
    double[][] p = pairs();
    float[] pow = Lax.pow(Numerics.f32(p[0]), Numerics.f32(p[1])).toFloatArray();
    float[] atan2 = Lax.atan2(Numerics.f32(p[0]), Numerics.f32(p[1])).toFloatArray();
    for (int i = 0; i < pow.length; i++) {
      float a = (float) p[0][i], b = (float) p[1][i];
      assertClose("pow(" + a + ", " + b + ")", (float) cPow(a, b), pow[i], 1, DType.F32);
      assertClose("atan2(" + a + ", " + b + ")", (float) StrictMath.atan2(a, b), atan2[i], 1, DType.F32);
    }
    // Closed forms of pow: IEEE's special cases and exact powers.
    assertEquals(1f, Lax.pow(Numerics.f32(Float.NaN), Numerics.f32(0)).floatValue());
    assertEquals(1f, Lax.pow(Numerics.f32(1), Numerics.f32(Float.NaN)).floatValue());
    assertEquals(1f, Lax.pow(Numerics.f32(-1), Numerics.f32(Float.NEGATIVE_INFINITY)).floatValue());
    assertEquals(0.125f, Lax.pow(Numerics.f32(2), Numerics.f32(-3)).floatValue());
    assertEquals(Float.POSITIVE_INFINITY, Lax.pow(Numerics.f32(0), Numerics.f32(-1)).floatValue());
    assertTrue(Float.isNaN(Lax.pow(Numerics.f32(-8), Numerics.f32(1 / 3.0)).floatValue()));
  }

  /**
   * C99's {@code pow} (Annex F.9.4.4), which XLA calls: StrictMath's (Java's) {@code pow} but for two rules,
   * {@code pow(+1, y) == 1} for any y, even NaN, and {@code pow(-1, +-inf) == 1}, where Java says NaN.
   */
  private static double cPow(double a, double b) {
    if (a == 1 || (a == -1 && Double.isInfinite(b))) return 1;
    return StrictMath.pow(a, b);
  }

  private static final int[] INTS = {0, 1, -1, 2, -2, 7, -7, 3, 100000, Integer.MAX_VALUE, Integer.MIN_VALUE};
  private static final long[] LONGS = {0, 1, -1, 2, -2, 7, -7, 3, 1L << 40, Long.MAX_VALUE, Long.MIN_VALUE};

  private static BigInteger wrap(BigInteger v, int bits) {
    BigInteger m = BigInteger.ONE.shiftLeft(bits);
    BigInteger r = v.mod(m);
    return r.testBit(bits - 1) ? r.subtract(m) : r;
  }

  /** XLA's integer division, spelled out: truncation, x / 0 == -1, MIN / -1 == MIN (by wrapping). */
  private static BigInteger xlaDiv(BigInteger a, BigInteger b) {
    return b.signum() == 0 ? BigInteger.ONE.negate() : a.divide(b);
  }

  /** XLA's integer remainder: sign of the dividend, x % 0 == x. */
  private static BigInteger xlaRem(BigInteger a, BigInteger b) {
    return b.signum() == 0 ? a : a.remainder(b);
  }

  /**
   * {@code jnp.power} on integers: JAX multiplies over the low 6 bits of the exponent (two's complement, so a
   * negative exponent counts as its low bits too), and 0 to a non-zero power is 0.
   */
  private static BigInteger xlaPow(BigInteger a, BigInteger b, int bits) {
    if (a.signum() == 0 && b.signum() != 0) return BigInteger.ZERO;
    BigInteger m = BigInteger.ONE.shiftLeft(bits);
    return a.modPow(b.and(BigInteger.valueOf(63)), m);
  }

  private static void assertIntegerOp(String name, BinaryOperator<Array> prim, BinaryOperator<BigInteger> ref,
      boolean powSemantics) {
    int[] xa = new int[INTS.length * INTS.length], xb = new int[xa.length];
    long[] la = new long[LONGS.length * LONGS.length], lb = new long[la.length];
    for (int i = 0; i < INTS.length; i++) {
      for (int j = 0; j < INTS.length; j++) {
        xa[i * INTS.length + j] = INTS[i];
        xb[i * INTS.length + j] = INTS[j];
      }
    }
    for (int i = 0; i < LONGS.length; i++) {
      for (int j = 0; j < LONGS.length; j++) {
        la[i * LONGS.length + j] = LONGS[i];
        lb[i * LONGS.length + j] = LONGS[j];
      }
    }
    int[] got = prim.apply(Numerics.i32(xa), Numerics.i32(xb)).toIntArray();
    for (int i = 0; i < got.length; i++) {
      BigInteger a = BigInteger.valueOf(xa[i]), b = BigInteger.valueOf(xb[i]);
      BigInteger want = powSemantics ? xlaPow(a, b, 32) : ref.apply(a, b);
      assertEquals(wrap(want, 32).intValue(), got[i], name + " i32(" + xa[i] + ", " + xb[i] + ")");
    }
    long[] gotL = prim.apply(Numerics.i64(la), Numerics.i64(lb)).toLongArray();
    for (int i = 0; i < gotL.length; i++) {
      BigInteger a = BigInteger.valueOf(la[i]), b = BigInteger.valueOf(lb[i]);
      BigInteger want = powSemantics ? xlaPow(a, b, 64) : ref.apply(a, b);
      assertEquals(wrap(want, 64).longValue(), gotL[i], name + " i64(" + la[i] + ", " + lb[i] + ")");
    }
  }

  @Test
  void integerArithmeticWrapsAndNeverThrows() {
    assertIntegerOp("add", Lax::add, BigInteger::add, false);
    assertIntegerOp("sub", Lax::sub, BigInteger::subtract, false);
    assertIntegerOp("mul", Lax::mul, BigInteger::multiply, false);
    assertIntegerOp("div", Lax::div, BinaryPrimitiveTest::xlaDiv, false);
    assertIntegerOp("rem", Lax::rem, BinaryPrimitiveTest::xlaRem, false);
    assertIntegerOp("max", Lax::max, BigInteger::max, false);
    assertIntegerOp("min", Lax::min, BigInteger::min, false);
    assertIntegerOp("pow", Lax::pow, null, true);
  }

  @Test
  void integerEdgeCasesSpelledOut() {
    assertArrayEquals(new int[] {-1, -1, -1, Integer.MIN_VALUE, 3, -3},
        Lax.div(Numerics.i32(5, -5, 0, Integer.MIN_VALUE, 7, -7), Numerics.i32(0, 0, 0, -1, 2, 2)).toIntArray());
    assertArrayEquals(new int[] {5, -5, 0, 1, -1},
        Lax.rem(Numerics.i32(5, -5, Integer.MIN_VALUE, 7, -7), Numerics.i32(0, 0, -1, 2, 2)).toIntArray());
    // 2 ** -1 is 2 ** 63 (wrapping to 0), (-1) ** -1 is (-1) ** 63, (-1) ** -2 is (-1) ** 62: JAX's values.
    assertArrayEquals(new int[] {0, 1, -1, 1, 1, 9, 1},
        Lax.pow(Numerics.i32(2, 1, -1, -1, 5, 3, 0), Numerics.i32(-1, -5, -1, -2, 0, 2, 0)).toIntArray());
    assertArrayEquals(new int[] {Integer.MIN_VALUE, 0},
        Lax.add(Numerics.i32(Integer.MAX_VALUE, Integer.MIN_VALUE), Numerics.i32(1, Integer.MIN_VALUE)).toIntArray());
    // 2^31 wraps to MIN in int32; 3^64 is 3^0, as jnp.power reads only the low 6 bits of the exponent, while
    // integer_pow multiplies out every bit of its static exponent.
    assertEquals(Integer.MIN_VALUE, Lax.pow(Numerics.i32(2), Numerics.i32(31)).intValue());
    assertEquals(1L, Lax.pow(Numerics.i64(3), Numerics.i64(64)).longValue());
    assertEquals(BigInteger.valueOf(3).modPow(BigInteger.valueOf(64), BigInteger.ONE.shiftLeft(64)).longValue(),
        Lax.integerPow(Numerics.i64(3), 64).longValue());
  }

  @Test
  void comparisonsFollowIeee() {
    double[][] p = pairs();
    String[] names = {"gt", "lt", "ge", "le", "eq", "ne"};
    @SuppressWarnings({"unchecked", "rawtypes"})
    BinaryOperator<Array>[] prims = new BinaryOperator[] {
        (BinaryOperator<Array>) Lax::gt, (BinaryOperator<Array>) Lax::lt, (BinaryOperator<Array>) Lax::ge,
        (BinaryOperator<Array>) Lax::le, (BinaryOperator<Array>) Lax::eq, (BinaryOperator<Array>) Lax::ne};
    for (DType d : new DType[] {DType.F32, DType.F64}) {
      Array a = Jnp.array(d, p[0], p[0].length), b = Jnp.array(d, p[1], p[1].length);
      for (int k = 0; k < prims.length; k++) {
        Array out = prims[k].apply(a, b);
        assertShape(out, DType.BOOL, p[0].length);
        boolean[] got = out.toBoolArray();
        for (int i = 0; i < got.length; i++) {
          double x = d == DType.F32 ? (float) p[0][i] : p[0][i], y = d == DType.F32 ? (float) p[1][i] : p[1][i];
          boolean want = switch (k) {
            case 0 -> x > y;
            case 1 -> x < y;
            case 2 -> x >= y;
            case 3 -> x <= y;
            case 4 -> x == y;
            default -> x != y;
          };
          assertEquals(want, got[i], names[k] + " " + d + "(" + x + ", " + y + ")");
        }
      }
    }
    // Integers compare exactly, even where a double conversion would not tell them apart.
    assertArrayEquals(new boolean[] {true, false},
        Lax.gt(Numerics.i64(Long.MAX_VALUE, Long.MIN_VALUE), Numerics.i64(Long.MAX_VALUE - 1, Long.MIN_VALUE + 1))
            .toBoolArray());
    assertArrayEquals(new boolean[] {false, true, true},
        Lax.eq(Numerics.bools(true, false, true), Numerics.bools(false, false, true)).toBoolArray());
  }

  @Test
  void logicalOpsOnBoolAndBitwiseOnIntegers() {
    Array t = Numerics.bools(true, true, false, false), f = Numerics.bools(true, false, true, false);
    assertArrayEquals(new boolean[] {true, false, false, false}, Lax.and(t, f).toBoolArray());
    assertArrayEquals(new boolean[] {true, true, true, false}, Lax.or(t, f).toBoolArray());
    assertArrayEquals(new boolean[] {false, true, true, false}, Lax.xor(t, f).toBoolArray());
    assertArrayEquals(new int[] {0b1000, 0b1110, 0b0110},
        new int[] {Lax.and(Numerics.i32(0b1100), Numerics.i32(0b1010)).intValue(),
            Lax.or(Numerics.i32(0b1100), Numerics.i32(0b1010)).intValue(),
            Lax.xor(Numerics.i32(0b1100), Numerics.i32(0b1010)).intValue()});
    assertThrows(ShapeException.class, () -> Lax.and(Numerics.f32(1), Numerics.f32(1)));
  }

  /** A 0-d operand broadcasts inside the primitive (on either side); other shape mismatches are errors. */
  @Test
  void scalarOperandsAndShapeRule() {
    Array m = Jnp.array(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
    Array s = Jnp.scalar(10f);
    Array left = Lax.sub(s, m), right = Lax.sub(m, s);
    assertShape(left, DType.F32, 2, 3);
    assertArrayEquals(new float[] {9, 8, 7, 6, 5, 4}, left.toFloatArray());
    assertArrayEquals(new float[] {-9, -8, -7, -6, -5, -4}, right.toFloatArray());
    assertShape(Lax.add(s, s), DType.F32);
    assertShape(Lax.mul(Jnp.zeros(DType.F32, 0), s), DType.F32, 0);
    assertShape(Lax.lt(Jnp.zeros(DType.I32, 2, 0), Jnp.zeros(DType.I32, 2, 0)), DType.BOOL, 2, 0);
    ShapeException e = assertThrows(ShapeException.class, () -> Lax.add(m, Jnp.zeros(DType.F32, 3)));
    assertTrue(e.getMessage().contains("add: incompatible shapes f32[2,3] and f32[3]"), e.getMessage());
    ShapeException d = assertThrows(ShapeException.class, () -> Lax.add(m, Jnp.zeros(DType.F64, 2, 3)));
    assertTrue(d.getMessage().contains("operands must have the same dtype, got f32[2,3] and f64[2,3]"), d.getMessage());
    assertThrows(ShapeException.class, () -> Lax.add(Numerics.bools(true), Numerics.bools(true)));
    assertThrows(ShapeException.class, () -> Lax.atan2(Numerics.i32(1), Numerics.i32(1)));
  }

  /**
   * Weak types survive only when both operands are weak, comparisons included (JAX's {@code lax.gt(2.0, 3.0)}
   * is a weak bool); integer pow is strong, as jnp.power's expansion into multiplies of strong constants is.
   */
  @Test
  void weakTypeRule() {
    Array w = Jnp.literal(2.0), strong = Jnp.scalar(3f);
    assertTrue(Lax.add(w, w).weakType());
    assertEquals(false, Lax.add(w, strong).weakType());
    assertEquals(true, Lax.gt(w, w).weakType());
    assertEquals(false, Lax.gt(w, strong).weakType());
    assertEquals(false, Lax.pow(Jnp.literal(2), Jnp.literal(3)).weakType());
  }
}
