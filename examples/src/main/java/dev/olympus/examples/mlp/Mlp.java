package dev.olympus.examples.mlp;

import dev.olympus.Array;
import dev.olympus.numpy.Jnp;

/**
 * The model and its loss, written once with Olympus ops: called directly they run eagerly, op by op; under
 * {@code Olympus.jit} / {@code Olympus.valueAndGrad} the same code is traced.
 */
public final class Mlp {
  private Mlp() {}

  /** Class scores (logits), f32[batch, classes]: two ReLU hidden layers, then a linear layer. */
  public static Array logits(Params p, Array x) {
    Array h1 = relu(p.l1().apply(x));
    Array h2 = relu(p.l2().apply(h1));
    return p.l3().apply(h2);
  }

  static Array relu(Array x) { return x.maximum(0.0); }

  /**
   * Mean softmax cross-entropy of the logits against one-hot labels {@code y} (f32[batch, classes]):
   * {@code mean(logsumexp(z) - sum(y * z))}. The log-sum-exp subtracts each row's maximum first, so exp never
   * overflows however large the scores get; the maximum cancels out of the value and of the gradient.
   */
  public static Array loss(Params p, Array x, Array y) {
    Array z = logits(p, x);
    return Jnp.mean(logSumExp(z).sub(Jnp.sum(y.mul(z), 1)));
  }

  /** {@code log(sum(exp(z), axis=1))}, f32[batch], computed as {@code m + log(sum(exp(z - m)))}. */
  static Array logSumExp(Array z) {
    int batch = z.shape()[0];
    Array m = Jnp.max(z, 1);
    Array shifted = z.sub(m.reshape(batch, 1));
    return m.add(Jnp.log(Jnp.sum(Jnp.exp(shifted), 1)));
  }
}
