package dev.olympus.primitive;

import static dev.olympus.Numerics.SPECIALS;
import static dev.olympus.Numerics.assertAllClose;
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
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every unary primitive against independent references on {@link Numerics#SPECIALS} (signed zeros, tiny and
 * huge values, NaN, infinities), in f32 and f64, plus closed forms and the integer edge cases.
 *
 * <p>Tolerances: the references are {@code StrictMath} (fdlibm), an implementation independent of the
 * {@code Math} intrinsics the kernels use. {@code Math}'s transcendental functions are specified within 1 ulp
 * of the exact result and fdlibm's are below 1 ulp, so f64 results may differ from the reference by up to 2
 * ulp; f32 results are a double result rounded once, so they are within 1 f32 ulp (two doubles 2 double-ulp
 * apart round to the same float except next to a rounding boundary). Exactly rounded operations (neg, abs,
 * sqrt, floor, ceil, sign) must match exactly, and f32 results must equal {@code (float) Math.f(x)}: this
 * proves the "computed in double, rounded once" contract the lowering relies on.
 */
class UnaryPrimitiveTest {
  static Stream<Arguments> floatOps() {
    return Stream.of(
        op("neg", Lax::neg, x -> -x, x -> -x, 0),
        op("exp", Lax::exp, StrictMath::exp, Math::exp, 2),
        op("log", Lax::log, StrictMath::log, Math::log, 2),
        op("sin", Lax::sin, StrictMath::sin, Math::sin, 2),
        op("cos", Lax::cos, StrictMath::cos, Math::cos, 2),
        op("tan", Lax::tan, StrictMath::tan, Math::tan, 2),
        op("tanh", Lax::tanh, StrictMath::tanh, Math::tanh, 2),
        op("sqrt", Lax::sqrt, StrictMath::sqrt, Math::sqrt, 0),
        op("rsqrt", Lax::rsqrt, x -> 1 / StrictMath.sqrt(x), x -> 1 / Math.sqrt(x), 0),
        op("log1p", Lax::log1p, StrictMath::log1p, Math::log1p, 2),
        op("expm1", Lax::expm1, StrictMath::expm1, Math::expm1, 2),
        op("floor", Lax::floor, StrictMath::floor, Math::floor, 0),
        op("ceil", Lax::ceil, StrictMath::ceil, Math::ceil, 0),
        op("logistic", Lax::logistic, x -> 1 / (1 + StrictMath.exp(-x)), x -> 1 / (1 + Math.exp(-x)), 3),
        op("abs", Lax::abs, x -> x < 0 || (x == 0 && 1 / x < 0) ? -x : x, Math::abs, 0),
        op("sign", Lax::sign, x -> x > 0 ? 1 : x < 0 ? -1 : x, Math::signum, 0));
  }

  private static Arguments op(String name, UnaryOperator<Array> prim, DoubleUnaryOperator reference,
      DoubleUnaryOperator mathFn, double ulps) {
    return Arguments.of(name, prim, reference, mathFn, ulps);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("floatOps")
  void float64AgainstStrictMath(String name, UnaryOperator<Array> prim, DoubleUnaryOperator reference,
      DoubleUnaryOperator mathFn, double ulps) {
    Array out = prim.apply(Numerics.f64(SPECIALS));
    assertShape(out, DType.F64, SPECIALS.length);
    double[] expected = new double[SPECIALS.length];
    for (int i = 0; i < expected.length; i++) expected[i] = reference.applyAsDouble(SPECIALS[i]);
    assertAllClose(name + " f64", expected, out, ulps);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("floatOps")
  void float32IsTheDoubleResultRoundedOnce(String name, UnaryOperator<Array> prim, DoubleUnaryOperator reference,
      DoubleUnaryOperator mathFn, double ulps) {
    Array out = prim.apply(Numerics.f32(SPECIALS));
    assertShape(out, DType.F32, SPECIALS.length);
    float[] got = out.toFloatArray();
    double[] expected = new double[SPECIALS.length];
    for (int i = 0; i < got.length; i++) {
      float x = (float) SPECIALS[i];
      float once = (float) mathFn.applyAsDouble(x);
      assertEquals(Float.floatToIntBits(once), Float.floatToIntBits(got[i]),
          name + "(" + x + "): " + got[i] + " is not (float) Math." + name + "(x) = " + once);
      expected[i] = (float) reference.applyAsDouble(x);
    }
    assertAllClose(name + " f32 vs StrictMath", expected, out, Math.min(ulps, 1));
  }

  /** Closed forms: values known exactly, including the IEEE special cases. */
  @Test
  void closedForms() {
    for (DType d : new DType[] {DType.F32, DType.F64}) {
      check(Lax::exp, d, 0.0, 1.0);
      check(Lax::exp, d, Double.NEGATIVE_INFINITY, 0.0);
      check(Lax::log, d, 1.0, 0.0);
      check(Lax::log, d, 0.0, Double.NEGATIVE_INFINITY);
      check(Lax::log, d, -0.0, Double.NEGATIVE_INFINITY);
      check(Lax::log, d, -1.0, Double.NaN);
      check(Lax::sqrt, d, 4.0, 2.0);
      check(Lax::sqrt, d, -0.0, -0.0);
      check(Lax::sqrt, d, -1.0, Double.NaN);
      check(Lax::rsqrt, d, 4.0, 0.5);
      check(Lax::rsqrt, d, 0.0, Double.POSITIVE_INFINITY);
      check(Lax::sin, d, -0.0, -0.0);
      check(Lax::cos, d, 0.0, 1.0);
      check(Lax::sin, d, Double.POSITIVE_INFINITY, Double.NaN);
      check(Lax::tanh, d, Double.POSITIVE_INFINITY, 1.0);
      check(Lax::tanh, d, Double.NEGATIVE_INFINITY, -1.0);
      check(Lax::logistic, d, 0.0, 0.5);
      check(Lax::logistic, d, Double.POSITIVE_INFINITY, 1.0);
      check(Lax::logistic, d, Double.NEGATIVE_INFINITY, 0.0);
      check(Lax::logistic, d, -1000.0, 0.0);
      check(Lax::log1p, d, -1.0, Double.NEGATIVE_INFINITY);
      check(Lax::expm1, d, Double.NEGATIVE_INFINITY, -1.0);
      check(Lax::floor, d, -0.5, -1.0);
      check(Lax::floor, d, -2.5, -3.0);
      check(Lax::ceil, d, -0.5, -0.0);
      check(Lax::ceil, d, 2.25, 3.0);
      check(Lax::sign, d, -0.0, -0.0);
      check(Lax::sign, d, Double.NaN, Double.NaN);
      check(Lax::sign, d, Double.NEGATIVE_INFINITY, -1.0);
      check(Lax::abs, d, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
      check(Lax::abs, d, -0.0, 0.0);
      check(Lax::neg, d, 0.0, -0.0);
      check(Lax::neg, d, Double.NaN, Double.NaN);
    }
    // Values that only hold to the dtype's precision, from their defining series/constants.
    assertClose("exp(1)", Math.E, Lax.exp(Numerics.f64(1)).doubleValue(), 1, DType.F64);
    assertClose("log(e)", 1.0, Lax.log(Numerics.f64(Math.E)).doubleValue(), 1, DType.F64);
    assertClose("sin(pi/6)", 0.5, Lax.sin(Numerics.f64(Math.PI / 6)).doubleValue(), 2, DType.F64);
    assertClose("tan(pi/4)", 1.0, Lax.tan(Numerics.f64(Math.PI / 4)).doubleValue(), 2, DType.F64);
    // expm1 and log1p keep full relative precision for tiny x, where exp(x) - 1 would give 0.
    assertEquals(1e-20, Lax.expm1(Numerics.f64(1e-20)).doubleValue(), 0.0);
    assertEquals(1e-20, Lax.log1p(Numerics.f64(1e-20)).doubleValue(), 0.0);
  }

  private static void check(UnaryOperator<Array> prim, DType d, double x, double expected) {
    Array in = Jnp.scalar(d, x);
    Array out = prim.apply(in);
    assertShape(out, d);
    assertClose(d + " of " + x, expected, out.doubleValue(), 0, d);
  }

  /** Two's complement on integers: negating or taking abs of MIN wraps back to MIN, as XLA does. */
  @Test
  void integerNegAbsSignNotWrap() {
    int[] xs = {0, 1, -1, 5, -7, Integer.MAX_VALUE, Integer.MIN_VALUE};
    long[] ls = {0, 1, -1, 5, -7, Long.MAX_VALUE, Long.MIN_VALUE, Integer.MIN_VALUE};
    assertIntUnary(Lax::neg, xs, ls, BigInteger::negate);
    assertIntUnary(Lax::abs, xs, ls, BigInteger::abs);
    assertIntUnary(Lax::sign, xs, ls, b -> BigInteger.valueOf(b.signum()));
    assertIntUnary(Lax::not, xs, ls, BigInteger::not);
    assertEquals(DType.I32, Lax.sign(Numerics.i32(xs)).dtype());
  }

  private static void assertIntUnary(UnaryOperator<Array> prim, int[] xs, long[] ls, UnaryOperator<BigInteger> ref) {
    int[] got = prim.apply(Numerics.i32(xs)).toIntArray();
    for (int i = 0; i < xs.length; i++) {
      assertEquals(ref.apply(BigInteger.valueOf(xs[i])).intValue(), got[i], "i32 input " + xs[i]);
    }
    long[] gotL = prim.apply(Numerics.i64(ls)).toLongArray();
    for (int i = 0; i < ls.length; i++) {
      assertEquals(ref.apply(BigInteger.valueOf(ls[i])).longValue(), gotL[i], "i64 input " + ls[i]);
    }
  }

  @Test
  void logicalNotOnBool() {
    Array out = Lax.not(Numerics.bools(true, false));
    assertShape(out, DType.BOOL, 2);
    assertArrayEquals(new boolean[] {false, true}, out.toBoolArray());
  }

  /** Shapes are preserved for 0-d and empty arrays; the dtype rule rejects what the primitive cannot take. */
  @Test
  void shapesAndDomains() {
    assertShape(Lax.exp(Jnp.scalar(1f)), DType.F32);
    assertShape(Lax.exp(Jnp.zeros(DType.F32, 0, 3)), DType.F32, 0, 3);
    assertShape(Lax.neg(Jnp.zeros(DType.I64, 2, 0)), DType.I64, 2, 0);
    ShapeException e = assertThrows(ShapeException.class, () -> Lax.exp(Numerics.i32(1, 2)));
    assertTrue(e.getMessage().startsWith("exp: got an operand of dtype int32"), e.getMessage());
    assertThrows(ShapeException.class, () -> Lax.neg(Numerics.bools(true)));
    assertThrows(ShapeException.class, () -> Lax.not(Numerics.f32(1)));
    // Jnp promotes integers to float32 first, as jnp.exp does.
    Array viaJnp = Jnp.exp(Numerics.i32(0, 1));
    assertShape(viaJnp, DType.F32, 2);
    assertArrayEquals(new float[] {1f, (float) Math.E}, viaJnp.toFloatArray());
  }
}
