package dev.olympus.examples.mlp;

import dev.olympus.Array;
import java.util.Random;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;

/** The MLP's parameters: input to hidden, hidden to hidden, hidden to class scores. */
public record Params(Layer l1, Layer l2, Layer l3) {

  public static Params init(int inputs, int hidden, int classes, Random random) {
    return new Params(Layer.init(inputs, hidden, random), Layer.init(hidden, hidden, random),
        Layer.init(hidden, classes, random));
  }

  public Params map(UnaryOperator<Array> f) { return new Params(l1.map(f), l2.map(f), l3.map(f)); }

  public Params zip(Params other, BinaryOperator<Array> f) {
    return new Params(l1.zip(other.l1, f), l2.zip(other.l2, f), l3.zip(other.l3, f));
  }
}
