package dev.olympus.simd;

/**
 * The float64 strip operations: every elementwise primitive, comparison, select, conversion and reduction on a
 * run of {@code n} elements ({@code a[ao .. ao + n)} into {@code d[dOff .. dOff + n)}), with a scalar operand where
 * an operand is the same for the whole run. This is the one definition of each op's float64 meaning: eager
 * evaluation, run-time kernels and the kernels javac generates all call it. With {@code jdk.incubator.vector}
 * in the JVM (and {@code -Dolympus.vector=false} not given) the runs go through {@link DoubleVectors}; otherwise through
 * the scalar loops here. Ops that IEEE rounds exactly (arithmetic, sqrt, comparisons, selects) give the same bits
 * either way; transcendental ones may differ in the last place. They may also differ within one JVM: the tail
 * of a run and the one-element forms use the same vector code as its body, but that code gives {@code Math.exp}'s
 * bits per lane until C2 has compiled it and SVML's after (for float32 exp, 55 of 4,096 gaussian inputs differ
 * in the last place), so the first calls of a fresh JVM can disagree with later ones in the last place. For
 * that reason only the exactly rounded strips are tiered as the GEMM kernels are ({@link #EXACT}). Comparisons
 * write bools as ints 0 and 1, the kernels' compute type for bool.
 */
public final class DoubleStrips {
  private DoubleStrips() {}

  static final boolean VECTOR = VectorModule.ENABLED;

  /**
   * The ops IEEE rounds exactly, tiered as {@link FloatStrips#EXACT} is: scalar loops until the Vector API
   * forms are compiled and measure faster ({@link VectorTier}). Null without the Vector API.
   */
  static final VectorTier EXACT =
      VECTOR ? VectorTier.warmed("f64-strips", Warming::vector, Warming::scalar, Warming::dispatch) : null;

  /**
   * Every tiered op once, on scratch runs of each of {@code LENGTHS}: the units {@link #EXACT} warms and times,
   * and the unit it runs through the dispatchers after it has switched.
   */
  static final class Warming {
    static final int N = 256;

    /**
     * Each unit runs at these lengths, so every loop of a vector form (the unrolled body, the single-vector loop,
     * the scalar tail) is both entered and skipped while C2 profiles it. A path the profile never saw is compiled
     * as a trap: the first real strip to take it (a row of 10, a length not a multiple of 64) would throw the
     * compiled form away, and until C2 compiled it again the strip would run in C1, where the Vector API is
     * not intrinsified and costs milliseconds per call. 253 enters every loop and the tail, 64 (a multiple of
     * every unrolled step) skips the single-vector loop and the tail, 5 skips the vector loops: a quarter more
     * work per unit than one run of 256, which matters on two cores while a cold JVM also does real work.
     */
    static final int[] LENGTHS = {N - 3, 64, 5};
    static final double[] A = ramp(0.5), B = ramp(1.25), D = new double[N], LANES = new double[Lanes.COUNT];
    static final int[] P = new int[N], DI = new int[N];

    static {
      for (int i = 0; i < N; i += 2) P[i] = 1;
    }

    private static double[] ramp(double from) {
      double[] r = new double[N];
      for (int i = 0; i < N; i++) r[i] = from + i / (double) N;
      return r;
    }

    private static void vectorAt(int n) {
      DoubleVectors.neg(A, 0, D, 0, n);
      DoubleVectors.sqrt(A, 0, D, 0, n);
      DoubleVectors.rsqrt(A, 0, D, 0, n);
      DoubleVectors.add(A, 0, B, 0, D, 0, n);
      DoubleVectors.add(A, 0, 0.75, D, 0, n);
      DoubleVectors.add(0.75, B, 0, D, 0, n);
      DoubleVectors.sub(A, 0, B, 0, D, 0, n);
      DoubleVectors.sub(A, 0, 0.75, D, 0, n);
      DoubleVectors.sub(0.75, B, 0, D, 0, n);
      DoubleVectors.mul(A, 0, B, 0, D, 0, n);
      DoubleVectors.mul(A, 0, 0.75, D, 0, n);
      DoubleVectors.mul(0.75, B, 0, D, 0, n);
      DoubleVectors.div(A, 0, B, 0, D, 0, n);
      DoubleVectors.div(A, 0, 0.75, D, 0, n);
      DoubleVectors.div(0.75, B, 0, D, 0, n);
      DoubleVectors.max(A, 0, B, 0, D, 0, n);
      DoubleVectors.max(A, 0, 0.75, D, 0, n);
      DoubleVectors.max(0.75, B, 0, D, 0, n);
      DoubleVectors.min(A, 0, B, 0, D, 0, n);
      DoubleVectors.min(A, 0, 0.75, D, 0, n);
      DoubleVectors.min(0.75, B, 0, D, 0, n);
      DoubleVectors.gt(A, 0, B, 0, DI, 0, n);
      DoubleVectors.gt(A, 0, 0.75, DI, 0, n);
      DoubleVectors.gt(0.75, B, 0, DI, 0, n);
      DoubleVectors.lt(A, 0, B, 0, DI, 0, n);
      DoubleVectors.lt(A, 0, 0.75, DI, 0, n);
      DoubleVectors.lt(0.75, B, 0, DI, 0, n);
      DoubleVectors.ge(A, 0, B, 0, DI, 0, n);
      DoubleVectors.ge(A, 0, 0.75, DI, 0, n);
      DoubleVectors.ge(0.75, B, 0, DI, 0, n);
      DoubleVectors.le(A, 0, B, 0, DI, 0, n);
      DoubleVectors.le(A, 0, 0.75, DI, 0, n);
      DoubleVectors.le(0.75, B, 0, DI, 0, n);
      DoubleVectors.eq(A, 0, B, 0, DI, 0, n);
      DoubleVectors.eq(A, 0, 0.75, DI, 0, n);
      DoubleVectors.eq(0.75, B, 0, DI, 0, n);
      DoubleVectors.ne(A, 0, B, 0, DI, 0, n);
      DoubleVectors.ne(A, 0, 0.75, DI, 0, n);
      DoubleVectors.ne(0.75, B, 0, DI, 0, n);
      DoubleVectors.where(P, 0, A, 0, B, 0, D, 0, n);
      DoubleVectors.where(P, 0, A, 0, 0.75, D, 0, n);
      DoubleVectors.where(P, 0, 0.75, B, 0, D, 0, n);
      DoubleVectors.where(P, 0, 0.75, 0.75, D, 0, n);
      DoubleVectors.sumInto(LANES, A, 0, n);
      DoubleVectors.maxInto(LANES, A, 0, n);
      DoubleVectors.minInto(LANES, A, 0, n);
    }

    private static void scalarAt(int n) {
      neg(A, 0, D, 0, n);
      sqrt(A, 0, D, 0, n);
      rsqrt(A, 0, D, 0, n);
      add(A, 0, B, 0, D, 0, n);
      add(A, 0, 0.75, D, 0, n);
      add(0.75, B, 0, D, 0, n);
      sub(A, 0, B, 0, D, 0, n);
      sub(A, 0, 0.75, D, 0, n);
      sub(0.75, B, 0, D, 0, n);
      mul(A, 0, B, 0, D, 0, n);
      mul(A, 0, 0.75, D, 0, n);
      mul(0.75, B, 0, D, 0, n);
      div(A, 0, B, 0, D, 0, n);
      div(A, 0, 0.75, D, 0, n);
      div(0.75, B, 0, D, 0, n);
      max(A, 0, B, 0, D, 0, n);
      max(A, 0, 0.75, D, 0, n);
      max(0.75, B, 0, D, 0, n);
      min(A, 0, B, 0, D, 0, n);
      min(A, 0, 0.75, D, 0, n);
      min(0.75, B, 0, D, 0, n);
      gt(A, 0, B, 0, DI, 0, n);
      gt(A, 0, 0.75, DI, 0, n);
      gt(0.75, B, 0, DI, 0, n);
      lt(A, 0, B, 0, DI, 0, n);
      lt(A, 0, 0.75, DI, 0, n);
      lt(0.75, B, 0, DI, 0, n);
      ge(A, 0, B, 0, DI, 0, n);
      ge(A, 0, 0.75, DI, 0, n);
      ge(0.75, B, 0, DI, 0, n);
      le(A, 0, B, 0, DI, 0, n);
      le(A, 0, 0.75, DI, 0, n);
      le(0.75, B, 0, DI, 0, n);
      eq(A, 0, B, 0, DI, 0, n);
      eq(A, 0, 0.75, DI, 0, n);
      eq(0.75, B, 0, DI, 0, n);
      ne(A, 0, B, 0, DI, 0, n);
      ne(A, 0, 0.75, DI, 0, n);
      ne(0.75, B, 0, DI, 0, n);
      where(P, 0, A, 0, B, 0, D, 0, n);
      where(P, 0, A, 0, 0.75, D, 0, n);
      where(P, 0, 0.75, B, 0, D, 0, n);
      where(P, 0, 0.75, 0.75, D, 0, n);
      sumInto(LANES, A, 0, n);
      maxInto(LANES, A, 0, n);
      minInto(LANES, A, 0, n);
    }

    static void vector() {
      for (int n : LENGTHS) vectorAt(n);
    }

    static void scalar() {
      for (int n : LENGTHS) scalarAt(n);
    }

    /**
     * Every op once through the dispatchers kernels call: the tier's after-switch unit. The dispatchers' profiles
     * do not depend on the length (the vector forms' do, and the units above feed them), so one run of 64 keeps
     * the after-switch rounds to 30-40 ms of one core (at every warm-up length they took 90-180 ms).
     */
    static void dispatch() {
      int n = 64;
      for (StripOp.Unary op : StripOp.Unary.values()) if (supports(op)) unary(op, A, 0, D, 0, n);
      for (StripOp.Binary op : StripOp.Binary.values()) {
        if (!supports(op)) continue;
        binary(op, A, 0, B, 0, D, 0, n);
        binary(op, A, 0, 0.75, D, 0, n);
        binary(op, 0.75, B, 0, D, 0, n);
      }
      for (StripOp.Compare op : StripOp.Compare.values()) {
        compare(op, A, 0, B, 0, DI, 0, n);
        compare(op, A, 0, 0.75, DI, 0, n);
        compare(op, 0.75, B, 0, DI, 0, n);
      }
      where(P, 0, A, 0, B, 0, D, 0, n);
      where(P, 0, A, 0, 0.75, D, 0, n);
      where(P, 0, 0.75, B, 0, D, 0, n);
      where(P, 0, 0.75, 0.75, D, 0, n);
      for (StripOp.Monoid op : StripOp.Monoid.values()) {
        java.util.Arrays.fill(LANES, 0);
        foldInto(op, LANES, A, 0, n);
        combineLanes(op, LANES, LANES);
        reduceLanes(op, LANES);
      }
    }
  }

  public static void neg(double[] a, int ao, double[] d, int dOff, int n) {
    if (VECTOR && EXACT.vector()) {
      DoubleVectors.neg(a, ao, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = neg(a[ao + i]);
  }

  public static double neg(double x) { return -x; }

  public static void abs(double[] a, int ao, double[] d, int dOff, int n) {
    if (VECTOR) {
      DoubleVectors.abs(a, ao, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = abs(a[ao + i]);
  }

  public static double abs(double x) { return Math.abs(x); }

  public static void sign(double[] a, int ao, double[] d, int dOff, int n) {
    for (int i = 0; i < n; i++) d[dOff + i] = sign(a[ao + i]);
  }

  public static double sign(double x) { return Math.signum(x); }

  public static void floor(double[] a, int ao, double[] d, int dOff, int n) {
    for (int i = 0; i < n; i++) d[dOff + i] = floor(a[ao + i]);
  }

  public static double floor(double x) { return Math.floor(x); }

  public static void ceil(double[] a, int ao, double[] d, int dOff, int n) {
    for (int i = 0; i < n; i++) d[dOff + i] = ceil(a[ao + i]);
  }

  public static double ceil(double x) { return Math.ceil(x); }

  public static void round(double[] a, int ao, double[] d, int dOff, int n) {
    for (int i = 0; i < n; i++) d[dOff + i] = round(a[ao + i]);
  }

  public static double round(double x) { return roundHalfAwayFromZero(x); }

  public static void sqrt(double[] a, int ao, double[] d, int dOff, int n) {
    if (VECTOR && EXACT.vector()) {
      DoubleVectors.sqrt(a, ao, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = sqrt(a[ao + i]);
  }

  public static double sqrt(double x) { return Math.sqrt(x); }

  public static void rsqrt(double[] a, int ao, double[] d, int dOff, int n) {
    if (VECTOR && EXACT.vector()) {
      DoubleVectors.rsqrt(a, ao, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = rsqrt(a[ao + i]);
  }

  public static double rsqrt(double x) { return 1.0 / Math.sqrt(x); }

  public static void exp(double[] a, int ao, double[] d, int dOff, int n) {
    if (VECTOR) {
      DoubleVectors.exp(a, ao, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = exp(a[ao + i]);
  }

  public static double exp(double x) { return VECTOR ? DoubleVectors.exp(x) : Math.exp(x); }

  public static void expm1(double[] a, int ao, double[] d, int dOff, int n) {
    if (VECTOR) {
      DoubleVectors.expm1(a, ao, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = expm1(a[ao + i]);
  }

  public static double expm1(double x) { return VECTOR ? DoubleVectors.expm1(x) : Math.expm1(x); }

  public static void log(double[] a, int ao, double[] d, int dOff, int n) {
    if (VECTOR) {
      DoubleVectors.log(a, ao, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = log(a[ao + i]);
  }

  public static double log(double x) { return VECTOR ? DoubleVectors.log(x) : Math.log(x); }

  public static void log1p(double[] a, int ao, double[] d, int dOff, int n) {
    if (VECTOR) {
      DoubleVectors.log1p(a, ao, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = log1p(a[ao + i]);
  }

  public static double log1p(double x) { return VECTOR ? DoubleVectors.log1p(x) : Math.log1p(x); }

  public static void sin(double[] a, int ao, double[] d, int dOff, int n) {
    if (VECTOR) {
      DoubleVectors.sin(a, ao, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = sin(a[ao + i]);
  }

  public static double sin(double x) { return VECTOR ? DoubleVectors.sin(x) : Math.sin(x); }

  public static void cos(double[] a, int ao, double[] d, int dOff, int n) {
    if (VECTOR) {
      DoubleVectors.cos(a, ao, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = cos(a[ao + i]);
  }

  public static double cos(double x) { return VECTOR ? DoubleVectors.cos(x) : Math.cos(x); }

  public static void tan(double[] a, int ao, double[] d, int dOff, int n) {
    if (VECTOR) {
      DoubleVectors.tan(a, ao, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = tan(a[ao + i]);
  }

  public static double tan(double x) { return VECTOR ? DoubleVectors.tan(x) : Math.tan(x); }

  public static void tanh(double[] a, int ao, double[] d, int dOff, int n) {
    if (VECTOR) {
      DoubleVectors.tanh(a, ao, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = tanh(a[ao + i]);
  }

  public static double tanh(double x) { return VECTOR ? DoubleVectors.tanh(x) : Math.tanh(x); }

  public static void logistic(double[] a, int ao, double[] d, int dOff, int n) {
    if (VECTOR) {
      DoubleVectors.logistic(a, ao, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = logistic(a[ao + i]);
  }

  public static double logistic(double x) { return VECTOR ? DoubleVectors.logistic(x) : 1.0 / (1.0 + Math.exp(-x)); }

  public static double add(double x, double y) { return x + y; }

  public static void add(double[] a, int ao, double[] b, int bo, double[] d, int dOff, int n) {
    if (VECTOR && EXACT.vector()) {
      DoubleVectors.add(a, ao, b, bo, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = add(a[ao + i], b[bo + i]);
  }

  public static void add(double[] a, int ao, double b, double[] d, int dOff, int n) {
    if (VECTOR && EXACT.vector()) {
      DoubleVectors.add(a, ao, b, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = add(a[ao + i], b);
  }

  public static void add(double a, double[] b, int bo, double[] d, int dOff, int n) {
    if (VECTOR && EXACT.vector()) {
      DoubleVectors.add(a, b, bo, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = add(a, b[bo + i]);
  }

  public static double sub(double x, double y) { return x - y; }

  public static void sub(double[] a, int ao, double[] b, int bo, double[] d, int dOff, int n) {
    if (VECTOR && EXACT.vector()) {
      DoubleVectors.sub(a, ao, b, bo, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = sub(a[ao + i], b[bo + i]);
  }

  public static void sub(double[] a, int ao, double b, double[] d, int dOff, int n) {
    if (VECTOR && EXACT.vector()) {
      DoubleVectors.sub(a, ao, b, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = sub(a[ao + i], b);
  }

  public static void sub(double a, double[] b, int bo, double[] d, int dOff, int n) {
    if (VECTOR && EXACT.vector()) {
      DoubleVectors.sub(a, b, bo, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = sub(a, b[bo + i]);
  }

  public static double mul(double x, double y) { return x * y; }

  public static void mul(double[] a, int ao, double[] b, int bo, double[] d, int dOff, int n) {
    if (VECTOR && EXACT.vector()) {
      DoubleVectors.mul(a, ao, b, bo, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = mul(a[ao + i], b[bo + i]);
  }

  public static void mul(double[] a, int ao, double b, double[] d, int dOff, int n) {
    if (VECTOR && EXACT.vector()) {
      DoubleVectors.mul(a, ao, b, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = mul(a[ao + i], b);
  }

  public static void mul(double a, double[] b, int bo, double[] d, int dOff, int n) {
    if (VECTOR && EXACT.vector()) {
      DoubleVectors.mul(a, b, bo, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = mul(a, b[bo + i]);
  }

  public static double div(double x, double y) { return x / y; }

  public static void div(double[] a, int ao, double[] b, int bo, double[] d, int dOff, int n) {
    if (VECTOR && EXACT.vector()) {
      DoubleVectors.div(a, ao, b, bo, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = div(a[ao + i], b[bo + i]);
  }

  public static void div(double[] a, int ao, double b, double[] d, int dOff, int n) {
    if (VECTOR && EXACT.vector()) {
      DoubleVectors.div(a, ao, b, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = div(a[ao + i], b);
  }

  public static void div(double a, double[] b, int bo, double[] d, int dOff, int n) {
    if (VECTOR && EXACT.vector()) {
      DoubleVectors.div(a, b, bo, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = div(a, b[bo + i]);
  }

  public static double rem(double x, double y) { return x % y; }

  public static void rem(double[] a, int ao, double[] b, int bo, double[] d, int dOff, int n) {
    for (int i = 0; i < n; i++) d[dOff + i] = rem(a[ao + i], b[bo + i]);
  }

  public static void rem(double[] a, int ao, double b, double[] d, int dOff, int n) {
    for (int i = 0; i < n; i++) d[dOff + i] = rem(a[ao + i], b);
  }

  public static void rem(double a, double[] b, int bo, double[] d, int dOff, int n) {
    for (int i = 0; i < n; i++) d[dOff + i] = rem(a, b[bo + i]);
  }

  public static double pow(double x, double y) { return cPow(x, y); }

  public static void pow(double[] a, int ao, double[] b, int bo, double[] d, int dOff, int n) {
    for (int i = 0; i < n; i++) d[dOff + i] = pow(a[ao + i], b[bo + i]);
  }

  public static void pow(double[] a, int ao, double b, double[] d, int dOff, int n) {
    for (int i = 0; i < n; i++) d[dOff + i] = pow(a[ao + i], b);
  }

  public static void pow(double a, double[] b, int bo, double[] d, int dOff, int n) {
    for (int i = 0; i < n; i++) d[dOff + i] = pow(a, b[bo + i]);
  }

  public static double max(double x, double y) { return Math.max(x, y); }

  public static void max(double[] a, int ao, double[] b, int bo, double[] d, int dOff, int n) {
    if (VECTOR && EXACT.vector()) {
      DoubleVectors.max(a, ao, b, bo, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = max(a[ao + i], b[bo + i]);
  }

  public static void max(double[] a, int ao, double b, double[] d, int dOff, int n) {
    if (VECTOR && EXACT.vector()) {
      DoubleVectors.max(a, ao, b, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = max(a[ao + i], b);
  }

  public static void max(double a, double[] b, int bo, double[] d, int dOff, int n) {
    if (VECTOR && EXACT.vector()) {
      DoubleVectors.max(a, b, bo, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = max(a, b[bo + i]);
  }

  public static double min(double x, double y) { return Math.min(x, y); }

  public static void min(double[] a, int ao, double[] b, int bo, double[] d, int dOff, int n) {
    if (VECTOR && EXACT.vector()) {
      DoubleVectors.min(a, ao, b, bo, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = min(a[ao + i], b[bo + i]);
  }

  public static void min(double[] a, int ao, double b, double[] d, int dOff, int n) {
    if (VECTOR && EXACT.vector()) {
      DoubleVectors.min(a, ao, b, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = min(a[ao + i], b);
  }

  public static void min(double a, double[] b, int bo, double[] d, int dOff, int n) {
    if (VECTOR && EXACT.vector()) {
      DoubleVectors.min(a, b, bo, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = min(a, b[bo + i]);
  }

  public static double atan2(double x, double y) { return VECTOR ? DoubleVectors.atan2(x, y) : Math.atan2(x, y); }

  public static void atan2(double[] a, int ao, double[] b, int bo, double[] d, int dOff, int n) {
    if (VECTOR) {
      DoubleVectors.atan2(a, ao, b, bo, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = atan2(a[ao + i], b[bo + i]);
  }

  public static void atan2(double[] a, int ao, double b, double[] d, int dOff, int n) {
    if (VECTOR) {
      DoubleVectors.atan2(a, ao, b, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = atan2(a[ao + i], b);
  }

  public static void atan2(double a, double[] b, int bo, double[] d, int dOff, int n) {
    if (VECTOR) {
      DoubleVectors.atan2(a, b, bo, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = atan2(a, b[bo + i]);
  }

  public static int gt(double x, double y) { return x > y ? 1 : 0; }

  public static void gt(double[] a, int ao, double[] b, int bo, int[] d, int dOff, int n) {
    if (VECTOR && EXACT.vector()) {
      DoubleVectors.gt(a, ao, b, bo, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = a[ao + i] > b[bo + i] ? 1 : 0;
  }

  public static void gt(double[] a, int ao, double b, int[] d, int dOff, int n) {
    if (VECTOR && EXACT.vector()) {
      DoubleVectors.gt(a, ao, b, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = a[ao + i] > b ? 1 : 0;
  }

  public static void gt(double a, double[] b, int bo, int[] d, int dOff, int n) {
    if (VECTOR && EXACT.vector()) {
      DoubleVectors.gt(a, b, bo, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = a > b[bo + i] ? 1 : 0;
  }

  public static int lt(double x, double y) { return x < y ? 1 : 0; }

  public static void lt(double[] a, int ao, double[] b, int bo, int[] d, int dOff, int n) {
    if (VECTOR && EXACT.vector()) {
      DoubleVectors.lt(a, ao, b, bo, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = a[ao + i] < b[bo + i] ? 1 : 0;
  }

  public static void lt(double[] a, int ao, double b, int[] d, int dOff, int n) {
    if (VECTOR && EXACT.vector()) {
      DoubleVectors.lt(a, ao, b, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = a[ao + i] < b ? 1 : 0;
  }

  public static void lt(double a, double[] b, int bo, int[] d, int dOff, int n) {
    if (VECTOR && EXACT.vector()) {
      DoubleVectors.lt(a, b, bo, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = a < b[bo + i] ? 1 : 0;
  }

  public static int ge(double x, double y) { return x >= y ? 1 : 0; }

  public static void ge(double[] a, int ao, double[] b, int bo, int[] d, int dOff, int n) {
    if (VECTOR && EXACT.vector()) {
      DoubleVectors.ge(a, ao, b, bo, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = a[ao + i] >= b[bo + i] ? 1 : 0;
  }

  public static void ge(double[] a, int ao, double b, int[] d, int dOff, int n) {
    if (VECTOR && EXACT.vector()) {
      DoubleVectors.ge(a, ao, b, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = a[ao + i] >= b ? 1 : 0;
  }

  public static void ge(double a, double[] b, int bo, int[] d, int dOff, int n) {
    if (VECTOR && EXACT.vector()) {
      DoubleVectors.ge(a, b, bo, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = a >= b[bo + i] ? 1 : 0;
  }

  public static int le(double x, double y) { return x <= y ? 1 : 0; }

  public static void le(double[] a, int ao, double[] b, int bo, int[] d, int dOff, int n) {
    if (VECTOR && EXACT.vector()) {
      DoubleVectors.le(a, ao, b, bo, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = a[ao + i] <= b[bo + i] ? 1 : 0;
  }

  public static void le(double[] a, int ao, double b, int[] d, int dOff, int n) {
    if (VECTOR && EXACT.vector()) {
      DoubleVectors.le(a, ao, b, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = a[ao + i] <= b ? 1 : 0;
  }

  public static void le(double a, double[] b, int bo, int[] d, int dOff, int n) {
    if (VECTOR && EXACT.vector()) {
      DoubleVectors.le(a, b, bo, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = a <= b[bo + i] ? 1 : 0;
  }

  public static int eq(double x, double y) { return x == y ? 1 : 0; }

  public static void eq(double[] a, int ao, double[] b, int bo, int[] d, int dOff, int n) {
    if (VECTOR && EXACT.vector()) {
      DoubleVectors.eq(a, ao, b, bo, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = a[ao + i] == b[bo + i] ? 1 : 0;
  }

  public static void eq(double[] a, int ao, double b, int[] d, int dOff, int n) {
    if (VECTOR && EXACT.vector()) {
      DoubleVectors.eq(a, ao, b, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = a[ao + i] == b ? 1 : 0;
  }

  public static void eq(double a, double[] b, int bo, int[] d, int dOff, int n) {
    if (VECTOR && EXACT.vector()) {
      DoubleVectors.eq(a, b, bo, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = a == b[bo + i] ? 1 : 0;
  }

  public static int ne(double x, double y) { return x != y ? 1 : 0; }

  public static void ne(double[] a, int ao, double[] b, int bo, int[] d, int dOff, int n) {
    if (VECTOR && EXACT.vector()) {
      DoubleVectors.ne(a, ao, b, bo, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = a[ao + i] != b[bo + i] ? 1 : 0;
  }

  public static void ne(double[] a, int ao, double b, int[] d, int dOff, int n) {
    if (VECTOR && EXACT.vector()) {
      DoubleVectors.ne(a, ao, b, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = a[ao + i] != b ? 1 : 0;
  }

  public static void ne(double a, double[] b, int bo, int[] d, int dOff, int n) {
    if (VECTOR && EXACT.vector()) {
      DoubleVectors.ne(a, b, bo, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = a != b[bo + i] ? 1 : 0;
  }

  /** {@code d = p != 0 ? t : f} elementwise: {@code select_n(p, f, t)}. */
  public static void where(int[] p, int po, double[] t, int to, double[] f, int fo, double[] d, int dOff, int n) {
    if (VECTOR && EXACT.vector()) {
      DoubleVectors.where(p, po, t, to, f, fo, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = p[po + i] != 0 ? t[to + i] : f[fo + i];
  }

  /** {@code d = p != 0 ? t : f} elementwise: {@code select_n(p, f, t)}. */
  public static void where(int[] p, int po, double[] t, int to, double f, double[] d, int dOff, int n) {
    if (VECTOR && EXACT.vector()) {
      DoubleVectors.where(p, po, t, to, f, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = p[po + i] != 0 ? t[to + i] : f;
  }

  /** {@code d = p != 0 ? t : f} elementwise: {@code select_n(p, f, t)}. */
  public static void where(int[] p, int po, double t, double[] f, int fo, double[] d, int dOff, int n) {
    if (VECTOR && EXACT.vector()) {
      DoubleVectors.where(p, po, t, f, fo, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = p[po + i] != 0 ? t : f[fo + i];
  }

  /** {@code d = p != 0 ? t : f} elementwise: {@code select_n(p, f, t)}. */
  public static void where(int[] p, int po, double t, double f, double[] d, int dOff, int n) {
    if (VECTOR && EXACT.vector()) {
      DoubleVectors.where(p, po, t, f, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = p[po + i] != 0 ? t : f;
  }

  /** {@code x ** y} for a static integer {@code y}: square-and-multiply, each product rounded; for {@code y < 0}
   * the reciprocal of {@code x ** -y}, as XLA expands {@code integer_pow}. */
  public static double integerPow(double x, int y) {
    double r = 1.0;
    double base = x;
    for (long e = Math.abs((long) y); e > 0; e >>= 1) {
      if ((e & 1) != 0) r *= base;
      base *= base;
    }
    return y < 0 ? 1.0 / r : r;
  }

  public static void integerPow(double[] a, int ao, int y, double[] d, int dOff, int n) {
    if (VECTOR) {
      DoubleVectors.integerPow(a, ao, y, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = integerPow(a[ao + i], y);
  }

  public static void toF32(double[] a, int ao, float[] d, int dOff, int n) {
    for (int i = 0; i < n; i++) d[dOff + i] = (float) a[ao + i];
  }

  /** Java's cast, as XLA's convert on CPU: truncation toward zero, saturating, NaN to 0. */
  public static void toI32(double[] a, int ao, int[] d, int dOff, int n) {
    for (int i = 0; i < n; i++) d[dOff + i] = (int) a[ao + i];
  }

  public static void toI64(double[] a, int ao, long[] d, int dOff, int n) {
    for (int i = 0; i < n; i++) d[dOff + i] = (long) a[ao + i];
  }

  /** Non-zero (NaN included) is true, as a 0/1 int. */
  public static void toBool(double[] a, int ao, int[] d, int dOff, int n) {
    for (int i = 0; i < n; i++) d[dOff + i] = a[ao + i] != 0 ? 1 : 0;
  }

  public static void copy(double[] a, int ao, double[] d, int dOff, int n) {
    System.arraycopy(a, ao, d, dOff, n);
  }

  public static void fill(double v, double[] d, int dOff, int n) {
    java.util.Arrays.fill(d, dOff, dOff + n, v);
  }

  /**
   * Elements {@code start .. start + n - 1} (row-major) of a strided view with sizes {@code dims} and strides
   * {@code strides} (0 for a broadcast dimension) over {@code a} from {@code base}, copied to {@code d}.
   */
  public static void gather(double[] a, int base, int[] dims, int[] strides, long start, double[] d, int dOff, int n) {
    int rank = dims.length;
    if (rank == 0) {
      fill(a[base], d, dOff, n);
      return;
    }
    int[] idx = new int[rank];
    long rest = start;
    int pos = base;
    for (int k = rank - 1; k >= 0; k--) {
      idx[k] = (int) (rest % dims[k]);
      rest /= dims[k];
      pos += idx[k] * strides[k];
    }
    int last = rank - 1, inner = dims[last], step = strides[last];
    for (int j = 0; j < n; ) {
      int run = Math.min(n - j, inner - idx[last]);
      for (int q = 0; q < run; q++) d[dOff + j + q] = a[pos + q * step];
      j += run;
      pos += run * step;
      idx[last] += run;
      for (int k = last; k > 0 && idx[k] == dims[k]; k--) {
        pos -= idx[k] * strides[k];
        idx[k] = 0;
        idx[k - 1]++;
        pos += strides[k - 1];
      }
    }
  }

  // ---- reductions: {@link Lanes} documents the order.

  public static double[] lanes(double identity) {
    double[] l = new double[Lanes.COUNT];
    java.util.Arrays.fill(l, identity);
    return l;
  }

  /** Folds {@code a[ao .. ao + n)} into {@code lanes}: element {@code j} into lane {@code j % 16}. */
  public static void sumInto(double[] lanes, double[] a, int ao, int n) {
    if (VECTOR && EXACT.vector()) {
      DoubleVectors.sumInto(lanes, a, ao, n);
      return;
    }
    int j = 0;
    for (; j + Lanes.COUNT <= n; j += Lanes.COUNT) {
      for (int k = 0; k < Lanes.COUNT; k++) lanes[k] = lanes[k] + a[ao + j + k];
    }
    for (int k = 0; j + k < n; k++) lanes[k] = lanes[k] + a[ao + j + k];
  }

  /** Combines the 16 lanes pairwise: (0+8, 1+9, ...), then (0+4, ...), (0+2, ...), (0+1). */
  public static double sumLanes(double[] lanes) {
    // Lane k with k + 8, then k + 4, k + 2 and k + 1 (Lanes' order for its 16 lanes), in registers: this
    // runs once per reduced row, where a working copy of the lanes cost an allocation each time.
    double a0 = lanes[0] + lanes[8], a1 = lanes[1] + lanes[9], a2 = lanes[2] + lanes[10], a3 = lanes[3] + lanes[11];
    double a4 = lanes[4] + lanes[12], a5 = lanes[5] + lanes[13], a6 = lanes[6] + lanes[14], a7 = lanes[7] + lanes[15];
    double b0 = a0 + a4, b1 = a1 + a5;
    double b2 = a2 + a6, b3 = a3 + a7;
    double c0 = b0 + b2, c1 = b1 + b3;
    return c0 + c1;
  }

  /** {@code into[k] = into[k] op from[k]}: combines the lanes of a later block into an earlier one. */
  public static void sumCombine(double[] into, double[] from) {
    for (int k = 0; k < Lanes.COUNT; k++) into[k] = into[k] + from[k];
  }

  /**
   * Folds {@code a[ao .. ao + n)} into {@code lanes} by multiplication: element {@code j} into lane
   * {@code j % 16}, the order sums use. A scalar loop: XLA's reduce_prod is rare enough not to need SIMD.
   */
  public static void prodInto(double[] lanes, double[] a, int ao, int n) {
    int j = 0;
    for (; j + Lanes.COUNT <= n; j += Lanes.COUNT) {
      for (int k = 0; k < Lanes.COUNT; k++) lanes[k] = lanes[k] * a[ao + j + k];
    }
    for (int k = 0; j + k < n; k++) lanes[k] = lanes[k] * a[ao + j + k];
  }

  /** Combines the 16 lanes pairwise, as {@link #sumLanes} does, by multiplication. */
  public static double prodLanes(double[] lanes) {
    // Lane k with k + 8, then k + 4, k + 2 and k + 1 (Lanes' order for its 16 lanes), in registers: this
    // runs once per reduced row, where a working copy of the lanes cost an allocation each time.
    double a0 = lanes[0] * lanes[8], a1 = lanes[1] * lanes[9], a2 = lanes[2] * lanes[10], a3 = lanes[3] * lanes[11];
    double a4 = lanes[4] * lanes[12], a5 = lanes[5] * lanes[13], a6 = lanes[6] * lanes[14], a7 = lanes[7] * lanes[15];
    double b0 = a0 * a4, b1 = a1 * a5;
    double b2 = a2 * a6, b3 = a3 * a7;
    double c0 = b0 * b2, c1 = b1 * b3;
    return c0 * c1;
  }

  /** {@code into[k] = into[k] * from[k]}. */
  public static void prodCombine(double[] into, double[] from) {
    for (int k = 0; k < Lanes.COUNT; k++) into[k] = into[k] * from[k];
  }

  /** Folds {@code a[ao .. ao + n)} into {@code lanes}: element {@code j} into lane {@code j % 16}. */
  public static void maxInto(double[] lanes, double[] a, int ao, int n) {
    if (VECTOR && EXACT.vector()) {
      DoubleVectors.maxInto(lanes, a, ao, n);
      return;
    }
    int j = 0;
    for (; j + Lanes.COUNT <= n; j += Lanes.COUNT) {
      for (int k = 0; k < Lanes.COUNT; k++) lanes[k] = Math.max(lanes[k], a[ao + j + k]);
    }
    for (int k = 0; j + k < n; k++) lanes[k] = Math.max(lanes[k], a[ao + j + k]);
  }

  /** Combines the 16 lanes pairwise: (0+8, 1+9, ...), then (0+4, ...), (0+2, ...), (0+1). */
  public static double maxLanes(double[] lanes) {
    // Lane k with k + 8, then k + 4, k + 2 and k + 1 (Lanes' order for its 16 lanes), in registers: this
    // runs once per reduced row, where a working copy of the lanes cost an allocation each time.
    double a0 = Math.max(lanes[0], lanes[8]), a1 = Math.max(lanes[1], lanes[9]);
    double a2 = Math.max(lanes[2], lanes[10]), a3 = Math.max(lanes[3], lanes[11]);
    double a4 = Math.max(lanes[4], lanes[12]), a5 = Math.max(lanes[5], lanes[13]);
    double a6 = Math.max(lanes[6], lanes[14]), a7 = Math.max(lanes[7], lanes[15]);
    double b0 = Math.max(a0, a4), b1 = Math.max(a1, a5);
    double b2 = Math.max(a2, a6), b3 = Math.max(a3, a7);
    double c0 = Math.max(b0, b2), c1 = Math.max(b1, b3);
    return Math.max(c0, c1);
  }

  /** {@code into[k] = into[k] op from[k]}: combines the lanes of a later block into an earlier one. */
  public static void maxCombine(double[] into, double[] from) {
    for (int k = 0; k < Lanes.COUNT; k++) into[k] = Math.max(into[k], from[k]);
  }

  /** Folds {@code a[ao .. ao + n)} into {@code lanes}: element {@code j} into lane {@code j % 16}. */
  public static void minInto(double[] lanes, double[] a, int ao, int n) {
    if (VECTOR && EXACT.vector()) {
      DoubleVectors.minInto(lanes, a, ao, n);
      return;
    }
    int j = 0;
    for (; j + Lanes.COUNT <= n; j += Lanes.COUNT) {
      for (int k = 0; k < Lanes.COUNT; k++) lanes[k] = Math.min(lanes[k], a[ao + j + k]);
    }
    for (int k = 0; j + k < n; k++) lanes[k] = Math.min(lanes[k], a[ao + j + k]);
  }

  /** Combines the 16 lanes pairwise: (0+8, 1+9, ...), then (0+4, ...), (0+2, ...), (0+1). */
  public static double minLanes(double[] lanes) {
    // Lane k with k + 8, then k + 4, k + 2 and k + 1 (Lanes' order for its 16 lanes), in registers: this
    // runs once per reduced row, where a working copy of the lanes cost an allocation each time.
    double a0 = Math.min(lanes[0], lanes[8]), a1 = Math.min(lanes[1], lanes[9]);
    double a2 = Math.min(lanes[2], lanes[10]), a3 = Math.min(lanes[3], lanes[11]);
    double a4 = Math.min(lanes[4], lanes[12]), a5 = Math.min(lanes[5], lanes[13]);
    double a6 = Math.min(lanes[6], lanes[14]), a7 = Math.min(lanes[7], lanes[15]);
    double b0 = Math.min(a0, a4), b1 = Math.min(a1, a5);
    double b2 = Math.min(a2, a6), b3 = Math.min(a3, a7);
    double c0 = Math.min(b0, b2), c1 = Math.min(b1, b3);
    return Math.min(c0, c1);
  }

  /** {@code into[k] = into[k] op from[k]}: combines the lanes of a later block into an earlier one. */
  public static void minCombine(double[] into, double[] from) {
    for (int k = 0; k < Lanes.COUNT; k++) into[k] = Math.min(into[k], from[k]);
  }

  /** C's (and XLA's) {@code pow}: as Java's but {@code pow(1, y) == 1} and {@code pow(-1, ±inf) == 1}. */
  static double cPow(double base, double exp) {
    if (base == 1.0 || (base == -1.0 && Double.isInfinite(exp))) return 1.0;
    return Math.pow(base, exp);
  }

  /** Rounds halves away from zero, as XLA's {@code round}; {@code |x| - floor(|x|)} is exact. */
  static double roundHalfAwayFromZero(double x) {
    double a = Math.abs(x);
    double t = Math.floor(a);
    if (a - t >= 0.5) t += 1;
    return Math.copySign(t, x);
  }

  // ---- dispatchers: the run-time kernels' way to the methods above, by op code.

  public static void unary(StripOp.Unary op, double[] a, int ao, double[] d, int dOff, int n) {
    switch (op) {
      case NEG -> neg(a, ao, d, dOff, n);
      case ABS -> abs(a, ao, d, dOff, n);
      case SIGN -> sign(a, ao, d, dOff, n);
      case FLOOR -> floor(a, ao, d, dOff, n);
      case CEIL -> ceil(a, ao, d, dOff, n);
      case ROUND -> round(a, ao, d, dOff, n);
      case SQRT -> sqrt(a, ao, d, dOff, n);
      case RSQRT -> rsqrt(a, ao, d, dOff, n);
      case EXP -> exp(a, ao, d, dOff, n);
      case EXPM1 -> expm1(a, ao, d, dOff, n);
      case LOG -> log(a, ao, d, dOff, n);
      case LOG1P -> log1p(a, ao, d, dOff, n);
      case SIN -> sin(a, ao, d, dOff, n);
      case COS -> cos(a, ao, d, dOff, n);
      case TAN -> tan(a, ao, d, dOff, n);
      case TANH -> tanh(a, ao, d, dOff, n);
      case LOGISTIC -> logistic(a, ao, d, dOff, n);
      default -> throw unsupported(op);
    }
  }

  public static double unary(StripOp.Unary op, double x) {
    return switch (op) {
      case NEG -> neg(x);
      case ABS -> abs(x);
      case SIGN -> sign(x);
      case FLOOR -> floor(x);
      case CEIL -> ceil(x);
      case ROUND -> round(x);
      case SQRT -> sqrt(x);
      case RSQRT -> rsqrt(x);
      case EXP -> exp(x);
      case EXPM1 -> expm1(x);
      case LOG -> log(x);
      case LOG1P -> log1p(x);
      case SIN -> sin(x);
      case COS -> cos(x);
      case TAN -> tan(x);
      case TANH -> tanh(x);
      case LOGISTIC -> logistic(x);
      default -> throw unsupported(op);
    };
  }

  public static void binary(StripOp.Binary op, double[] a, int ao, double[] b, int bo, double[] d, int dOff, int n) {
    switch (op) {
      case ADD -> add(a, ao, b, bo, d, dOff, n);
      case SUB -> sub(a, ao, b, bo, d, dOff, n);
      case MUL -> mul(a, ao, b, bo, d, dOff, n);
      case DIV -> div(a, ao, b, bo, d, dOff, n);
      case REM -> rem(a, ao, b, bo, d, dOff, n);
      case POW -> pow(a, ao, b, bo, d, dOff, n);
      case MAX -> max(a, ao, b, bo, d, dOff, n);
      case MIN -> min(a, ao, b, bo, d, dOff, n);
      case ATAN2 -> atan2(a, ao, b, bo, d, dOff, n);
      default -> throw unsupported(op);
    }
  }

  public static void binary(StripOp.Binary op, double[] a, int ao, double b, double[] d, int dOff, int n) {
    switch (op) {
      case ADD -> add(a, ao, b, d, dOff, n);
      case SUB -> sub(a, ao, b, d, dOff, n);
      case MUL -> mul(a, ao, b, d, dOff, n);
      case DIV -> div(a, ao, b, d, dOff, n);
      case REM -> rem(a, ao, b, d, dOff, n);
      case POW -> pow(a, ao, b, d, dOff, n);
      case MAX -> max(a, ao, b, d, dOff, n);
      case MIN -> min(a, ao, b, d, dOff, n);
      case ATAN2 -> atan2(a, ao, b, d, dOff, n);
      default -> throw unsupported(op);
    }
  }

  public static void binary(StripOp.Binary op, double a, double[] b, int bo, double[] d, int dOff, int n) {
    switch (op) {
      case ADD -> add(a, b, bo, d, dOff, n);
      case SUB -> sub(a, b, bo, d, dOff, n);
      case MUL -> mul(a, b, bo, d, dOff, n);
      case DIV -> div(a, b, bo, d, dOff, n);
      case REM -> rem(a, b, bo, d, dOff, n);
      case POW -> pow(a, b, bo, d, dOff, n);
      case MAX -> max(a, b, bo, d, dOff, n);
      case MIN -> min(a, b, bo, d, dOff, n);
      case ATAN2 -> atan2(a, b, bo, d, dOff, n);
      default -> throw unsupported(op);
    }
  }

  public static double binary(StripOp.Binary op, double x, double y) {
    return switch (op) {
      case ADD -> add(x, y);
      case SUB -> sub(x, y);
      case MUL -> mul(x, y);
      case DIV -> div(x, y);
      case REM -> rem(x, y);
      case POW -> pow(x, y);
      case MAX -> max(x, y);
      case MIN -> min(x, y);
      case ATAN2 -> atan2(x, y);
      default -> throw unsupported(op);
    };
  }

  public static void compare(StripOp.Compare op, double[] a, int ao, double[] b, int bo, int[] d, int dOff, int n) {
    switch (op) {
      case GT -> gt(a, ao, b, bo, d, dOff, n);
      case LT -> lt(a, ao, b, bo, d, dOff, n);
      case GE -> ge(a, ao, b, bo, d, dOff, n);
      case LE -> le(a, ao, b, bo, d, dOff, n);
      case EQ -> eq(a, ao, b, bo, d, dOff, n);
      case NE -> ne(a, ao, b, bo, d, dOff, n);
    }
  }

  public static void compare(StripOp.Compare op, double[] a, int ao, double b, int[] d, int dOff, int n) {
    switch (op) {
      case GT -> gt(a, ao, b, d, dOff, n);
      case LT -> lt(a, ao, b, d, dOff, n);
      case GE -> ge(a, ao, b, d, dOff, n);
      case LE -> le(a, ao, b, d, dOff, n);
      case EQ -> eq(a, ao, b, d, dOff, n);
      case NE -> ne(a, ao, b, d, dOff, n);
    }
  }

  public static void compare(StripOp.Compare op, double a, double[] b, int bo, int[] d, int dOff, int n) {
    switch (op) {
      case GT -> gt(a, b, bo, d, dOff, n);
      case LT -> lt(a, b, bo, d, dOff, n);
      case GE -> ge(a, b, bo, d, dOff, n);
      case LE -> le(a, b, bo, d, dOff, n);
      case EQ -> eq(a, b, bo, d, dOff, n);
      case NE -> ne(a, b, bo, d, dOff, n);
    }
  }

  public static int compare(StripOp.Compare op, double x, double y) {
    return switch (op) {
      case GT -> gt(x, y);
      case LT -> lt(x, y);
      case GE -> ge(x, y);
      case LE -> le(x, y);
      case EQ -> eq(x, y);
      case NE -> ne(x, y);
    };
  }

  public static void foldInto(StripOp.Monoid op, double[] lanes, double[] a, int ao, int n) {
    switch (op) {
      case SUM -> sumInto(lanes, a, ao, n);
      case MAX -> maxInto(lanes, a, ao, n);
      case MIN -> minInto(lanes, a, ao, n);
      case PROD -> prodInto(lanes, a, ao, n);
    }
  }

  public static double reduceLanes(StripOp.Monoid op, double[] lanes) {
    return switch (op) {
      case SUM -> sumLanes(lanes);
      case MAX -> maxLanes(lanes);
      case MIN -> minLanes(lanes);
      case PROD -> prodLanes(lanes);
    };
  }

  public static void combineLanes(StripOp.Monoid op, double[] into, double[] from) {
    switch (op) {
      case SUM -> sumCombine(into, from);
      case MAX -> maxCombine(into, from);
      case MIN -> minCombine(into, from);
      case PROD -> prodCombine(into, from);
    }
  }

  /** Whether {@code op} exists for this dtype. */
  public static boolean supports(Enum<?> op) {
    return SUPPORTED.contains(op);
  }

  private static final java.util.Set<Enum<?>> SUPPORTED = java.util.Set.of(StripOp.Unary.NEG, StripOp.Unary.ABS, StripOp.Unary.SIGN, StripOp.Unary.FLOOR, StripOp.Unary.CEIL, StripOp.Unary.ROUND, StripOp.Unary.SQRT, StripOp.Unary.RSQRT, StripOp.Unary.EXP, StripOp.Unary.EXPM1, StripOp.Unary.LOG, StripOp.Unary.LOG1P, StripOp.Unary.SIN, StripOp.Unary.COS, StripOp.Unary.TAN, StripOp.Unary.TANH, StripOp.Unary.LOGISTIC, StripOp.Binary.ADD, StripOp.Binary.SUB, StripOp.Binary.MUL, StripOp.Binary.DIV, StripOp.Binary.REM, StripOp.Binary.POW, StripOp.Binary.MAX, StripOp.Binary.MIN, StripOp.Binary.ATAN2);

  private static IllegalArgumentException unsupported(Enum<?> op) {
    return new IllegalArgumentException("no double strip operation " + op);
  }
}
