package dev.olympus.benchmarks;

import dev.olympus.Array;
import dev.olympus.examples.mlp.Adam;
import dev.olympus.examples.mlp.Spirals;
import dev.olympus.examples.mlp.TrainMlp;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One training step of the MLP example ({@code dev.olympus.examples.mlp}): loss and gradient of the 2-64-64-3
 * network on a minibatch of the example's size (128), then the Adam update, with the example's own code.
 * {@code eager} runs {@code Olympus.valueAndGrad(Mlp::loss)} and {@code adam.update} op by op; {@code jit} runs
 * {@code Olympus.jit(Olympus.valueAndGrad(Mlp::loss))} and {@code Olympus.jit(adam::update)}, compiled in the
 * setup. Every call starts from the same state, so every call does the same work. Issue 5's target: {@code
 * jit} at least 5 x faster than {@code eager}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = ForkArgs.VECTOR_MODULE)
public class MlpStepBenchmark {
  private TrainMlp.Step eager;
  private TrainMlp.Step jitted;
  private Adam.State state;
  private Array x;
  private Array y;

  @Setup
  public void setUp() {
    TrainMlp.Settings settings = TrainMlp.Settings.defaults();
    TrainMlp.Setup setup = TrainMlp.Setup.of(settings);
    Spirals batch = setup.train().rows(Spirals.permutation(setup.train().size(), new Random(0)), 0,
        settings.batchSize());
    x = batch.features();
    y = batch.oneHot();
    state = setup.adam().init(setup.params());
    eager = TrainMlp.Step.eager(setup.adam());
    jitted = TrainMlp.Step.jitted(setup.adam());
    // Compile, then run each step until the JVM has compiled its hot code: until C2 has, the kernels' Vector
    // API calls run as plain Java, two orders of magnitude slower, and on a busy machine that lasts longer than
    // a short JMH warm-up (-wi 3 -w 1s). These benchmarks are about the steady state.
    settle(jitted, 3000, 3);
    settle(eager, 100, 2);
  }

  private void settle(TrainMlp.Step step, int calls, int seconds) {
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    for (int i = 0; i < calls || System.nanoTime() < deadline; i++) step.apply(state, x, y).loss().blockUntilReady();
  }

  @Benchmark
  public TrainMlp.Outcome eager() {
    return eager.apply(state, x, y);
  }

  @Benchmark
  public TrainMlp.Outcome jit() {
    return jitted.apply(state, x, y);
  }
}
