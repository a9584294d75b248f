package dev.olympus.benchmarks;

import dev.olympus.Array;
import dev.olympus.Fn1;
import dev.olympus.Fn3;
import dev.olympus.Olympus;
import dev.olympus.nn.Nn;
import dev.olympus.nn.Nn_Jit;
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
 * The javac-time kernels of {@code Nn_Jit} against {@code Olympus.jit} of the same {@code Nn} methods: the
 * issue's "Foo_Jit kernel / Olympus.jit" ratio. Both are the one kernel compiler's output for the same IR (the
 * generated source makes the strip calls the run-time kernel makes), so the ratio measures what writing it as
 * Java costs or saves: the dispatcher's shape guard against the jit cache's lookup, and C2 compiling a
 * straight-line method against the run-time kernel's resolved calls.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = ForkArgs.VECTOR_MODULE)
public class GeneratedKernelBenchmark {
  private Array vector;
  private Array rows;
  private Array gamma;
  private Array beta;
  private Array batch;
  private Array weights;
  private Array bias;
  private Fn1<Array, Array> jitSelu;
  private Fn1<Array, Array> jitSoftmax;
  private Fn3<Array, Array, Array, Array> jitLayerNorm;
  private Fn3<Array, Array, Array, Array> jitDense;

  @Setup
  public void setUp() {
    Random random = new Random(0);
    vector = RowwiseBenchmark.gaussian(random, 1_000_000);
    rows = RowwiseBenchmark.gaussian(random, 256, 1024);
    gamma = RowwiseBenchmark.gaussian(random, 1024);
    beta = RowwiseBenchmark.gaussian(random, 1024);
    batch = RowwiseBenchmark.gaussian(random, 128, 784);
    weights = RowwiseBenchmark.gaussian(random, 784, 256);
    bias = RowwiseBenchmark.gaussian(random, 256);
    jitSelu = Olympus.jit(Nn::selu);
    jitSoftmax = Olympus.jit(Nn::softmax);
    jitLayerNorm = Olympus.jit(Nn::layerNorm);
    jitDense = Olympus.jit(Nn::dense);
    long compiles = Olympus.compileCount();
    // Until C2 has compiled the strip loops the Vector API runs as plain Java: settle before measuring.
    long deadline = System.nanoTime() + 2_000_000_000L;
    for (int i = 0; i < 200 || System.nanoTime() < deadline; i++) {
      generatedSelu1M();
      generatedSoftmax256x1024();
      generatedLayerNorm256x1024();
      generatedDense128x784x256();
    }
    if (Olympus.compileCount() != compiles) {
      throw new IllegalStateException("an Nn_Jit call fell back to run-time tracing: the comparison would be void");
    }
    for (int i = 0; i < 200; i++) {
      jitSelu1M();
      jitSoftmax256x1024();
      jitLayerNorm256x1024();
      jitDense128x784x256();
    }
  }

  @Benchmark
  public Array generatedSelu1M() { return Nn_Jit.selu(vector).blockUntilReady(); }

  @Benchmark
  public Array jitSelu1M() { return jitSelu.apply(vector).blockUntilReady(); }

  @Benchmark
  public Array generatedSoftmax256x1024() { return Nn_Jit.softmax(rows).blockUntilReady(); }

  @Benchmark
  public Array jitSoftmax256x1024() { return jitSoftmax.apply(rows).blockUntilReady(); }

  @Benchmark
  public Array generatedLayerNorm256x1024() { return Nn_Jit.layerNorm(rows, gamma, beta).blockUntilReady(); }

  @Benchmark
  public Array jitLayerNorm256x1024() { return jitLayerNorm.apply(rows, gamma, beta).blockUntilReady(); }

  @Benchmark
  public Array generatedDense128x784x256() { return Nn_Jit.dense(batch, weights, bias).blockUntilReady(); }

  @Benchmark
  public Array jitDense128x784x256() { return jitDense.apply(batch, weights, bias).blockUntilReady(); }
}
