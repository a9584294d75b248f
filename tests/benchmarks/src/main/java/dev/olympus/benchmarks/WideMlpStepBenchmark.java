package dev.olympus.benchmarks;

import dev.olympus.Array;
import dev.olympus.Fn3;
import dev.olympus.Olympus;
import dev.olympus.numpy.Jnp;
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
 * An MNIST-sized training step, as {@code mlpStep784x256x10} in {@code tests/benchmarks/jax/workloads.py}: the
 * loss and gradient of a 784-256-10 ReLU network with softmax cross-entropy on a batch of 128, then a plain SGD
 * update, all in one jitted function.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = ForkArgs.VECTOR_MODULE)
public class WideMlpStepBenchmark {
  /** The network's parameters, a pytree. */
  public record Params(Array w1, Array b1, Array w2, Array b2) {}

  /** The loss after the step and the updated parameters. */
  public record Outcome(Array loss, Params params) {}

  static Array loss(Params p, Array x, Array y) {
    Array h = Jnp.maximum(Jnp.matmul(x, p.w1()).add(p.b1()), Jnp.zerosLike(p.b1()));
    return RowwiseBenchmark.crossEntropy(Jnp.matmul(h, p.w2()).add(p.b2()), y);
  }

  static Outcome step(Params p, Array x, Array y) {
    var vg = Olympus.valueAndGrad(WideMlpStepBenchmark::loss).apply(p, x, y);
    Params g = vg.grad();
    return new Outcome(vg.value(), new Params(p.w1().sub(g.w1().mul(0.01)), p.b1().sub(g.b1().mul(0.01)),
        p.w2().sub(g.w2().mul(0.01)), p.b2().sub(g.b2().mul(0.01))));
  }

  private Params params;
  private Array x;
  private Array y;
  private Fn3<Params, Array, Array, Outcome> jitted;

  @Setup
  public void setUp() {
    Random random = new Random(0);
    params = new Params(RowwiseBenchmark.gaussian(random, 784, 256).mul(0.05), Jnp.zeros(dev.olympus.DType.F32, 256),
        RowwiseBenchmark.gaussian(random, 256, 10).mul(0.05), Jnp.zeros(dev.olympus.DType.F32, 10));
    x = RowwiseBenchmark.gaussian(random, 128, 784);
    Array logits = RowwiseBenchmark.gaussian(random, 128, 10);
    y = RowwiseBenchmark.softmax(logits);
    jitted = Olympus.jit(WideMlpStepBenchmark::step);
    long deadline = System.nanoTime() + 3_000_000_000L;
    for (int i = 0; i < 500 || System.nanoTime() < deadline; i++) jit();
  }

  @Benchmark
  public Outcome jit() {
    Outcome o = jitted.apply(params, x, y);
    o.loss().blockUntilReady();
    return o;
  }

  @Benchmark
  public Outcome eager() {
    Outcome o = step(params, x, y);
    o.loss().blockUntilReady();
    return o;
  }
}
