package dev.olympus.primitive;

import dev.olympus.Array;
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

  /** {@code x ** y} by squaring, in the operand's arithmetic. */
  public static double pow(double x, int y) {
    double base = y < 0 ? 1.0 / x : x;
    long e = Math.abs((long) y);
    double r = 1.0;
    while (e > 0) {
      if ((e & 1) != 0) r *= base;
      base *= base;
      e >>= 1;
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
        // Square-and-multiply in float, as XLA expands integer_pow into f32 multiplies.
        float[] a = x.f32(), o = out.f32();
        for (int i = 0; i < n; i++) {
          float base = y < 0 ? 1f / a[i] : a[i];
          float r = 1f;
          for (long e = Math.abs((long) y); e > 0; e >>= 1) {
            if ((e & 1) != 0) r *= base;
            base *= base;
          }
          o[i] = r;
        }
      }
      case F64 -> {
        double[] a = x.f64(), o = out.f64();
        for (int i = 0; i < n; i++) o[i] = pow(a[i], y);
      }
      default -> {
        for (int i = 0; i < n; i++) out.setLong(i, BinaryPrimitive.intPow(x.getLong(i), y));
      }
    }
    return List.of(out);
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
