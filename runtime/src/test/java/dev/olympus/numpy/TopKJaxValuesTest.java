package dev.olympus.numpy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.Array;
import dev.olympus.DType;
import dev.olympus.Fn1;
import dev.olympus.Olympus;
import dev.olympus.lax.Lax;
import org.junit.jupiter.api.Test;

/**
 * {@code Lax.topK} against {@code jax.lax.top_k} as JAX 0.10.2 computes it ({@code
 * tracer/src/test/python/make_top_k_values.py} writes {@code topk/values.txt}, operands included), eagerly and under
 * jit: rows with ties, NaN of both signs, +-inf, +-0.0 and subnormals, k from 0 to n, a rank-3 operand along each
 * axis, and the gradient (the cotangent put at the picked indices). Top-k copies elements and picks indices, and
 * its gradient scatters the cotangent into zeros, so every value must agree bit for bit: -0.0 is not 0.0, and a
 * NaN copied from the operand keeps its sign.
 */
class TopKJaxValuesTest {
  static final JaxValues JAX = JaxValues.load("/dev/olympus/topk/values.txt");

  /** A case name's {@code k=} or {@code axis=} field. */
  static int field(String[] words, String key) {
    for (String w : words) if (w.startsWith(key + "=")) return Integer.parseInt(w.substring(key.length() + 1));
    throw new IllegalStateException("no " + key + " in " + String.join(" ", words));
  }

  @Test
  void valuesAndIndicesAsJax() {
    int cases = 0;
    for (String name : JAX.names()) {
      String[] w = name.split(" ");
      if (!w[0].equals("top_k")) continue;
      Array x = JAX.array("operand " + w[1]);
      int k = field(w, "k");
      int axis = field(w, "axis");
      boolean values = w[w.length - 1].equals("values");
      Fn1<Array, Array> f = values ? a -> Lax.topK(a, k, axis).values() : a -> Lax.topK(a, k, axis).indices();
      for (Array got : new Array[] {f.apply(x), Olympus.jit(f).apply(x)}) {
        assertEquals(values ? DType.F32 : DType.I32, got.dtype(), name);
        JAX.checkExact(name, got, true);
      }
      cases++;
    }
    assertEquals(28, cases, "every top_k line of the data file ran");
  }

  @Test
  void gradientAsJax() {
    int cases = 0;
    for (String name : JAX.names()) {
      String[] w = name.split(" ");
      if (!w[0].equals("grad")) continue;
      Array x = JAX.array("operand " + w[1]);
      Array cot = JAX.array("operand " + w[4].substring("cot=".length()));
      int k = field(w, "k");
      int axis = field(w, "axis");
      Fn1<Array, Array> loss = a -> Jnp.sum(Lax.topK(a, k, axis).values().mul(cot));
      JAX.checkExact(name, Olympus.grad(loss).apply(x), false);
      JAX.checkExact(name, Olympus.jit(Olympus.grad(loss)).apply(x), false);
      cases++;
    }
    assertTrue(cases == 2, "every grad line of the data file ran: " + cases);
  }
}
