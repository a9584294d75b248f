package dev.olympus.difftest.program;

import dev.olympus.Array;
import dev.olympus.DType;
import dev.olympus.difftest.reference.Iv;
import dev.olympus.difftest.reference.RefArray;
import dev.olympus.numpy.Jnp;
import java.util.Arrays;

/** A concrete input of a program: its type and row-major data, as an Olympus array and as a reference value. */
public record Input(Ty type, double[] floats, long[] ints) {
  public static Input floats(Ty type, double[] values) { return new Input(type, values.clone(), null); }

  public static Input ints(Ty type, long[] values) { return new Input(type, null, values.clone()); }

  public Array toArray() {
    int[] s = type.shape();
    return switch (type.dtype()) {
      case F32 -> {
        float[] f = new float[floats.length];
        for (int i = 0; i < f.length; i++) f[i] = (float) floats[i];
        yield Jnp.array(f, s);
      }
      case F64 -> Jnp.array(DType.F64, floats, s);
      case I32 -> Jnp.array(Arrays.stream(ints).mapToInt(v -> (int) v).toArray(), s);
      case I64 -> Jnp.array(ints, s);
      case BOOL -> {
        boolean[] b = new boolean[ints.length];
        for (int i = 0; i < b.length; i++) b[i] = ints[i] != 0;
        yield Jnp.array(b, s);
      }
      default -> throw new IllegalArgumentException("the differential test covers f32 f64 i32 i64 bool");
    };
  }

  public RefArray toRef() {
    if (floats != null) {
      Iv[] iv = new Iv[floats.length];
      for (int i = 0; i < iv.length; i++) iv[i] = Iv.point(floats[i]);
      return RefArray.floats(type, iv);
    }
    return RefArray.exactInts(type, ints);
  }

  /** As Java source: {@code Jnp.array(new float[] {...}, 2, 3)}. */
  public String toJava() {
    StringBuilder sb = new StringBuilder();
    String shape = OlympusCalls.ints(type.shape());
    String sep = shape.isEmpty() ? "" : ", " + shape;
    switch (type.dtype()) {
      case F32 -> {
        sb.append("Jnp.array(new float[] {");
        for (int i = 0; i < floats.length; i++) sb.append(i > 0 ? ", " : "").append(floatLiteral((float) floats[i]));
        sb.append("}").append(sep).append(")");
      }
      case F64 -> {
        sb.append("Jnp.array(DType.F64, new double[] {");
        for (int i = 0; i < floats.length; i++) sb.append(i > 0 ? ", " : "").append(OlympusCalls.lit(floats[i]));
        sb.append("}").append(sep).append(")");
      }
      case I32 -> {
        sb.append("Jnp.array(new int[] {");
        for (int i = 0; i < ints.length; i++) sb.append(i > 0 ? ", " : "").append(ints[i] == Integer.MIN_VALUE ? "Integer.MIN_VALUE" : Long.toString(ints[i]));
        sb.append("}").append(sep).append(")");
      }
      case I64 -> {
        sb.append("Jnp.array(new long[] {");
        for (int i = 0; i < ints.length; i++) sb.append(i > 0 ? ", " : "").append(ints[i] == Long.MIN_VALUE ? "Long.MIN_VALUE" : ints[i] + "L");
        sb.append("}").append(sep).append(")");
      }
      case BOOL -> {
        sb.append("Jnp.array(new boolean[] {");
        for (int i = 0; i < ints.length; i++) sb.append(i > 0 ? ", " : "").append(ints[i] != 0);
        sb.append("}").append(sep).append(")");
      }
      default -> throw new IllegalArgumentException("the differential test covers f32 f64 i32 i64 bool");
    }
    return sb.toString();
  }

  static String floatLiteral(float f) {
    if (Float.isNaN(f)) return "Float.NaN";
    if (f == Float.POSITIVE_INFINITY) return "Float.POSITIVE_INFINITY";
    if (f == Float.NEGATIVE_INFINITY) return "Float.NEGATIVE_INFINITY";
    return f + "f";
  }
}
