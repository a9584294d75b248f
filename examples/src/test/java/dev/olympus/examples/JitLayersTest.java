package dev.olympus.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.olympus.Array;
import dev.olympus.Olympus;
import dev.olympus.numpy.Jnp;
import org.junit.jupiter.api.Test;

/** The javac-time kernel of a forward pass through Nn, against a double-precision reference loop. */
class JitLayersTest {
  static float[] values(int n, double scale) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) v[i] = (float) (Math.sin(i * 0.37 + scale) * scale);
    return v;
  }

  @Test
  void predictOnSeveralBatchSizesMatchesAReferenceLoop() {
    float[] w1 = values(32, 0.8);
    float[] b1 = values(8, 0.3);
    float[] w2 = values(24, 1.1);
    float[] b2 = values(3, 0.2);
    JitLayers.Params p = new JitLayers.Params(Jnp.array(w1, 4, 8), Jnp.array(b1), Jnp.array(w2, 8, 3),
        Jnp.array(b2));
    long compiles = Olympus.compileCount();
    for (int batch : new int[] {1, 5, 16}) {
      float[] x = values(batch * 4, 1.5);
      Array jitted = JitLayers_Jit.predict(Jnp.array(x, batch, 4), p);
      assertArrayEquals(new int[] {batch, 3}, jitted.shape());
      float[] out = jitted.toFloatArray();
      float[] eager = JitLayers.predict(Jnp.array(x, batch, 4), p).toFloatArray();
      for (int r = 0; r < batch; r++) {
        double[] h = new double[8];
        for (int j = 0; j < 8; j++) {
          double s = b1[j];
          for (int k = 0; k < 4; k++) s += (double) x[r * 4 + k] * w1[k * 8 + j];
          h[j] = Math.max(s, 0);
        }
        double[] logits = new double[3];
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < 3; c++) {
          double s = b2[c];
          for (int j = 0; j < 8; j++) s += h[j] * w2[j * 3 + c];
          logits[c] = s;
          max = Math.max(max, s);
        }
        double z = 0;
        for (int c = 0; c < 3; c++) z += Math.exp(logits[c] - max);
        for (int c = 0; c < 3; c++) {
          // Probabilities from ~40 f32 operations: within 1e-5 of the double reference.
          assertEquals(Math.exp(logits[c] - max) / z, out[r * 3 + c], 1e-5, "row " + r + " class " + c);
          assertEquals(eager[r * 3 + c], out[r * 3 + c], 1e-6, "javac-time kernel vs eager");
        }
      }
    }
    assertEquals(compiles, Olympus.compileCount(), "one javac-time kernel for every batch size");
  }
}
