package dev.olympus.examples.transformer;

import dev.olympus.Array;
import dev.olympus.DType;
import dev.olympus.Olympus;
import dev.olympus.numpy.Jnp;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Trains a transformer encoder block to imitate another: a "teacher" block with fixed random weights maps random
 * sequences (batch 32, length 8, width 16) to targets, and a freshly initialized "student" learns to match it
 * by Adam on the mean squared error. Every step runs the two javac-time kernels of {@link Encoder}
 * ({@code Encoder_Jit.apply} for the targets, {@code Encoder_Jit.lossAndGrad} for the gradient).
 *
 * <p>Run: {@code mvn -B -ntp -q -DskipTests -pl examples -am package exec:java
 * -Dexec.mainClass=dev.olympus.examples.transformer.TrainEncoder} (an argument sets the number of steps).
 */
public final class TrainEncoder {
  private TrainEncoder() {}

  static final int BATCH = 32, LENGTH = 8;

  /** The result of a run: the loss before the first step and after the last. */
  record Run(double initialLoss, double finalLoss, long compiles) {}

  public static void main(String[] args) {
    int steps = args.length > 0 ? Integer.parseInt(args[0]) : 300;
    System.out.println("encoder block: width " + Encoder.D + ", " + Encoder.H + " heads of " + Encoder.K + ", MLP "
        + Encoder.F + "; batch " + BATCH + " x length " + LENGTH + "; Adam lr 0.01, " + steps + " steps");
    Run run = train(steps, 7, true);
    System.out.printf("loss %.5f -> %.5f (%.1f%% of the initial), %d jit compiles%n", run.initialLoss(),
        run.finalLoss(), 100 * run.finalLoss() / run.initialLoss(), run.compiles());
  }

  static Run train(int steps, long seed, boolean print) {
    Random random = new Random(seed);
    Encoder.Block teacher = init(random, 2.0);
    List<Array> w = new ArrayList<>(init(random, 1.0).weights());
    List<Array> m = new ArrayList<>(), v = new ArrayList<>();
    for (Array a : w) {
      m.add(Jnp.zerosLike(a));
      v.add(Jnp.zerosLike(a));
    }
    long compiles = Olympus.compileCount();
    double initial = Double.NaN, last = Double.NaN;
    long start = System.nanoTime();
    for (int step = 1; step <= steps; step++) {
      Array x = gaussian(random, 1.0, BATCH, LENGTH, Encoder.D);
      Array target = Encoder_Jit.apply(teacher, x);
      List<Array> lossAndGrad = Encoder_Jit.lossAndGrad(Encoder.Block.of(w), x, target);
      last = lossAndGrad.get(0).toFloatArray()[0];
      if (step == 1) initial = last;
      adam(w, m, v, lossAndGrad.subList(1, lossAndGrad.size()), step, 0.01);
      if (print && (step == 1 || step % 50 == 0)) {
        System.out.printf("step %4d  loss %.5f  %6.0f steps/s%n", step, last, step / ((System.nanoTime() - start) / 1e9));
      }
    }
    return new Run(initial, last, Olympus.compileCount() - compiles);
  }

  /** Adam (beta 0.9, 0.999), updating the lists in place. */
  static void adam(List<Array> w, List<Array> m, List<Array> v, List<Array> g, int step, double lr) {
    double c1 = 1 - Math.pow(0.9, step), c2 = 1 - Math.pow(0.999, step);
    for (int i = 0; i < w.size(); i++) {
      m.set(i, m.get(i).mul(0.9).add(g.get(i).mul(0.1)));
      v.set(i, v.get(i).mul(0.999).add(Jnp.square(g.get(i)).mul(0.001)));
      Array direction = m.get(i).div(c1).div(Jnp.sqrt(v.get(i).div(c2)).add(1e-8));
      w.set(i, w.get(i).sub(direction.mul(lr)));
    }
  }

  /** Layer norms at identity, projections normal with variance {@code scale^2 / fan-in}, biases zero. */
  static Encoder.Block init(Random random, double scale) {
    int d = Encoder.D, h = Encoder.H, k = Encoder.K, f = Encoder.F;
    double s = scale / Math.sqrt(d);
    return new Encoder.Block(Jnp.ones(DType.F32, d), Jnp.zeros(DType.F32, d), gaussian(random, s, d, h, k),
        gaussian(random, s, d, h, k), gaussian(random, s, d, h, k), gaussian(random, s, h, k, d),
        Jnp.ones(DType.F32, d), Jnp.zeros(DType.F32, d), gaussian(random, s, d, f), Jnp.zeros(DType.F32, f),
        gaussian(random, scale / Math.sqrt(f), f, d), Jnp.zeros(DType.F32, d));
  }

  static Array gaussian(Random random, double scale, int... shape) {
    int n = 1;
    for (int dim : shape) n *= dim;
    float[] values = new float[n];
    for (int i = 0; i < n; i++) values[i] = (float) (random.nextGaussian() * scale);
    return Jnp.array(values, shape);
  }
}
