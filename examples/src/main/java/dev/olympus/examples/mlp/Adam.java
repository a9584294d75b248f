package dev.olympus.examples.mlp;

import dev.olympus.Array;
import dev.olympus.numpy.Jnp;

/**
 * Adam (Kingma and Ba, 2015, Algorithm 1 with the bias corrections folded into the step size), written with
 * Olympus ops so its update can be jitted. The hyperparameters are a record: a jitted {@code adam::update}
 * captures it, and equal hyperparameters share one compiled kernel.
 */
public record Adam(double learningRate, double beta1, double beta2, double epsilon) {

  /** The usual defaults of the paper (and of optax) with a given learning rate. */
  public static Adam withLearningRate(double learningRate) { return new Adam(learningRate, 0.9, 0.999, 1e-8); }

  /**
   * The optimizer's state with the parameters it trains: first and second moment estimates of the gradient (same
   * structure as the parameters) and the number of steps taken, an f32 scalar so that it is an input of the
   * jitted update rather than a constant baked into it.
   */
  public record State(Params params, Params m, Params v, Array step) {}

  public State init(Params params) {
    Params zeros = params.map(Jnp::zerosLike);
    return new State(params, zeros, zeros, Jnp.scalar(0f));
  }

  /** One step along the gradient {@code g} of the loss at {@code s.params()}. */
  public State update(State s, Params g) {
    Array t = s.step().add(1.0);
    Params m = s.m().zip(g, (mi, gi) -> mi.mul(beta1).add(gi.mul(1 - beta1)));
    Params v = s.v().zip(g, (vi, gi) -> vi.mul(beta2).add(gi.mul(gi).mul(1 - beta2)));
    // beta^t as exp(t log beta): t is an array, the betas are constants.
    Array correction1 = Jnp.subtract(1.0, Jnp.exp(t.mul(Math.log(beta1))));
    Array correction2 = Jnp.subtract(1.0, Jnp.exp(t.mul(Math.log(beta2))));
    Array stepSize = Jnp.sqrt(correction2).div(correction1).mul(learningRate);
    Params direction = m.zip(v, (mi, vi) -> mi.div(Jnp.sqrt(vi).add(epsilon)));
    Params params = s.params().zip(direction, (p, d) -> p.sub(stepSize.mul(d)));
    return new State(params, m, v, t);
  }
}
