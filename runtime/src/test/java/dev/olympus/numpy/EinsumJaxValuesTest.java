package dev.olympus.numpy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.olympus.Array;
import dev.olympus.Fn1;
import dev.olympus.Fn2;
import dev.olympus.Fn3;
import dev.olympus.Olympus;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code Jnp.einsum} against {@code jnp.einsum} as JAX 0.10.2 computes it on float32 standard normals ({@code
 * tracer/src/test/python/make_einsum_values.py} writes {@code einsum/values.txt}, operands included), eagerly and
 * under jit: EinsumTest's subscripts (products, implicit output, ellipses, transposes, sums, diagonals, traces,
 * outer products, a three-operand chain) and attention's {@code bhqd,bhkd->bhqk} and {@code bhqk,bhkd->bhqd}, with
 * contractions up to 96 long.
 *
 * <p>Tolerance. Each output element is a sum of {@code n} terms, each the product of one element of every operand
 * ({@code n} is the product of the summed letters' sizes). XLA and Olympus may multiply and add in different
 * orders (blocked, vectorized, fused), but any order rounds each term at most {@code r = n + operands - 2}
 * times (its {@code operands - 1} products and at most {@code n - 1} additions; contracting pairwise first rounds
 * fewer times), each by at most {@code u = 2^-24}, so each result is within {@code gamma_r * S} of the exact sum,
 * where {@code gamma_r = r u / (1 - r u)} and {@code S} is the sum of the terms' magnitudes (Higham, Accuracy and
 * Stability of Numerical Algorithms, 3.1). JAX's and Olympus's results are then within {@code 2 gamma_r S} of each
 * other, per element. Transposes and diagonals ({@code r = 0}) must be bit for bit. The test also checks JAX's own
 * values against the sum in double, within {@code gamma_r S}, which shows the bound is not vacuous.
 */
class EinsumJaxValuesTest {
  static final JaxValues JAX = JaxValues.load("/dev/olympus/einsum/values.txt");
  static final double U = 0x1p-24;

  /** The exact-ish sum (in double), the sum of the terms' magnitudes and the term count for each output element. */
  record Reference(double[] sum, double[] magnitude, long terms, int[] shape) {}

  /**
   * Evaluates {@code subscripts} by brute force over every index, in double: explicit or implicit output
   * (letters used once, alphabetically), "..." standing for the same leading dimensions in every operand.
   */
  static Reference reference(String subscripts, List<JaxValues.Want> ops) {
    String[] io = subscripts.split("->", -1);
    String[] ins = io[0].split(",", -1);
    Map<Character, Integer> size = new LinkedHashMap<>();
    String ellipsis = "";
    String[] letters = new String[ins.length];
    for (int o = 0; o < ins.length; o++) {
      int rank = ops.get(o).shape().length;
      String s = ins[o];
      if (s.contains("...")) {
        int e = rank - (s.length() - 3);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < e; i++) b.append((char) ('A' + i));
        ellipsis = b.toString();
        s = s.replace("...", ellipsis);
      }
      letters[o] = s;
      for (int i = 0; i < s.length(); i++) size.merge(s.charAt(i), ops.get(o).shape()[i], (x, y) -> {
        if (!x.equals(y)) throw new IllegalStateException(subscripts + ": sizes disagree");
        return x;
      });
    }
    String out;
    if (io.length == 2) {
      out = io[1].replace("...", ellipsis);
    } else {
      StringBuilder b = new StringBuilder(ellipsis);
      String all = String.join("", letters);
      size.keySet().stream().filter(c -> Character.isLowerCase(c) && all.indexOf(c) == all.lastIndexOf(c)).sorted()
          .forEach(b::append);
      out = b.toString();
    }
    List<Character> summed = new ArrayList<>();
    for (char c : size.keySet()) if (out.indexOf(c) < 0) summed.add(c);
    int[] shape = new int[out.length()];
    int outSize = 1;
    for (int i = 0; i < shape.length; i++) outSize *= shape[i] = size.get(out.charAt(i));
    long terms = 1;
    for (char c : summed) terms *= size.get(c);
    double[] sum = new double[outSize];
    double[] magnitude = new double[outSize];
    float[][] values = new float[ins.length][];
    for (int o = 0; o < ins.length; o++) values[o] = ops.get(o).floats();
    Map<Character, Integer> at = new LinkedHashMap<>();
    for (int e = 0; e < outSize; e++) {
      for (int i = shape.length - 1, r = e; i >= 0; r /= shape[i], i--) at.put(out.charAt(i), r % shape[i]);
      for (long t = 0; t < terms; t++) {
        long r = t;
        for (int i = summed.size() - 1; i >= 0; i--) {
          int d = size.get(summed.get(i));
          at.put(summed.get(i), (int) (r % d));
          r /= d;
        }
        double product = 1;
        for (int o = 0; o < ins.length; o++) {
          int flat = 0;
          int[] dims = ops.get(o).shape();
          for (int i = 0; i < dims.length; i++) flat = flat * dims[i] + at.get(letters[o].charAt(i));
          product *= values[o][flat];
        }
        sum[e] += product;
        magnitude[e] += Math.abs(product);
      }
    }
    return new Reference(sum, magnitude, terms, shape);
  }

  static double gamma(long r) { return r * U / (1 - r * U); }

  static Array einsumJit(String subscripts, Array[] ops) {
    return switch (ops.length) {
      case 1 -> Olympus.jit((Fn1<Array, Array>) a -> Jnp.einsum(subscripts, a)).apply(ops[0]);
      case 2 -> Olympus.jit((Fn2<Array, Array, Array>) (a, b) -> Jnp.einsum(subscripts, a, b)).apply(ops[0], ops[1]);
      case 3 -> Olympus.jit((Fn3<Array, Array, Array, Array>) (a, b, c) -> Jnp.einsum(subscripts, a, b, c))
          .apply(ops[0], ops[1], ops[2]);
      default -> throw new IllegalStateException(subscripts);
    };
  }

  @Test
  void subscriptsAsJax() {
    int cases = 0;
    for (String name : JAX.names()) {
      String[] w = name.split(" ");
      if (!w[0].equals("einsum")) continue;
      String subscripts = w[1];
      String[] ids = Arrays.copyOfRange(w, 2, w.length);
      Array[] ops = new Array[ids.length];
      List<JaxValues.Want> wants = new ArrayList<>();
      for (int i = 0; i < ids.length; i++) {
        ops[i] = JAX.array("operand " + ids[i]);
        wants.add(JAX.want("operand " + ids[i]));
      }
      JaxValues.Want want = JAX.want(name);
      float[] wanted = want.floats();
      Reference ref = reference(subscripts, wants);
      assertArrayEquals(want.shape(), ref.shape(), name + ": the reference's shape");
      long r = Math.max(0, ref.terms() + ids.length - 2);
      for (Array got : new Array[] {Jnp.einsum(subscripts, ops), einsumJit(subscripts, ops)}) {
        assertArrayEquals(want.shape(), got.shape(), name);
        float[] g = got.toFloatArray();
        for (int i = 0; i < g.length; i++) {
          double tol = 2 * gamma(r) * ref.magnitude()[i];
          assertEquals(wanted[i], g[i], tol, name + " [" + i + "], " + r + " roundings, S = "
              + ref.magnitude()[i]);
        }
      }
      for (int i = 0; i < wanted.length; i++) {
        assertEquals(ref.sum()[i], wanted[i], gamma(r) * ref.magnitude()[i] + 1e-12 * ref.magnitude()[i],
            name + ": JAX's value is within the bound of the double sum at " + i);
      }
      cases++;
    }
    assertEquals(22, cases, "every einsum line of the data file ran");
  }
}
