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
 * float32 selu over {@link #size()} elements, five ways. Every variant but {@link #vectorLoopInto} returns a
 * fresh output, as a jitted function must (arrays are immutable), so the comparison is like for like;
 * {@code vectorLoopInto} writes into a preallocated buffer, the kernel alone, as the C reference does.
 *
 * <p>Subclasses fix the size (JMH generates benchmarks for each concrete subclass).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = ForkArgs.VECTOR_MODULE)
public abstract class SeluThroughput {
  protected float[] xs;
  protected float[] out;
  protected Array x;
  protected Fn1<Array, Array> jitted;

  protected abstract int size();

  @Setup
  public void setUp() {
    xs = SeluReference.input(size());
    out = new float[xs.length];
    x = Jnp.array(xs);
    jitted = Olympus.jit(SeluReference::selu);
    // Compile outside the measurement: these benchmarks are about the steady state.
    jitted.apply(x).blockUntilReady();
  }

  /** Op by op: every primitive materializes its full-size result. */
  @Benchmark
  public Array eager() {
    return SeluReference.selu(x).blockUntilReady();
  }

  /** {@code Olympus.jit(selu)} after its first call. */
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

  @Benchmark
  public float[] vectorLoop() {
    float[] result = new float[xs.length];
    SeluVectorLoop.selu(xs, result);
    return result;
  }

  @Benchmark
  public float[] vectorLoopInto() {
    SeluVectorLoop.selu(xs, out);
    return out;
  }
}
