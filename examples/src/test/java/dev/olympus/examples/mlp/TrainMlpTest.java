package dev.olympus.examples.mlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.Array;
import dev.olympus.Fn3;
import dev.olympus.Olympus;
import dev.olympus.ValueAndGrad;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The MLP example: its loss and gradient against double-precision closed forms, and that training works. */
class TrainMlpTest {

  /**
   * Six epochs (108 steps of 128) from the example's fixed seed. Thresholds: the untrained network's loss is
   * about ln 3 = 1.10 (it was 1.26 for this seed); six epochs of Adam bring it near 0.1 in this run, so a loss
   * below a third of the initial one leaves a wide margin for floating-point differences across machines while
   * still failing for a network that did not learn. Accuracy: the classes are balanced, so chance is 33%, and
   * a linear classifier cannot do much better on interleaved spirals (about 50%); above 85% on the held-out
   * 600 points means the hidden layers learned the spiral boundary (this run reaches about 98%).
   */
  @Test
  void trainingLowersTheLossAndGeneralizes() {
    List<String> log = new ArrayList<>();
    TrainMlp.Result r = TrainMlp.train(TrainMlp.Settings.defaults().withEpochs(6), log::add);
    assertEquals(6, r.epochs().size());
    assertTrue(r.initialLoss() > 0.9, "an untrained 3-class network is near chance: " + r.initialLoss());
    assertTrue(r.finalLoss() < r.initialLoss() / 3, "loss " + r.initialLoss() + " -> " + r.finalLoss() + "\n" + log);
    assertTrue(r.testAccuracy() > 0.85, "test accuracy " + r.testAccuracy() + "\n" + log);
    assertTrue(log.stream().anyMatch(l -> l.startsWith("epoch   6 ") && l.contains("steps/s")), log.toString());
  }

  /**
   * The loss and the gradient of the output bias from {@code jit(valueAndGrad(Mlp::loss))} against the same
   * quantities computed in double from the parameters: the cross-entropy from its definition, and the bias
   * gradient in closed form, {@code mean over the batch of (softmax(z) - y)}. Tolerance: the network computes in
   * float (sums of 64 products per hidden unit), so 1e-5 relative on O(1) values plus 1e-6 absolute.
   */
  @Test
  void lossAndOutputBiasGradientMatchDoublePrecision() {
    TrainMlp.Setup setup = TrainMlp.Setup.of(TrainMlp.Settings.defaults());
    Spirals batch = setup.train().rows(Spirals.permutation(setup.train().size(), new Random(5)), 0, 128);
    Params p = setup.params();
    Fn3<Params, Array, Array, Array> loss = Mlp::loss;
    ValueAndGrad<Params> vg = Olympus.jit(Olympus.valueAndGrad(loss)).apply(p, batch.features(), batch.oneHot());

    double[][] z = logitsInDouble(p, batch);
    double expectedLoss = 0;
    double[] biasGrad = new double[3];
    for (int i = 0; i < z.length; i++) {
      double max = Math.max(z[i][0], Math.max(z[i][1], z[i][2]));
      double sum = 0;
      for (double v : z[i]) sum += Math.exp(v - max);
      expectedLoss += max + Math.log(sum) - z[i][batch.labels()[i]];
      for (int c = 0; c < 3; c++) {
        biasGrad[c] += (Math.exp(z[i][c] - max) / sum - (c == batch.labels()[i] ? 1 : 0)) / z.length;
      }
    }
    expectedLoss /= z.length;
    assertEquals(expectedLoss, vg.value().doubleValue(), 1e-5 * expectedLoss + 1e-6);
    float[] got = vg.grad().l3().b().toFloatArray();
    for (int c = 0; c < 3; c++) assertEquals(biasGrad[c], got[c], 1e-5 + 1e-6, "d loss / d b3[" + c + "]");
  }

  /**
   * The jitted step and the eager step compute the same update: jit changes how the step runs, not what it
   * computes. Matrix products and sums are bit-identical between the two; SIMD exp/log may differ by an ulp,
   * and Adam divides by sqrt(v) + 1e-8, which magnifies relative differences of tiny gradients, so parameters
   * are compared to 1e-4 of the learning rate (0.01), the most one step can move them per coordinate.
   */
  @Test
  void jittedAndEagerStepsAgree() {
    TrainMlp.Setup setup = TrainMlp.Setup.of(TrainMlp.Settings.defaults());
    Spirals batch = setup.train().rows(Spirals.permutation(setup.train().size(), new Random(9)), 0, 128);
    Adam.State start = setup.adam().init(setup.params());
    TrainMlp.Outcome eager = TrainMlp.Step.eager(setup.adam()).apply(start, batch.features(), batch.oneHot());
    TrainMlp.Outcome jitted = TrainMlp.Step.jitted(setup.adam()).apply(start, batch.features(), batch.oneHot());
    assertEquals(eager.loss().doubleValue(), jitted.loss().doubleValue(), 1e-6);
    float[] e = flat(eager.state().params());
    float[] j = flat(jitted.state().params());
    for (int i = 0; i < e.length; i++) assertEquals(e[i], j[i], 1e-6, "parameter " + i);
    assertEquals(1.0, jitted.state().step().doubleValue());
  }

  private static float[] flat(Params p) {
    List<float[]> parts = List.of(p.l1().w().toFloatArray(), p.l1().b().toFloatArray(), p.l2().w().toFloatArray(),
        p.l2().b().toFloatArray(), p.l3().w().toFloatArray(), p.l3().b().toFloatArray());
    int n = parts.stream().mapToInt(a -> a.length).sum();
    float[] out = new float[n];
    int k = 0;
    for (float[] a : parts) {
      System.arraycopy(a, 0, out, k, a.length);
      k += a.length;
    }
    return out;
  }

  private static double[][] logitsInDouble(Params p, Spirals batch) {
    double[][] h = new double[batch.size()][];
    for (int i = 0; i < batch.size(); i++) {
      h[i] = new double[] {batch.x()[2 * i], batch.x()[2 * i + 1]};
    }
    h = dense(h, p.l1(), true);
    h = dense(h, p.l2(), true);
    return dense(h, p.l3(), false);
  }

  private static double[][] dense(double[][] x, Layer layer, boolean relu) {
    float[] w = layer.w().toFloatArray();
    float[] b = layer.b().toFloatArray();
    int in = layer.w().shape()[0], out = layer.w().shape()[1];
    double[][] y = new double[x.length][out];
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < out; j++) {
        double s = b[j];
        for (int k = 0; k < in; k++) s += x[i][k] * w[k * out + j];
        y[i][j] = relu ? Math.max(s, 0) : s;
      }
    }
    return y;
  }
}
