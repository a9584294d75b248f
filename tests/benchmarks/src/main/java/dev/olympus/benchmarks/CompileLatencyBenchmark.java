package dev.olympus.benchmarks;

import dev.olympus.Array;
import dev.olympus.Olympus;
import dev.olympus.jit.Jit;
import dev.olympus.numpy.Jnp;
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
 * The first call of a jitted selu: trace, lower, compile, load, run, measured as {@code
 * Olympus.jit(selu).apply(x)} once per measurement. The input is small (1,000 elements) so the kernel's own
 * run time is noise next to compiling it.
 *
 * <ul>
 *   <li>{@link #cold}: the first compile in a fresh JVM (one shot per fork, several forks): class loading and
 *       interpretation of the compiler itself included, which is what a user's first call pays.</li>
 *   <li>{@link #warm}: the cache is cleared before each shot in a JVM that has compiled many times, so the
 *       compiler is JIT-compiled by HotSpot and only the work for this function remains.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = ForkArgs.VECTOR_MODULE)
public class CompileLatencyBenchmark {
  private Array x;

  @Setup
  public void setUp() {
    // Creating the input loads Array and Jnp, as any program does before its first jitted call.
    x = Jnp.array(SeluReference.input(1_000));
  }

  @Benchmark
  @Fork(value = 5, jvmArgsAppend = ForkArgs.VECTOR_MODULE)
  @Warmup(iterations = 0)
  @Measurement(iterations = 1)
  public Array cold() {
    return Olympus.jit(SeluReference::selu).apply(x).blockUntilReady();
  }

  /** Empties the compile cache before every shot of {@link #warm}; a separate state so {@link #cold} never
   * touches the jit before its measurement. */
  @State(Scope.Benchmark)
  public static class EmptyCache {
    @Setup(Level.Iteration)
    public void clear() {
      Jit.clearCache();
    }
  }

  @Benchmark
  @Warmup(iterations = 20)
  @Measurement(iterations = 30)
  public Array warm(EmptyCache emptied) {
    return Olympus.jit(SeluReference::selu).apply(x).blockUntilReady();
  }
}
