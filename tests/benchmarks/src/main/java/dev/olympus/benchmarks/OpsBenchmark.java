package dev.olympus.benchmarks;

import dev.olympus.Array;
import dev.olympus.DType;
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
 * The indexing, sorting, convolution and pooling ops under {@code Olympus.jit}, at the sizes
 * {@code tests/benchmarks/jax/workloads.py} runs in JAX: a 3x3 "SAME" convolution of a small CNN's layer
 * (batch 32, 16 to 32 channels, 28x28), 2x2 max pooling of it, an embedding lookup (4,096 rows of a 10,000 x
 * 128 table), the matching scatter-add of row gradients, and a row-wise sort of [256, 1024].
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = ForkArgs.VECTOR_MODULE)
public class OpsBenchmark {
  private Array images;
  private Array kernel;
  private Array table;
  private Array ids;
  private Array rowGrads;
  private Array rows;
  private Fn2<Array, Array, Array> conv;
  private Fn1<Array, Array> maxPool;
  private Fn1<Array, Array> maxPoolGrad;
  private Fn2<Array, Array, Array> gather;
  private Fn3<Array, Array, Array, Array> scatterAdd;
  private Fn1<Array, Array> sort;
  private Array halfRows;
  private Fn1<Array, Array> bf16Chain;
  private Array f16Rows;
  private Fn1<Array, Array> bf16Softmax;
  private Array byteRows;
  private Array scaledRows;
  private Fn1<Array, Array> u8Normalize;
  private Fn1<Array, Array> i8Quantize;
  private Fn1<Array, Array> u8Chain;

  @Setup
  public void setUp() {
    Random random = new Random(0);
    images = RowwiseBenchmark.gaussian(random, 32, 16, 28, 28);
    kernel = RowwiseBenchmark.gaussian(random, 32, 16, 3, 3);
    table = RowwiseBenchmark.gaussian(random, 10_000, 128);
    int[] idx = new int[4096];
    for (int i = 0; i < idx.length; i++) idx[i] = random.nextInt(10_000);
    ids = Jnp.array(idx);
    rowGrads = RowwiseBenchmark.gaussian(random, 4096, 128);
    rows = RowwiseBenchmark.gaussian(random, 256, 1024);
    conv = Olympus.jit((x, w) -> Lax.conv(x, w, new int[] {1, 1}, "SAME"));
    maxPool = Olympus.jit(x -> Lax.reduceWindowMax(x, new int[] {1, 1, 2, 2}, new int[] {1, 1, 2, 2}, "VALID"));
    maxPoolGrad = Olympus.jit(Olympus.grad((Array x) -> Jnp.sum(
        Lax.reduceWindowMax(x, new int[] {1, 1, 2, 2}, new int[] {1, 1, 2, 2}, "VALID"))));
    gather = Olympus.jit((t, i) -> Jnp.take(t, i, 0));
    scatterAdd = Olympus.jit((t, i, g) -> t.at(i).add(g));
    sort = Olympus.jit(x -> Jnp.sort(x, -1));
    halfRows = rows.astype(dev.olympus.DType.BF16);
    bf16Chain = Olympus.jit(OpsBenchmark::bf16Chain);
    f16Rows = rows.astype(dev.olympus.DType.F16);
    bf16Softmax = Olympus.jit(RowwiseBenchmark::softmax);
    double[] pixels = new double[256 * 1024];
    for (int i = 0; i < pixels.length; i++) pixels[i] = random.nextInt(256);
    byteRows = Jnp.array(DType.U8, pixels, 256, 1024);
    scaledRows = rows.mul(100);
    u8Normalize = Olympus.jit(OpsBenchmark::u8Normalize);
    i8Quantize = Olympus.jit(OpsBenchmark::i8Quantize);
    u8Chain = Olympus.jit(OpsBenchmark::u8Chain);
  }

  /** An image batch's u8 pixels to f32 in [-1, 1]: one nest that widens the bytes as it reads them. */
  static Array u8Normalize(Array x) {
    return x.astype(DType.F32).div(255).sub(0.5).mul(2);
  }

  /** f32 to i8, clipped to the type's range first (so the conversion is exact in JAX and here). */
  static Array i8Quantize(Array x) {
    return Jnp.clip(x.mul(0.5), -128, 127).astype(DType.I8);
  }

  /** Arithmetic in u8 that wraps: computed in i32 and wrapped after each op, stored as bytes. */
  static Array u8Chain(Array x) {
    return x.mul(3).add(7).sub(Jnp.minimum(x, Jnp.array(DType.U8, new double[] {100}).reshape()));
  }

  @Benchmark
  public Array u8NormalizeJit() { return u8Normalize.apply(byteRows); }

  @Benchmark
  public Array i8QuantizeJit() { return i8Quantize.apply(scaledRows); }

  @Benchmark
  public Array u8ChainJit() { return u8Chain.apply(byteRows); }

  /** Four bf16 ops over [256,1024], each rounding to bf16: one loop nest in f32 under jit. */
  static Array bf16Chain(Array x) {
    return Jnp.tanh(x).mul(2).add(x.mul(x)).sub(0.5);
  }

  @Benchmark
  public Array bf16ChainJit() { return bf16Chain.apply(halfRows); }

  /** The same chain in f16 (the same jitted function: its cache holds a kernel per dtype). */
  @Benchmark
  public Array f16ChainJit() { return bf16Chain.apply(f16Rows); }

  /** Softmax over rows of bf16: the reductions fold the widened values in f32, one loop nest under jit. */
  @Benchmark
  public Array bf16SoftmaxJit() { return bf16Softmax.apply(halfRows); }

  /** The same chain op by op, as jit ran bf16 before nests computed it: each op widens, computes, narrows. */
  @Benchmark
  public Array bf16ChainEager() { return bf16Chain(halfRows); }

  @Benchmark
  public Array conv3x3() { return conv.apply(images, kernel); }

  @Benchmark
  public Array maxPool2x2() { return maxPool.apply(images); }

  /** The gradient of a sum of 2x2 max pooling: each window's gradient goes to its maximum. */
  @Benchmark
  public Array maxPoolGrad2x2() { return maxPoolGrad.apply(images); }

  @Benchmark
  public Array gatherRows() { return gather.apply(table, ids); }

  @Benchmark
  public Array scatterAddRows() { return scatterAdd.apply(table, ids, rowGrads); }

  @Benchmark
  public Array sortRows() { return sort.apply(rows); }
}
