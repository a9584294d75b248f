package dev.olympus.numpy;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.Array;
import dev.olympus.Fn1;
import dev.olympus.Olympus;
import dev.olympus.errors.OlympusException;
import dev.olympus.lax.Lax;
import dev.olympus.primitive.WindowPadding;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code Lax.reduceWindow} (sum, max, min; "SAME"/"VALID" and explicit padding; base and window dilation) and
 * its gradients against the values JAX 0.10.2 computes ({@code tracer/src/test/python/make_window_values.py}
 * writes {@code windows/values.txt}), eagerly, under jit and vmap. The gradient of a window max goes to the
 * first maximum of each window ({@code select_and_scatter_add}, as XLA's), summed where windows overlap. Inputs
 * are multiples of 1/4, so results are exact (1e-6).
 */
class ReduceWindowTest {
  static final JaxValues WANT = JaxValues.load("/dev/olympus/windows/values.txt");
  static final Array X = JaxValues.grid(0, 2, 3, 5, 6);
  static final float NEG_INF = Float.NEGATIVE_INFINITY;

  static Map<String, Fn1<Array, Array>> cases() {
    Map<String, Fn1<Array, Array>> c = new LinkedHashMap<>();
    c.put("max valid", x -> Lax.reduceWindow(x, NEG_INF, Lax::max, new int[] {1, 1, 2, 2}, new int[] {1, 1, 2, 2}, "VALID"));
    c.put("max same overlap", x -> Lax.reduceWindowMax(x, new int[] {1, 1, 3, 3}, new int[] {1, 1, 1, 2}, "SAME"));
    c.put("min valid", x -> Lax.reduceWindow(x, Float.POSITIVE_INFINITY, Lax::min, new int[] {1, 2, 2, 1},
        new int[] {1, 1, 2, 1}, "VALID"));
    c.put("sum same", x -> Lax.reduceWindow(x, 0, Lax::add, new int[] {1, 1, 2, 3}, new int[] {1, 1, 1, 1}, "SAME"));
    c.put("sum dilated", x -> Lax.reduceWindow(x, 0, Lax::add, new int[] {1, 1, 2, 2}, new int[] {1, 1, 1, 2},
        new WindowPadding(new int[] {0, 0, 1, 2}, new int[] {0, 0, 0, 1}), new int[] {1, 1, 2, 1}, new int[] {1, 1, 1, 2}));
    c.put("max init", x -> Lax.reduceWindow(x, 0.5, Lax::max, new int[] {1, 1, 2, 2}, new int[] {1, 1, 2, 2}, "VALID"));
    c.put("max base dilated", x -> Lax.reduceWindow(x, NEG_INF, Lax::max, new int[] {1, 1, 2, 2}, new int[] {1, 1, 1, 1},
        WindowPadding.none(4), new int[] {1, 1, 2, 1}, new int[] {1, 1, 1, 1}));
    return c;
  }

  @Test
  void valuesAndGradientsOfEveryCase() {
    for (Map.Entry<String, Fn1<Array, Array>> e : cases().entrySet()) {
      String name = e.getKey();
      Fn1<Array, Array> f = e.getValue();
      WANT.check(name, f.apply(X), 1e-6f);
      WANT.check(name, Olympus.jit(f).apply(X), 1e-6f);
      if (name.equals("max init")) continue;
      Array cot = JaxValues.grid(5, f.apply(X).shape());
      Fn1<Array, Array> loss = x -> Jnp.sum(f.apply(x).mul(cot));
      WANT.check(name + " grad", Olympus.grad(loss).apply(X), 1e-6f);
      WANT.check(name + " grad", Olympus.jit(Olympus.grad(loss)).apply(X), 1e-6f);
    }
  }

  /** XLA's max and min: a NaN in the window wins, and +0 is above -0 (the bit-ordered pooling loop keeps both). */
  @Test
  void poolingPropagatesNanAndOrdersSignedZeros() {
    Array x = Jnp.array(new float[] {-0f, 0f, Float.NaN, 1f, -0f, -0f, 2f, 3f, 5f, -7f, -0f, 4f, 6f, 8f, -1f, -2f},
        1, 1, 4, 4);
    int[] window = {1, 1, 2, 2};
    float[] max = Lax.reduceWindowMax(x, window, window, "VALID").toFloatArray();
    float[] min = Lax.reduceWindowMin(x, window, window, "VALID").toFloatArray();
    assertTrue(Float.floatToRawIntBits(max[0]) == 0 && Float.isNaN(max[1]) && max[2] == 8f && max[3] == 4f,
        java.util.Arrays.toString(max));
    assertTrue(Float.floatToRawIntBits(min[0]) == 0x80000000 && Float.isNaN(min[1]) && min[2] == -7f && min[3] == -2f,
        java.util.Arrays.toString(min));
  }

  /**
   * The pooling loops (a straight-line window of four, one pass per window offset otherwise, rows split between
   * cores) against a direct fold of each window in window order with {@code Math.max/min} and float adds, which
   * have XLA's semantics: bit for bit, on images large enough to be split, with NaNs and signed zeros sprinkled.
   */
  @Test
  void poolingLoopsEqualADirectFoldOfEachWindow() {
    int n = 2, c = 8, h = 64, w = 64;
    float[] xs = new float[n * c * h * w];
    java.util.Random random = new java.util.Random(7);
    for (int i = 0; i < xs.length; i++) {
      int pick = random.nextInt(200);
      xs[i] = pick == 0 ? Float.NaN : pick == 1 ? -0f : pick == 2 ? 0f : (float) random.nextGaussian();
    }
    Array x = Jnp.array(xs).reshape(n, c, h, w);
    int[][] windows = {{2, 2, 2, 2}, {3, 3, 1, 1}, {1, 3, 1, 2}, {3, 2, 2, 1}};
    for (int[] win : windows) {
      int[] dims = {1, 1, win[0], win[1]}, strides = {1, 1, win[2], win[3]};
      int oh = (h - win[0]) / win[2] + 1, ow = (w - win[1]) / win[3] + 1;
      for (String op : new String[] {"max", "min", "sum"}) {
        Array got = switch (op) {
          case "max" -> Lax.reduceWindowMax(x, dims, strides, "VALID");
          case "min" -> Lax.reduceWindowMin(x, dims, strides, "VALID");
          default -> Lax.reduceWindowSum(x, dims, strides, "VALID");
        };
        float[] g = got.toFloatArray();
        for (int plane = 0, o = 0; plane < n * c; plane++) {
          for (int i = 0; i < oh; i++) {
            for (int j = 0; j < ow; j++, o++) {
              float acc = op.equals("max") ? NEG_INF : op.equals("min") ? Float.POSITIVE_INFINITY : 0f;
              for (int di = 0; di < win[0]; di++) {
                for (int dj = 0; dj < win[1]; dj++) {
                  float v = xs[(plane * h + i * win[2] + di) * w + j * win[3] + dj];
                  acc = op.equals("max") ? Math.max(acc, v) : op.equals("min") ? Math.min(acc, v) : acc + v;
                }
              }
              int want = Float.floatToIntBits(acc), have = Float.floatToIntBits(g[o]);
              if (want != have) {
                throw new AssertionError(op + " of window " + java.util.Arrays.toString(win) + " at output " + o
                    + ": want " + acc + ", got " + g[o]);
              }
            }
          }
        }
      }
    }
  }

  /**
   * XLA's select_and_scatter walks a window keeping its current choice while {@code select(current, next)} holds
   * (ge for max): a NaN fails every comparison, so it is taken when it comes and given up at the next element.
   * Windows [NaN, 1, 2, 0] and [3, NaN, 1, 0] (row-major) therefore choose their 2 and their 1, as JAX 0.10.2's
   * {@code jax.grad} of the same pooling gives, eagerly and jitted.
   */
  @Test
  void aNanInAWindowIsPassedOverAsXlasSelectDoes() {
    Array x = Jnp.array(new float[] {Float.NaN, 1, 3, Float.NaN, 2, 0, 1, 0}, 1, 1, 2, 4);
    Fn1<Array, Array> f = v -> Jnp.sum(Lax.reduceWindowMax(v, new int[] {1, 1, 2, 2}, new int[] {1, 1, 2, 2}, "VALID"));
    float[] want = {0, 0, 0, 0, 1, 0, 1, 0};
    org.junit.jupiter.api.Assertions.assertArrayEquals(want, Olympus.grad(f).apply(x).toFloatArray(), "eager");
    org.junit.jupiter.api.Assertions.assertArrayEquals(want, Olympus.jit(Olympus.grad(f)).apply(x).toFloatArray(),
        "jit");
  }

  @Test
  void tiesGiveTheGradientToTheFirstMaximum() {
    Array t = Jnp.array(new float[] {1, 1, 0, 1, 0.5f, 2, 2, 2, 2}, 1, 1, 3, 3);
    Fn1<Array, Array> f = x -> Jnp.sum(Lax.reduceWindowMax(x, new int[] {1, 1, 2, 2}, new int[] {1, 1, 1, 1}, "VALID"));
    WANT.check("ties grad", Olympus.grad(f).apply(t), 0);
  }

  @Test
  void vmapAddsAWindowOfOne() {
    Array xs = JaxValues.grid(2, 4, 2, 3, 5, 6);
    WANT.check("vmap max", Olympus.vmap(cases().get("max same overlap")).apply(xs), 1e-6f);
    Fn1<Array, Array> valid = cases().get("max valid");
    Fn1<Array, Array> grads = Olympus.vmap(Olympus.grad((Array x) -> Jnp.sum(Jnp.square(valid.apply(x)))));
    WANT.check("vmap grad max", grads.apply(xs), 1e-6f);
    WANT.check("vmap grad max", Olympus.jit(grads).apply(xs), 1e-6f);
  }

  @Test
  void printsTheJaxprsJaxPrints() {
    Fn1<Array, Array> f = cases().get("max valid");
    String jvp = Olympus.makeIr((Array x) -> Olympus.jvp(f, x, x).tangent(), X).toString();
    assertTrue(jvp.contains("reduce_window_max[\n      base_dilation=(1, 1, 1, 1)\n"
        + "      padding=((0, 0), (0, 0), (0, 0), (0, 0))\n      window_dilation=(1, 1, 1, 1)\n"
        + "      window_dimensions=(1, 1, 2, 2)\n      window_strides=(1, 1, 2, 2)\n    ] a"), jvp);
    assertTrue(jvp.contains("select_and_gather_add[\n      base_dilation=(1, 1, 1, 1)\n"
        + "      padding=((0, 0), (0, 0), (0, 0), (0, 0))\n      select_prim=ge\n"), jvp);
    String grad = Olympus.makeIr(Olympus.grad((Array x) -> Jnp.sum(f.apply(x))), X).toString();
    assertTrue(grad.contains("select_and_scatter_add[\n      padding=((0, 0), (0, 0), (0, 0), (0, 0))\n"
        + "      select_prim=ge\n      window_dimensions=(1, 1, 2, 2)\n      window_strides=(1, 1, 2, 2)\n    ]"), grad);
  }

  @Test
  void otherComputationsAndNonZeroSumStartsAreRejected() {
    OlympusException e = assertThrows(OlympusException.class, () -> Lax.reduceWindow(X, 1, Lax::mul,
        new int[] {1, 1, 2, 2}, new int[] {1, 1, 1, 1}, "VALID"));
    assertTrue(e.getMessage().contains("Lax::add, Lax::max or Lax::min"), e.getMessage());
    e = assertThrows(OlympusException.class, () -> Lax.reduceWindow(X, 1, Lax::add, new int[] {1, 1, 2, 2},
        new int[] {1, 1, 1, 1}, "VALID"));
    assertTrue(e.getMessage().contains("starts from 0"), e.getMessage());
    e = assertThrows(OlympusException.class, () -> Lax.reduceWindowMax(X, new int[] {2, 2}, new int[] {1, 1}, "VALID"));
    assertTrue(e.getMessage().contains("one entry per axis"), e.getMessage());
  }
}
