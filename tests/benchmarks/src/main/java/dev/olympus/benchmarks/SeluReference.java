package dev.olympus.benchmarks;

import dev.olympus.Array;
import dev.olympus.numpy.Jnp;

/**
 * The seed's {@code selu(x) = 1.05 * where(x > 0, x, 1.67 * exp(x) - 1.67)}, written the ways the benchmarks
 * compare: with Olympus ops (eager, or jitted through {@code Olympus.jit}) and as a hand-written scalar loop.
 * The Vector API loop lives in {@link SeluVectorLoop} so that only benchmarks that use it load the incubator
 * module's classes.
 */
final class SeluReference {
  private SeluReference() {}

  static final float ALPHA = 1.67f;
  static final float LAMBDA = 1.05f;

  /** Op by op when called directly; traced into one IR when jitted. */
  static Array selu(Array x) {
    return Jnp.where(x.gt(0), x, Jnp.exp(x).mul(1.67).sub(1.67)).mul(1.05);
  }

  /**
   * The kernel a C programmer would write. {@code Math.exp} in double rounded to float is what the eager f32
   * exp computes too; C2 does not vectorize this loop because of the exp call.
   */
  static void scalarLoop(float[] x, float[] out) {
    for (int i = 0; i < x.length; i++) {
      float v = x[i];
      out[i] = LAMBDA * (v > 0 ? v : ALPHA * (float) Math.exp(v) - ALPHA);
    }
  }

  /**
   * {@code n} float32 values evenly spread over [-4, 4): half take the exp branch, half the identity, so
   * neither side of the select is favoured, and exp never overflows.
   */
  static float[] input(int n) {
    float[] x = new float[n];
    for (int i = 0; i < n; i++) x[i] = -4f + 8f * i / n;
    return x;
  }
}
