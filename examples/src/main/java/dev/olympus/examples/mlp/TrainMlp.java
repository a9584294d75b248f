package dev.olympus.examples.mlp;

import dev.olympus.Array;
import dev.olympus.Fn2;
import dev.olympus.Fn3;
import dev.olympus.Olympus;
import dev.olympus.ValueAndGrad;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Trains a 2-64-64-3 ReLU MLP on three interleaved spirals, end to end with Olympus: the loss and its gradient
 * come from {@code Olympus.jit(Olympus.valueAndGrad(Mlp::loss))}, the Adam update is jitted too, and the same
 * step is then run eagerly to show what jit buys. Run it with
 * {@code mvn -B -ntp -q -DskipTests -pl examples -am package exec:java
 * -Dexec.mainClass=dev.olympus.examples.mlp.TrainMlp}.
 */
public final class TrainMlp {
  private TrainMlp() {}

  /**
   * Everything that decides a run; the same settings and seed give the same data, initial weights, minibatch
   * order and hence (up to floating-point summation order) the same trained network.
   */
  public record Settings(int perClass, double noise, int trainSize, int hidden, int batchSize, int epochs,
      double learningRate, long seed) {
    /** 3 x 1000 points (2400 train, 600 test), minibatches of 128, 40 epochs of Adam at 0.01. */
    public static Settings defaults() { return new Settings(1000, 0.2, 2400, 64, 128, 40, 0.01, 42); }

    public Settings withEpochs(int n) {
      return new Settings(perClass, noise, trainSize, hidden, batchSize, n, learningRate, seed);
    }
  }

  public record EpochStats(int epoch, double meanLoss, double trainAccuracy, double stepsPerSecond) {}

  /** The trained parameters, the loss on the whole training set before and after, and the accuracies. */
  public record Result(Params params, double initialLoss, double finalLoss, List<EpochStats> epochs,
      double trainAccuracy, double testAccuracy, int steps) {}

  /** The data, model and optimizer of a run, before training. */
  public record Setup(Spirals train, Spirals test, Params params, Adam adam) {
    public static Setup of(Settings s) {
      Random random = new Random(s.seed());
      Spirals all = Spirals.generate(3, s.perClass(), s.noise(), random);
      Spirals[] split = all.split(s.trainSize(), random);
      Params params = Params.init(Spirals.FEATURES, s.hidden(), all.classes(), random);
      return new Setup(split[0], split[1], params, Adam.withLearningRate(s.learningRate()));
    }
  }

  /** One training step: the loss and gradient on a minibatch, then the optimizer update. */
  public record Step(Fn3<Params, Array, Array, ValueAndGrad<Params>> lossAndGrad,
      Fn2<Adam.State, Params, Adam.State> update) {

    /** The step as Olympus runs it compiled: both halves jitted. */
    public static Step jitted(Adam adam) {
      return new Step(Olympus.jit(Olympus.valueAndGrad(Mlp::loss)), Olympus.jit(adam::update));
    }

    /** The same step op by op: the transformation without jit, and the update called directly. */
    public static Step eager(Adam adam) {
      return new Step(Olympus.valueAndGrad(Mlp::loss), adam::update);
    }

    /** The new state and the minibatch loss before the update. */
    public Outcome apply(Adam.State state, Array x, Array y) {
      ValueAndGrad<Params> vg = lossAndGrad.apply(state.params(), x, y);
      return new Outcome(update.apply(state, vg.grad()), vg.value());
    }
  }

  public record Outcome(Adam.State state, Array loss) {}

  public static Result train(Settings s, Consumer<String> log) {
    Setup setup = Setup.of(s);
    Spirals train = setup.train();
    Array trainX = train.features(), trainY = train.oneHot();
    Fn3<Params, Array, Array, Array> loss = Olympus.jit(Mlp::loss);
    Fn2<Params, Array, Array> logits = Olympus.jit(Mlp::logits);
    Step step = Step.jitted(setup.adam());
    Adam.State state = setup.adam().init(setup.params());

    double initialLoss = loss.apply(state.params(), trainX, trainY).doubleValue();
    log.accept(String.format("data: %d train / %d test points, 3 classes; model 2-%d-%d-3; batch %d; Adam lr %s",
        train.size(), setup.test().size(), s.hidden(), s.hidden(), s.batchSize(), s.learningRate()));
    log.accept(String.format("initial loss %.4f (ln 3 = %.4f is chance)", initialLoss, Math.log(3)));

    Random shuffle = new Random(s.seed() + 1);
    int stepsPerEpoch = train.size() / s.batchSize();  // the ragged tail is dropped: one shape, one compile
    List<EpochStats> epochs = new ArrayList<>();
    for (int epoch = 1; epoch <= s.epochs(); epoch++) {
      int[] order = Spirals.permutation(train.size(), shuffle);
      double lossSum = 0;
      long start = System.nanoTime();
      for (int b = 0; b < stepsPerEpoch; b++) {
        Spirals batch = train.rows(order, b * s.batchSize(), s.batchSize());
        Outcome out = step.apply(state, batch.features(), batch.oneHot());
        state = out.state();
        lossSum += out.loss().doubleValue();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      double trainAccuracy = train.accuracy(logits.apply(state.params(), trainX).toFloatArray());
      EpochStats stats = new EpochStats(epoch, lossSum / stepsPerEpoch, trainAccuracy, stepsPerEpoch / seconds);
      epochs.add(stats);
      log.accept(String.format("epoch %3d  loss %.4f  train accuracy %5.1f%%  %7.0f steps/s", epoch,
          stats.meanLoss(), 100 * trainAccuracy, stats.stepsPerSecond()));
    }
    Params trained = state.params();
    double finalLoss = loss.apply(trained, trainX, trainY).doubleValue();
    double trainAccuracy = train.accuracy(logits.apply(trained, trainX).toFloatArray());
    double testAccuracy = setup.test().accuracy(logits.apply(trained, setup.test().features()).toFloatArray());
    log.accept(String.format("final loss %.4f; train accuracy %.1f%%; test accuracy %.1f%% (chance: 33.3%%)",
        finalLoss, 100 * trainAccuracy, 100 * testAccuracy));
    return new Result(trained, initialLoss, finalLoss, epochs, trainAccuracy, testAccuracy,
        stepsPerEpoch * s.epochs());
  }

  /** Steps per second of {@code step} on one fixed minibatch, over at least {@code seconds}, after warm-up. */
  static double stepsPerSecond(Step step, Adam.State state, Array x, Array y, int warmup, double seconds) {
    for (int i = 0; i < warmup; i++) state = step.apply(state, x, y).state();
    long start = System.nanoTime();
    long deadline = start + (long) (seconds * 1e9);
    int n = 0;
    do {
      Outcome out = step.apply(state, x, y);
      out.loss().blockUntilReady();
      state = out.state();
      n++;
    } while (System.nanoTime() < deadline);
    return n / ((System.nanoTime() - start) / 1e9);
  }

  public static void main(String[] args) {
    Settings settings = Settings.defaults();
    long compilesBefore = Olympus.compileCount();
    long start = System.nanoTime();
    Result result = train(settings, System.out::println);
    System.out.printf("trained %d steps in %.1f s (%d jit compiles)%n", result.steps(),
        (System.nanoTime() - start) / 1e9, Olympus.compileCount() - compilesBefore);

    // The same training step, eager vs jitted, on one minibatch of the same size.
    Setup setup = Setup.of(settings);
    Spirals batch = setup.train().rows(Spirals.permutation(setup.train().size(), new Random(0)), 0,
        settings.batchSize());
    Array x = batch.features(), y = batch.oneHot();
    Adam.State state = setup.adam().init(setup.params());
    double eager = stepsPerSecond(Step.eager(setup.adam()), state, x, y, 20, 1.0);
    double jitted = stepsPerSecond(Step.jitted(setup.adam()), state, x, y, 200, 1.0);
    System.out.printf("training step, batch %d: eager %.0f steps/s, jitted %.0f steps/s (%.1fx)%n",
        settings.batchSize(), eager, jitted, jitted / eager);
  }
}
