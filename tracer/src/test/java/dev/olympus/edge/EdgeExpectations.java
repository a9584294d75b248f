package dev.olympus.edge;

import dev.olympus.DType;
import java.util.Map;

/**
 * How closely each function must match JAX, and the named, justified places where Olympus differs.
 *
 * <p>Exact (0 ulps) is the rule: integer and bool results, IEEE's correctly rounded operations (add, sub, mul,
 * div, sqrt, fmod), everything piecewise exact (floor, ceil, round, sign, abs, max, min, select, conversions,
 * comparisons), the compositions of those (floorDivide, remainder, clip), {@code integer_pow} (the same
 * products in the same order as XLA's expansion) and float32 {@code pow}, whose special cases C defines
 * exactly and whose other values agree bit for bit on this table (float64 {@code pow}: see below). Where an ulp bound is allowed it applies only between
 * finite non-zero values: a NaN, an infinity and a signed zero must always match exactly.
 *
 * <p>The transcendental functions get a bound because neither side is correctly rounded in general: XLA's
 * CPU backend evaluates exp, log, log1p, expm1, tanh, logistic, sin, cos, tan, atan2 and rsqrt with its own
 * polynomial or rational approximations (f32) or libm-style routines (f64), documented to a few ulps, while
 * Olympus computes each in double with {@code java.lang.Math} (within 1 ulp of the double) and rounds once,
 * which is within about half an ulp of the exact f32 result. Two such results can land on either side of a
 * rounding boundary: 1 ulp apart. The bounds below are the measured maxima on these tables, each within that
 * argument, except expm1, where XLA's own error is larger (see below).
 */
public final class EdgeExpectations {
  private EdgeExpectations() {}

  private static final Map<String, Integer> ULPS = Map.ofEntries(
      Map.entry("exp", 1), Map.entry("log", 1), Map.entry("log1p", 1), Map.entry("log2", 1),
      Map.entry("sin", 1), Map.entry("cos", 1), Map.entry("tan", 1), Map.entry("tanh", 1),
      Map.entry("logistic", 1), Map.entry("atan2", 1), Map.entry("rsqrt", 1),
      // XLA's expm1 is 3 ulps from the exact value at -0.1f (JAX: -0.09516256, exact -0.0951625819...,
      // which Olympus rounds to -0.095162585) and 2 ulps at 1.0 in f64: JAX's error, not ours.
      Map.entry("expm1", 3),
      // XLA's float64 pow is not correctly rounded: 0.49999999999999994 ** -1 is 2 + 2^-52 + 2^-105..., which
      // rounds to 2.0000000000000004 (Java's Math.pow), where JAX gives 2.0. Float32 pow stays exact.
      // (Keyed by the exact name: jnp.power[3], integer_pow, stays exact.)
      Map.entry("pow:f64", 1), Map.entry("power:f64", 1));

  /**
   * The ulps allowed between Olympus's and JAX's float results of {@code function} (its name in the tables,
   * e.g. {@code jnp.exp} or {@code lax.integerPow[3]}) on operands of {@code dtype}, on the scalar paths: eager, the interpreter, tile loops
   * without SIMD, and generated Java.
   */
  public static int ulps(String function, DType dtype) {
    Integer forDtype = ULPS.get(function.substring(function.indexOf('.') + 1) + ":" + dtype.shortName());
    return forDtype != null ? forDtype : ULPS.getOrDefault(baseName(function), 0);
  }

  /** {@code jnp.power[3]} is {@code power}, {@code lax.exp} is {@code exp}. */
  static String baseName(String function) {
    int dot = function.indexOf('.');
    int bracket = function.indexOf('[');
    return function.substring(dot + 1, bracket < 0 ? function.length() : bracket);
  }

  /**
   * Named exception {@code ACCEPTS_WHAT_JAX_REJECTS}: the dtypes where JAX raises a TypeError and Olympus
   * computes a value on purpose, with the reason; null for every other case (which must then throw).
   */
  public static String whyOlympusAccepts(String function, DType dtype) {
    if (function.equals("jnp.logistic") && !dtype.isFloating()) {
      return "Jnp.logistic promotes integers and bools to float32 like every other Jnp transcendental "
          + "function (jax.nn.sigmoid, its JAX counterpart, does not)";
    }
    if (function.equals("lax.pow") && dtype.isInteger()) {
      return "Olympus's pow primitive carries jnp.power's integer semantics itself (JAX expands them into "
          + "multiplies in jnp), so Lax.pow takes integers; its values are checked against jnp.power's rows";
    }
    return null;
  }

  /**
   * Named exception {@code INT64_INEXACT_IS_F32}: a Jnp function that promotes an int64 operand to a float
   * (exp, divide, clip with a float literal...) gives float32 in Olympus, its default float as in JAX with x64
   * disabled, where JAX (which has int64 only with x64 enabled) gives float64. The values must then equal
   * JAX's float64 results rounded to float32, within the function's ulps plus one for the two roundings
   * (of the operand to float32 first in Olympus, of the result in the reference).
   */
  public static boolean int64InexactIsF32(EdgeTable.Case c, DType olympusResult) {
    return c.dtype() == DType.I64 && c.resultDtype() == DType.F64 && olympusResult == DType.F32
        && c.function().startsWith("jnp.");
  }
}
