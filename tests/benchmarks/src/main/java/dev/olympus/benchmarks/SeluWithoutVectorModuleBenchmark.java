package dev.olympus.benchmarks;

import dev.olympus.Array;
import dev.olympus.Fn1;
import dev.olympus.Olympus;
import dev.olympus.numpy.Jnp;
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
 * selu at N = 1,000,000 in a JVM without {@code jdk.incubator.vector}, as a user who did not enable it runs:
 * issue 3 requires the jit never to be slower than the hand-written scalar loop there.
 *
 * <p>{@code jvmArgs} (not {@code jvmArgsAppend}) replaces the flags JMH would otherwise copy from the host JVM,
 * which is usually started with the module; the setup checks that it really is absent.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgs = "-Dolympus.benchmark.vectorModule=absent")
public class SeluWithoutVectorModuleBenchmark {
  private float[] xs;
  private Array x;
  private Fn1<Array, Array> jitted;

  @Setup
  public void setUp() {
    if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
      throw new IllegalStateException("jdk.incubator.vector is in the boot layer of this fork; this benchmark "
          + "measures the jit without it. Do not pass -jvmArgs with --add-modules to it.");
    }
    xs = SeluReference.input(1_000_000);
    x = Jnp.array(xs);
    jitted = Olympus.jit(SeluReference::selu);
    jitted.apply(x).blockUntilReady();
  }

  @Benchmark
  public Array jit() {
    return jitted.apply(x).blockUntilReady();
  }

  @Benchmark
  public float[] scalarLoop() {
    float[] result = new float[xs.length];
    SeluReference.scalarLoop(xs, result);
    return result;
  }
}
