package dev.olympus.numpy;

import dev.olympus.Array;
import dev.olympus.DType;
import dev.olympus.errors.ArgumentCheck;
import dev.olympus.errors.NonConcreteBooleanIndexException;
import dev.olympus.errors.ShapeException;
import dev.olympus.errors.SourceLocation;
import dev.olympus.lax.Lax;
import dev.olympus.primitive.ArgReduce;
import dev.olympus.primitive.Cumulative;
import dev.olympus.primitive.Sort;
import dev.olympus.primitive.ShapeRules;
import dev.olympus.storage.Storage;
import dev.olympus.trace.SizeCondition;
import dev.olympus.types.AbstractValue;
import dev.olympus.types.Shape;
import dev.olympus.types.TypePromotion;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * NumPy's API on Olympus arrays (JAX's {@code jax.numpy}): type promotion, broadcasting, and composites built
 * from {@link Lax} primitives, so everything here traces into primitives. x64 is off: Java floating literals
 * and {@code scalar(double)} are float32, integer literals int32.
 */
public final class Jnp {
  private Jnp() {}

  // ---- creation ------------------------------------------------------------------------------------------

  private static final String DATA_FIX = "pass the values, e.g. Jnp.array(1f, 2f, 3f) or Jnp.array(new float[] {1, 2, 3, 4}, 2, 2)";

  public static Array array(float... data) {
    ArgumentCheck.nonNull("Jnp.array", "data", data, DATA_FIX);
    return make(DType.F32, data.clone(), data.length);
  }

  public static Array array(double... data) {
    ArgumentCheck.nonNull("Jnp.array", "data", data, DATA_FIX);
    float[] f = new float[data.length];
    for (int i = 0; i < f.length; i++) f[i] = (float) data[i];
    return make(DType.F32, f, data.length);
  }

  public static Array array(int... data) {
    ArgumentCheck.nonNull("Jnp.array", "data", data, DATA_FIX);
    return make(DType.I32, data.clone(), data.length);
  }

  public static Array array(boolean... data) {
    ArgumentCheck.nonNull("Jnp.array", "data", data, DATA_FIX);
    return make(DType.BOOL, data.clone(), data.length);
  }

  public static Array array(float[] data, int... shape) {
    ArgumentCheck.nonNull("Jnp.array", "data", data, DATA_FIX);
    ArgumentCheck.ints("Jnp.array", "shape", shape);
    return make(DType.F32, data.clone(), shape);
  }

  /** Double data with a shape: float32, as x64 is off (use {@link #array(DType, double[], int...)} for f64). */
  public static Array array(double[] data, int... shape) {
    ArgumentCheck.nonNull("Jnp.array", "data", data, DATA_FIX);
    ArgumentCheck.ints("Jnp.array", "shape", shape);
    float[] f = new float[data.length];
    for (int i = 0; i < f.length; i++) f[i] = (float) data[i];
    return make(DType.F32, f, shape);
  }

  public static Array array(int[] data, int... shape) {
    ArgumentCheck.nonNull("Jnp.array", "data", data, DATA_FIX);
    ArgumentCheck.ints("Jnp.array", "shape", shape);
    return make(DType.I32, data.clone(), shape);
  }

  public static Array array(long[] data, int... shape) {
    ArgumentCheck.nonNull("Jnp.array", "data", data, DATA_FIX);
    ArgumentCheck.ints("Jnp.array", "shape", shape);
    return make(DType.I64, data.clone(), shape);
  }

  public static Array array(boolean[] data, int... shape) {
    ArgumentCheck.nonNull("Jnp.array", "data", data, DATA_FIX);
    ArgumentCheck.ints("Jnp.array", "shape", shape);
    return make(DType.BOOL, data.clone(), shape);
  }

  /** Data of any dtype from doubles, converted as a cast would. */
  public static Array array(DType dtype, double[] data, int... shape) {
    ArgumentCheck.dtype("Jnp.array", "dtype", dtype);
    ArgumentCheck.nonNull("Jnp.array", "data", data, DATA_FIX);
    ArgumentCheck.ints("Jnp.array", "shape", shape);
    Storage s = Storage.allocate(dtype, checkedShape(data.length, shape));
    for (int i = 0; i < data.length; i++) s.setDouble(i, data[i]);
    return Array.fromStorage(s, false);
  }

  private static Array make(DType dtype, Object data, int... shape) {
    return Array.fromStorage(Storage.wrap(dtype, checkedShape(java.lang.reflect.Array.getLength(data), shape), data),
        false);
  }

  private static Shape checkedShape(int length, int... shape) {
    Shape s = Shape.of("Jnp.array", "shape", shape);
    if (s.size() != length) {
      throw ArgumentCheck.shapeError("Jnp.array", "data", "has " + length + " values, which cannot fill shape "
          + s.tuple() + " (" + s.size() + " elements)", "pass as many values as the shape has elements, or a shape "
          + "whose dimensions multiply to " + length);
    }
    return s;
  }

  public static Array scalar(int value) { return Array.fromStorage(Storage.scalarLong(DType.I32, value), false); }

  public static Array scalar(long value) { return Array.fromStorage(Storage.scalarLong(DType.I64, value), false); }

  public static Array scalar(float value) { return Array.fromStorage(Storage.scalar(DType.F32, value), false); }

  public static Array scalar(double value) { return Array.fromStorage(Storage.scalar(DType.F32, value), false); }

  public static Array scalar(boolean value) {
    return Array.fromStorage(Storage.scalarLong(DType.BOOL, value ? 1 : 0), false);
  }

  /** A 0-d array of {@code dtype} (strongly typed). */
  public static Array scalar(DType dtype, double value) {
    ArgumentCheck.dtype("Jnp.scalar", "dtype", dtype);
    return Array.fromStorage(Storage.scalar(dtype, value), false);
  }

  /** A Java floating literal as JAX sees a Python float: a weakly typed float32 scalar. */
  public static Array literal(double value) { return Array.fromStorage(Storage.scalar(DType.F32, value), true); }

  /** A Java integer literal as JAX sees a Python int: a weakly typed int32 scalar. */
  public static Array literal(int value) { return Array.fromStorage(Storage.scalarLong(DType.I32, value), true); }

  public static Array arange(int n) { return arange(n, DType.I32); }

  public static Array arange(int n, DType dtype) {
    ArgumentCheck.dtype("Jnp.arange", "dtype", dtype);
    if (n < 0) {
      throw ArgumentCheck.shapeError("Jnp.arange", "n", "is " + n + ", but a length must be 0 or more",
          "pass the number of values, e.g. Jnp.arange(10) for 0 .. 9");
    }
    return Lax.iota(dtype, new int[] {n}, 0);
  }

  /** {@code start, start + step, ...} below {@code stop}, like {@code np.arange(start, stop, step)} for ints. */
  public static Array arange(int start, int stop, int step) {
    if (step == 0) {
      throw ArgumentCheck.shapeError("Jnp.arange", "step", "is 0", "pass a positive step to count up from start "
          + "to stop, or a negative one to count down");
    }
    // ceil((stop - start) / step) in long: the distance between two ints can exceed an int.
    long n = Math.max(0, -Math.floorDiv((long) start - stop, step));
    if (n > Shape.MAX_SIZE) {
      throw ArgumentCheck.shapeError("Jnp.arange", "step", "is " + step + ", which from start " + start + " to stop "
          + stop + " makes " + n + " values, more than the " + Shape.MAX_SIZE + " an array can hold",
          "use a larger step or a shorter range");
    }
    return add(multiply(arange((int) n), literal(step)), literal(start));
  }

  public static Array zeros(DType dtype, int... shape) {
    ArgumentCheck.dtype("Jnp.zeros", "dtype", dtype);
    ArgumentCheck.ints("Jnp.zeros", "shape", shape);
    return full("Jnp.zeros", dtype, 0, shape);
  }

  public static Array ones(DType dtype, int... shape) {
    ArgumentCheck.dtype("Jnp.ones", "dtype", dtype);
    ArgumentCheck.ints("Jnp.ones", "shape", shape);
    return full("Jnp.ones", dtype, 1, shape);
  }

  public static Array full(DType dtype, double value, int... shape) {
    ArgumentCheck.dtype("Jnp.full", "dtype", dtype);
    ArgumentCheck.ints("Jnp.full", "shape", shape);
    return full("Jnp.full", dtype, value, shape);
  }

  private static Array full(String op, DType dtype, double value, int[] shape) {
    Shape.of(op, "shape", shape);
    Array v = Array.fromStorage(Storage.scalar(dtype, value), false);
    return broadcastTo(v, shape);
  }

  public static Array zerosLike(Array x) {
    ArgumentCheck.array("Jnp.zerosLike", "x", x);
    return full(x.dtype(), 0, x.shape());
  }

  public static Array onesLike(Array x) {
    ArgumentCheck.array("Jnp.onesLike", "x", x);
    return full(x.dtype(), 1, x.shape());
  }

  /** {@code num} evenly spaced float32 values from {@code start} to {@code stop} inclusive. */
  public static Array linspace(double start, double stop, int num) {
    if (num < 0) {
      throw ArgumentCheck.shapeError("Jnp.linspace", "num", "is " + num + ", but a number of values must be 0 or more",
          "pass how many values to make, e.g. Jnp.linspace(0, 1, 5)");
    }
    if (num == 1) return array((float) start);
    Array i = arange(num, DType.F32);
    double step = num > 1 ? (stop - start) / (num - 1) : 0;
    Array body = add(multiply(i, literal(step)), literal(start));
    if (num < 2) return body;
    // Make the last element exactly stop, as NumPy does.
    Array isLast = equal(arange(num), literal(num - 1));
    return where(isLast, literal(stop), body);
  }

  /** An {@code n x n} identity matrix. */
  public static Array eye(DType dtype, int n) {
    ArgumentCheck.dtype("Jnp.eye", "dtype", dtype);
    if (n < 0) {
      throw ArgumentCheck.shapeError("Jnp.eye", "n", "is " + n + ", but a matrix size must be 0 or more",
          "pass the number of rows, e.g. Jnp.eye(DType.F32, 3)");
    }
    Shape.of("Jnp.eye", "the shape (n, n)", new int[] {n, n});
    Array r = Lax.iota(DType.I32, new int[] {n, n}, 0);
    Array c = Lax.iota(DType.I32, new int[] {n, n}, 1);
    return astype(Lax.eq(r, c), dtype);
  }

  // ---- promotion and broadcasting ------------------------------------------------------------------------

  /** Converts {@code x} to {@code dtype}; a Java-literal scalar is converted directly, not through the IR. */
  static Array convert(Array x, DType dtype, boolean weak) {
    if (x.dtype() == dtype && x.weakType() == weak) return x;
    if (!x.isTracer() && x.weakType() && x.ndim() == 0) {
      return Array.fromStorage(x.storage().convert(dtype), weak);
    }
    return Lax.convertElementType(x, dtype, weak);
  }

  /** Promotes operands to their common dtype under JAX's lattice. */
  public static Array[] promote(Array... xs) {
    ArgumentCheck.arrays("Jnp.promote", "xs", xs);
    if (xs.length == 0) {
      throw ArgumentCheck.invalid("Jnp.promote", "xs", "is empty", "pass at least one Array to promote");
    }
    DType d = xs[0].dtype();
    boolean weak = xs[0].weakType();
    for (int i = 1; i < xs.length; i++) {
      TypePromotion.Lattice j = TypePromotion.join(d, weak, xs[i].dtype(), xs[i].weakType());
      d = j.dtype();
      weak = j.weak();
    }
    Array[] out = new Array[xs.length];
    for (int i = 0; i < xs.length; i++) out[i] = convert(xs[i], d, weak);
    return out;
  }

  /**
   * {@link #promote}, then bool to int32 (JAX's {@code promote_args_numeric}), for functions that have no
   * logical meaning on bool. The int32 is strong, as JAX's is, even from a weak bool (a comparison of weak
   * values): {@code jnp.floor_divide(lax.gt(2., 3.), lax.gt(2., 1.))} is a strong int32.
   */
  static Array[] promoteNumeric(Array... xs) {
    Array[] p = promote(xs);
    if (!p[0].dtype().isBool()) return p;
    for (int i = 0; i < p.length; i++) p[i] = convert(p[i], DType.I32, false);
    return p;
  }

  /** NumPy's broadcast result shape, or a {@link ShapeException} naming both shapes. */
  public static int[] broadcastShapes(String op, int[]... shapes) {
    ArgumentCheck.nonNull("Jnp.broadcastShapes", "op", op, "pass the name of the operation to report in errors");
    ArgumentCheck.nonNull("Jnp.broadcastShapes", "shapes", shapes, "pass the shapes, e.g. new int[] {2, 1}, "
        + "new int[] {3}");
    for (int i = 0; i < shapes.length; i++) ArgumentCheck.ints("Jnp.broadcastShapes", "shapes[" + i + "]", shapes[i]);
    int rank = 0;
    for (int[] s : shapes) rank = Math.max(rank, s.length);
    int[] out = new int[rank];
    Arrays.fill(out, 1);
    for (int[] s : shapes) {
      for (int i = 0; i < s.length; i++) {
        int o = rank - s.length + i;
        int d = s[i];
        if (out[o] == 1) {
          out[o] = d;
        } else if (d != 1 && d != out[o]) {
          StringBuilder sb = new StringBuilder();
          for (int[] t : shapes) sb.append(sb.length() == 0 ? "" : " and ").append(Shape.tuple(t));
          throw ShapeRules.error(op, "shapes " + sb + " cannot be broadcast together: dimension " + o
              + " of the result would need sizes " + out[o] + " and " + d + " to agree (or one of them to be 1)");
        }
      }
    }
    return out;
  }

  public static Array broadcastTo(Array x, int... shape) {
    ArgumentCheck.array("Jnp.broadcastTo", "x", x);
    ArgumentCheck.ints("Jnp.broadcastTo", "shape", shape);
    // aval(), not shape(): a size used only to decide whether to broadcast is visible in the IR (as a
    // broadcast_in_dim), so it does not make the trace size-specific.
    int[] xs = x.aval().shape().dims();
    if (Arrays.equals(xs, shape)) return x;
    Shape.of("Jnp.broadcastTo", "shape", shape);
    int[] target = broadcastShapes("broadcast_to", xs, shape);
    if (!Arrays.equals(target, shape)) {
      throw ShapeRules.error("broadcast_to", "cannot broadcast shape " + Shape.tuple(xs) + " to " + Shape.tuple(shape));
    }
    int[] dims = new int[xs.length];
    for (int i = 0; i < xs.length; i++) dims[i] = shape.length - xs.length + i;
    return Lax.broadcastInDim(x, shape, dims);
  }

  /** Broadcasts operands for an elementwise primitive; 0-d operands are left for the primitive to broadcast. */
  private static Array[] broadcastOperands(String op, Array... xs) {
    int[][] shapes = new int[xs.length][];
    for (int i = 0; i < xs.length; i++) shapes[i] = xs[i].aval().shape().dims();
    int[] target = broadcastShapes(op, shapes);
    Array[] out = new Array[xs.length];
    for (int i = 0; i < xs.length; i++) {
      out[i] = xs[i].ndim() == 0 ? xs[i] : broadcastTo(xs[i], target);
    }
    return out;
  }

  private static Array binary(String op, java.util.function.BinaryOperator<Array> prim, Array x, Array y) {
    Array[] p = promote(x, y);
    Array[] b = broadcastOperands(op, p);
    return prim.apply(b[0], b[1]);
  }

  private static Array inexact(Array x) {
    return x.dtype().isFloating() ? x : convert(x, TypePromotion.inexact(x.dtype()), x.weakType());
  }

  // ---- elementwise math ----------------------------------------------------------------------------------

  /** {@code x + y}; on bools it is logical or, as in NumPy and JAX. */
  public static Array add(Array x, Array y) {
    ArgumentCheck.array("Jnp.add", "x", x, "y", y);
    return binary("add", boolAware(Lax::add, Lax::or), x, y);
  }

  public static Array subtract(Array x, Array y) {
    ArgumentCheck.array("Jnp.subtract", "x", x, "y", y);
    return binary("sub", Lax::sub, x, y);
  }

  /** {@code x * y}; on bools it is logical and, as in NumPy and JAX. */
  public static Array multiply(Array x, Array y) {
    ArgumentCheck.array("Jnp.multiply", "x", x, "y", y);
    return binary("mul", boolAware(Lax::mul, Lax::and), x, y);
  }

  /** The arithmetic primitive, or its logical counterpart when the promoted operands are bool. */
  private static java.util.function.BinaryOperator<Array> boolAware(java.util.function.BinaryOperator<Array> numeric,
      java.util.function.BinaryOperator<Array> logical) {
    return (a, b) -> a.dtype().isBool() ? logical.apply(a, b) : numeric.apply(a, b);
  }

  // A Java literal operand is weakly typed, as a Python scalar is: add(2, x) on an f32 x stays f32.

  public static Array add(int x, Array y) { return add(literal(x), y); }

  public static Array add(double x, Array y) { return add(literal(x), y); }

  public static Array add(Array x, int y) { return add(x, literal(y)); }

  public static Array add(Array x, double y) { return add(x, literal(y)); }

  public static Array subtract(int x, Array y) { return subtract(literal(x), y); }

  public static Array subtract(double x, Array y) { return subtract(literal(x), y); }

  public static Array subtract(Array x, int y) { return subtract(x, literal(y)); }

  public static Array subtract(Array x, double y) { return subtract(x, literal(y)); }

  public static Array multiply(int x, Array y) { return multiply(literal(x), y); }

  public static Array multiply(double x, Array y) { return multiply(literal(x), y); }

  public static Array multiply(Array x, int y) { return multiply(x, literal(y)); }

  public static Array multiply(Array x, double y) { return multiply(x, literal(y)); }

  public static Array divide(int x, Array y) { return divide(literal(x), y); }

  public static Array divide(double x, Array y) { return divide(literal(x), y); }

  public static Array divide(Array x, int y) { return divide(x, literal(y)); }

  public static Array divide(Array x, double y) { return divide(x, literal(y)); }

  /** True division: integer operands are divided as float32, like {@code np.true_divide}. */
  public static Array divide(Array x, Array y) {
    ArgumentCheck.array("Jnp.divide", "x", x, "y", y);
    Array[] p = promote(x, y);
    if (!p[0].dtype().isFloating()) {
      p[0] = inexact(p[0]);
      p[1] = inexact(p[1]);
    }
    Array[] b = broadcastOperands("div", p);
    return Lax.div(b[0], b[1]);
  }

  /**
   * Division rounding toward negative infinity, like {@code np.floor_divide}, composed as JAX composes it so
   * that {@code floorDivide(x, y) * y + remainder(x, y) == x} wherever both are finite. Integers: the
   * truncating quotient, minus one where the operands' signs differ and the division was inexact; with
   * XLA's {@code x / 0 == -1} and {@code x % 0 == x} that makes a non-zero {@code x // 0} equal to -2. Floats:
   * CPython's {@code float_divmod}, {@code round((x - fmod(x, y)) / y)} stepped down by one where the
   * remainder's sign differs from {@code y}'s ({@code 1 // 0.1 == 9}, since {@code fmod(1, 0.1)} is
   * 0.09999999). Bool operands divide as int32.
   */
  public static Array floorDivide(Array x, Array y) {
    ArgumentCheck.array("Jnp.floorDivide", "x", x, "y", y);
    Array[] b = broadcastOperands("floor_divide", promoteNumeric(x, y));
    if (b[0].dtype().isFloating()) return floatFloorDivide(b[0], b[1]);
    Array q = Lax.div(b[0], b[1]);
    Array adjust = Lax.and(Lax.ne(Lax.sign(b[0]), Lax.sign(b[1])), notEqual(Lax.rem(b[0], b[1]), literal(0)));
    return Lax.selectN(adjust, q, subtract(q, literal(1)));
  }

  /** JAX's {@code _float_divmod(x, y)[0]}, equation for equation. */
  private static Array floatFloorDivide(Array x, Array y) {
    Array mod = Lax.rem(x, y);
    Array corrected = where(equal(y, literal(0)), x, Lax.sub(x, mod));
    Array div = Lax.div(corrected, y);
    Array adjust = Lax.and(notEqual(mod, literal(0)), Lax.ne(Lax.sign(y), Lax.sign(mod)));
    return Lax.round(Lax.selectN(adjust, div, subtract(div, literal(1.0))));
  }

  /**
   * NumPy's {@code remainder} ({@code %} in Python): the result has the sign of the divisor, unlike the
   * {@code rem} primitive, which follows the dividend. As in JAX, an integer {@code x % 0} is 0, and bool
   * operands divide as int32.
   */
  public static Array remainder(Array x, Array y) {
    ArgumentCheck.array("Jnp.remainder", "x", x, "y", y);
    Array[] b = broadcastOperands("remainder", promoteNumeric(x, y));
    Array divisor = b[1];
    Array zero = convert(literal(0), b[0].dtype(), false);
    if (!divisor.dtype().isFloating()) {
      // JAX's lax._ones(x2): a one of the divisor's own type, weak type included.
      Array one = convert(literal(1), divisor.dtype(), divisor.weakType());
      divisor = Lax.selectN(Lax.eq(divisor, zero), divisor, broadcastLike(one, divisor));
    }
    Array r = Lax.rem(b[0], divisor);
    // Where the truncated remainder is non-zero and its sign differs from the divisor's, step by one divisor.
    Array adjust = Lax.and(Lax.ne(r, zero), Lax.ne(Lax.lt(r, zero), Lax.lt(divisor, zero)));
    return Lax.selectN(adjust, r, Lax.add(r, divisor));
  }

  private static Array broadcastLike(Array scalar, Array like) {
    return like.ndim() == 0 ? scalar : broadcastTo(scalar, like.shape());
  }

  /** {@code x ** y}; bool operands are raised as int32, as {@code jnp.power} promotes them. */
  public static Array power(Array x, Array y) {
    ArgumentCheck.array("Jnp.power", "x", x, "y", y);
    Array[] p;
    if (x.dtype().isFloating() && y.dtype().isInteger()) {
      // JAX gives a float base and an integer exponent to lax.pow as they are: the result has the base's
      // dtype, and is weak only if both operands are.
      p = new Array[] {x, convert(y, x.dtype(), y.weakType())};
    } else {
      p = promoteNumeric(x, y);
    }
    Array[] b = broadcastOperands("pow", p);
    return Lax.pow(b[0], b[1]);
  }

  /** {@code x ** y} for a floating literal {@code y}: the {@code pow} primitive. */
  public static Array power(Array x, double y) { return power(x, literal(y)); }

  /** {@code x ** n} for an integer literal: {@code integer_pow}, as a Python int exponent is in JAX. */
  public static Array power(Array x, int n) {
    ArgumentCheck.array("Jnp.power", "x", x);
    return Lax.integerPow(promoteNumeric(x)[0], n);
  }

  public static Array maximum(Array x, Array y) {
    ArgumentCheck.array("Jnp.maximum", "x", x, "y", y);
    return binary("max", Lax::max, x, y);
  }

  public static Array minimum(Array x, Array y) {
    ArgumentCheck.array("Jnp.minimum", "x", x, "y", y);
    return binary("min", Lax::min, x, y);
  }

  public static Array greater(Array x, Array y) {
    ArgumentCheck.array("Jnp.greater", "x", x, "y", y);
    return binary("gt", Lax::gt, x, y);
  }

  public static Array less(Array x, Array y) {
    ArgumentCheck.array("Jnp.less", "x", x, "y", y);
    return binary("lt", Lax::lt, x, y);
  }

  public static Array greaterEqual(Array x, Array y) {
    ArgumentCheck.array("Jnp.greaterEqual", "x", x, "y", y);
    return binary("ge", Lax::ge, x, y);
  }

  public static Array lessEqual(Array x, Array y) {
    ArgumentCheck.array("Jnp.lessEqual", "x", x, "y", y);
    return binary("le", Lax::le, x, y);
  }

  public static Array equal(Array x, Array y) {
    ArgumentCheck.array("Jnp.equal", "x", x, "y", y);
    return binary("eq", Lax::eq, x, y);
  }

  public static Array notEqual(Array x, Array y) {
    ArgumentCheck.array("Jnp.notEqual", "x", x, "y", y);
    return binary("ne", Lax::ne, x, y);
  }

  public static Array logicalAnd(Array x, Array y) {
    ArgumentCheck.array("Jnp.logicalAnd", "x", x, "y", y);
    return binary("and", Lax::and, asBool(x), asBool(y));
  }

  public static Array logicalOr(Array x, Array y) {
    ArgumentCheck.array("Jnp.logicalOr", "x", x, "y", y);
    return binary("or", Lax::or, asBool(x), asBool(y));
  }

  public static Array logicalNot(Array x) {
    ArgumentCheck.array("Jnp.logicalNot", "x", x);
    return Lax.not(asBool(x));
  }

  /** {@code jnp.bitwise_and}: and of the bits of integers (logical and of bools), after promotion. */
  public static Array bitwiseAnd(Array x, Array y) {
    ArgumentCheck.array("Jnp.bitwiseAnd", "x", x, "y", y);
    return binary("and", Lax::and, x, y);
  }

  /** {@code jnp.bitwise_or}. */
  public static Array bitwiseOr(Array x, Array y) {
    ArgumentCheck.array("Jnp.bitwiseOr", "x", x, "y", y);
    return binary("or", Lax::or, x, y);
  }

  /** {@code jnp.bitwise_xor}. */
  public static Array bitwiseXor(Array x, Array y) {
    ArgumentCheck.array("Jnp.bitwiseXor", "x", x, "y", y);
    return binary("xor", Lax::xor, x, y);
  }

  /** {@code jnp.invert} ({@code ~x}): every bit flipped; not of a bool. */
  public static Array invert(Array x) {
    ArgumentCheck.array("Jnp.invert", "x", x);
    return Lax.not(x);
  }

  /** {@code jnp.left_shift}: {@code x << y}, 0 once the count reaches the width. */
  public static Array leftShift(Array x, Array y) {
    ArgumentCheck.array("Jnp.leftShift", "x", x, "y", y);
    return binary("shift_left", Lax::shiftLeft, x, y);
  }

  /**
   * {@code jnp.right_shift}: {@code x >> y}, arithmetic (the sign shifts in) for signed integers and logical for
   * unsigned ones, as NumPy shifts.
   */
  public static Array rightShift(Array x, Array y) {
    ArgumentCheck.array("Jnp.rightShift", "x", x, "y", y);
    Array[] p = promote(x, y);
    return binary("shift_right", p[0].dtype().isUnsigned() ? Lax::shiftRightLogical : Lax::shiftRightArithmetic,
        p[0], p[1]);
  }

  private static Array asBool(Array x) {
    return x.dtype() == DType.BOOL ? x : notEqual(x, literal(0));
  }

  public static Array negative(Array x) {
    ArgumentCheck.array("Jnp.negative", "x", x);
    return Lax.neg(x);
  }

  public static Array negative(double x) { return negative(literal(x)); }

  public static Array exp(Array x) {
    ArgumentCheck.array("Jnp.exp", "x", x);
    return Lax.exp(inexact(x));
  }

  public static Array exp(double x) { return exp(literal(x)); }

  public static Array log(Array x) {
    ArgumentCheck.array("Jnp.log", "x", x);
    return Lax.log(inexact(x));
  }

  public static Array log(double x) { return log(literal(x)); }

  /** {@code log(x) / log(2)}, as {@code jnp.log2} computes it. */
  public static Array log2(Array x) {
    ArgumentCheck.array("Jnp.log2", "x", x);
    Array fx = inexact(x);
    // JAX's _constant_like(x, 2) is a strong constant, so log2 of a weak value is strong.
    return Lax.div(Lax.log(fx), Lax.log(convert(literal(2.0), fx.dtype(), false)));
  }

  public static Array log2(double x) { return log2(literal(x)); }

  /** {@code log(x) / log(10)}, as {@code jnp.log10} computes it. */
  public static Array log10(Array x) {
    ArgumentCheck.array("Jnp.log10", "x", x);
    Array fx = inexact(x);
    return Lax.div(Lax.log(fx), Lax.log(convert(literal(10.0), fx.dtype(), false)));
  }

  /** {@code 2^x}: {@code jnp.exp2}, exact at integer {@code x}. */
  public static Array exp2(Array x) {
    ArgumentCheck.array("Jnp.exp2", "x", x);
    Array fx = inexact(x);
    return Lax.pow(convert(literal(2.0), fx.dtype(), false), fx);
  }

  /** {@code 1 / sqrt(x)}: {@code jax.lax.rsqrt}, as {@code jnp} users write it. */
  public static Array rsqrt(Array x) {
    ArgumentCheck.array("Jnp.rsqrt", "x", x);
    return Lax.rsqrt(inexact(x));
  }

  /** {@code 1 / x}: {@code jnp.reciprocal}, {@code integer_pow[y=-1]} as JAX stages it. */
  public static Array reciprocal(Array x) {
    ArgumentCheck.array("Jnp.reciprocal", "x", x);
    return Lax.integerPow(inexact(x), -1);
  }

  /** Whether each element is NaN: {@code jnp.isnan} ({@code x != x}); false for integers. */
  public static Array isnan(Array x) {
    ArgumentCheck.array("Jnp.isnan", "x", x);
    return Lax.ne(x, x);
  }

  /** Whether each element is neither infinite nor NaN: {@code jnp.isfinite}; true for integers and bools. */
  public static Array isfinite(Array x) {
    ArgumentCheck.array("Jnp.isfinite", "x", x);
    if (!x.dtype().isFloating()) return Lax.eq(x, x);
    return Lax.lt(Lax.abs(x), convert(literal(Double.POSITIVE_INFINITY), x.dtype(), false));
  }

  /** Whether each element is infinite (either sign): {@code jnp.isinf}; false for integers and bools. */
  public static Array isinf(Array x) {
    ArgumentCheck.array("Jnp.isinf", "x", x);
    if (!x.dtype().isFloating()) return Lax.ne(x, x);
    return Lax.eq(Lax.abs(x), convert(literal(Double.POSITIVE_INFINITY), x.dtype(), false));
  }

  /**
   * {@code log(exp(x) + exp(y))} without overflow: {@code jnp.logaddexp}, as {@code m + log(exp(x - m) + exp(y - m))}
   * with {@code m = max(x, y)} held constant under differentiation, so the gradient is JAX's custom one,
   * {@code exp(x - out)}, ties included; {@code x + y} where {@code x - y} is NaN (both infinite), and {@code m}
   * where it is infinite.
   */
  public static Array logaddexp(Array x, Array y) {
    ArgumentCheck.array("Jnp.logaddexp", "x", x, "y", y);
    Array[] xy = promote(inexact(x), inexact(y));
    Array a = xy[0], b = xy[1];
    Array delta = Lax.sub(a, b);
    Array m = dev.olympus.primitive.StopGradient.STOP_GRADIENT.bind1(dev.olympus.primitive.Params.NONE, Lax.max(a, b));
    Array smooth = Lax.add(m, Lax.log(Lax.add(Lax.exp(Lax.sub(a, m)), Lax.exp(Lax.sub(b, m)))));
    Array infinite = Lax.not(isfinite(m));
    return where(Lax.ne(delta, delta), Lax.add(a, b), where(Lax.and(infinite, Lax.eq(m, m)), m, smooth));
  }

  /**
   * Whether every element of {@code a} is within {@code atol + rtol * |b|} of {@code b}, a 0-d bool:
   * {@code jnp.allclose} (equal infinities are close, NaN is close to nothing).
   */
  public static Array allclose(Array a, Array b, double rtol, double atol) {
    ArgumentCheck.array("Jnp.allclose", "a", a, "b", b);
    Array[] ab = promote(inexact(a), inexact(b));
    Array x = ab[0], y = ab[1];
    Array tolerance = Lax.add(convert(literal(atol), y.dtype(), false),
        Lax.mul(convert(literal(rtol), y.dtype(), false), Lax.abs(y)));
    Array close = Lax.le(Lax.abs(Lax.sub(x, y)), tolerance);
    Array infinite = Lax.or(Lax.not(isfinite(x)), Lax.not(isfinite(y)));
    return all(where(Lax.and(infinite, Lax.eq(x, x)), Lax.eq(x, y), close));
  }

  /** {@link #allclose(Array, Array, double, double)} with JAX's defaults, {@code rtol = 1e-5, atol = 1e-8}. */
  public static Array allclose(Array a, Array b) {
    return allclose(a, b, 1e-5, 1e-8);
  }

  public static Array log1p(Array x) {
    ArgumentCheck.array("Jnp.log1p", "x", x);
    return Lax.log1p(inexact(x));
  }

  public static Array expm1(Array x) {
    ArgumentCheck.array("Jnp.expm1", "x", x);
    return Lax.expm1(inexact(x));
  }

  public static Array sqrt(Array x) {
    ArgumentCheck.array("Jnp.sqrt", "x", x);
    return Lax.sqrt(inexact(x));
  }

  public static Array sqrt(double x) { return sqrt(literal(x)); }

  public static Array sin(Array x) {
    ArgumentCheck.array("Jnp.sin", "x", x);
    return Lax.sin(inexact(x));
  }

  public static Array sin(double x) { return sin(literal(x)); }

  public static Array cos(Array x) {
    ArgumentCheck.array("Jnp.cos", "x", x);
    return Lax.cos(inexact(x));
  }

  public static Array cos(double x) { return cos(literal(x)); }

  public static Array tan(Array x) {
    ArgumentCheck.array("Jnp.tan", "x", x);
    return Lax.tan(inexact(x));
  }

  /** {@code jnp.arcsin}: NaN outside [-1, 1]; integers promote to float32. */
  public static Array arcsin(Array x) {
    ArgumentCheck.array("Jnp.arcsin", "x", x);
    return Lax.asin(inexact(x));
  }

  /** {@code jnp.arccos}: NaN outside [-1, 1]; integers promote to float32. */
  public static Array arccos(Array x) {
    ArgumentCheck.array("Jnp.arccos", "x", x);
    return Lax.acos(inexact(x));
  }

  /** {@code jnp.arctan}; integers promote to float32. */
  public static Array arctan(Array x) {
    ArgumentCheck.array("Jnp.arctan", "x", x);
    return Lax.atan(inexact(x));
  }

  public static Array tanh(Array x) {
    ArgumentCheck.array("Jnp.tanh", "x", x);
    return Lax.tanh(inexact(x));
  }

  public static Array tanh(double x) { return tanh(literal(x)); }

  public static Array abs(Array x) {
    ArgumentCheck.array("Jnp.abs", "x", x);
    return x.dtype().isBool() ? x : Lax.abs(x);
  }

  public static Array abs(double x) { return abs(literal(x)); }

  public static Array sign(Array x) {
    ArgumentCheck.array("Jnp.sign", "x", x);
    return Lax.sign(x);
  }

  public static Array sign(double x) { return sign(literal(x)); }

  public static Array floor(Array x) {
    ArgumentCheck.array("Jnp.floor", "x", x);
    return x.dtype().isFloating() ? Lax.floor(x) : x;
  }

  public static Array ceil(Array x) {
    ArgumentCheck.array("Jnp.ceil", "x", x);
    return x.dtype().isFloating() ? Lax.ceil(x) : x;
  }

  public static Array square(Array x) {
    ArgumentCheck.array("Jnp.square", "x", x);
    return Lax.integerPow(promoteNumeric(x)[0], 2);
  }

  /** The logistic sigmoid {@code 1 / (1 + exp(-x))}. */
  public static Array logistic(Array x) {
    ArgumentCheck.array("Jnp.logistic", "x", x);
    return Lax.logistic(inexact(x));
  }

  public static Array clip(Array x, double lo, double hi) {
    ArgumentCheck.array("Jnp.clip", "x", x);
    return minimum(maximum(x, literal(lo)), literal(hi));
  }

  /** {@code cond ? x : y} elementwise, broadcasting all three (JAX lowers it to {@code select_n(cond, y, x)}). */
  public static Array where(Array cond, Array x, Array y) {
    ArgumentCheck.array("Jnp.where", "cond", cond, "x", x, "y", y);
    Array c = asBool(cond);
    Array[] p = promote(x, y);
    int[] shape = broadcastShapes("where", c.shape(), p[0].shape(), p[1].shape());
    return Lax.selectN(broadcastTo(c, shape), broadcastTo(p[1], shape), broadcastTo(p[0], shape));
  }

  public static Array where(Array cond, double x, Array y) { return where(cond, literal(x), y); }

  public static Array where(Array cond, Array x, double y) { return where(cond, x, literal(y)); }

  public static Array where(Array cond, double x, double y) { return where(cond, literal(x), literal(y)); }

  // Integer literals are weak int32, as Python ints are: where(c, intArray, 0) stays int32.

  public static Array where(Array cond, int x, Array y) { return where(cond, literal(x), y); }

  public static Array where(Array cond, Array x, int y) { return where(cond, x, literal(y)); }

  public static Array where(Array cond, int x, int y) { return where(cond, literal(x), literal(y)); }

  // ---- reductions ----------------------------------------------------------------------------------------

  private static int[] reductionAxes(String op, Array x, int[] axes) {
    if (axes.length == 0) {
      int[] all = new int[x.ndim()];
      for (int i = 0; i < all.length; i++) all[i] = i;
      return all;
    }
    return ShapeRules.axes(op, axes, x.ndim());
  }

  // Reductions return strongly typed arrays, as jnp's do: a weakly typed operand (x + 1.5 on an int array) is
  // converted to its strong dtype first (JAX's _reduction does the same convert_element_type).

  /**
   * The dtype {@code jnp.sum} and {@code jnp.prod} return: bool and the signed integers narrower than 32 bits
   * accumulate as int32, the narrower unsigned ones as uint32 (NumPy's rule on 32-bit defaults); others as
   * themselves (bf16 and f16 compute in f32 inside the reduction and round once).
   */
  private static DType accumulationType(DType d) {
    if (d.isBool() || d == DType.I8 || d == DType.I16) return DType.I32;
    if (d == DType.U8 || d == DType.U16) return DType.U32;
    return d;
  }

  /** Sum over {@code axes} (all when none given); bool and int sum as int32 like NumPy on 32-bit defaults. */
  public static Array sum(Array x, int... axes) {
    ArgumentCheck.array("Jnp.sum", "x", x);
    ArgumentCheck.ints("Jnp.sum", "axes", axes);
    Array v = convert(x, accumulationType(x.dtype()), false);
    return Lax.reduceSum(v, reductionAxes("sum", x, axes));
  }

  /**
   * {@code jnp.prod}: the product over {@code axes} (all when none), bools as int32; its gradient is the
   * product of the other elements, finite at zeros as JAX's.
   */
  public static Array prod(Array x, int... axes) {
    ArgumentCheck.array("Jnp.prod", "x", x);
    ArgumentCheck.ints("Jnp.prod", "axes", axes);
    Array v = convert(x, accumulationType(x.dtype()), false);
    return Lax.reduceProd(v, reductionAxes("prod", x, axes));
  }

  /** {@code jnp.prod(x, axes, keepdims=keepdims)}. */
  public static Array prod(Array x, int[] axes, boolean keepdims) {
    ArgumentCheck.array("Jnp.prod", "x", x);
    ArgumentCheck.ints("Jnp.prod", "axes", axes);
    return keptDims(prod(x, axes), x, reductionAxes("prod", x, axes), keepdims);
  }

  public static Array mean(Array x, int... axes) {
    ArgumentCheck.array("Jnp.mean", "x", x);
    ArgumentCheck.ints("Jnp.mean", "axes", axes);
    int[] ax = reductionAxes("mean", x, axes);
    long n = 1;
    for (int a : ax) n *= x.shape()[a];
    Array v = x.dtype().isBool() ? convert(x, DType.I32, false) : x;
    DType result = TypePromotion.inexact(v.dtype()), compute = result.computeType();
    Array s = Lax.reduceSum(convert(v, compute, false), ax);
    return convert(Lax.div(s, convert(literal((double) n), compute, false)), result, false);
  }

  /** {@code jnp.sum(x, axes, keepdims=keepdims)}: with {@code keepdims} the reduced axes stay, of size 1. */
  public static Array sum(Array x, int[] axes, boolean keepdims) {
    ArgumentCheck.array("Jnp.sum", "x", x);
    ArgumentCheck.ints("Jnp.sum", "axes", axes);
    return keptDims(sum(x, axes), x, reductionAxes("sum", x, axes), keepdims);
  }

  /** {@code jnp.mean(x, axes, keepdims=keepdims)}. */
  public static Array mean(Array x, int[] axes, boolean keepdims) {
    ArgumentCheck.array("Jnp.mean", "x", x);
    ArgumentCheck.ints("Jnp.mean", "axes", axes);
    return keptDims(mean(x, axes), x, reductionAxes("mean", x, axes), keepdims);
  }

  /** {@code jnp.max(x, axes, keepdims=keepdims)}. */
  public static Array max(Array x, int[] axes, boolean keepdims) {
    ArgumentCheck.array("Jnp.max", "x", x);
    ArgumentCheck.ints("Jnp.max", "axes", axes);
    return keptDims(max(x, axes), x, reductionAxes("max", x, axes), keepdims);
  }

  /** {@code jnp.min(x, axes, keepdims=keepdims)}. */
  public static Array min(Array x, int[] axes, boolean keepdims) {
    ArgumentCheck.array("Jnp.min", "x", x);
    ArgumentCheck.ints("Jnp.min", "axes", axes);
    return keptDims(min(x, axes), x, reductionAxes("min", x, axes), keepdims);
  }

  /** {@code jnp.var(x, axes, keepdims=keepdims)}. */
  public static Array var(Array x, int[] axes, boolean keepdims) {
    ArgumentCheck.array("Jnp.var", "x", x);
    ArgumentCheck.ints("Jnp.var", "axes", axes);
    return keptDims(var(x, axes), x, reductionAxes("var", x, axes), keepdims);
  }

  /** The reduced value {@code r} of {@code x} over {@code axes}, with those axes put back as size 1 when asked. */
  private static Array keptDims(Array r, Array x, int[] axes, boolean keepdims) {
    if (!keepdims) return r;
    int[] dims = x.shape();
    for (int a : axes) dims[a] = 1;
    return Lax.reshape(r, dims);
  }

  /** Variance over {@code axes} (all when none given), {@code ddof = 0}: {@code jnp.var}. */
  public static Array var(Array x, int... axes) {
    ArgumentCheck.array("Jnp.var", "x", x);
    ArgumentCheck.ints("Jnp.var", "axes", axes);
    return var(x, axes, 0);
  }

  /**
   * Variance with {@code ddof} delta degrees of freedom: {@code sum((x - mean)^2) / (n - ddof)}, as
   * {@code jnp.var(x, axis, ddof=ddof)} (NaN when {@code n <= ddof}, as JAX).
   */
  public static Array var(Array x, int[] axes, int ddof) {
    ArgumentCheck.array("Jnp.var", "x", x);
    ArgumentCheck.ints("Jnp.var", "axes", axes);
    int[] ax = reductionAxes("var", x, axes);
    long n = 1;
    for (int a : ax) n *= x.shape()[a];
    Array v = x.dtype().isBool() ? convert(x, DType.I32, false) : x;
    // bf16 and f16 compute in f32 and round once, as jnp's reductions upcast them.
    DType result = TypePromotion.inexact(v.dtype());
    v = convert(v, result.computeType(), false);
    Array mean = Lax.div(Lax.reduceSum(v, ax), convert(literal((double) n), v.dtype(), false));
    Array centered = Lax.sub(v, Lax.broadcastInDim(mean, v.shape(), keptAxes(v.ndim(), ax)));
    Array squares = Lax.reduceSum(Lax.mul(centered, centered), ax);
    // JAX divides by n - ddof where that is positive and gives NaN where it is not; which one held is a condition
    // on the size when n is a symbol's (a javac-time kernel is guarded by it).
    boolean positive = ddof > 0 && n <= Integer.MAX_VALUE ? SizeCondition.atLeast((int) n, (long) ddof + 1)
        : n - ddof > 0;
    double divisor = positive ? (double) (n - ddof) : Double.NaN;
    return convert(Lax.div(squares, convert(literal(divisor), v.dtype(), false)), result, false);
  }

  /** Standard deviation over {@code axes}, {@code ddof = 0}: {@code jnp.std}. */
  public static Array std(Array x, int... axes) {
    return std(x, axes, 0);
  }

  /** Standard deviation with {@code ddof} delta degrees of freedom: {@code jnp.std(x, axis, ddof=ddof)}. */
  public static Array std(Array x, int[] axes, int ddof) {
    ArgumentCheck.array("Jnp.std", "x", x);
    ArgumentCheck.ints("Jnp.std", "axes", axes);
    return Lax.sqrt(var(x, axes, ddof));
  }

  /**
   * Running sums along {@code axis} (negative counts from the end): {@code jnp.cumsum}. Bools and narrower ints
   * sum as int32, weak values as their strong dtype, as jnp does.
   */
  public static Array cumsum(Array x, int axis) {
    return cumulative("Jnp.cumsum", Cumulative.CUMSUM, x, axis);
  }

  /**
   * Running products along {@code axis} (negative counts from the end): {@code jnp.cumprod}. Bools multiply as
   * int32, weak values as their strong dtype, as jnp does.
   */
  public static Array cumprod(Array x, int axis) {
    return cumulative("Jnp.cumprod", Cumulative.CUMPROD, x, axis);
  }

  private static Array cumulative(String op, Cumulative p, Array x, int axis) {
    ArgumentCheck.array(op, "x", x);
    Array v = x.dtype().isBool() ? convert(x, DType.I32, false) : convert(x, x.dtype(), false);
    return p.bind1(Cumulative.params(ShapeRules.axis(op, axis, x.ndim()), false), v);
  }

  /**
   * {@code x} with the order of its elements reversed along {@code axes} (negative counts from the end), or
   * along every axis when none is given: {@code jnp.flip}.
   */
  public static Array flip(Array x, int... axes) {
    ArgumentCheck.array("Jnp.flip", "x", x);
    ArgumentCheck.ints("Jnp.flip", "axes", axes);
    int[] dims = axes.length == 0 ? java.util.stream.IntStream.range(0, x.ndim()).toArray() : new int[axes.length];
    for (int i = 0; i < axes.length; i++) dims[i] = ShapeRules.axis("Jnp.flip", axes[i], x.ndim());
    return Lax.rev(x, dims);
  }

  /** {@code x} sorted along {@code axis} (negative counts from the end), stably, NaN last: {@code jnp.sort}. */
  public static Array sort(Array x, int axis) {
    ArgumentCheck.array("Jnp.sort", "x", x);
    return Sort.SORT.bind1(Sort.params(ShapeRules.axis("sort", axis, x.ndim())), convert(x, x.dtype(), false));
  }

  /**
   * The indices that sort {@code x} along {@code axis}, int32, stable (equal elements keep their order), NaN
   * last: {@code jnp.argsort}, as JAX computes it (a sort of {@code (x, iota)} keyed on {@code x}).
   */
  public static Array argsort(Array x, int axis) {
    ArgumentCheck.array("Jnp.argsort", "x", x);
    int a = ShapeRules.axis("argsort", axis, x.ndim());
    Array iota = Lax.iota(DType.I32, x.shape(), a);
    return Sort.SORT.bind(Sort.params(a), List.of(convert(x, x.dtype(), false), iota)).get(1);
  }

  /**
   * The elements of {@code x} at {@code indices} along {@code axis} (negative counts from the end):
   * {@code jnp.take}. The result's shape is {@code x}'s with that axis replaced by the indices' shape. Negative
   * indices count from the end; an index still out of range gives NaN (floats), the least integer, or true,
   * as JAX's default {@code mode="fill"} does.
   */
  public static Array take(Array x, Array indices, int axis) {
    return Indexing.take("Jnp.take", x, indices, axis, dev.olympus.primitive.GatherScatterMode.FILL_OR_DROP);
  }

  /** {@code jnp.take(x, indices)} without an axis: indices into {@code x} flattened. */
  public static Array take(Array x, Array indices) {
    ArgumentCheck.array("Jnp.take", "x", x);
    return take(x.reshape(-1), indices, 0);
  }

  /**
   * {@code jnp.take_along_axis}: {@code indices} (of {@code x}'s rank) pick elements along {@code axis}, the other
   * axes broadcasting between the two, as {@code argsort}'s or {@code argmax}'s results index their input.
   */
  public static Array takeAlongAxis(Array x, Array indices, int axis) {
    return Indexing.takeAlongAxis(x, indices, axis);
  }

  /** The index of the first largest element along {@code axis} (negative counts from the end), int32; NaN wins. */
  public static Array argmax(Array x, int axis) {
    ArgumentCheck.array("Jnp.argmax", "x", x);
    return ArgReduce.ARGMAX.bind1(ArgReduce.params(ShapeRules.axis("argmax", axis, x.ndim())), x);
  }

  /** The index of the first smallest element along {@code axis} (negative counts from the end), int32; NaN wins. */
  public static Array argmin(Array x, int axis) {
    ArgumentCheck.array("Jnp.argmin", "x", x);
    return ArgReduce.ARGMIN.bind1(ArgReduce.params(ShapeRules.axis("argmin", axis, x.ndim())), x);
  }

  private static int[] keptAxes(int rank, int[] axes) {
    int[] kept = new int[rank - axes.length];
    int k = 0;
    for (int d = 0; d < rank; d++) if (java.util.Arrays.binarySearch(axes, d) < 0) kept[k++] = d;
    return kept;
  }

  public static Array max(Array x, int... axes) {
    ArgumentCheck.array("Jnp.max", "x", x);
    ArgumentCheck.ints("Jnp.max", "axes", axes);
    int[] ax = reductionAxes("max", x, axes);
    requireNonEmpty("max", x, ax);
    return Lax.reduceMax(convert(x, x.dtype(), false), ax);
  }

  public static Array min(Array x, int... axes) {
    ArgumentCheck.array("Jnp.min", "x", x);
    ArgumentCheck.ints("Jnp.min", "axes", axes);
    int[] ax = reductionAxes("min", x, axes);
    requireNonEmpty("min", x, ax);
    return Lax.reduceMin(convert(x, x.dtype(), false), ax);
  }

  public static Array any(Array x, int... axes) {
    ArgumentCheck.array("Jnp.any", "x", x);
    ArgumentCheck.ints("Jnp.any", "axes", axes);
    return Lax.reduceMax(convert(x, DType.BOOL, false), reductionAxes("any", x, axes));
  }

  public static Array all(Array x, int... axes) {
    ArgumentCheck.array("Jnp.all", "x", x);
    ArgumentCheck.ints("Jnp.all", "axes", axes);
    return Lax.reduceMin(convert(x, DType.BOOL, false), reductionAxes("all", x, axes));
  }

  private static void requireNonEmpty(String op, Array x, int[] axes) {
    // aval(): the check only rejects empty arrays, and a size-generic trace never serves an empty one.
    int[] dims = x.aval().shape().dims();
    for (int a : axes) {
      if (dims[a] == 0) {
        throw ShapeRules.error(op, "zero-size array to reduction operation " + op + " which has no identity (shape "
            + Shape.tuple(dims) + ", axis " + a + ")");
      }
    }
  }

  // ---- shape manipulation --------------------------------------------------------------------------------

  /** Reshape with at most one {@code -1} inferred, like NumPy. */
  public static Array reshape(Array x, int... shape) {
    ArgumentCheck.array("Jnp.reshape", "x", x);
    ArgumentCheck.ints("Jnp.reshape", "shape", shape);
    int[] s = shape.clone();
    int infer = -1;
    long known = 1;
    for (int i = 0; i < s.length; i++) {
      if (s[i] == -1) {
        if (infer >= 0) throw ShapeRules.error("reshape", "can only infer one dimension, got " + Shape.tuple(shape));
        infer = i;
      } else if (s[i] < 0) {
        throw ShapeRules.error("reshape", "negative dimension in " + Shape.tuple(shape) + "; only -1 may be "
            + "negative, to infer that dimension from the others");
      } else {
        // Saturated past any array's size, so many large dimensions cannot wrap a long around.
        known = Math.min(known * s[i], Shape.MAX_SIZE + 1);
      }
    }
    if (infer >= 0) {
      if (known == 0 || x.size() % known != 0) {
        throw ShapeRules.error("reshape", "cannot reshape array of size " + x.size() + " into shape "
            + Shape.tuple(shape));
      }
      s[infer] = (int) (x.size() / known);
    }
    if (Arrays.equals(s, x.shape())) return x;
    return Lax.reshape(x, s);
  }

  /** Reverses the axes. */
  public static Array transpose(Array x) {
    ArgumentCheck.array("Jnp.transpose", "x", x);
    int[] perm = new int[x.ndim()];
    for (int i = 0; i < perm.length; i++) perm[i] = perm.length - 1 - i;
    return Lax.transpose(x, perm);
  }

  /**
   * {@code jnp.tile(x, reps)}: {@code x} repeated {@code reps[k]} times along each axis. With fewer reps than
   * axes the reps are padded with leading 1s; with more, {@code x} gets leading axes of size 1, as NumPy does.
   * One {@code broadcast_in_dim} to {@code (r0, s0, r1, s1, ...)} and a {@code reshape}, so it traces, jits,
   * differentiates (the transpose sums the copies) and vmaps as those do.
   */
  public static Array tile(Array x, int... reps) {
    ArgumentCheck.array("Jnp.tile", "x", x);
    ArgumentCheck.ints("Jnp.tile", "reps", reps);
    for (int r : reps) {
      if (r < 0) {
        throw ArgumentCheck.invalid("Jnp.tile", "reps", "has the negative count " + r + " in "
            + java.util.Arrays.toString(reps), "pass counts of 0 or more");
      }
    }
    int rank = Math.max(x.ndim(), reps.length);
    int[] shape = new int[rank], r = new int[rank];
    int[] xs = x.shape();
    for (int k = 0; k < rank; k++) {
      shape[k] = k < rank - xs.length ? 1 : xs[k - (rank - xs.length)];
      r[k] = k < rank - reps.length ? 1 : reps[k - (rank - reps.length)];
    }
    Array v = x.ndim() == rank ? x : Lax.reshape(x, shape);
    int[] wide = new int[2 * rank], dims = new int[rank], out = new int[rank];
    for (int k = 0; k < rank; k++) {
      wide[2 * k] = r[k];
      wide[2 * k + 1] = shape[k];
      dims[k] = 2 * k + 1;
      out[k] = r[k] * shape[k];
    }
    return Lax.reshape(Lax.broadcastInDim(v, wide, dims), out);
  }

  /**
   * {@code jnp.repeat(x, repeats, axis)}: each element repeated {@code repeats} times along {@code axis} (negative
   * counts from the end); {@code [1, 2]} repeated twice is {@code [1, 1, 2, 2]}. A {@code broadcast_in_dim} that
   * inserts a copy axis after {@code axis}, then a {@code reshape} that merges the two.
   */
  public static Array repeat(Array x, int repeats, int axis) {
    ArgumentCheck.array("Jnp.repeat", "x", x);
    if (repeats < 0) {
      throw ArgumentCheck.invalid("Jnp.repeat", "repeats", "is " + repeats, "pass a count of 0 or more");
    }
    int rank = x.ndim();
    if (axis < -rank || axis >= rank) {
      throw ArgumentCheck.shapeError("Jnp.repeat", "axis", "is " + axis + " for an array of rank " + rank,
          "pass an axis in [" + -rank + ", " + rank + ")");
    }
    int a = axis < 0 ? axis + rank : axis;
    int[] xs = x.shape();
    int[] wide = new int[rank + 1], dims = new int[rank], out = xs.clone();
    for (int k = 0, w = 0; k < rank; k++) {
      dims[k] = w;
      wide[w++] = xs[k];
      if (k == a) wide[w++] = repeats;
    }
    out[a] = xs[a] * repeats;
    return Lax.reshape(Lax.broadcastInDim(x, wide, dims), out);
  }

  /** {@code jnp.repeat(x, repeats)} with no axis: over the flattened elements. */
  public static Array repeat(Array x, int repeats) {
    ArgumentCheck.array("Jnp.repeat", "x", x);
    return repeat(Lax.reshape(x, (int) x.size()), repeats, 0);
  }

  /**
   * {@code jnp.pad(x, pad_width)} with {@code mode='constant'}: {@code padWidth[k] = {before, after}} zeros on
   * each side of axis {@code k} (one pair for every axis). The {@code pad} primitive underneath, so gradients
   * slice the padding back off.
   */
  public static Array pad(Array x, int[][] padWidth) {
    return pad(x, padWidth, 0);
  }

  /** {@link #pad(Array, int[][])} with {@code constant_values=value} (weakly typed, so it takes x's dtype). */
  public static Array pad(Array x, int[][] padWidth, double value) {
    ArgumentCheck.array("Jnp.pad", "x", x);
    ArgumentCheck.nonNull("Jnp.pad", "padWidth", padWidth, "pass one {before, after} pair per axis");
    int rank = x.ndim();
    int[][] widths = padWidth.length == 1 && rank != 1 ? new int[rank][] : padWidth;
    if (widths != padWidth) java.util.Arrays.fill(widths, padWidth[0]);
    if (widths.length != rank) {
      throw ArgumentCheck.shapeError("Jnp.pad", "padWidth", "has " + widths.length + " pairs for an array of rank "
          + rank, "pass one {before, after} pair per axis, or a single pair for all of them");
    }
    int[] low = new int[rank], high = new int[rank];
    for (int k = 0; k < rank; k++) {
      int[] w = widths[k];
      if (w == null || w.length != 2 || w[0] < 0 || w[1] < 0) {
        throw ArgumentCheck.invalid("Jnp.pad", "padWidth", "pair " + k + " is " + java.util.Arrays.toString(w),
            "pass {before, after} with both 0 or more");
      }
      low[k] = w[0];
      high[k] = w[1];
    }
    return Lax.pad(x, convert(literal(value), x.dtype(), false), low, high, new int[rank]);
  }

  /** Permutes the axes (negative axes count from the end); no axes reverses them, like NumPy. */
  public static Array transpose(Array x, int... axes) {
    ArgumentCheck.array("Jnp.transpose", "x", x);
    ArgumentCheck.ints("Jnp.transpose", "axes", axes);
    if (axes.length == 0) return transpose(x);
    int[] perm = new int[axes.length];
    for (int i = 0; i < axes.length; i++) perm[i] = ShapeRules.axis("transpose", axes[i], x.ndim());
    return Lax.transpose(x, perm);
  }

  public static Array astype(Array x, DType dtype) {
    ArgumentCheck.array("Jnp.astype", "x", x);
    ArgumentCheck.dtype("Jnp.astype", "dtype", dtype);
    return convert(x, dtype, false);
  }

  public static Array expandDims(Array x, int axis) {
    ArgumentCheck.array("Jnp.expandDims", "x", x);
    int rank = x.ndim() + 1;
    int a = ShapeRules.axis("expand_dims", axis, rank);
    int[] shape = new int[rank];
    int[] dims = new int[x.ndim()];
    for (int i = 0, k = 0; i < rank; i++) {
      if (i == a) {
        shape[i] = 1;
      } else {
        shape[i] = x.shape()[k];
        dims[k] = i;
        k++;
      }
    }
    return Lax.broadcastInDim(x, shape, dims);
  }

  public static Array squeeze(Array x, int... axes) {
    ArgumentCheck.array("Jnp.squeeze", "x", x);
    ArgumentCheck.ints("Jnp.squeeze", "axes", axes);
    if (axes.length == 0) {
      List<Integer> ones = new ArrayList<>();
      for (int i = 0; i < x.ndim(); i++) if (x.shape()[i] == 1) ones.add(i);
      axes = ones.stream().mapToInt(Integer::intValue).toArray();
    }
    return Lax.squeeze(x, ShapeRules.axes("squeeze", axes, x.ndim()));
  }

  public static Array concatenate(List<Array> xs, int axis) {
    ArgumentCheck.arrayList("Jnp.concatenate", "xs", xs);
    if (xs.isEmpty()) throw ShapeRules.error("concatenate", "needs at least one array");
    Array[] p = promote(xs.toArray(new Array[0]));
    int a = ShapeRules.axis("concatenate", axis, Math.max(1, p[0].ndim()));
    return Lax.concatenate(Arrays.asList(p), a);
  }

  public static Array stack(List<Array> xs, int axis) {
    ArgumentCheck.arrayList("Jnp.stack", "xs", xs);
    if (xs.isEmpty()) throw ShapeRules.error("stack", "needs at least one array");
    List<Array> expanded = new ArrayList<>();
    for (Array x : xs) expanded.add(expandDims(x, axis));
    return concatenate(expanded, axis);
  }

  /** {@code x[start:stop]} along {@code axis} with a step, as a static slice. */
  public static Array slice(Array x, int axis, int start, int stop, int step) {
    ArgumentCheck.array("Jnp.slice", "x", x);
    int a = ShapeRules.axis("slice", axis, x.ndim());
    int[] st = new int[x.ndim()];
    int[] lim = x.shape();
    int[] steps = new int[x.ndim()];
    Arrays.fill(steps, 1);
    st[a] = start;
    lim[a] = stop;
    steps[a] = step;
    return Lax.slice(x, st, lim, steps);
  }

  /**
   * {@code x[mask]}: the elements where {@code mask} is true, flattened. Only possible on concrete arrays,
   * because the result's length depends on the mask's values.
   */
  public static Array booleanIndex(Array x, Array mask) {
    ArgumentCheck.array("Jnp.booleanIndex", "x", x, "mask", mask);
    if (x.isTracer() || mask.isTracer()) {
      throw new NonConcreteBooleanIndexException(
          "Array boolean indices must be concrete; got " + (mask.isTracer() ? mask : x) + ".\n"
              + "The shape of x[mask] depends on how many mask values are true, which is not known while "
              + "tracing, and compiled code needs static shapes. Fix: keep the shape and zero out the rest with "
              + "Jnp.where(mask, x, 0), or reduce with Jnp.sum(Jnp.where(mask, x, 0))."
              + SourceLocation.suffix());
    }
    if (!Arrays.equals(x.shape(), mask.shape())) {
      throw ShapeRules.error("boolean_index", "mask shape " + Shape.tuple(mask.shape()) + " must equal array shape "
          + Shape.tuple(x.shape()));
    }
    Storage s = x.storage();
    boolean[] m = mask.storage().convert(DType.BOOL).bool();
    int count = 0;
    for (boolean b : m) if (b) count++;
    Storage out = Storage.allocate(x.dtype(), Shape.of(count));
    for (int i = 0, k = 0; i < m.length; i++) if (m[i]) out.copyElement(s, i, k++);
    return Array.fromStorage(out, x.weakType());
  }

  // ---- linear algebra ------------------------------------------------------------------------------------

  /** NumPy's {@code dot}: inner product, matrix product, or contraction of the last axis of {@code a}. */
  public static Array dot(Array a, Array b) {
    ArgumentCheck.array("Jnp.dot", "a", a, "b", b);
    Array[] p = promote(a, b);
    a = p[0];
    b = p[1];
    if (a.ndim() == 0 || b.ndim() == 0) return multiply(a, b);
    int contractB = b.ndim() == 1 ? 0 : b.ndim() - 2;
    requireAligned("dot", a.shape(), b.shape(), a.ndim() - 1, contractB);
    return Lax.dotGeneral(a, b, new int[] {a.ndim() - 1}, new int[] {contractB}, new int[0], new int[0]);
  }

  /**
   * {@code jnp.einsum(subscripts, *operands)}: {@code "ij,jk->ik"}, {@code "bhqd,bhkd->bhqk"},
   * {@code "...ij,...jk->...ik"}, implicit results ({@code "ij,jk"}), sums ({@code "ij->"}) and transposes
   * ({@code "ij->ji"}), lowered to {@code dot_general}s contracted left to right; a letter repeated within one
   * operand takes its diagonal ({@code "ii->i"}, {@code "ii->"}).
   */
  public static Array einsum(String subscripts, Array... operands) {
    return Einsum.einsum(subscripts, operands);
  }

  /** NumPy's {@code matmul}: batched matrix product with broadcast batch dimensions; 1-d operands promoted. */
  public static Array matmul(Array a, Array b) {
    ArgumentCheck.array("Jnp.matmul", "a", a, "b", b);
    if (a.ndim() == 0 || b.ndim() == 0) {
      throw ShapeRules.error("matmul", "operands must be at least 1-d, got " + a.aval() + " and " + b.aval()
          + "; use multiply for scalars");
    }
    Array[] p = promote(a, b);
    a = p[0];
    b = p[1];
    requireAligned("matmul", a.shape(), b.shape(), a.ndim() - 1, b.ndim() == 1 ? 0 : b.ndim() - 2);
    boolean vecA = a.ndim() == 1, vecB = b.ndim() == 1;
    if (vecA) a = expandDims(a, 0);
    if (vecB) b = expandDims(b, 1);
    int[] as = a.shape(), bs = b.shape();
    int[] batch = broadcastShapes("matmul", Arrays.copyOf(as, as.length - 2), Arrays.copyOf(bs, bs.length - 2));
    a = broadcastTo(a, concat(batch, as[as.length - 2], as[as.length - 1]));
    b = broadcastTo(b, concat(batch, bs[bs.length - 2], bs[bs.length - 1]));
    int nb = batch.length;
    int[] bd = new int[nb];
    for (int i = 0; i < nb; i++) bd[i] = i;
    Array out = Lax.dotGeneral(a, b, new int[] {nb + 1}, new int[] {nb}, bd, bd);
    if (vecA && vecB) return Lax.squeeze(out, nb, nb + 1);
    if (vecA) return Lax.squeeze(out, nb);
    if (vecB) return Lax.squeeze(out, nb + 1);
    return out;
  }

  /** The contracted axes must agree in size; the error names the user's op rather than {@code dot_general}. */
  private static void requireAligned(String op, int[] a, int[] b, int axisA, int axisB) {
    if (a[axisA] != b[axisB]) {
      throw ShapeRules.error(op, "shapes " + Shape.tuple(a) + " and " + Shape.tuple(b) + " are not aligned: "
          + "axis " + axisA + " of the first has size " + a[axisA] + " but axis " + axisB + " of the second has size "
          + b[axisB] + transposeHint(op, a, b, axisA, axisB));
    }
  }

  /**
   * The usual cause of a misaligned product is an operand stored the other way round (weights as
   * {@code (out, in)}, or a column of rows): when swapping the last two axes of one operand makes the sizes
   * agree, say which call does it. Only matrices (2-d or more) have a transpose that changes anything.
   */
  private static String transposeHint(String op, int[] a, int[] b, int axisA, int axisB) {
    boolean matA = a.length >= 2, matB = b.length >= 2;
    // Transposing b brings its last axis into the contracted position (b's contracted axis is its second-last).
    if (matB && axisB == b.length - 2 && a[axisA] == b[b.length - 1]) {
      return ". Did you mean " + op + "(a, " + transposeCall("b", b.length) + ")? b with its last two axes swapped "
          + "has shape " + Shape.tuple(swapLast(b)) + " and aligns with a";
    }
    // Transposing a brings its second-last axis into the contracted (last) position.
    if (matA && a[a.length - 2] == b[axisB]) {
      return ". Did you mean " + op + "(" + transposeCall("a", a.length) + ", b)? a with its last two axes swapped "
          + "has shape " + Shape.tuple(swapLast(a)) + " and aligns with b";
    }
    return ". Fix: the last axis of the first must have the size of the " + (b.length == 1 ? "only" : "second-last")
        + " axis of the second";
  }

  /** {@code b.T()} for a matrix; for a stack of them the permutation that swaps only the last two axes. */
  private static String transposeCall(String name, int rank) {
    if (rank == 2) return name + ".T()";
    StringBuilder perm = new StringBuilder();
    for (int i = 0; i < rank - 2; i++) perm.append(i).append(", ");
    return name + ".transpose(" + perm + (rank - 1) + ", " + (rank - 2) + ")";
  }

  private static int[] swapLast(int[] s) {
    int[] t = s.clone();
    t[t.length - 1] = s[s.length - 2];
    t[t.length - 2] = s[s.length - 1];
    return t;
  }

  private static int[] concat(int[] prefix, int... rest) {
    int[] r = Arrays.copyOf(prefix, prefix.length + rest.length);
    System.arraycopy(rest, 0, r, prefix.length, rest.length);
    return r;
  }

  /** The abstract value of {@code x}: dtype, shape, weak type. */
  public static AbstractValue aval(Array x) {
    ArgumentCheck.array("Jnp.aval", "x", x);
    return x.aval();
  }

  /** The lower triangle of the last two axes, on and below diagonal {@code k} (above for k > 0): {@code jnp.tril}. */
  public static Array tril(Array x, int k) {
    return triangle("Jnp.tril", x, k, true);
  }

  /** The upper triangle of the last two axes, on and above diagonal {@code k}: {@code jnp.triu}. */
  public static Array triu(Array x, int k) {
    return triangle("Jnp.triu", x, k, false);
  }

  private static Array triangle(String op, Array x, int k, boolean lower) {
    ArgumentCheck.array(op, "x", x);
    if (x.ndim() < 2) {
      throw new ShapeException(op + ": needs at least 2 axes, got " + x.aval() + SourceLocation.suffix());
    }
    int m = x.shape()[x.ndim() - 2], n = x.shape()[x.ndim() - 1];
    Array rows = Lax.iota(DType.I32, new int[] {m, n}, 0), cols = Lax.iota(DType.I32, new int[] {m, n}, 1);
    Array keep = lower ? lessEqual(cols, rows.add(k)) : greaterEqual(cols, rows.add(k));
    return where(keep, x, zerosLike(x));
  }

  /** {@code x} with axes {@code a} and {@code b} exchanged (negative counts from the end): {@code jnp.swapaxes}. */
  public static Array swapaxes(Array x, int a, int b) {
    ArgumentCheck.array("Jnp.swapaxes", "x", x);
    int p = ShapeRules.axis("Jnp.swapaxes", a, x.ndim()), q = ShapeRules.axis("Jnp.swapaxes", b, x.ndim());
    int[] perm = java.util.stream.IntStream.range(0, x.ndim()).toArray();
    perm[p] = q;
    perm[q] = p;
    return Lax.transpose(x, perm);
  }

  /**
   * {@code jnp.linalg}: factorizations, solves, inverses and determinants of the matrices in the last two axes
   * (any leading axes are a batch), f32 and f64, differentiable, as JAX's.
   */
  public static final class linalg {
    private linalg() {}

    /** The lower-triangular {@code L} with {@code L L^T = a} (of {@code (a + a^T) / 2}); NaNs where a is not positive definite. */
    public static Array cholesky(Array a) { return Linalg.cholesky(a); }

    /** {@code x} with {@code a x = b} for a vector ({@code [n]}) or matrices ({@code [..., n, k]}) {@code b}. */
    public static Array solve(Array a, Array b) { return Linalg.solve(a, b); }

    /** The inverse of each matrix (through its LU factors). */
    public static Array inv(Array a) { return Linalg.inv(a); }

    /** {@code jnp.linalg.qr(a)}'s result: {@code a = q r}. */
    public record QR(Array q, Array r) {}

    /**
     * {@code jnp.linalg.qr(a)}: the reduced factors ({@code q} [m, k] with orthonormal columns, {@code r} [k, n]
     * upper triangular, {@code k = min(m, n)}), LAPACK's signs; differentiable when {@code m >= n}.
     */
    public static QR qr(Array a) { return qr(a, false); }

    /** With {@code fullMatrices}, {@code q} is [m, m] and {@code r} [m, n] (JAX's {@code mode="complete"}). */
    public static QR qr(Array a, boolean fullMatrices) {
      List<Array> f = Linalg.qr(a, fullMatrices);
      return new QR(f.get(0), f.get(1));
    }

    /** The determinant of each matrix (through its LU factors). */
    public static Array det(Array a) { return Linalg.det(a); }

    /**
     * {@code jax.lax.linalg.triangular_solve}: {@code x} with {@code op(a) x = b} ({@code leftSide}) or
     * {@code x op(a) = b}, {@code op(a)} being {@code a} or (with {@code transposeA}) its transpose, reading only
     * the {@code lower} (or upper) triangle of {@code a}, its diagonal as ones with {@code unitDiagonal}.
     */
    public static Array triangularSolve(Array a, Array b, boolean leftSide, boolean lower, boolean transposeA,
        boolean unitDiagonal) {
      return Linalg.triangularSolve(a, b, leftSide, lower, transposeA, unitDiagonal);
    }

    /** {@code jax.scipy.linalg.solve_triangular(a, b, lower)}: {@code x} with {@code a x = b}, a triangular. */
    public static Array triangularSolve(Array a, Array b, boolean lower) {
      return Linalg.triangularSolve(a, b, true, lower, false, false);
    }

    /**
     * {@code jax.lax.linalg.lu}: {@code [lu, pivots, permutation]} with partial pivoting, {@code a[permutation]
     * = L U} (L unit-lower below the diagonal of lu, U on and above it).
     */
    public static java.util.List<Array> lu(Array a) { return Linalg.lu(a); }
  }
}
