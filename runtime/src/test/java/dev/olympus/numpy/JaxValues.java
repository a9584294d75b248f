package dev.olympus.numpy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.olympus.Array;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Values a script under {@code tracer/src/test/python} computed with JAX and wrote as a resource, one case per
 * line ({@code name|shape|values}), and the inputs those scripts build ({@link #grid}).
 */
final class JaxValues {
  record Want(int[] shape, float[] values) {}

  private final Map<String, Want> cases;

  private JaxValues(Map<String, Want> cases) {
    this.cases = cases;
  }

  static JaxValues load(String resource) {
    Map<String, Want> out = new HashMap<>();
    var in = JaxValues.class.getResourceAsStream(resource);
    if (in == null) throw new IllegalStateException("missing test resource " + resource);
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        if (line.startsWith("#") || line.isBlank()) continue;
        String[] parts = line.split("\\|");
        String[] dims = parts[1].split(",");
        int[] shape = new int[parts[1].isEmpty() ? 0 : dims.length];
        for (int i = 0; i < shape.length; i++) shape[i] = Integer.parseInt(dims[i]);
        String[] vs = parts[2].split(" ");
        float[] values = new float[vs.length];
        for (int i = 0; i < vs.length; i++) values[i] = Float.parseFloat(vs[i]);
        out.put(parts[0], new Want(shape, values));
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return new JaxValues(out);
  }

  /** Asserts {@code got} is case {@code name}: its shape, and its values within {@code tolerance}. */
  void check(String name, Array got, float tolerance) {
    Want want = cases.get(name);
    if (want == null) throw new IllegalStateException("no JAX value for case " + name);
    assertArrayEquals(want.shape(), got.shape(), name);
    assertArrayEquals(want.values(), got.toFloatArray(), tolerance, name);
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
