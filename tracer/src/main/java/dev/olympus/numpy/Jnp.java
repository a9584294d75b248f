package dev.olympus.numpy;

import dev.olympus.Array;
import dev.olympus.DType;
import dev.olympus.errors.NonConcreteBooleanIndexException;
import dev.olympus.errors.ShapeException;
import dev.olympus.errors.SourceLocation;
import dev.olympus.lax.Lax;
import dev.olympus.primitive.ShapeRules;
import dev.olympus.storage.Storage;
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

  public static Array array(float... data) { return make(DType.F32, data.clone(), data.length); }

  public static Array array(double... data) {
    float[] f = new float[data.length];
    for (int i = 0; i < f.length; i++) f[i] = (float) data[i];
    return make(DType.F32, f, data.length);
  }

  public static Array array(int... data) { return make(DType.I32, data.clone(), data.length); }

  public static Array array(boolean... data) { return make(DType.BOOL, data.clone(), data.length); }

  public static Array array(float[] data, int... shape) { return make(DType.F32, data.clone(), shape); }

  /** Double data with a shape: float32, as x64 is off (use {@link #array(DType, double[], int...)} for f64). */
  public static Array array(double[] data, int... shape) {
    float[] f = new float[data.length];
    for (int i = 0; i < f.length; i++) f[i] = (float) data[i];
    return make(DType.F32, f, shape);
  }

  public static Array array(int[] data, int... shape) { return make(DType.I32, data.clone(), shape); }

  public static Array array(long[] data, int... shape) { return make(DType.I64, data.clone(), shape); }

  public static Array array(boolean[] data, int... shape) { return make(DType.BOOL, data.clone(), shape); }

  /** Data of any dtype from doubles, converted as a cast would. */
  public static Array array(DType dtype, double[] data, int... shape) {
    Storage s = Storage.allocate(dtype, checkedShape(data.length, shape));
    for (int i = 0; i < data.length; i++) s.setDouble(i, data[i]);
    return Array.fromStorage(s, false);
  }

  private static Array make(DType dtype, Object data, int... shape) {
    return Array.fromStorage(Storage.wrap(dtype, checkedShape(java.lang.reflect.Array.getLength(data), shape), data),
        false);
  }

  private static Shape checkedShape(int length, int... shape) {
    Shape s;
    try {
      s = Shape.of(shape);
    } catch (IllegalArgumentException e) {
      throw new ShapeException("array: " + e.getMessage() + SourceLocation.suffix());
    }
    if (s.size() != length) {
      throw new ShapeException("array: " + length + " values cannot fill shape " + s.tuple() + " (" + s.size()
          + " elements)" + SourceLocation.suffix());
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
    return Array.fromStorage(Storage.scalar(dtype, value), false);
  }

  /** A Java floating literal as JAX sees a Python float: a weakly typed float32 scalar. */
  public static Array literal(double value) { return Array.fromStorage(Storage.scalar(DType.F32, value), true); }

  /** A Java integer literal as JAX sees a Python int: a weakly typed int32 scalar. */
  public static Array literal(int value) { return Array.fromStorage(Storage.scalarLong(DType.I32, value), true); }

  public static Array arange(int n) { return arange(n, DType.I32); }

  public static Array arange(int n, DType dtype) {
    if (n < 0) throw new ShapeException("arange: negative length " + n + SourceLocation.suffix());
    return Lax.iota(dtype, new int[] {n}, 0);
  }

  /** {@code start, start + step, ...} below {@code stop}, like {@code np.arange(start, stop, step)} for ints. */
  public static Array arange(int start, int stop, int step) {
    if (step == 0) throw new ShapeException("arange: step must not be zero" + SourceLocation.suffix());
    int n = Math.max(0, (int) Math.ceil((stop - (double) start) / step));
    return add(multiply(arange(n), literal(step)), literal(start));
  }

  public static Array zeros(DType dtype, int... shape) { return full(dtype, 0, shape); }

  public static Array ones(DType dtype, int... shape) { return full(dtype, 1, shape); }

  public static Array full(DType dtype, double value, int... shape) {
    Array v = Array.fromStorage(Storage.scalar(dtype, value), false);
    return broadcastTo(v, shape);
  }

  public static Array zerosLike(Array x) { return full(x.dtype(), 0, x.shape()); }

  public static Array onesLike(Array x) { return full(x.dtype(), 1, x.shape()); }

  /** {@code num} evenly spaced float32 values from {@code start} to {@code stop} inclusive. */
  public static Array linspace(double start, double stop, int num) {
    if (num < 0) throw new ShapeException("linspace: num must be non-negative, got " + num + SourceLocation.suffix());
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

  /** NumPy's broadcast result shape, or a {@link ShapeException} naming both shapes. */
  public static int[] broadcastShapes(String op, int[]... shapes) {
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
    // aval(), not shape(): a size used only to decide whether to broadcast is visible in the IR (as a
    // broadcast_in_dim), so it does not make the trace size-specific.
    int[] xs = x.aval().shape().dims();
    if (Arrays.equals(xs, shape)) return x;
    for (int d : shape) {
      if (d < 0) throw ShapeRules.error("broadcast_to", "negative dimension in shape " + Shape.tuple(shape));
    }
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
  public static Array add(Array x, Array y) { return binary("add", boolAware(Lax::add, Lax::or), x, y); }

  public static Array subtract(Array x, Array y) { return binary("sub", Lax::sub, x, y); }

  /** {@code x * y}; on bools it is logical and, as in NumPy and JAX. */
  public static Array multiply(Array x, Array y) { return binary("mul", boolAware(Lax::mul, Lax::and), x, y); }

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
    Array[] p = promote(x, y);
    if (!p[0].dtype().isFloating()) {
      p[0] = inexact(p[0]);
      p[1] = inexact(p[1]);
    }
    Array[] b = broadcastOperands("div", p);
    return Lax.div(b[0], b[1]);
  }

  /**
   * Division rounding toward negative infinity, like {@code np.floor_divide}. Integers use JAX's formula:
   * the truncating quotient, minus one where the operands' signs differ and the division was inexact; with
   * XLA's {@code x / 0 == -1} and {@code x % 0 == x} that makes a non-zero {@code x // 0} equal to -2.
   */
  public static Array floorDivide(Array x, Array y) {
    Array[] p = promote(x, y);
    Array[] b = broadcastOperands("floor_divide", p);
    if (b[0].dtype().isFloating()) return Lax.floor(Lax.div(b[0], b[1]));
    Array q = Lax.div(b[0], b[1]);
    Array r = Lax.rem(b[0], b[1]);
    Array zero = convert(literal(0), q.dtype(), false);
    Array adjust = Lax.and(Lax.ne(Lax.sign(b[0]), Lax.sign(b[1])), Lax.ne(r, zero));
    return Lax.selectN(adjust, q, Lax.sub(q, convert(literal(1), q.dtype(), false)));
  }

  /**
   * NumPy's {@code remainder} ({@code %} in Python): the result has the sign of the divisor, unlike the
   * {@code rem} primitive, which follows the dividend. As in JAX, an integer {@code x % 0} is 0.
   */
  public static Array remainder(Array x, Array y) {
    Array[] b = broadcastOperands("remainder", promote(x, y));
    Array divisor = b[1];
    Array zero = convert(literal(0), b[0].dtype(), false);
    if (!divisor.dtype().isFloating()) {
      Array one = convert(literal(1), b[0].dtype(), false);
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

  /**
   * {@code x ** y}. A float base with an integer exponent is JAX's {@code lax.pow(x, y)} without promoting the
   * exponent: the base's dtype, weakly typed only if both operands are ({@code jnp.power(2.0, intArray)} is a
   * strong f32, where promoting first would make it weak).
   */
  public static Array power(Array x, Array y) {
    if (x.dtype().isFloating() && y.dtype().isInteger()) {
      boolean weak = x.weakType() && y.weakType();
      Array[] b = broadcastOperands("pow", convert(x, x.dtype(), weak), convert(y, x.dtype(), weak));
      return Lax.pow(b[0], b[1]);
    }
    return binary("pow", Lax::pow, x, y);
  }

  /** {@code x ** y} for a floating literal {@code y}: the {@code pow} primitive. */
  public static Array power(Array x, double y) { return power(x, literal(y)); }

  /** {@code x ** n} for an integer literal: {@code integer_pow}, as a Python int exponent is in JAX. */
  public static Array power(Array x, int n) { return Lax.integerPow(x, n); }

  public static Array maximum(Array x, Array y) { return binary("max", boolAware(Lax::max, Lax::or), x, y); }

  public static Array minimum(Array x, Array y) { return binary("min", boolAware(Lax::min, Lax::and), x, y); }

  public static Array greater(Array x, Array y) { return binary("gt", Lax::gt, x, y); }

  public static Array less(Array x, Array y) { return binary("lt", Lax::lt, x, y); }

  public static Array greaterEqual(Array x, Array y) { return binary("ge", Lax::ge, x, y); }

  public static Array lessEqual(Array x, Array y) { return binary("le", Lax::le, x, y); }

  public static Array equal(Array x, Array y) { return binary("eq", Lax::eq, x, y); }

  public static Array notEqual(Array x, Array y) { return binary("ne", Lax::ne, x, y); }

  public static Array logicalAnd(Array x, Array y) { return binary("and", Lax::and, asBool(x), asBool(y)); }

  public static Array logicalOr(Array x, Array y) { return binary("or", Lax::or, asBool(x), asBool(y)); }

  public static Array logicalNot(Array x) { return Lax.not(asBool(x)); }

  private static Array asBool(Array x) {
    return x.dtype() == DType.BOOL ? x : notEqual(x, literal(0));
  }

  public static Array negative(Array x) { return Lax.neg(x); }

  public static Array negative(double x) { return negative(literal(x)); }

  public static Array exp(Array x) { return Lax.exp(inexact(x)); }

  public static Array exp(double x) { return exp(literal(x)); }

  public static Array log(Array x) { return Lax.log(inexact(x)); }

  public static Array log(double x) { return log(literal(x)); }

  /** {@code log(x) / log(2)}, as {@code jnp.log2} computes it. */
  public static Array log2(Array x) {
    Array fx = inexact(x);
    return Lax.div(Lax.log(fx), Lax.log(convert(literal(2.0), fx.dtype(), fx.weakType())));
  }

  public static Array log2(double x) { return log2(literal(x)); }

  public static Array log1p(Array x) { return Lax.log1p(inexact(x)); }

  public static Array expm1(Array x) { return Lax.expm1(inexact(x)); }

  public static Array sqrt(Array x) { return Lax.sqrt(inexact(x)); }

  public static Array sqrt(double x) { return sqrt(literal(x)); }

  public static Array sin(Array x) { return Lax.sin(inexact(x)); }

  public static Array sin(double x) { return sin(literal(x)); }

  public static Array cos(Array x) { return Lax.cos(inexact(x)); }

  public static Array cos(double x) { return cos(literal(x)); }

  public static Array tan(Array x) { return Lax.tan(inexact(x)); }

  public static Array tanh(Array x) { return Lax.tanh(inexact(x)); }

  public static Array tanh(double x) { return tanh(literal(x)); }

  public static Array abs(Array x) { return x.dtype().isBool() ? x : Lax.abs(x); }

  public static Array abs(double x) { return abs(literal(x)); }

  public static Array sign(Array x) { return Lax.sign(x); }

  public static Array sign(double x) { return sign(literal(x)); }

  public static Array floor(Array x) { return x.dtype().isFloating() ? Lax.floor(x) : x; }

  public static Array ceil(Array x) { return x.dtype().isFloating() ? Lax.ceil(x) : x; }

  public static Array square(Array x) { return Lax.integerPow(x, 2); }

  /** The logistic sigmoid {@code 1 / (1 + exp(-x))}. */
  public static Array logistic(Array x) { return Lax.logistic(inexact(x)); }

  public static Array clip(Array x, double lo, double hi) { return minimum(maximum(x, literal(lo)), literal(hi)); }

  /** {@code cond ? x : y} elementwise, broadcasting all three (JAX lowers it to {@code select_n(cond, y, x)}). */
  public static Array where(Array cond, Array x, Array y) {
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

  /** Sum over {@code axes} (all when none given); bool and int sum as int32 like NumPy on 32-bit defaults. */
  public static Array sum(Array x, int... axes) {
    Array v = convert(x, x.dtype().isBool() ? DType.I32 : x.dtype(), false);
    return Lax.reduceSum(v, reductionAxes("sum", x, axes));
  }

  public static Array mean(Array x, int... axes) {
    int[] ax = reductionAxes("mean", x, axes);
    long n = 1;
    for (int a : ax) n *= x.shape()[a];
    Array v = x.dtype().isBool() ? convert(x, DType.I32, false) : x;
    Array s = Lax.reduceSum(convert(v, TypePromotion.inexact(v.dtype()), false), ax);
    return Lax.div(s, convert(literal((double) n), s.dtype(), false));
  }

  public static Array max(Array x, int... axes) {
    int[] ax = reductionAxes("max", x, axes);
    requireNonEmpty("max", x, ax);
    return Lax.reduceMax(convert(x, x.dtype(), false), ax);
  }

  public static Array min(Array x, int... axes) {
    int[] ax = reductionAxes("min", x, axes);
    requireNonEmpty("min", x, ax);
    return Lax.reduceMin(convert(x, x.dtype(), false), ax);
  }

  public static Array any(Array x, int... axes) { return Lax.reduceMax(asBool(x), reductionAxes("any", x, axes)); }

  public static Array all(Array x, int... axes) { return Lax.reduceMin(asBool(x), reductionAxes("all", x, axes)); }

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
    int[] s = shape.clone();
    int infer = -1;
    long known = 1;
    for (int i = 0; i < s.length; i++) {
      if (s[i] == -1) {
        if (infer >= 0) throw ShapeRules.error("reshape", "can only infer one dimension, got " + Shape.tuple(shape));
        infer = i;
      } else if (s[i] < 0) {
        throw ShapeRules.error("reshape", "negative dimension in " + Shape.tuple(shape));
      } else {
        known *= s[i];
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
    int[] perm = new int[x.ndim()];
    for (int i = 0; i < perm.length; i++) perm[i] = perm.length - 1 - i;
    return Lax.transpose(x, perm);
  }

  /** Permutes the axes (negative axes count from the end); no axes reverses them, like NumPy. */
  public static Array transpose(Array x, int... axes) {
    if (axes.length == 0) return transpose(x);
    int[] perm = new int[axes.length];
    for (int i = 0; i < axes.length; i++) perm[i] = ShapeRules.axis("transpose", axes[i], x.ndim());
    return Lax.transpose(x, perm);
  }

  public static Array astype(Array x, DType dtype) { return convert(x, dtype, false); }

  public static Array expandDims(Array x, int axis) {
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
    if (axes.length == 0) {
      List<Integer> ones = new ArrayList<>();
      for (int i = 0; i < x.ndim(); i++) if (x.shape()[i] == 1) ones.add(i);
      axes = ones.stream().mapToInt(Integer::intValue).toArray();
    }
    return Lax.squeeze(x, ShapeRules.axes("squeeze", axes, x.ndim()));
  }

  public static Array concatenate(List<Array> xs, int axis) {
    if (xs.isEmpty()) throw ShapeRules.error("concatenate", "needs at least one array");
    Array[] p = promote(xs.toArray(new Array[0]));
    int a = ShapeRules.axis("concatenate", axis, Math.max(1, p[0].ndim()));
    return Lax.concatenate(Arrays.asList(p), a);
  }

  public static Array stack(List<Array> xs, int axis) {
    List<Array> expanded = new ArrayList<>();
    for (Array x : xs) expanded.add(expandDims(x, axis));
    return concatenate(expanded, axis);
  }

  /** {@code x[start:stop]} along {@code axis} with a step, as a static slice. */
  public static Array slice(Array x, int axis, int start, int stop, int step) {
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
    Array[] p = promote(a, b);
    a = p[0];
    b = p[1];
    if (a.ndim() == 0 || b.ndim() == 0) return multiply(a, b);
    int contractB = b.ndim() == 1 ? 0 : b.ndim() - 2;
    requireAligned("dot", a.shape(), b.shape(), a.ndim() - 1, contractB);
    return Lax.dotGeneral(a, b, new int[] {a.ndim() - 1}, new int[] {contractB}, new int[0], new int[0]);
  }

  /** NumPy's {@code matmul}: batched matrix product with broadcast batch dimensions; 1-d operands promoted. */
  public static Array matmul(Array a, Array b) {
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
          + b[axisB]);
    }
  }

  private static int[] concat(int[] prefix, int... rest) {
    int[] r = Arrays.copyOf(prefix, prefix.length + rest.length);
    System.arraycopy(rest, 0, r, prefix.length, rest.length);
    return r;
  }

  /** The abstract value of {@code x}: dtype, shape, weak type. */
  public static AbstractValue aval(Array x) { return x.aval(); }
}
