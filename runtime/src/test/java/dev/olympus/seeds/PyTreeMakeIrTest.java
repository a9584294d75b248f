package dev.olympus.seeds;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.olympus.Array;
import dev.olympus.Fn1;
import dev.olympus.Fn2;
import dev.olympus.Olympus;
import dev.olympus.ir.ClosedIr;
import dev.olympus.numpy.Jnp;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Records (and lists, maps) of Arrays as makeIr arguments and results: flattened in component order. */
class PyTreeMakeIrTest {
  record Linear(Array w, Array b) {}

  record Prediction(Array y, Array norm) {}

  record Layer(Linear linear, List<Array> extras, int width) {}

  static Prediction predict(Linear p, Array x) {
    Array y = x.mul(p.w()).add(p.b());
    return new Prediction(y, Jnp.sum(y.mul(y)));
  }

  @Test
  void recordArgumentsAndResultsFlattenInComponentOrder() {
    Linear p = new Linear(Jnp.array(1f, 2f, 3f), Jnp.scalar(0.5f));
    ClosedIr ir = Olympus.makeIr(PyTreeMakeIrTest::predict, p, Jnp.array(4f, 5f, 6f));
    assertEquals("""
        { lambda ; a:f32[3] b:f32[] c:f32[3]. let
            d:f32[3] = mul c a
            e:f32[3] = add d b
            f:f32[3] = mul e e
            g:f32[] = reduce_sum[axes=(0,)] f
          in (e, g) }""", ir.toString());
    // The flat IR computes what the record function computes.
    List<Array> out = ir.call(List.of(p.w(), p.b(), Jnp.array(4f, 5f, 6f)));
    Prediction eager = predict(p, Jnp.array(4f, 5f, 6f));
    assertEquals(eager.y().toString(), out.get(0).toString());
    assertEquals(eager.norm().toString(), out.get(1).toString());
  }

  /** Nested records, lists and static components: only arrays become inputs, depth first, in order. */
  @Test
  void nestedStructureAndStaticComponents() {
    Layer layer = new Layer(new Linear(Jnp.array(1f, 2f), Jnp.scalar(1f)), List.of(Jnp.scalar(2), Jnp.array(3f, 4f)), 7);
    ClosedIr ir = Olympus.makeIr((Fn1<Layer, List<Array>>) l -> List.of(l.extras().get(1).mul(l.width()),
        l.linear().w()), layer);
    assertEquals("""
        { lambda ; a:f32[2] b:f32[] c:i32[] d:f32[2]. let
            e:f32[2] = mul d 7.0:f32[]
          in (e, a) }""", ir.toString());
  }

  /** String-keyed maps flatten in sorted key order, as JAX flattens dicts. */
  @Test
  void mapsFlattenInSortedKeyOrder() {
    Map<String, Array> m = Map.of("zeta", Jnp.scalar(1f), "alpha", Jnp.array(1, 2));
    ClosedIr ir = Olympus.makeIr((Fn2<Map<String, Array>, Array, Array>) (d, x) -> d.get("zeta").mul(x), m,
        Jnp.scalar(3f));
    // Short enough for one line, where JAX's printer puts it.
    assertEquals("{ lambda ; a:i32[2] b:f32[] c:f32[]. let d:f32[] = mul b c in (d,) }", ir.toString());
  }
}
