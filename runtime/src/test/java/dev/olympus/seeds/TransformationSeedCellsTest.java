package dev.olympus.seeds;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.olympus.Array;
import dev.olympus.Fn1;
import dev.olympus.Olympus;
import dev.olympus.ir.ClosedIr;
import dev.olympus.numpy.Jnp;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Cells 12 and 13 of SEEDS_IN_JAVA.md (the talk's slides on composable transformations), through the public
 * {@link Olympus} API.
 */
class TransformationSeedCellsTest {
  /** The talk's {@code fun(x) = 2 + sin(x)}. */
  static Array fun(Array x) { return Jnp.add(2, Jnp.sin(x)); }

  /** Cell 12: {@code make_jaxpr(grad(fun))(1.0)}, the jaxpr the talk shows, verbatim. */
  @Test
  void cell12MakeIrOfGrad() {
    ClosedIr ir = Olympus.makeIr(Olympus.grad(TransformationSeedCellsTest::fun), 1.0f);
    assertEquals("""
        { lambda ; a:f32[]. let
            b:f32[] = sin a
            c:f32[] = cos a
            _:f32[] = add 2.0:f32[] b
            d:f32[] = mul 1.0:f32[] c
          in (d,) }""", ir.toString());
    // Its value at 1 is cos(1), rounded to f32 once (cos runs in double and rounds, and 1.0 * c is exact).
    assertEquals((float) Math.cos(1.0), ir.call(List.of(Jnp.scalar(1f))).get(0).floatValue());
    assertEquals((float) Math.cos(1.0), Olympus.grad(TransformationSeedCellsTest::fun).apply(Jnp.scalar(1f)).floatValue());
  }

  /** Cell 13: {@code vmap(grad(fun))(jnp.array([1., 2., 3.]))} (jit around it is tested with jit). */
  @Test
  void cell13VmapOfGrad() {
    Fn1<Array, Array> perElement = Olympus.vmap(Olympus.grad(TransformationSeedCellsTest::fun));
    float[] got = perElement.apply(Jnp.array(1f, 2f, 3f)).toFloatArray();
    // The seed's printed values, which are cos(1), cos(2), cos(3) rounded to f32.
    assertArrayEquals(new float[] {0.5403023f, -0.41614684f, -0.9899925f}, got);
    assertArrayEquals(new float[] {(float) Math.cos(1), (float) Math.cos(2), (float) Math.cos(3)}, got);
  }

  @Test
  void makeIrOfVmapOfGradIsOneBatchedIr() {
    ClosedIr ir = Olympus.makeIr(Olympus.vmap(Olympus.grad(TransformationSeedCellsTest::fun)), Jnp.array(1f, 2f, 3f));
    assertEquals("""
        { lambda ; a:f32[3]. let
            b:f32[3] = sin a
            c:f32[3] = cos a
            _:f32[3] = add 2.0:f32[] b
            d:f32[3] = mul 1.0:f32[] c
          in (d,) }""", ir.toString());
  }

  @Test
  void olympusEntryPointsDelegate() {
    var vg = Olympus.valueAndGrad(TransformationSeedCellsTest::fun).apply(Jnp.scalar(0.5f));
    assertEquals((float) (2 + Math.sin(0.5)), vg.value().floatValue());
    assertEquals((float) Math.cos(0.5), vg.grad().floatValue());
    var jvp = Olympus.jvp(TransformationSeedCellsTest::fun, Jnp.scalar(0.5f), Jnp.scalar(2f));
    assertEquals((float) (2 * (double) (float) Math.cos(0.5)), jvp.tangent().floatValue());
    var vjp = Olympus.vjp(TransformationSeedCellsTest::fun, Jnp.scalar(0.5f));
    assertEquals((float) (3 * (double) (float) Math.cos(0.5)), vjp.pullback().apply(Jnp.scalar(3f)).floatValue());
    Fn1<Array, Array> lastAxis = Olympus.vmap(TransformationSeedCellsTest::fun, new int[] {1}, 1);
    Array m = lastAxis.apply(Jnp.array(new float[] {0f, 1f, 2f, 3f}, 2, 2));
    assertArrayEquals(new int[] {2, 2}, m.shape());
    assertEquals((float) (2 + Math.sin(1)), m.toFloatArray()[1]);
  }
}
