package dev.olympus.examples.cnn;

import dev.olympus.Array;
import dev.olympus.DType;
import dev.olympus.Olympus;
import dev.olympus.numpy.Jnp;
import dev.olympus.random.Random;
import java.util.ArrayList;
import java.util.List;

/**
 * Trains {@link Cnn} on a synthetic data set drawn with {@link Random}: each 12x12 image holds one pattern, the
 * class to find (a horizontal bar, a vertical bar, a diagonal, or a 3x3 square, at a random place), under
 * Gaussian noise of standard deviation 0.5. Mini-batches of 64 fresh images, SGD with momentum; each step runs
 * the javac-time kernel {@code Cnn_Jit.lossAndGrad}, and a held-out batch measures the accuracy.
 *
 * <p>Run: {@code mvn -B -ntp -q -DskipTests -pl examples -am package exec:java
 * -Dexec.mainClass=dev.olympus.examples.cnn.TrainCnn} (an argument sets the number of steps).
 */
public final class TrainCnn {
  private TrainCnn() {}

  static final int BATCH = 64;
  static final double NOISE = 0.5, LEARNING_RATE = 0.05, MOMENTUM = 0.9;

  /** The result of a run: the loss of the first and last steps, held-out accuracy, run-time compiles. */
  record Run(double initialLoss, double finalLoss, double accuracy, long compiles) {}

  public static void main(String[] args) {
    int steps = args.length > 0 ? Integer.parseInt(args[0]) : 300;
    System.out.println("CNN: conv 3x3x8, relu, max pool 2x2, dropout " + Cnn.DROP + ", dense 288 -> 4; batch "
        + BATCH + ", SGD lr " + LEARNING_RATE + " momentum " + MOMENTUM + ", " + steps + " steps");
    Run run = train(steps, 0, true);
    System.out.printf("loss %.4f -> %.4f, held-out accuracy %.1f%%, %d run-time compiles%n", run.initialLoss(),
        run.finalLoss(), 100 * run.accuracy(), run.compiles());
  }

  static Run train(int steps, long seed, boolean print) {
    Array key = Random.key(seed);
    Array keys = Random.split(key, 3);
    List<Array> w = new ArrayList<>(Cnn.init(keys.get(0)).weights());
    Batch test = batch(keys.get(1), 512);
    key = keys.get(2);
    List<Array> velocity = new ArrayList<>();
    for (Array a : w) velocity.add(Jnp.zerosLike(a));
    long compiles = Olympus.compileCount();
    double initial = Double.NaN, last = Double.NaN;
    long start = System.nanoTime();
    for (int step = 1; step <= steps; step++) {
      Array stepKeys = Random.split(key, 3);
      key = stepKeys.get(0);
      Batch b = batch(stepKeys.get(1), BATCH);
      List<Array> lossAndGrad = Cnn_Jit.lossAndGrad(Cnn.Params.of(w), b.images(), b.labels(), stepKeys.get(2));
      last = lossAndGrad.get(0).doubleValue();
      if (step == 1) initial = last;
      for (int i = 0; i < w.size(); i++) {
        velocity.set(i, velocity.get(i).mul(MOMENTUM).add(lossAndGrad.get(i + 1)));
        w.set(i, w.get(i).sub(velocity.get(i).mul(LEARNING_RATE)));
      }
      if (print && (step == 1 || step % 50 == 0)) {
        double accuracy = Cnn_Jit.accuracy(Cnn.Params.of(w), test.images(), test.labels()).doubleValue();
        System.out.printf("step %4d  loss %.4f  held-out accuracy %5.1f%%  %5.0f steps/s%n", step, last,
            100 * accuracy, step / ((System.nanoTime() - start) / 1e9));
      }
    }
    double accuracy = Cnn_Jit.accuracy(Cnn.Params.of(w), test.images(), test.labels()).doubleValue();
    return new Run(initial, last, accuracy, Olympus.compileCount() - compiles);
  }

  /** Images f32[n, 1, 12, 12] and their labels i32[n]. */
  record Batch(Array images, Array labels) {}

  /** {@code n} labelled images: the pattern of each label at a random offset, plus noise. */
  static Batch batch(Array key, int n) {
    Array keys = Random.split(key, 3);
    int[] labels = Random.randint(keys.get(0), new int[] {n}, 0, Cnn.CLASSES).toIntArray();
    int[] offsets = Random.randint(keys.get(1), new int[] {n}, 0, Cnn.SIZE - 2).toIntArray();
    float[] pixels = Random.normal(keys.get(2), DType.F32, n, 1, Cnn.SIZE, Cnn.SIZE).mul(NOISE).toFloatArray();
    int s = Cnn.SIZE;
    for (int i = 0; i < n; i++) {
      int base = i * s * s, at = offsets[i];
      for (int k = 0; k < s; k++) {
        switch (labels[i]) {
          case 0 -> pixels[base + at * s + k] += 1;  // a horizontal bar in row `at`
          case 1 -> pixels[base + k * s + at] += 1;  // a vertical bar in column `at`
          case 2 -> pixels[base + k * s + (k + at) % s] += 1;  // a (wrapped) diagonal
          default -> {
            if (k < 9) pixels[base + (at + k / 3) * s + at + k % 3] += 1;  // a 3x3 square at (at, at)
          }
        }
      }
    }
    return new Batch(Jnp.array(pixels, n, 1, s, s), Jnp.array(labels, n));
  }
}
