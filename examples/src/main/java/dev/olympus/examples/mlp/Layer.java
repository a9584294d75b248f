package dev.olympus.examples.mlp;

import dev.olympus.Array;
import dev.olympus.DType;
import dev.olympus.numpy.Jnp;
import java.util.Random;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;

/**
 * One dense layer {@code x @ w + b}: {@code w} is f32[in, out], {@code b} is f32[out]. A record of Arrays is a
 * pytree, so {@code Olympus.grad} returns the gradient as a {@code Layer} too, and {@code Olympus.jit} takes and
 * returns layers.
 */
public record Layer(Array w, Array b) {

  /**
   * He initialization (normal with variance 2 / fan-in, the scale that keeps ReLU activations from shrinking or
   * growing layer to layer), zero bias. Draws from {@code random}, so a fixed seed gives fixed weights.
   */
  public static Layer init(int in, int out, Random random) {
    float[] w = new float[in * out];
    double scale = Math.sqrt(2.0 / in);
    for (int i = 0; i < w.length; i++) w[i] = (float) (random.nextGaussian() * scale);
    return new Layer(Jnp.array(w, in, out), Jnp.zeros(DType.F32, out));
  }

  public Array apply(Array x) { return Jnp.matmul(x, w).add(b); }

  /** The same function applied to each array. */
  public Layer map(UnaryOperator<Array> f) { return new Layer(f.apply(w), f.apply(b)); }

  /** {@code f} applied to matching arrays of {@code this} and {@code other}. */
  public Layer zip(Layer other, BinaryOperator<Array> f) { return new Layer(f.apply(w, other.w), f.apply(b, other.b)); }
}
