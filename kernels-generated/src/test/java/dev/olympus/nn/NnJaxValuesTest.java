package dev.olympus.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.Array;
import dev.olympus.Fn1;
import dev.olympus.Olympus;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Nn} against JAX 0.10.2 ({@code tracer/src/test/python/make_nn_values.py} writes {@code nn/values.txt},
 * inputs included): {@code jax.nn.gelu} exact and approximate over the whole float32 range (saturation, +-0.0,
 * subnormals, the largest finite values, +-inf, NaN) and 64 normals, {@code jax.nn.one_hot} with out-of-range and
 * negative labels (int32's extremes too) and 0 to 10 classes, and max and average pooling as {@code
 * flax.linen.max_pool} / {@code avg_pool} compute them on NCHW batches (windows 1 to 6, strides 1 and 2, NaN, +-inf
 * and +-0.0 in the windows). Each is run eagerly ({@code Nn}), under {@link Olympus#jit} and through its
 * javac-time kernel ({@code Nn_Jit}).
 *
 * <p>Tolerances. {@code one_hot} and max pooling compare and copy, so they agree bit for bit (-0.0 is not 0.0;
 * NaN matches any NaN). Average pooling sums {@code w * w} terms in an order XLA chooses, then divides by
 * {@code w * w}: the two sums are each within {@code gamma_(w*w-1) S} of the exact sum ({@code S} the window's
 * sum of magnitudes, {@code gamma_r = r u / (1 - r u)}, {@code u = 2^-24}), and each quotient rounds once more,
 * so results differ by at most {@code 2 gamma_(w*w-1) S / (w * w) + ulp}. GELU composes float32 operations whose
 * roundings, and the few-ulp error of XLA's polynomial {@code tanh} and {@code erfc} against Olympus's (Java's
 * {@code Math.tanh} and an erf, each in double rounded once), allow 4 ulps of the result. The approximate form's
 * {@code 1 + tanh(...)} cancels for negative x in JAX's formula as in Olympus's (both compute it), so a difference
 * of {@code 4 ulp} in tanh near -1 ({@code 4 * 2^-24}; XLA's tanh also clamps to +-1 for |arg| >= 7.9) reaches the
 * result as {@code |x| / 2 * 4 * 2^-24}. XLA's CPU runs with flush-to-zero: a subnormal Olympus result counts as
 * the zero of its sign.
 *
 * <p>The exact form is JAX's {@code (x / 2) * erfc(-x / sqrt 2)}: an earlier {@code x * (1 + erf(x / sqrt 2)) / 2}
 * cancelled for negative x (from x = -6 it gave -0.0 where JAX gives -5.9e-9) and overflowed above
 * {@code Float.MAX_VALUE / 2}. Olympus's erfc is erf's double-precision series or continued fraction rounded
 * once; XLA's float32 erfc computes {@code exp(-y^2)} from a rounded {@code y^2}, an error of about {@code y^2} ulps
 * relative (measured against mpmath over y in [-8, 9.1]: at most 6 ulps below 1, 9 to 3, 17 to 4.3, 32 to 6, 60
 * to 9.1, all within {@code 6 + y^2}). So negative x, where {@code y = -x / sqrt 2}, are allowed
 * {@code 2 (6 + x^2 / 2)} ulps more (twice, as erfc's ulp and the result's can be a binade apart). Where they
 * differ most, Olympus's erfc is mpmath's rounded (erfc(0.93229234) = 0.18734954, erfc(4.2426405) =
 * 1.9731785e-9) and XLA's is 4 ulps above.
 */
class NnJaxValuesTest {
  static final JaxValues JAX = JaxValues.load("/dev/olympus/nn/values.txt");
  static final double U = 0x1p-24;

  static int field(String[] words, String key) {
    for (String w : words) if (w.startsWith(key + "=")) return Integer.parseInt(w.substring(key.length() + 1));
    throw new IllegalStateException("no " + key + " in " + String.join(" ", words));
  }

  /** A subnormal as the zero of its sign: what XLA's flush-to-zero CPU makes of it. */
  static float flushed(float v) {
    return Math.abs(v) < Float.MIN_NORMAL ? Math.copySign(0f, v) : v;
  }

  /** Asserts {@code got} is within {@code tol} of {@code want}; bit for bit (sign of zero too) where tol is 0. */
  static void near(float want, float got, double tol, String what) {
    boolean ok;
    if (Float.isNaN(want)) ok = Float.isNaN(got);
    else if (Float.isInfinite(want) || tol == 0) ok = Float.floatToRawIntBits(want) == Float.floatToRawIntBits(got);
    else ok = Math.abs((double) want - got) <= tol;
    if (!ok) throw new AssertionError(what + ": JAX " + want + ", Olympus " + got + " (tolerance " + tol + ")");
  }

  @Test
  void oneHotAsJax() {
    int cases = 0;
    for (String name : JAX.names()) {
      String[] w = name.split(" ");
      if (!w[0].equals("one_hot")) continue;
      Array labels = JAX.ints("input " + w[1]);
      int n = field(w, "classes");
      Fn1<Array, Array> f = l -> Nn.oneHot(l, n);
      for (Array got : List.of(Nn.oneHot(labels, n), Olympus.jit(f).apply(labels), Nn_Jit.oneHot(labels, n))) {
        JAX.checkExact(name, got);
      }
      cases++;
    }
    assertEquals(5, cases, "every one_hot line of the data file ran");
  }

  @Test
  void poolingAsJax() {
    int cases = 0;
    for (String name : JAX.names()) {
      String[] w = name.split(" ");
      if (!w[0].endsWith("_pool")) continue;
      JaxValues.Want in = JAX.want("input " + w[1]);
      Array x = JAX.floats("input " + w[1]);
      int window = field(w, "window");
      int stride = field(w, "stride");
      boolean max = w[0].equals("max_pool");
      Fn1<Array, Array> f = max ? a -> Nn.maxPool(a, window, stride) : a -> Nn.avgPool(a, window, stride);
      Array kernel = max ? Nn_Jit.maxPool(x, window, stride) : Nn_Jit.avgPool(x, window, stride);
      for (Array got : List.of(f.apply(x), Olympus.jit(f).apply(x), kernel)) {
        if (max) {
          JAX.checkExact(name, got);
          continue;
        }
        float[] want = JAX.want(name).values();
        float[] g = got.toFloatArray();
        double[] magnitude = windowMagnitudes(in, window, stride);
        assertEquals(want.length, g.length, name);
        int r = window * window - 1;
        for (int i = 0; i < g.length; i++) {
          double tol = magnitude[i] == 0 ? 0
              : 2 * r * U / (1 - r * U) * magnitude[i] / (window * window) + Math.ulp(want[i]);
          near(want[i], g[i], tol, name + " [" + i + "]");
        }
      }
      cases++;
    }
    assertEquals(18, cases, "every pooling line of the data file ran");
  }

  /** For each VALID window of an NCHW input, the sum of its elements' magnitudes. */
  static double[] windowMagnitudes(JaxValues.Want in, int window, int stride) {
    int[] s = in.shape();
    int oh = (s[2] - window) / stride + 1;
    int ow = (s[3] - window) / stride + 1;
    double[] out = new double[s[0] * s[1] * oh * ow];
    for (int bc = 0; bc < s[0] * s[1]; bc++) {
      for (int i = 0; i < oh; i++) {
        for (int j = 0; j < ow; j++) {
          double m = 0;
          for (int di = 0; di < window; di++) {
            for (int dj = 0; dj < window; dj++) {
              m += Math.abs(in.values()[(bc * s[2] + i * stride + di) * s[3] + j * stride + dj]);
            }
          }
          out[(bc * oh + i) * ow + j] = m;
        }
      }
    }
    return out;
  }

  /** Runs every {@code gelu <variant>} case; returns how many values it checked. */
  static int gelu(boolean approximate) {
    int checked = 0;
    String variant = approximate ? "approximate" : "exact";
    for (String name : JAX.names()) {
      String[] w = name.split(" ");
      if (!w[0].equals("gelu") || !w[1].equals(variant)) continue;
      Array x = JAX.floats("input " + w[2]);
      float[] xs = x.toFloatArray();
      float[] want = JAX.want(name).values();
      Fn1<Array, Array> f = a -> Nn.gelu(a, approximate);
      List<Array> gots = new ArrayList<>(List.of(Nn.gelu(x, approximate), Olympus.jit(f).apply(x),
          Nn_Jit.gelu(x, approximate)));
      if (approximate) gots.addAll(List.of(Nn.gelu(x), Nn_Jit.gelu(x)));
      for (Array got : gots) {
        float[] g = got.toFloatArray();
        for (int i = 0; i < g.length; i++) {
          double tol = 4 * Math.ulp(want[i]);
          if (approximate && xs[i] < 0) tol += Math.abs(xs[i]) / 2 * 4 * U;
          if (!approximate && xs[i] < 0) tol += 2 * (6 + xs[i] * xs[i] / 2) * Math.ulp(want[i]);
          near(want[i], flushed(g[i]), tol, name + " at x = " + xs[i]);
          checked++;
        }
      }
    }
    return checked;
  }

  @Test
  void geluApproximateAsJax() {
    assertTrue(gelu(true) == 5 * (53 + 64), "every input of both variants' five entry points");
  }

  @Test
  void geluExactAsJax() {
    assertEquals(3 * 117, gelu(false), "every input, through each of the three entry points");
  }
}
