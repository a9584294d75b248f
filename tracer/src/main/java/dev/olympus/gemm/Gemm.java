package dev.olympus.gemm;

/**
 * Batched matrix products {@code C[b] = A[b] . B[b]} for float32 and float64, in the GotoBLAS/BLIS structure:
 * A and B are packed into cache-sized blocks laid out in the order a register-blocked micro-kernel reads them
 * (see {@link Blocking}), and the micro-kernel keeps an 8 x 3-vector tile of C in registers across each
 * contraction block. Eager {@code dot_general}, the jit's matrix kernels and javac-generated kernels all run
 * this one implementation, so they agree to the bit.
 *
 * <p>Operands are read in place through {@link Strides} (element (b, i, p) of A at
 * {@code a[aOff + b*aBatch + i*aRow + p*aCol]}, element (b, p, j) of B likewise), so transposed operands are
 * never copied whole; C is row-major and contiguous: element (b, i, j) at {@code c[cOff + (b*m + i)*n + j]}.
 *
 * <p><b>Summation order.</b> Every output element is
 * <pre>  s = +0.0;  for p = 0, 1, ..., k-1:  s = fma(A[b,i,p], B[b,p,j], s)</pre>
 * one rounding per step, in ascending p. Blocks of the contraction continue the same chain from the value left
 * in C, and a thread always computes whole elements, so the result depends only on the operands and k: not on
 * the block sizes, the number of threads or which thread ran which block. The Vector API micro-kernel and its
 * scalar twin ({@link #scalar()}, used when {@code jdk.incubator.vector} is absent, and in a fresh JVM until the
 * vector kernel has been compiled: {@link TieredFloatKernel}) perform the same operations, so their results are
 * equal to the bit. The rounding error of an element is at most
 * {@code k * 2^-24 * sum_p |A[b,i,p] * B[b,p,j]|} in float32 ({@code 2^-53} in float64).
 *
 * <p><b>Threads.</b> Products of at least 2^21 multiply-adds are split between the common {@code ForkJoinPool}
 * and the caller, up to {@code -Dolympus.threads=N} threads; smaller ones run on the calling thread.
 *
 * <p><b>Epilogue.</b> The {@link Epilogue} is told each block of rows as soon as it is final, on the thread
 * that finished it.
 */
public final class Gemm {
  /**
   * The Vector API is used when its module is in the boot layer and {@code -Dolympus.vector=false} was not
   * given; otherwise the classes that mention {@code jdk.incubator.vector} are never loaded.
   */
  private static final boolean SIMD = !"false".equals(System.getProperty("olympus.vector"))
      && ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

  /** Lanes the scalar twin mirrors when there is no Vector API to ask (AVX-512). */
  private static final int DEFAULT_FLOAT_LANES = 16;

  private static final Gemm STANDARD = SIMD
      ? new Gemm(new TieredFloatKernel(VectorFloatKernel.INSTANCE), new TieredDoubleKernel(VectorDoubleKernel.INSTANCE),
          ThreadPolicy.THREADS)
      : new Gemm(new ScalarFloatKernel(DEFAULT_FLOAT_LANES), new ScalarDoubleKernel(DEFAULT_FLOAT_LANES / 2),
          ThreadPolicy.THREADS);

  private final FloatMicroKernel f32;
  private final DoubleMicroKernel f64;
  private final int threads;

  Gemm(FloatMicroKernel f32, DoubleMicroKernel f64, int threads) {
    this.f32 = f32;
    this.f64 = f64;
    this.threads = threads;
  }

  /** SIMD when the JVM has the Vector API, threads as {@code -Dolympus.threads} says. */
  public static Gemm standard() {
    return STANDARD;
  }

  /** The scalar twin of {@link #standard()}: same blocking, same operations, same bits, no Vector API. */
  public static Gemm scalar() {
    return STANDARD.simd() ? new Gemm(new ScalarFloatKernel(STANDARD.f32.lanes()),
        new ScalarDoubleKernel(STANDARD.f64.lanes()), STANDARD.threads) : STANDARD;
  }

  /** The Vector API kernels from the first tile on, without {@link TieredFloatKernel}'s scalar start (for tests). */
  static Gemm vectorOnly() {
    if (!STANDARD.simd()) throw new IllegalStateException("needs --add-modules jdk.incubator.vector");
    return new Gemm(VectorFloatKernel.INSTANCE, VectorDoubleKernel.INSTANCE, STANDARD.threads);
  }

  /** At most {@code threads} threads per product (1: always on the calling thread). */
  public Gemm withThreads(int threads) {
    if (threads < 1) throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    return new Gemm(f32, f64, threads);
  }

  /** Whether this runs the Vector API micro-kernels. */
  public boolean simd() {
    return !(f32 instanceof ScalarFloatKernel);
  }

  public int threads() { return threads; }

  /** The blocking of float32 and float64 products (for tests that aim at the block edges). */
  Blocking floatBlocking() { return Blocking.of(f32.lanes()); }

  Blocking doubleBlocking() { return Blocking.of(f64.lanes()); }

  /** {@code c[cOff..] = a . b} for {@code batch} products of {@code [m, k] x [k, n]}; see the class comment. */
  public void f32(int batch, int m, int k, int n, float[] a, Strides as, float[] b, Strides bs, float[] c, int cOff,
      Epilogue done) {
    check(batch, m, k, n, a.length, as, b.length, bs, c.length, cOff);
    new FloatProduct(batch, m, k, n, a, as, b, bs, c, cOff, f32, done).run(threads);
  }

  /** {@code c[cOff..] = a . b} for {@code batch} products of {@code [m, k] x [k, n]}; see the class comment. */
  public void f64(int batch, int m, int k, int n, double[] a, Strides as, double[] b, Strides bs, double[] c,
      int cOff, Epilogue done) {
    check(batch, m, k, n, a.length, as, b.length, bs, c.length, cOff);
    new DoubleProduct(batch, m, k, n, a, as, b, bs, c, cOff, f64, done).run(threads);
  }

  private static void check(int batch, int m, int k, int n, int aLength, Strides as, int bLength, Strides bs,
      int cLength, int cOff) {
    if (batch < 0 || m < 0 || k < 0 || n < 0) {
      throw new IllegalArgumentException("dimensions must be non-negative, got batch " + batch + ", m " + m + ", k "
          + k + ", n " + n);
    }
    if (as.lastIndex(batch, m, k) >= aLength || bs.lastIndex(batch, k, n) >= bLength) {
      throw new IllegalArgumentException("operands of " + batch + " x [" + m + ", " + k + "] x [" + k + ", " + n
          + "] read past their arrays (" + aLength + " and " + bLength + " elements) with " + as + " and " + bs);
    }
    if (cOff < 0 || cOff + (long) batch * m * n > cLength) {
      throw new IllegalArgumentException("output of " + batch + " x " + m + " x " + n + " from " + cOff
          + " does not fit in " + cLength + " elements");
    }
  }
}
