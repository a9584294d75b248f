package dev.olympus.numpy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.olympus.Array;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Values a script under {@code tracer/src/test/python} computed with JAX and wrote as a resource, one case per
 * line, and the inputs those scripts build ({@link #grid}). A line is {@code name|shape|values} (float32), or
 * {@code name|dtype|shape|values} with JAX's dtype name ({@code float32}, {@code int32}, {@code bool}); values are
 * separated by spaces, floats as Python's repr (round-trip exact), {@code nan}, {@code inf} and {@code -inf} by
 * name, bools as 1 and 0. Lines starting with {@code #} are comments.
 */
final class JaxValues {
  /** One case: JAX's dtype (null where the line gives none), shape, and the values as written. */
  record Want(String dtype, int[] shape, String[] tokens) {
    float[] floats() {
      float[] out = new float[tokens.length];
      for (int i = 0; i < out.length; i++) out[i] = (float) number(tokens[i]);
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

  private JaxValues(String resource, Map<String, Want> cases) {
    this.resource = resource;
    this.cases = cases;
  }

  static JaxValues load(String resource) {
    Map<String, Want> out = new HashMap<>();
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
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return new JaxValues(resource, out);
  }

  private static double number(String token) {
    return switch (token) {
      case "nan" -> Double.NaN;
      case "inf" -> Double.POSITIVE_INFINITY;
      case "-inf" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(token);
    };
  }

  /** Case {@code name}; a name the file lacks is an error, not a vacuous pass. */
  Want want(String name) {
    Want want = cases.get(name);
    if (want == null) throw new IllegalStateException("no JAX value for case " + name + " in " + resource);
    return want;
  }

  float[] floats(String name) { return want(name).floats(); }

  double[] doubles(String name) { return want(name).doubles(); }

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

  /** The scripts' inputs: multiples of 1/4 in [-2, 2), ((i * 7 + seed * 3) % 16 - 8) / 4, exact in float32. */
  static Array grid(int seed, int... shape) {
    int n = 1;
    for (int d : shape) n *= d;
    float[] v = new float[n];
    for (int i = 0; i < n; i++) v[i] = (((i * 7 + seed * 3) % 16) - 8) / 4f;
    return Jnp.array(v, shape);
  }
}
