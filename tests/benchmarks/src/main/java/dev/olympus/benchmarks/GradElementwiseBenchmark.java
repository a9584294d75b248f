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
 * Reverse mode on an elementwise function under jit: {@code f(x) = sum(selu(x))} over 1,000,000 float32 values,
 * {@code jitF} = {@code Olympus.jit(f)} (one fused reduction pass) against {@code jitGrad} =
 * {@code Olympus.jit(Olympus.grad(f))} (the derivative, one fused pass writing a 1,000,000-element result).
 * {@code eagerGrad}, op by op, is for scale. Issue 5's target: {@code jitGrad} within 2 x of {@code jitF}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = ForkArgs.VECTOR_MODULE)
public class GradElementwiseBenchmark {
  private Array x;
  private Fn1<Array, Array> jitF;
  private Fn1<Array, Array> jitGrad;
  private Fn1<Array, Array> eagerGrad;

  static Array seluSum(Array x) { return Jnp.sum(SeluReference.selu(x)); }

  @Setup
  public void setUp() {
    x = Jnp.array(SeluReference.input(1_000_000));
    jitF = Olympus.jit(GradElementwiseBenchmark::seluSum);
    eagerGrad = Olympus.grad(GradElementwiseBenchmark::seluSum);
    jitGrad = Olympus.jit(eagerGrad);
    jitF.apply(x).blockUntilReady();
    jitGrad.apply(x).blockUntilReady();
  }

  @Benchmark
  public Array jitF() {
    return jitF.apply(x).blockUntilReady();
  }

  @Benchmark
  public Array jitGrad() {
    return jitGrad.apply(x).blockUntilReady();
  }

  @Benchmark
  public Array eagerGrad() {
    return eagerGrad.apply(x).blockUntilReady();
  }
}
