package com.example.quickstart;

import dev.olympus.Array;
import dev.olympus.Fn1;
import dev.olympus.Olympus;
import dev.olympus.annotations.Jit;
import dev.olympus.annotations.Shape;
import dev.olympus.nn.Nn;
import java.util.List;

/**
 * A 2-64-64-3 ReLU network, its loss and one step of gradient descent. The standard kernels ({@link Nn}, from
 * olympus-kernels) and the gradient are traced by javac into {@code Model_Jit.step}'s kernel.
 */
public final class Model {
  private Model() {}

  /** The weights: a record of Arrays is a pytree, so the whole model is one argument and one gradient. */
  public record Params(@Shape("f32[2,64]") Array w1, @Shape("f32[64]") Array b1,
      @Shape("f32[64,64]") Array w2, @Shape("f32[64]") Array b2,
      @Shape("f32[64,3]") Array w3, @Shape("f32[3]") Array b3) {}

  static final double LEARNING_RATE = 0.5;

  /** Class scores, f32[batch, 3], of the weights {@code w1, b1, w2, b2, w3, b3}. */
  public static Array logits(List<Array> w, Array x) {
    Array h1 = Nn.relu(Nn.dense(x, w.get(0), w.get(1)));
    Array h2 = Nn.relu(Nn.dense(h1, w.get(2), w.get(3)));
    return Nn.dense(h2, w.get(4), w.get(5));
  }

  public static Array logits(Params p, Array x) { return logits(weights(p), x); }

  /** Mean softmax cross-entropy against one-hot labels, over the whole training set. */
  @Jit
  public static Array loss(Params p, @Shape("f32[300,2]") Array x, @Shape("f32[300,3]") Array labels) {
    return Nn.crossEntropy(logits(p, x), labels);
  }

  /**
   * The weights after one step of gradient descent. The gradient is taken with respect to a list of the
   * weights (a list is a pytree too): javac cannot build this compilation's own record inside Olympus.grad.
   */
  @Jit
  public static Params step(Params p, @Shape("f32[300,2]") Array x, @Shape("f32[300,3]") Array labels) {
    Fn1<List<Array>, Array> loss = w -> Nn.crossEntropy(logits(w, x), labels);
    List<Array> w = weights(p);
    List<Array> g = Olympus.grad(loss).apply(w);
    return new Params(descend(w, g, 0), descend(w, g, 1), descend(w, g, 2), descend(w, g, 3),
        descend(w, g, 4), descend(w, g, 5));
  }

  static List<Array> weights(Params p) { return List.of(p.w1(), p.b1(), p.w2(), p.b2(), p.w3(), p.b3()); }

  static Array descend(List<Array> w, List<Array> g, int i) { return w.get(i).sub(g.get(i).mul(LEARNING_RATE)); }
}
