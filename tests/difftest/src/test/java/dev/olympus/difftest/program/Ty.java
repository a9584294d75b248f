package dev.olympus.difftest.program;

import dev.olympus.DType;
import java.util.Arrays;

/**
 * The static type of a value in a generated program: dtype, shape and JAX's weak-type flag. This is the test's own
 * notion, computed by {@link dev.olympus.difftest.reference.TypeRules} from JAX's rules, never read back from
 * Olympus (whose types are what is being checked).
 */
public record Ty(DType dtype, int[] shape, boolean weak) {
  public Ty {
    shape = shape.clone();
  }

  public static Ty of(DType dtype, int... shape) { return new Ty(dtype, shape, false); }

  @Override
  public int[] shape() { return shape.clone(); }

  public int rank() { return shape.length; }

  public int dim(int axis) { return shape[axis]; }

  public int size() {
    long n = 1;
    for (int d : shape) n *= d;
    return Math.toIntExact(n);
  }

  public boolean isFloat() { return dtype == DType.F32 || dtype == DType.F64; }

  public boolean isInt() { return dtype == DType.I32 || dtype == DType.I64; }

  public boolean isBool() { return dtype == DType.BOOL; }

  public Ty withShape(int... s) { return new Ty(dtype, s, weak); }

  public Ty withDtype(DType d, boolean w) { return new Ty(d, shape, w); }

  public Ty strong() { return new Ty(dtype, shape, false); }

  /** jaxpr spelling of a dtype. */
  public static String name(DType d) {
    return switch (d) {
      case F32 -> "f32";
      case F64 -> "f64";
      case I32 -> "i32";
      case I64 -> "i64";
      case BOOL -> "bool";
      default -> throw new IllegalArgumentException("the differential test covers f32 f64 i32 i64 bool");
    };
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Ty t && t.dtype == dtype && t.weak == weak && Arrays.equals(t.shape, shape);
  }

  @Override
  public int hashCode() { return dtype.hashCode() * 31 + Arrays.hashCode(shape) * 2 + (weak ? 1 : 0); }

  /** As jaxprs print it, {@code f32[2,3]}, with {@code ~} in front of a weak type ({@code ~f32[]}). */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(weak ? "~" : "").append(name(dtype)).append('[');
    for (int i = 0; i < shape.length; i++) sb.append(i > 0 ? "," : "").append(shape[i]);
    return sb.append(']').toString();
  }
}
