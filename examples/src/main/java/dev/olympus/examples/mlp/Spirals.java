package dev.olympus.examples.mlp;

import dev.olympus.Array;
import dev.olympus.numpy.Jnp;
import java.util.Random;

/**
 * A labelled data set of 2-d points on interleaved spiral arms, one arm per class (the CS231n toy problem): no
 * straight line separates the classes, so a linear model stays near chance and the hidden layers must do the
 * work. Generated from a seed, so every run sees the same points.
 *
 * @param x row-major f32 features, {@code size x 2}
 * @param labels class of each point, {@code 0..classes-1}
 */
public record Spirals(float[] x, int[] labels, int classes) {
  public static final int FEATURES = 2;

  /**
   * {@code perClass} points per class. Point {@code i} of arm {@code k} lies at radius {@code r = i / perClass}
   * and angle {@code 4 (k + r) + noise * N(0, 1)}: each arm turns through 4 radians while moving out from the
   * centre, and the angular noise blurs arms into each other near the centre where they are close.
   */
  public static Spirals generate(int classes, int perClass, double noise, Random random) {
    int n = classes * perClass;
    float[] x = new float[n * FEATURES];
    int[] labels = new int[n];
    for (int k = 0; k < classes; k++) {
      for (int i = 0; i < perClass; i++) {
        int row = k * perClass + i;
        double r = (double) i / perClass;
        double angle = 4.0 * (k + r) + noise * random.nextGaussian();
        x[row * FEATURES] = (float) (r * Math.sin(angle));
        x[row * FEATURES + 1] = (float) (r * Math.cos(angle));
        labels[row] = k;
      }
    }
    return new Spirals(x, labels, classes);
  }

  public int size() { return labels.length; }

  /** The rows {@code order[from..from+count)}, in that order. */
  public Spirals rows(int[] order, int from, int count) {
    float[] xs = new float[count * FEATURES];
    int[] ls = new int[count];
    for (int i = 0; i < count; i++) {
      int row = order[from + i];
      System.arraycopy(x, row * FEATURES, xs, i * FEATURES, FEATURES);
      ls[i] = labels[row];
    }
    return new Spirals(xs, ls, classes);
  }

  /** A shuffled split: the first {@code count} rows of a random permutation, and the rest. */
  public Spirals[] split(int count, Random random) {
    int[] order = permutation(size(), random);
    return new Spirals[] {rows(order, 0, count), rows(order, count, size() - count)};
  }

  /** The features as f32[size, 2]. */
  public Array features() { return Jnp.array(x, size(), FEATURES); }

  /** The labels one-hot, f32[size, classes]: the cross-entropy's targets. */
  public Array oneHot() {
    float[] y = new float[size() * classes];
    for (int i = 0; i < labels.length; i++) y[i * classes + labels[i]] = 1f;
    return Jnp.array(y, size(), classes);
  }

  /** The fraction of rows whose highest score (f32[size, classes], row-major) is at the true class. */
  public double accuracy(float[] scores) {
    int correct = 0;
    for (int i = 0; i < labels.length; i++) {
      int best = 0;
      for (int c = 1; c < classes; c++) if (scores[i * classes + c] > scores[i * classes + best]) best = c;
      if (best == labels[i]) correct++;
    }
    return (double) correct / labels.length;
  }

  /** Fisher-Yates on {@code 0..n-1}. */
  public static int[] permutation(int n, Random random) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) order[i] = i;
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }
}
