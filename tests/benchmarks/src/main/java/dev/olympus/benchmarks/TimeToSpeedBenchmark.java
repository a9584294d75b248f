package dev.olympus.benchmarks;

import dev.olympus.Array;
import dev.olympus.Fn1;
import dev.olympus.Fn3;
import dev.olympus.Olympus;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How soon a fresh jitted function is fast (each fork measures one shot): the first ten steps of
 * {@link WideMlpStepBenchmark}'s training step, jitted (tracing and compiling included) and eager; the first call
 * of a fresh {@code Olympus.jit(softmax)}, and its third call after two (compare with
 * {@code RowwiseBenchmark.softmax256x1024}, the steady state). {@code cold*} runs in a fresh JVM, where the JVM
 * itself has not compiled the strip library yet; the others in a JVM that has run other jitted functions for six
 * seconds first (a fresh function in a running application), which is what a cache miss costs.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(value = 5, jvmArgsAppend = ForkArgs.VECTOR_MODULE)
public class TimeToSpeedBenchmark {
  private WideMlpStepBenchmark.Params params;
  private Array x;
  private Array y;
  private Array rows;
  private Fn1<Array, Array> softmax;

  /** Other functions than the measured ones, run until the JVM has compiled the kernels' strip code. */
  static void warmJvm() {
    Random random = new Random(2);
    Array v = RowwiseBenchmark.gaussian(random, 64, 512), g = RowwiseBenchmark.gaussian(random, 512);
    Fn1<Array, Array> other = Olympus.jit((Array a) -> RowwiseBenchmark.layerNorm(a.mul(2), g, g));
    Fn1<Array, Array> other2 = Olympus.jit((Array a) -> RowwiseBenchmark.crossEntropy(a, a.mul(a)));
    Fn1<Array, Array> other3 = Olympus.jit((Array a) -> dev.olympus.numpy.Jnp.matmul(a, a.transpose(1, 0)));
    // On two cores C2 is still replacing the strip library's profiled code after 2 s (PrintCompilation shows
    // tier-3 methods made not entrant until ~2.1 s): 6 s is a JVM that has settled, as a running service has.
    long deadline = System.nanoTime() + 6_000_000_000L;
    while (System.nanoTime() < deadline) {
      other.apply(v).blockUntilReady();
      other2.apply(v).blockUntilReady();
      other3.apply(v).blockUntilReady();
      RowwiseBenchmark.softmax(v).blockUntilReady();
    }
  }

  /** Whether this fork measures a fresh function in a warm JVM. */
  @State(Scope.Benchmark)
  public static class WarmJvm {
    @Setup(Level.Trial)
    public void setUp() { warmJvm(); }
  }

  @Setup(Level.Iteration)
  public void setUp() {
    Random random = new Random(0);
    params = new WideMlpStepBenchmark.Params(RowwiseBenchmark.gaussian(random, 784, 256).mul(0.05),
        dev.olympus.numpy.Jnp.zeros(dev.olympus.DType.F32, 256), RowwiseBenchmark.gaussian(random, 256, 10).mul(0.05),
        dev.olympus.numpy.Jnp.zeros(dev.olympus.DType.F32, 10));
    x = RowwiseBenchmark.gaussian(random, 128, 784);
    y = RowwiseBenchmark.softmax(RowwiseBenchmark.gaussian(random, 128, 10));
    rows = RowwiseBenchmark.gaussian(random, 256, 1024);
    softmax = Olympus.jit(RowwiseBenchmark::softmax);
  }

  @Benchmark
  public Array warmMlpFirst10Jit(WarmJvm warm) { return coldMlpFirst10Jit(); }

  @Benchmark
  public Array warmMlpFirst10Eager(WarmJvm warm) { return coldMlpFirst10Eager(); }

  @Benchmark
  public Array warmSoftmaxFirstCall(WarmJvm warm) { return coldSoftmaxFirstCall(); }

  @Benchmark
  public Array warmSoftmaxThirdCall(WarmJvm warm, SecondCallDone done) { return coldSoftmaxThirdCall(done); }

  @Benchmark
  public Array coldMlpFirst10Jit() {
    Fn3<WideMlpStepBenchmark.Params, Array, Array, WideMlpStepBenchmark.Outcome> step =
        Olympus.jit(WideMlpStepBenchmark::step);
    WideMlpStepBenchmark.Params p = params;
    Array loss = null;
    for (int i = 0; i < 10; i++) {
      WideMlpStepBenchmark.Outcome o = step.apply(p, x, y);
      p = o.params();
      loss = o.loss();
    }
    return loss.blockUntilReady();
  }

  @Benchmark
  public Array coldMlpFirst10Eager() {
    WideMlpStepBenchmark.Params p = params;
    Array loss = null;
    for (int i = 0; i < 10; i++) {
      WideMlpStepBenchmark.Outcome o = WideMlpStepBenchmark.step(p, x, y);
      p = o.params();
      loss = o.loss();
    }
    return loss.blockUntilReady();
  }

  @Benchmark
  public Array coldSoftmaxFirstCall() {
    return softmax.apply(rows).blockUntilReady();
  }

  /** The third call of a fresh jitted softmax: the setup makes the first two. */
  @Benchmark
  public Array coldSoftmaxThirdCall(SecondCallDone done) {
    return done.softmax.apply(done.rows).blockUntilReady();
  }

  /** A fresh jitted softmax that has been called twice. */
  @State(Scope.Thread)
  public static class SecondCallDone {
    Fn1<Array, Array> softmax;
    Array rows;

    @Setup(Level.Iteration)
    public void setUp() {
      rows = RowwiseBenchmark.gaussian(new Random(1), 256, 1024);
      softmax = Olympus.jit(RowwiseBenchmark::softmax);
      softmax.apply(rows).blockUntilReady();
      softmax.apply(rows).blockUntilReady();
    }
  }
}
