package dev.olympus.examples;

import dev.olympus.Array;
import dev.olympus.annotations.Jit;
import dev.olympus.annotations.Shape;
import dev.olympus.nn.Nn;

/**
 * A classifier's forward pass built from the standard library: {@code @Jit} methods may call other libraries'
 * Olympus code ({@link Nn} here, from the olympus-kernels jar), and javac traces through it into one IR and one
 * kernel, with the batch size {@code b} as a loop bound.
 */
public final class JitLayers {
  private JitLayers() {}

  /** Class probabilities of a two-layer perceptron: {@code softmax(relu(x W1 + b1) W2 + b2)}. */
  @Jit
  public static Array predict(@Shape("f32[b,4]") Array x, Params p) {
    Array hidden = Nn.relu(Nn.dense(x, p.w1(), p.b1()));
    return Nn.softmax(Nn.dense(hidden, p.w2(), p.b2()));
  }

  /** The weights: a record is a pytree, so the whole model is one argument. */
  public record Params(@Shape("f32[4,8]") Array w1, @Shape("f32[8]") Array b1, @Shape("f32[8,3]") Array w2,
      @Shape("f32[3]") Array b2) {}
}
