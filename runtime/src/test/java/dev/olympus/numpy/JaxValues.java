package dev.olympus.numpy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.olympus.Array;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Values a script under {@code tracer/src/test/python} computed with JAX and wrote as a resource, one case per
 * line, and the inputs those scripts build ({@link #grid}). A line is {@code name|shape|values} (float32), or
 * {@code name|dtype|shape|values} with JAX's dtype name ({@code float32}, {@code int32}, {@code bool}); values are
 * separated by spaces, floats as Python's repr (round-trip exact), {@code nan}, {@code -nan} (sign bit set),
 * {@code inf} and {@code -inf} by name, bools as 1 and 0; an empty shape is a scalar, empty values an empty array.
 * Lines starting with {@code #} are comments.
 */
final class JaxValues {
  /** One case: JAX's dtype (null where the line gives none), shape, and the values as written. */
  record Want(String dtype, int[] shape, String[] tokens) {
    float[] floats() {
      float[] out = new float[tokens.length];
      for (int i = 0; i < out.length; i++) out[i] = single(tokens[i]);
      return out;
    }

    double[] doubles() {
      double[] out = new double[tokens.length];
      for (int i = 0; i < out.length; i++) out[i] = number(tokens[i]);
      return out;
    }

    int[] ints() {
      int[] out = new int[tokens.length];
      for (int i = 0; i < out.length; i++) out[i] = Integer.parseInt(tokens[i]);
      return out;
    }
  }

  private final String resource;
  private final Map<String, Want> cases;
  private final List<String> names;

  private JaxValues(String resource, Map<String, Want> cases, List<String> names) {
    this.resource = resource;
    this.cases = cases;
    this.names = names;
  }

  static JaxValues load(String resource) {
    Map<String, Want> out = new HashMap<>();
    List<String> names = new ArrayList<>();
    var in = JaxValues.class.getResourceAsStream(resource);
    if (in == null) throw new IllegalStateException("missing test resource " + resource);
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        if (line.startsWith("#") || line.isBlank()) continue;
        String[] parts = line.split("\\|", -1);
        if (parts.length != 3 && parts.length != 4) {
          throw new IllegalStateException(resource + ": not name|[dtype|]shape|values: " + line);
        }
        String dtype = parts.length == 4 ? parts[1] : null;
        String dimText = parts[parts.length - 2], valueText = parts[parts.length - 1];
        String[] dims = dimText.split(",");
        int[] shape = new int[dimText.isEmpty() ? 0 : dims.length];
        for (int i = 0; i < shape.length; i++) shape[i] = Integer.parseInt(dims[i]);
        String[] tokens = valueText.isEmpty() ? new String[0] : valueText.split(" ");
        if (out.put(parts[0], new Want(dtype, shape, tokens)) != null) {
          throw new IllegalStateException(resource + ": case " + parts[0] + " twice");
        }
        names.add(parts[0]);
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return new JaxValues(resource, out, names);
  }

  private static double number(String token) {
    return switch (token) {
      case "nan" -> Double.NaN;
      case "-nan" -> Double.longBitsToDouble(0xfff8000000000000L);
      case "inf" -> Double.POSITIVE_INFINITY;
      case "-inf" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(token);
    };
  }

  /** A token as a float: parsed as one (not through a double, which could round twice), NaN's sign kept. */
  private static float single(String token) {
    return switch (token) {
      case "nan" -> Float.NaN;
      case "-nan" -> Float.intBitsToFloat(0xffc00000);
      case "inf" -> Float.POSITIVE_INFINITY;
      case "-inf" -> Float.NEGATIVE_INFINITY;
      default -> Float.parseFloat(token);
    };
  }

  /** The case names, in the file's order. */
  List<String> names() { return names; }

  /** Case {@code name}; a name the file lacks is an error, not a vacuous pass. */
  Want want(String name) {
    Want want = cases.get(name);
    if (want == null) throw new IllegalStateException("no JAX value for case " + name + " in " + resource);
    return want;
  }

  float[] floats(String name) { return want(name).floats(); }

  double[] doubles(String name) { return want(name).doubles(); }

  /** Case {@code name} as a float32 array (an input the script wrote). */
  Array array(String name) {
    Want w = want(name);
    return Jnp.array(w.floats(), w.shape());
  }

  /**
   * Asserts {@code got} is case {@code name}: its dtype (where the file gives one), its shape, and its values
   * within {@code tolerance} (NaN matches NaN).
   */
  void check(String name, Array got, float tolerance) {
    Want want = want(name);
    if (want.dtype() != null) assertEquals(want.dtype(), got.dtype().numpyName(), name + " dtype");
    assertArrayEquals(want.shape(), got.shape(), name);
    assertArrayEquals(want.floats(), got.toFloatArray(), tolerance, name);
  }

  /** Asserts {@code got} is integer or bool case {@code name} exactly: dtype (where given), shape and values. */
  void checkExact(String name, Array got) {
    Want want = want(name);
    if (want.dtype() != null) assertEquals(want.dtype(), got.dtype().numpyName(), name + " dtype");
    assertArrayEquals(want.shape(), got.shape(), name);
    assertArrayEquals(want.ints(), got.toIntArray(), name);
  }

  /**
   * Asserts {@code got} is case {@code name} bit for bit: its shape, and each value's bits, so -0.0 differs from
   * 0.0. With {@code nanSign} a NaN must have the sign JAX's has (for values copied from an input); otherwise
   * any NaN matches a NaN (the sign of a NaN that arithmetic makes is the hardware's, which IEEE leaves open).
   */
  void checkExact(String name, Array got, boolean nanSign) {
    Want want = want(name);
    assertArrayEquals(want.shape(), got.shape(), name + ": shape");
    float[] g = got.toFloatArray(), values = want.floats();
    assertEquals(values.length, g.length, name + ": length");
    for (int i = 0; i < g.length; i++) {
      float w = values[i];
      boolean same = nanSign || !Float.isNaN(w)
          ? Float.floatToRawIntBits(w) == Float.floatToRawIntBits(g[i])
          : Float.isNaN(g[i]);
      if (!same) {
        throw new AssertionError(name + " [" + i + "]: JAX " + show(w) + ", Olympus " + show(g[i]));
      }
    }
  }

  static String show(float v) {
    return Float.isNaN(v) ? (Float.floatToRawIntBits(v) < 0 ? "-nan" : "nan") : Float.toString(v);
  }

  /** The scripts' inputs: multiples of 1/4 in [-2, 2), ((i * 7 + seed * 3) % 16 - 8) / 4, exact in float32. */
  static Array grid(int seed, int... shape) {
    int n = 1;
    for (int d : shape) n *= d;
    float[] v = new float[n];
    for (int i = 0; i < n; i++) v[i] = (((i * 7 + seed * 3) % 16) - 8) / 4f;
    return Jnp.array(v, shape);
  }
}
