package dev.olympus.edge;

import dev.olympus.Array;
import dev.olympus.DType;
import dev.olympus.lax.Lax;
import dev.olympus.numpy.Jnp;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The Olympus function behind each name in the edge tables: {@code jnp.x} is {@code Jnp.x}, {@code lax.x} is
 * {@code Lax.x}, with a static parameter in brackets ({@code jnp.power[3]} is {@code Jnp.power(x, 3)}).
 */
public final class EdgeFunctions {
  private EdgeFunctions() {}

  /** A function of the table's operand columns. */
  public record EdgeFunction(String name, int arity, Function<Array[], Array> body) {
    public Array apply(Array... operands) { return body.apply(operands); }
  }

  private static final Map<String, EdgeFunction> ALL = new LinkedHashMap<>();

  private static void unary(String name, UnaryOperator<Array> f) {
    ALL.put(name, new EdgeFunction(name, 1, a -> f.apply(a[0])));
  }

  private static void binary(String name, BinaryOperator<Array> f) {
    ALL.put(name, new EdgeFunction(name, 2, a -> f.apply(a[0], a[1])));
  }

  private static void ternary(String name, Function<Array[], Array> f) {
    ALL.put(name, new EdgeFunction(name, 3, f));
  }

  /** Integer exponents the tables hold for {@code jnp.power[n]} and {@code lax.integerPow[n]}. */
  static final int[] INTEGER_POWERS = {-3, -2, -1, 0, 1, 2, 3, 4, 5, 7, 8, 31, 32, 33, 63, 64, 65};

  static {
    unary("jnp.negative", Jnp::negative);
    unary("jnp.exp", Jnp::exp);
    unary("jnp.log", Jnp::log);
    unary("jnp.log2", Jnp::log2);
    unary("jnp.log1p", Jnp::log1p);
    unary("jnp.expm1", Jnp::expm1);
    unary("jnp.sqrt", Jnp::sqrt);
    unary("jnp.sin", Jnp::sin);
    unary("jnp.cos", Jnp::cos);
    unary("jnp.tan", Jnp::tan);
    unary("jnp.tanh", Jnp::tanh);
    unary("jnp.abs", Jnp::abs);
    unary("jnp.sign", Jnp::sign);
    unary("jnp.floor", Jnp::floor);
    unary("jnp.ceil", Jnp::ceil);
    unary("jnp.square", Jnp::square);
    unary("jnp.logistic", Jnp::logistic);
    unary("jnp.logicalNot", Jnp::logicalNot);
    binary("jnp.add", Jnp::add);
    binary("jnp.subtract", Jnp::subtract);
    binary("jnp.multiply", Jnp::multiply);
    binary("jnp.divide", Jnp::divide);
    binary("jnp.floorDivide", Jnp::floorDivide);
    binary("jnp.remainder", Jnp::remainder);
    binary("jnp.power", Jnp::power);
    binary("jnp.maximum", Jnp::maximum);
    binary("jnp.minimum", Jnp::minimum);
    binary("jnp.greater", Jnp::greater);
    binary("jnp.less", Jnp::less);
    binary("jnp.greaterEqual", Jnp::greaterEqual);
    binary("jnp.lessEqual", Jnp::lessEqual);
    binary("jnp.equal", Jnp::equal);
    binary("jnp.notEqual", Jnp::notEqual);
    binary("jnp.logicalAnd", Jnp::logicalAnd);
    binary("jnp.logicalOr", Jnp::logicalOr);
    ternary("jnp.where", a -> Jnp.where(a[0], a[1], a[2]));
    for (int n : INTEGER_POWERS) unary("jnp.power[" + n + "]", x -> Jnp.power(x, n));
    clip(-1.0, 1.0);
    clip(0.0, 0.0);
    clip(-0.0, 0.5);
    // The table's edge cases are for the wide types; NarrowDTypeTest checks conversions into the narrow ones.
    for (DType d : DType.values()) {
      if (!d.isNarrow()) unary("jnp.astype[" + d.shortName() + "]", x -> Jnp.astype(x, d));
    }

    unary("lax.neg", Lax::neg);
    unary("lax.exp", Lax::exp);
    unary("lax.log", Lax::log);
    unary("lax.sin", Lax::sin);
    unary("lax.cos", Lax::cos);
    unary("lax.tan", Lax::tan);
    unary("lax.tanh", Lax::tanh);
    unary("lax.sqrt", Lax::sqrt);
    unary("lax.rsqrt", Lax::rsqrt);
    unary("lax.log1p", Lax::log1p);
    unary("lax.expm1", Lax::expm1);
    unary("lax.floor", Lax::floor);
    unary("lax.ceil", Lax::ceil);
    unary("lax.round", Lax::round);
    unary("lax.abs", Lax::abs);
    unary("lax.sign", Lax::sign);
    unary("lax.logistic", Lax::logistic);
    unary("lax.not", Lax::not);
    binary("lax.add", Lax::add);
    binary("lax.sub", Lax::sub);
    binary("lax.mul", Lax::mul);
    binary("lax.div", Lax::div);
    binary("lax.rem", Lax::rem);
    binary("lax.pow", Lax::pow);
    binary("lax.max", Lax::max);
    binary("lax.min", Lax::min);
    binary("lax.atan2", Lax::atan2);
    binary("lax.gt", Lax::gt);
    binary("lax.lt", Lax::lt);
    binary("lax.ge", Lax::ge);
    binary("lax.le", Lax::le);
    binary("lax.eq", Lax::eq);
    binary("lax.ne", Lax::ne);
    binary("lax.and", Lax::and);
    binary("lax.or", Lax::or);
    binary("lax.xor", Lax::xor);
    for (int n : INTEGER_POWERS) unary("lax.integerPow[" + n + "]", x -> Lax.integerPow(x, n));
    ternary("lax.selectN", a -> Lax.selectN(a[0], a[1], a[2]));
  }

  /** {@code jnp.clip[lo,hi]}, named as Python prints the bounds ({@code -1.0}, {@code 0.5}). */
  private static void clip(double lo, double hi) {
    unary("jnp.clip[" + lo + "," + hi + "]", x -> Jnp.clip(x, lo, hi));
  }

  public static EdgeFunction get(String name) {
    EdgeFunction f = ALL.get(name);
    if (f == null) throw new AssertionError("the edge tables name " + name + ", which EdgeFunctions does not map");
    return f;
  }

  public static Map<String, EdgeFunction> all() { return ALL; }
}
