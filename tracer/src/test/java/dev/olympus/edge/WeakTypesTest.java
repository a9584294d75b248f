package dev.olympus.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.olympus.Array;
import dev.olympus.Fn1;
import dev.olympus.Fn2;
import dev.olympus.Fn3;
import dev.olympus.errors.OlympusException;
import dev.olympus.numpy.Jnp;
import dev.olympus.transform.Staging;
import dev.olympus.types.AbstractValue;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The result dtype and weak type of every Jnp elementwise function for every kind of operand, against
 * {@code jax.make_jaxpr} ({@code weak_types.tsv}, written by {@code make_edge_values.py} with x64 disabled):
 * strong f32, i32 and bool arrays, and Java literals, which stand for Python scalars (weakly typed f32 and
 * i32). Checked on the eager result and on the traced IR's output, which must agree with each other too.
 */
class WeakTypesTest {
  record Row(String function, List<String> kinds, String dtype, String weak) {
    @Override
    public String toString() { return function + "(" + String.join(", ", kinds) + ")"; }
  }

  private static List<Row> rows() throws IOException {
    List<Row> out = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(
        WeakTypesTest.class.getResourceAsStream("/dev/olympus/edge/weak_types.tsv"), StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        if (line.isEmpty() || line.startsWith("#")) continue;
        String[] f = line.split("\t");
        out.add(new Row(f[0], List.of(f).subList(1, f.length - 2), f[f.length - 2], f[f.length - 1]));
      }
    }
    return out;
  }

  private static Array operand(String kind) {
    return switch (kind) {
      case "f32" -> Jnp.array(1.5f, -1f);
      case "i32" -> Jnp.array(3, -2);
      case "bool" -> Jnp.array(true, false);
      case "float" -> Jnp.literal(2.0);
      case "int" -> Jnp.literal(2);
      default -> throw new AssertionError("unknown operand kind " + kind);
    };
  }

  @TestFactory
  Stream<DynamicTest> resultTypesFollowJax() throws IOException {
    return rows().stream().map(row -> DynamicTest.dynamicTest(row.toString(), () -> check(row)));
  }

  private static void check(Row row) {
    EdgeFunctions.EdgeFunction f = EdgeFunctions.get(row.function());
    Array[] args = row.kinds().stream().map(WeakTypesTest::operand).toArray(Array[]::new);
    if (row.dtype().equals("error")) {
      assertThrows(OlympusException.class, () -> f.apply(args), row + ": JAX says " + row.weak());
      return;
    }
    String want = row.dtype() + (row.weak().equals("true") ? " weak" : "");
    Array eager = f.apply(args);
    assertEquals(want, describe(eager.aval()), row + " eagerly");
    AbstractValue traced = Staging.makeIr(traceable(f), (Object[]) args).outAvals().get(0);
    assertEquals(want, describe(traced), row + " traced");
  }

  private static Object traceable(EdgeFunctions.EdgeFunction f) {
    return switch (f.arity()) {
      case 1 -> (Fn1<Array, Array>) x -> f.apply(x);
      case 2 -> (Fn2<Array, Array, Array>) (x, y) -> f.apply(x, y);
      default -> (Fn3<Array, Array, Array, Array>) (x, y, z) -> f.apply(x, y, z);
    };
  }

  private static String describe(AbstractValue a) {
    return a.dtype().shortName() + (a.weak() ? " weak" : "");
  }

}
