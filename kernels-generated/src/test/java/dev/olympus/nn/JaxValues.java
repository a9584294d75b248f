package dev.olympus.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.olympus.Array;
import dev.olympus.numpy.Jnp;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Values {@code tracer/src/test/python/make_nn_values.py} computed with JAX and wrote as a resource, one case per
 * line ({@code name|shape|values}; floats as Python's repr writes them, {@code nan}, {@code -nan} (sign bit set),
 * {@code inf} and {@code -inf} by name; an empty shape is a scalar, empty values an empty array). This module's
 * tests do not see runtime's test classes, so it has its own small reader of the format runtime's
 * {@code dev.olympus.numpy.JaxValues} reads.
 */
final class JaxValues {
  record Want(int[] shape, float[] values) {}

  private final Map<String, Want> cases = new HashMap<>();
  private final List<String> names = new ArrayList<>();

  static JaxValues load(String resource) {
    JaxValues out = new JaxValues();
    var in = JaxValues.class.getResourceAsStream(resource);
    if (in == null) throw new IllegalStateException("missing test resource " + resource);
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        if (line.startsWith("#") || line.isBlank()) continue;
        String[] parts = line.split("\\|", -1);
        String[] dims = parts[1].split(",");
        int[] shape = new int[parts[1].isEmpty() ? 0 : dims.length];
        for (int i = 0; i < shape.length; i++) shape[i] = Integer.parseInt(dims[i]);
        String[] vs = parts[2].isEmpty() ? new String[0] : parts[2].split(" ");
        float[] values = new float[vs.length];
        for (int i = 0; i < vs.length; i++) values[i] = parse(vs[i]);
        if (out.cases.put(parts[0], new Want(shape, values)) != null) {
          throw new IllegalStateException(resource + " has case " + parts[0] + " twice");
        }
        out.names.add(parts[0]);
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out;
  }

  private static float parse(String v) {
    return switch (v) {
      case "nan" -> Float.NaN;
      case "-nan" -> Float.intBitsToFloat(0xffc00000);
      case "inf" -> Float.POSITIVE_INFINITY;
      case "-inf" -> Float.NEGATIVE_INFINITY;
      default -> Float.parseFloat(v);
    };
  }

  /** The case names, in the file's order. */
  List<String> names() { return names; }

  Want want(String name) {
    Want want = cases.get(name);
    if (want == null) throw new IllegalStateException("no JAX value for case " + name);
    return want;
  }

  /** Case {@code name} as a float32 array. */
  Array floats(String name) {
    Want w = want(name);
    return Jnp.array(w.values(), w.shape());
  }

  /** Case {@code name} as an int32 array (labels). */
  Array ints(String name) {
    Want w = want(name);
    int[] v = new int[w.values().length];
    for (int i = 0; i < v.length; i++) {
      v[i] = (int) w.values()[i];
      if (v[i] != w.values()[i]) throw new IllegalStateException(name + " [" + i + "] is not an int32 in float32");
    }
    return Jnp.array(v, w.shape());
  }

  /**
   * Asserts {@code got} is case {@code name} bit for bit (so -0.0 is not 0.0), except that any NaN matches a NaN:
   * the sign of a NaN arithmetic makes is the hardware's, which IEEE 754 leaves open.
   */
  void checkExact(String name, Array got) {
    Want want = want(name);
    assertArrayEquals(want.shape(), got.shape(), name + ": shape");
    float[] g = got.toFloatArray();
    assertEquals(want.values().length, g.length, name + ": length");
    for (int i = 0; i < g.length; i++) {
      float w = want.values()[i];
      boolean same = Float.isNaN(w) ? Float.isNaN(g[i]) : Float.floatToRawIntBits(w) == Float.floatToRawIntBits(g[i]);
      if (!same) throw new AssertionError(name + " [" + i + "]: JAX " + w + ", Olympus " + g[i]);
    }
  }
}
