package dev.olympus.examples.cnn;

import dev.olympus.Array;
import dev.olympus.Olympus;
import dev.olympus.ValueAndGrad;
import dev.olympus.annotations.Jit;
import dev.olympus.annotations.Shape;
import dev.olympus.lax.Lax;
import dev.olympus.nn.Nn;
import dev.olympus.numpy.Jnp;
import dev.olympus.random.Random;
import java.util.ArrayList;
import java.util.List;

/**
 * A small convolutional classifier of 12x12 single-channel images into 4 classes: a 3x3 convolution to 8
 * channels ("SAME" padding), ReLU, 2x2 max pooling, and a dense layer from the 8x6x6 features to the class
 * logits, with dropout on the features while training. Every {@code @Jit} method gets a javac-time kernel (see
 * {@code Cnn_Jit.java}) for any batch size, the dropout mask drawn inside it from the key it is passed.
 */
public final class Cnn {
  private Cnn() {}

  static final int SIZE = 12, CHANNELS = 8, CLASSES = 4, FEATURES = CHANNELS * (SIZE / 2) * (SIZE / 2);

  /** The fraction of features dropout zeroes while training. */
  static final double DROP = 0.25;

  /** The weights; {@link #weights()} and {@link #of} convert to and from a list, the gradient's shape. */
  public record Params(@Shape("f32[8,1,3,3]") Array conv, @Shape("f32[8]") Array convBias,
      @Shape("f32[288,4]") Array dense, @Shape("f32[4]") Array denseBias) {
    public List<Array> weights() {
      return List.of(conv, convBias, dense, denseBias);
    }

    public static Params of(List<Array> w) {
      return new Params(w.get(0), w.get(1), w.get(2), w.get(3));
    }
  }

  /** He-normal weights from {@code key} (variance 2 / fan-in, as for ReLU networks), zero biases. */
  public static Params init(Array key) {
    Array keys = Random.split(key);
    Array conv = Random.normal(keys.get(0), dev.olympus.DType.F32, CHANNELS, 1, 3, 3).mul(Math.sqrt(2.0 / 9));
    Array dense = Random.normal(keys.get(1), dev.olympus.DType.F32, FEATURES, CLASSES).mul(Math.sqrt(2.0 / FEATURES));
    return new Params(conv, Jnp.zeros(dev.olympus.DType.F32, CHANNELS), dense,
        Jnp.zeros(dev.olympus.DType.F32, CLASSES));
  }

  /** The class logits of {@code images}, f32[b, 1, 12, 12], without dropout. */
  @Jit
  public static Array logits(Params p, @Shape("f32[b,1,12,12]") Array images) {
    return Nn.dense(features(p, images), p.dense(), p.denseBias());
  }

  /** The fraction of {@code images} whose largest logit is at their label. */
  @Jit
  public static Array accuracy(Params p, @Shape("f32[b,1,12,12]") Array images, @Shape("i32[b]") Array labels) {
    return Jnp.mean(Jnp.argmax(logits(p, images), 1).eq(labels).astype(dev.olympus.DType.F32));
  }

  /**
   * The training loss (softmax cross-entropy with dropout drawn from {@code key}) and its gradient with respect to
   * every weight, in {@link Params#weights()} order: element 0 is the loss.
   */
  @Jit
  public static List<Array> lossAndGrad(Params p, @Shape("f32[b,1,12,12]") Array images,
      @Shape("i32[b]") Array labels, @Shape("u32[2]") Array key) {
    ValueAndGrad<List<Array>> vg = Olympus.valueAndGrad((List<Array> w) -> loss(Params.of(w), images, labels, key))
        .apply(p.weights());
    List<Array> out = new ArrayList<>();
    out.add(vg.value());
    out.addAll(vg.grad());
    return out;
  }

  static Array loss(Params p, Array images, Array labels, Array key) {
    Array f = features(p, images);
    // Inverted dropout: kept features are scaled by 1 / (1 - DROP), so evaluation needs no rescaling.
    Array keep = Random.bernoulli(key, 1 - DROP, f.shape());
    Array dropped = Jnp.where(keep, f.div(1 - DROP), 0.0);
    return Nn.crossEntropy(Nn.dense(dropped, p.dense(), p.denseBias()), Nn.oneHot(labels, CLASSES));
  }

  /** Convolution, ReLU and pooling, flattened per image: f32[b, 288]. */
  static Array features(Params p, Array images) {
    Array h = Lax.conv(images, p.conv(), new int[] {1, 1}, "SAME").add(p.convBias().reshape(1, CHANNELS, 1, 1));
    Array pooled = Nn.maxPool(Nn.relu(h), 2, 2);
    return pooled.reshape(-1, FEATURES);
  }
}
