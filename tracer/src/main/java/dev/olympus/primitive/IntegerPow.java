package dev.olympus.primitive;

import dev.olympus.Array;
import dev.olympus.DType;
import dev.olympus.autodiff.JvpResult;
import dev.olympus.autodiff.Tangent;
import dev.olympus.batching.Batched;
import dev.olympus.lax.Lax;
import dev.olympus.storage.Storage;
import dev.olympus.types.AbstractValue;
import java.util.List;

/** {@code integer_pow[y]}: {@code x ** y} for a static integer {@code y}, by repeated multiplication. */
public final class IntegerPow extends Primitive {
  public static final IntegerPow INTEGER_POW = new IntegerPow();

  private IntegerPow() {
    super("integer_pow");
  }

  @Override
  public List<AbstractValue> abstractEval(List<AbstractValue> in, Params params) {
    ShapeRules.arity(this, in, 1);
    AbstractValue x = in.get(0);
    if (x.dtype().isBool()) throw ShapeRules.error(name(), "does not accept bool operands");
    if (params.integer("y") < 0 && !x.dtype().isFloating()) {
      throw ShapeRules.error(name(), "integers to negative integer powers are not allowed (y="
          + params.integer("y") + ")");
    }
    return List.of(x);
  }

  // The scalar definitions, called by the eager loop and by every kernel renderer. XLA expands integer_pow as
  // JAX's _integer_pow does: square-and-multiply in the operand's own arithmetic (each product rounded to
  // it), and for y < 0 the reciprocal of x ** -y: (1e20f) ** -2 is 1 / inf = 0, where squaring 1 / 1e20f
  // would give 1e-40.

  /** {@code x ** y} for float32, every product rounded to float. */
  public static float powF32(float x, int y) {
    float r = 1f;
    float base = x;
    for (long e = Math.abs((long) y); e > 0; e >>= 1) {
      if ((e & 1) != 0) r *= base;
      base *= base;
    }
    return y < 0 ? 1f / r : r;
  }

  /** {@link #powF32(float, int)} of a float32 value held in a double (as generated kernels hold them). */
  public static float powF32(double x, int y) {
    return powF32((float) x, y);
  }

  /** {@code x ** y} for float64. */
  public static double powF64(double x, int y) {
    double r = 1.0;
    double base = x;
    for (long e = Math.abs((long) y); e > 0; e >>= 1) {
      if ((e & 1) != 0) r *= base;
      base *= base;
    }
    return y < 0 ? 1.0 / r : r;
  }

  /**
   * {@code x ** y} for integers ({@code y >= 0}: a negative power of an integer is rejected when tracing),
   * wrapping like the multiplies it stands for, for every {@code y}; an {@code int} result is the low 32 bits.
   */
  public static long powInteger(long x, int y) {
    long r = 1;
    long base = x;
    for (long e = y; e > 0; e >>= 1) {
      if ((e & 1) != 0) r *= base;
      base *= base;
    }
    return r;
  }

  @Override
  public List<Storage> evaluate(List<Storage> in, Params params) {
    Storage x = in.get(0);
    int y = params.integer("y");
    Storage out = Storage.allocate(x.dtype(), x.shape());
    int n = x.length();
    switch (x.dtype()) {
      case F32 -> {
        float[] a = x.f32(), o = out.f32();
        for (int i = 0; i < n; i++) o[i] = powF32(a[i], y);
      }
      case F64 -> {
        double[] a = x.f64(), o = out.f64();
        for (int i = 0; i < n; i++) o[i] = powF64(a[i], y);
      }
      default -> {
        for (int i = 0; i < n; i++) out.setLong(i, powInteger(x.getLong(i), y));
      }
    }
    return List.of(out);
  }

  /**
   * A Java expression of {@code x ** y} for an operand of {@code dtype}, held in any Java type that holds its
   * values ({@code float} or {@code double} for f32, {@code int} or {@code long} for i32); its value has the
   * dtype's element type.
   */
  public static String javaExpression(DType dtype, String operand, int y) {
    return switch (dtype) {
      case F32 -> "dev.olympus.primitive.IntegerPow.powF32(" + operand + ", " + y + ")";
      case F64 -> "dev.olympus.primitive.IntegerPow.powF64(" + operand + ", " + y + ")";
      case I32 -> "(int) dev.olympus.primitive.IntegerPow.powInteger(" + operand + ", " + y + ")";
      default -> "dev.olympus.primitive.IntegerPow.powInteger(" + operand + ", " + y + ")";
    };
  }

  /** d(x^y) = y x^(y-1) dx; zero for y == 0, and {@code 2 x dx} for a square, as JAX writes it. */
  @Override
  public JvpResult jvp(List<Array> primals, List<Tangent> tangents, Params params) {
    Array x = primals.get(0);
    Array out = bind1(params, x);
    int y = params.integer("y");
    Tangent g = tangents.get(0);
    if (g.isZero() || y == 0) return JvpResult.zeroTangents(List.of(out));
    if (y == 1) return JvpResult.of(out, g);
    Array jac = Lax.mul(scalarLike(x, y), y == 2 ? x : Lax.integerPow(x, y - 1));
    return JvpResult.of(out, Tangent.of(Lax.mul(g.value(), jac)));
  }

  @Override
  public Batched batch(List<Array> args, int[] dims, Params params) {
    return Batched.of(bind1(params, args.get(0)), dims[0]);
  }
}
