package dev.olympus.benchmarks;

import dev.olympus.Array;
import dev.olympus.Fn1;
import dev.olympus.Fn2;
import dev.olympus.Fn3;
import dev.olympus.Olympus;
import dev.olympus.lax.Lax;
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
 * The fusion workloads of the kernel-compiler issue, under {@code Olympus.jit}, at the sizes
 * {@code tests/benchmarks/jax/workloads.py} runs in JAX: an elementwise map (selu), a map fused into a full
 * reduction (sum of selu), and the row-wise reduce-broadcast-map chains that XLA fuses into one kernel a row
 * at a time (softmax, layer norm, log-softmax with cross-entropy). Each function is written as a user would,
 * with {@code Jnp}; each call returns a fresh array. The {@code eager*} methods run the same functions op by op.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = ForkArgs.VECTOR_MODULE)
public class RowwiseBenchmark {
  static Array selu(Array x) {
    return Jnp.where(x.gt(0), x, Jnp.exp(x).sub(1).mul(1.6732632423543772)).mul(1.0507009873554805);
  }

  static Array sumSelu(Array x) { return Jnp.sum(selu(x)); }

  static Array softmax(Array x) {
    Array unnormalized = Jnp.exp(x.sub(Jnp.expandDims(Jnp.max(x, -1), -1)));
    return unnormalized.div(Jnp.expandDims(Jnp.sum(unnormalized, -1), -1));
  }

  static Array layerNorm(Array x, Array gamma, Array beta) {
    Array mean = Jnp.expandDims(Jnp.mean(x, -1), -1);
    Array centered = x.sub(mean);
    Array variance = Jnp.expandDims(Jnp.mean(Jnp.square(centered), -1), -1);
    return centered.mul(Lax.rsqrt(variance.add(1e-5))).mul(gamma).add(beta);
  }

  /** Mean softmax cross-entropy of logits against probability labels, as {@code optax} computes it. */
  static Array crossEntropy(Array logits, Array labels) {
    Array shifted = logits.sub(Jnp.expandDims(Jnp.max(logits, -1), -1));
    Array logProbs = shifted.sub(Jnp.expandDims(Jnp.log(Jnp.sum(Jnp.exp(shifted), -1)), -1));
    return Jnp.mean(Jnp.sum(labels.mul(logProbs), -1)).neg();
  }

  private Array vector;
  private Array rows;
  private Array gamma;
  private Array beta;
  private Array logits;
  private Array labels;
  private Fn1<Array, Array> jitSelu;
  private Fn1<Array, Array> jitSumSelu;
  private Fn1<Array, Array> jitSoftmax;
  private Fn3<Array, Array, Array, Array> jitLayerNorm;
  private Fn2<Array, Array, Array> jitCrossEntropy;

  static Array gaussian(Random random, int... shape) {
    int n = 1;
    for (int d : shape) n *= d;
    float[] xs = new float[n];
    for (int i = 0; i < n; i++) xs[i] = (float) random.nextGaussian();
    return Jnp.array(xs).reshape(shape);
  }

  @Setup
  public void setUp() {
    Random random = new Random(0);
    vector = gaussian(random, 1_000_000);
    rows = gaussian(random, 256, 1024);
    gamma = gaussian(random, 1024);
    beta = gaussian(random, 1024);
    logits = gaussian(random, 256, 1000);
    labels = Jnp.exp(gaussian(random, 256, 1000));
    jitSelu = Olympus.jit(RowwiseBenchmark::selu);
    jitSumSelu = Olympus.jit(RowwiseBenchmark::sumSelu);
    jitSoftmax = Olympus.jit(RowwiseBenchmark::softmax);
    jitLayerNorm = Olympus.jit(RowwiseBenchmark::layerNorm);
    jitCrossEntropy = Olympus.jit(RowwiseBenchmark::crossEntropy);
    // Until C2 has compiled the strip loops the Vector API runs as plain Java: settle before measuring.
    long deadline = System.nanoTime() + 2_000_000_000L;
    for (int i = 0; i < 300 || System.nanoTime() < deadline; i++) {
      selu1M();
      sumSelu1M();
      softmax256x1024();
      layerNorm256x1024();
      crossEntropy256x1000();
    }
  }

  @Benchmark
  public Array selu1M() { return jitSelu.apply(vector).blockUntilReady(); }

  @Benchmark
  public Array sumSelu1M() { return jitSumSelu.apply(vector).blockUntilReady(); }

  @Benchmark
  public Array softmax256x1024() { return jitSoftmax.apply(rows).blockUntilReady(); }

  @Benchmark
  public Array layerNorm256x1024() { return jitLayerNorm.apply(rows, gamma, beta).blockUntilReady(); }

  @Benchmark
  public Array crossEntropy256x1000() { return jitCrossEntropy.apply(logits, labels).blockUntilReady(); }

  // The same functions op by op, for scale (the README's chart).

  @Benchmark
  public Array eagerSelu1M() { return selu(vector).blockUntilReady(); }

  @Benchmark
  public Array eagerSumSelu1M() { return sumSelu(vector).blockUntilReady(); }

  @Benchmark
  public Array eagerSoftmax256x1024() { return softmax(rows).blockUntilReady(); }

  @Benchmark
  public Array eagerLayerNorm256x1024() { return layerNorm(rows, gamma, beta).blockUntilReady(); }

  @Benchmark
  public Array eagerCrossEntropy256x1000() { return crossEntropy(logits, labels).blockUntilReady(); }
}
