package dev.olympus.benchmarks;

import dev.olympus.Array;
import dev.olympus.Fn2;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * float32 matrix products through {@code Olympus.jit}, time per call, for the shapes {@code jax/matmul.py} runs in
 * JAX: the square 1024 and 2048 products, and the products of one training step of a 784-256-10 MLP on a batch
 * of 128 — both layers forward ({@code x . W1}, {@code h . W2}), a weight gradient with the lhs contracted over
 * its first dimension ({@code x^T . g}, as {@code jax.grad} produces it, x read in place), and the hidden
 * layer's gradient with the rhs contracted over its last dimension ({@code g . W2^T}). GFLOP/s = 2 m k n / time.
 * {@code jitOneThread} is the same in a fork limited to one thread.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = ForkArgs.VECTOR_MODULE)
public class MatmulBenchmark {
  /**
   * {@code m x k x n}, then how the operands are stored: {@code ab} a [m, k] . b [k, n]; {@code aTb} a stored as
   * [k, m] and contracted over its first dimension; {@code abT} b stored as [n, k], contracted over its last.
   */
  @Param({"1024x1024x1024:ab", "2048x2048x2048:ab", "128x784x256:ab", "128x256x10:ab", "784x128x256:aTb",
      "128x10x256:abT"})
  public String shape;

  private Fn2<Array, Array, Array> jitted;
  private Array a;
  private Array b;

  @Setup
  public void setUp() {
    String[] parts = shape.split(":");
    String[] mkn = parts[0].split("x");
    int m = Integer.parseInt(mkn[0]), k = Integer.parseInt(mkn[1]), n = Integer.parseInt(mkn[2]);
    Random random = new Random(0);
    switch (parts[1]) {
      case "ab" -> {
        a = gaussian(random, m, k);
        b = gaussian(random, k, n);
        jitted = Olympus.jit(Jnp::matmul);
      }
      case "aTb" -> {
        a = gaussian(random, k, m);
        b = gaussian(random, k, n);
        jitted = Olympus.jit((x, g) -> Lax.dotGeneral(x, g, new int[] {0}, new int[] {0}, new int[0], new int[0]));
      }
      case "abT" -> {
        a = gaussian(random, m, k);
        b = gaussian(random, n, k);
        jitted = Olympus.jit((g, w) -> Lax.dotGeneral(g, w, new int[] {1}, new int[] {1}, new int[0], new int[0]));
      }
      default -> throw new IllegalArgumentException("unknown layout " + parts[1] + " in " + shape);
    }
    // Compile, then run until C2 has compiled the micro-kernels (before that, Vector API calls run as plain Java,
    // orders of magnitude slower): these benchmarks are about the steady state.
    long deadline = System.nanoTime() + 3_000_000_000L;
    for (int i = 0; i < 20 || System.nanoTime() < deadline; i++) jitted.apply(a, b).blockUntilReady();
  }

  private static Array gaussian(Random random, int rows, int cols) {
    float[] v = new float[rows * cols];
    for (int i = 0; i < v.length; i++) v[i] = (float) random.nextGaussian();
    return Jnp.array(v, rows, cols);
  }

  @Benchmark
  public Array jit() {
    return jitted.apply(a, b).blockUntilReady();
  }

  /** A method-level {@code @Fork} replaces the class-level one, so it repeats the module flag. */
  @Benchmark
  @Fork(value = 1, jvmArgsAppend = {ForkArgs.VECTOR_MODULE, ForkArgs.ONE_THREAD})
  public Array jitOneThread() {
    return jitted.apply(a, b).blockUntilReady();
  }
}
