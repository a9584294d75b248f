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
 * What a call to an already compiled jitted function costs beyond its kernel: selu on 8 elements, where the
 * arithmetic is a few nanoseconds and everything else is dispatch (cache lookup, argument checks, wrapping the
 * result). {@code jit - kernel} is the overhead issue 3 bounds at 150 ns.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = ForkArgs.VECTOR_MODULE)
public class DispatchOverheadBenchmark {
  private float[] xs;
  private Array x;
  private Fn1<Array, Array> jitted;

  @Setup
  public void setUp() {
    xs = SeluReference.input(8);
    x = Jnp.array(xs);
    jitted = Olympus.jit(SeluReference::selu);
    jitted.apply(x).blockUntilReady();
  }

  @Benchmark
  public Array jit() {
    return jitted.apply(x).blockUntilReady();
  }

  /** The kernel itself: the hand-written loop, allocating its 8-element output as the jitted call must. */
  @Benchmark
  public float[] kernel() {
    float[] result = new float[xs.length];
    SeluReference.scalarLoop(xs, result);
    return result;
  }

  /** Op by op, for scale: eager pays the dispatch of each of selu's primitives. */
  @Benchmark
  public Array eager() {
    return SeluReference.selu(x).blockUntilReady();
  }
}
