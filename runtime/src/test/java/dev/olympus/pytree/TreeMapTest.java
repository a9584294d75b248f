package dev.olympus.pytree;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.Array;
import dev.olympus.Fn2;
import dev.olympus.Olympus;
import dev.olympus.errors.InvalidArgumentException;
import dev.olympus.numpy.Jnp;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code Olympus.treeMap}, JAX's {@code jax.tree.map}: over records, lists and maps, nested; the SGD update it
 * exists for, eagerly, under jit and with the gradient of a loss; and the errors for mismatched structures.
 * Values are closed forms (a few float32 operations on small integers, so exact).
 */
class TreeMapTest {
  record Layer(Array w, Array b) {}

  record Model(Layer hidden, List<Array> extras, String name) {}

  static Model model(float scale) {
    return new Model(new Layer(Jnp.array(new float[] {1, 2, 3, 4}, 2, 2).mul(scale), Jnp.array(new float[] {1, -1})),
        List.of(Jnp.array(new float[] {0.5f})), "mlp");
  }

  static Array loss(Model m, Array x) {
    return Jnp.sum(Jnp.matmul(x, m.hidden().w()).add(m.hidden().b()).mul(m.extras().get(0)));
  }

  @Test
  void oneTreeKeepsItsStructureAndStaticParts() {
    Model doubled = Olympus.treeMap(a -> a.mul(2), model(1));
    assertEquals("mlp", doubled.name());
    assertArrayEquals(new float[] {2, 4, 6, 8}, doubled.hidden().w().toFloatArray());
    assertArrayEquals(new float[] {2, -2}, doubled.hidden().b().toFloatArray());
    assertArrayEquals(new float[] {1}, doubled.extras().get(0).toFloatArray());
    Map<String, Array> m = Olympus.treeMap(Array::neg, Map.of("a", Jnp.array(new float[] {3})));
    assertArrayEquals(new float[] {-3}, m.get("a").toFloatArray());
  }

  /** SGD: p - 0.5 g, with g the gradient of sum((x w + b) * e); eager and jitted agree and match the closed form. */
  @Test
  void anSgdStepOverARecordOfParameters() {
    Array x = Jnp.array(new float[] {1, 2}, 1, 2);
    Model params = model(1);
    Model grads = Olympus.grad(TreeMapTest::loss).apply(params, x);
    Model eager = Olympus.treeMap((p, g) -> p.sub(g.mul(0.5)), params, grads);
    Fn2<Model, Model, Model> update = Olympus.jit((p, g) -> Olympus.treeMap((a, b) -> a.sub(b.mul(0.5)), p, g));
    Model jitted = update.apply(params, grads);
    // d/dw = e * x^T 1 = 0.5 * [[1, 1], [2, 2]]; d/db = e = 0.5; d/de = sum(x w + b) = (7 + 1) + (10 - 1) = 17.
    float[] w = {1 - 0.25f, 2 - 0.25f, 3 - 0.5f, 4 - 0.5f};
    for (Model m : new Model[] {eager, jitted}) {
      assertArrayEquals(w, m.hidden().w().toFloatArray());
      assertArrayEquals(new float[] {0.75f, -1.25f}, m.hidden().b().toFloatArray());
      assertArrayEquals(new float[] {0.5f - 8.5f}, m.extras().get(0).toFloatArray());
      assertEquals("mlp", m.name());
    }
  }

  @Test
  void mismatchedStructuresAreErrorsThatSayWhere() {
    Model a = model(1);
    Model other = new Model(a.hidden(), List.of(), "mlp");
    InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
        () -> Olympus.treeMap((p, g) -> p.add(g), a, other));
    assertTrue(e.getMessage().contains("PyTree.map: argument b has the structure"), e.getMessage());
    e = assertThrows(InvalidArgumentException.class, () -> Olympus.treeMap((p, g) -> null, a, a));
    assertTrue(e.getMessage().contains("returned null for the leaf .hidden.w"), e.getMessage());
  }
}
