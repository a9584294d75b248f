package dev.olympus.simd;

/**
 * The float32 strip operations: every elementwise primitive, comparison, select, conversion and reduction on a
 * run of {@code n} elements ({@code a[ao .. ao + n)} into {@code d[dOff .. dOff + n)}), with a scalar operand where
 * an operand is the same for the whole run. This is the one definition of each op's float32 meaning: eager
 * evaluation, run-time kernels and the kernels javac generates all call it. With {@code jdk.incubator.vector}
 * in the JVM (and {@code -Dolympus.vector=false} not given) the runs go through {@link FloatVectors}; otherwise through
 * the scalar loops here. Ops that IEEE rounds exactly (arithmetic, sqrt, comparisons, selects) give the same bits
 * either way; transcendental ones may differ in the last place. They may also differ within one JVM: the tail
 * of a run and the one-element forms use the same vector code as its body, but that code gives {@code Math.exp}'s
 * bits per lane until C2 has compiled it and SVML's after (for float32 exp, 55 of 4,096 gaussian inputs differ
 * in the last place), so the first calls of a fresh JVM can disagree with later ones in the last place. For
 * that reason the transcendental strips are tiered apart ({@link #TRANSCENDENTAL}) from the exactly rounded
 * ones ({@link #EXACT}). Comparisons write bools as ints 0 and 1, the kernels' compute type for bool.
 */
public final class FloatStrips {
  private FloatStrips() {}

  static final boolean VECTOR = VectorModule.ENABLED;

  /**
   * The ops IEEE rounds exactly (arithmetic, sqrt, comparisons, selects, the lane folds of sums, max and min),
   * whose vector and scalar forms give the same bits, any NaN's payload aside: they run their scalar loops
   * until the Vector API forms are compiled and measure faster ({@link VectorTier}). Transcendental ones are
   * not tiered (see the class comment). Null without the Vector API.
   */
  static final VectorTier EXACT =
      VECTOR ? VectorTier.warmed("f32-strips", Warming::vector, Warming::scalar, Warming::dispatch) : null;

  /**
   * The transcendental ops ({@code exp}, {@code log}, {@code tanh}, ...), tiered apart from {@link #EXACT}: their
   * scalar loops compute Java's {@code Math} per element, which is what the Vector API's uncompiled forms compute
   * per lane, and the compiled forms are SVML's. So a tier changes nothing a JVM without tiers would not: results
   * move by an ulp once, when the vector forms take over, as they did when C2 compiled them (the class comment).
   * Null without the Vector API.
   */
  static final VectorTier TRANSCENDENTAL = VECTOR
      ? VectorTier.warmed("f32-transcendental", Warming::vectorTranscendental, Warming::scalarTranscendental)
      : null;

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
    static final float[] A = ramp(0.5f), B = ramp(1.25f), D = new float[N], LANES = new float[Lanes.COUNT];
    static final int[] P = new int[N], DI = new int[N];

    static {
      for (int i = 0; i < N; i += 2) P[i] = 1;
    }

    private static float[] ramp(float from) {
      float[] r = new float[N];
      for (int i = 0; i < N; i++) r[i] = from + i / (float) N;
      return r;
    }

    private static void vectorAt(int n) {
      FloatVectors.neg(A, 0, D, 0, n);
      FloatVectors.sqrt(A, 0, D, 0, n);
      FloatVectors.rsqrt(A, 0, D, 0, n);
      FloatVectors.add(A, 0, B, 0, D, 0, n);
      FloatVectors.add(A, 0, 0.75f, D, 0, n);
      FloatVectors.add(0.75f, B, 0, D, 0, n);
      FloatVectors.sub(A, 0, B, 0, D, 0, n);
      FloatVectors.sub(A, 0, 0.75f, D, 0, n);
      FloatVectors.sub(0.75f, B, 0, D, 0, n);
      FloatVectors.mul(A, 0, B, 0, D, 0, n);
      FloatVectors.mul(A, 0, 0.75f, D, 0, n);
      FloatVectors.mul(0.75f, B, 0, D, 0, n);
      FloatVectors.div(A, 0, B, 0, D, 0, n);
      FloatVectors.div(A, 0, 0.75f, D, 0, n);
      FloatVectors.div(0.75f, B, 0, D, 0, n);
      FloatVectors.max(A, 0, B, 0, D, 0, n);
      FloatVectors.max(A, 0, 0.75f, D, 0, n);
      FloatVectors.max(0.75f, B, 0, D, 0, n);
      FloatVectors.min(A, 0, B, 0, D, 0, n);
      FloatVectors.min(A, 0, 0.75f, D, 0, n);
      FloatVectors.min(0.75f, B, 0, D, 0, n);
      FloatVectors.gt(A, 0, B, 0, DI, 0, n);
      FloatVectors.gt(A, 0, 0.75f, DI, 0, n);
      FloatVectors.gt(0.75f, B, 0, DI, 0, n);
      FloatVectors.lt(A, 0, B, 0, DI, 0, n);
      FloatVectors.lt(A, 0, 0.75f, DI, 0, n);
      FloatVectors.lt(0.75f, B, 0, DI, 0, n);
      FloatVectors.ge(A, 0, B, 0, DI, 0, n);
      FloatVectors.ge(A, 0, 0.75f, DI, 0, n);
      FloatVectors.ge(0.75f, B, 0, DI, 0, n);
      FloatVectors.le(A, 0, B, 0, DI, 0, n);
      FloatVectors.le(A, 0, 0.75f, DI, 0, n);
      FloatVectors.le(0.75f, B, 0, DI, 0, n);
      FloatVectors.eq(A, 0, B, 0, DI, 0, n);
      FloatVectors.eq(A, 0, 0.75f, DI, 0, n);
      FloatVectors.eq(0.75f, B, 0, DI, 0, n);
      FloatVectors.ne(A, 0, B, 0, DI, 0, n);
      FloatVectors.ne(A, 0, 0.75f, DI, 0, n);
      FloatVectors.ne(0.75f, B, 0, DI, 0, n);
      FloatVectors.where(P, 0, A, 0, B, 0, D, 0, n);
      FloatVectors.where(P, 0, A, 0, 0.75f, D, 0, n);
      FloatVectors.where(P, 0, 0.75f, B, 0, D, 0, n);
      FloatVectors.where(P, 0, 0.75f, 0.75f, D, 0, n);
      FloatVectors.sumInto(LANES, A, 0, n);
      FloatVectors.maxInto(LANES, A, 0, n);
      FloatVectors.minInto(LANES, A, 0, n);
      FloatVectors.toI32(A, 0, DI, 0, n);
    }

    private static void vectorTranscendentalAt(int n) {
      FloatVectors.exp(A, 0, D, 0, n);
      FloatVectors.expm1(A, 0, D, 0, n);
      FloatVectors.log(A, 0, D, 0, n);
      FloatVectors.log1p(A, 0, D, 0, n);
      FloatVectors.sin(A, 0, D, 0, n);
      FloatVectors.cos(A, 0, D, 0, n);
      FloatVectors.tan(A, 0, D, 0, n);
      FloatVectors.tanh(A, 0, D, 0, n);
      FloatVectors.logistic(A, 0, D, 0, n);
      FloatVectors.atan2(A, 0, B, 0, D, 0, n);
      FloatVectors.atan2(A, 0, 0.75f, D, 0, n);
      FloatVectors.atan2(0.75f, B, 0, D, 0, n);
    }

    private static void scalarTranscendentalAt(int n) {
      exp(A, 0, D, 0, n);
      expm1(A, 0, D, 0, n);
      log(A, 0, D, 0, n);
      log1p(A, 0, D, 0, n);
      sin(A, 0, D, 0, n);
      cos(A, 0, D, 0, n);
      tan(A, 0, D, 0, n);
      tanh(A, 0, D, 0, n);
      logistic(A, 0, D, 0, n);
      atan2(A, 0, B, 0, D, 0, n);
      atan2(A, 0, 0.75f, D, 0, n);
      atan2(0.75f, B, 0, D, 0, n);
    }

    private static void scalarAt(int n) {
      neg(A, 0, D, 0, n);
      sqrt(A, 0, D, 0, n);
      rsqrt(A, 0, D, 0, n);
      add(A, 0, B, 0, D, 0, n);
      add(A, 0, 0.75f, D, 0, n);
      add(0.75f, B, 0, D, 0, n);
      sub(A, 0, B, 0, D, 0, n);
      sub(A, 0, 0.75f, D, 0, n);
      sub(0.75f, B, 0, D, 0, n);
      mul(A, 0, B, 0, D, 0, n);
      mul(A, 0, 0.75f, D, 0, n);
      mul(0.75f, B, 0, D, 0, n);
      div(A, 0, B, 0, D, 0, n);
      div(A, 0, 0.75f, D, 0, n);
      div(0.75f, B, 0, D, 0, n);
      max(A, 0, B, 0, D, 0, n);
      max(A, 0, 0.75f, D, 0, n);
      max(0.75f, B, 0, D, 0, n);
      min(A, 0, B, 0, D, 0, n);
      min(A, 0, 0.75f, D, 0, n);
      min(0.75f, B, 0, D, 0, n);
      gt(A, 0, B, 0, DI, 0, n);
      gt(A, 0, 0.75f, DI, 0, n);
      gt(0.75f, B, 0, DI, 0, n);
      lt(A, 0, B, 0, DI, 0, n);
      lt(A, 0, 0.75f, DI, 0, n);
      lt(0.75f, B, 0, DI, 0, n);
      ge(A, 0, B, 0, DI, 0, n);
      ge(A, 0, 0.75f, DI, 0, n);
      ge(0.75f, B, 0, DI, 0, n);
      le(A, 0, B, 0, DI, 0, n);
      le(A, 0, 0.75f, DI, 0, n);
      le(0.75f, B, 0, DI, 0, n);
      eq(A, 0, B, 0, DI, 0, n);
      eq(A, 0, 0.75f, DI, 0, n);
      eq(0.75f, B, 0, DI, 0, n);
      ne(A, 0, B, 0, DI, 0, n);
      ne(A, 0, 0.75f, DI, 0, n);
      ne(0.75f, B, 0, DI, 0, n);
      where(P, 0, A, 0, B, 0, D, 0, n);
      where(P, 0, A, 0, 0.75f, D, 0, n);
      where(P, 0, 0.75f, B, 0, D, 0, n);
      where(P, 0, 0.75f, 0.75f, D, 0, n);
      sumInto(LANES, A, 0, n);
      maxInto(LANES, A, 0, n);
      minInto(LANES, A, 0, n);
    }

    static void vector() {
      for (int n : LENGTHS) vectorAt(n);
    }

    static void vectorTranscendental() {
      for (int n : LENGTHS) vectorTranscendentalAt(n);
    }

    static void scalarTranscendental() {
      for (int n : LENGTHS) scalarTranscendentalAt(n);
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
        binary(op, A, 0, 0.75f, D, 0, n);
        binary(op, 0.75f, B, 0, D, 0, n);
      }
      for (StripOp.Compare op : StripOp.Compare.values()) {
        compare(op, A, 0, B, 0, DI, 0, n);
        compare(op, A, 0, 0.75f, DI, 0, n);
        compare(op, 0.75f, B, 0, DI, 0, n);
      }
      where(P, 0, A, 0, B, 0, D, 0, n);
      where(P, 0, A, 0, 0.75f, D, 0, n);
      where(P, 0, 0.75f, B, 0, D, 0, n);
      where(P, 0, 0.75f, 0.75f, D, 0, n);
      for (StripOp.Monoid op : StripOp.Monoid.values()) {
        java.util.Arrays.fill(LANES, 0);
        foldInto(op, LANES, A, 0, n);
        combineLanes(op, LANES, LANES);
        reduceLanes(op, LANES);
      }
      // The bf16 and f16 loads, stores and roundings share this tier.
      short[] half = new short[n];
      for (dev.olympus.DType type : new dev.olympus.DType[] {dev.olympus.DType.BF16, dev.olympus.DType.F16}) {
        float[] rounded = java.util.Arrays.copyOf(A, n);
        HalfStrips.round(type, rounded, 0, n);
        HalfStrips.store(type, rounded, 0, half, 0, n);
        HalfStrips.load(type, half, 0, D, 0, n);
      }
    }
  }

  public static void neg(float[] a, int ao, float[] d, int dOff, int n) {
    if (VECTOR && EXACT.vector()) {
      FloatVectors.neg(a, ao, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = neg(a[ao + i]);
  }

  public static float neg(float x) { return -x; }

  public static void abs(float[] a, int ao, float[] d, int dOff, int n) {
    if (VECTOR) {
      FloatVectors.abs(a, ao, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = abs(a[ao + i]);
  }

  public static float abs(float x) { return Math.abs(x); }

  public static void sign(float[] a, int ao, float[] d, int dOff, int n) {
    for (int i = 0; i < n; i++) d[dOff + i] = sign(a[ao + i]);
  }

  public static float sign(float x) { return Math.signum(x); }

  public static void floor(float[] a, int ao, float[] d, int dOff, int n) {
    for (int i = 0; i < n; i++) d[dOff + i] = floor(a[ao + i]);
  }

  public static float floor(float x) { return (float) Math.floor(x); }

  public static void ceil(float[] a, int ao, float[] d, int dOff, int n) {
    for (int i = 0; i < n; i++) d[dOff + i] = ceil(a[ao + i]);
  }

  public static float ceil(float x) { return (float) Math.ceil(x); }

  public static void round(float[] a, int ao, float[] d, int dOff, int n) {
    for (int i = 0; i < n; i++) d[dOff + i] = round(a[ao + i]);
  }

  public static float round(float x) { return (float) roundHalfAwayFromZero(x); }

  public static void sqrt(float[] a, int ao, float[] d, int dOff, int n) {
    if (VECTOR && EXACT.vector()) {
      FloatVectors.sqrt(a, ao, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = sqrt(a[ao + i]);
  }

  public static float sqrt(float x) { return (float) Math.sqrt(x); }

  public static void rsqrt(float[] a, int ao, float[] d, int dOff, int n) {
    if (VECTOR && EXACT.vector()) {
      FloatVectors.rsqrt(a, ao, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = rsqrt(a[ao + i]);
  }

  public static float rsqrt(float x) { return 1.0f / (float) Math.sqrt(x); }

  public static void exp(float[] a, int ao, float[] d, int dOff, int n) {
    if (VECTOR && TRANSCENDENTAL.vector()) {
      FloatVectors.exp(a, ao, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = javaExp(a[ao + i]);
  }

  public static float exp(float x) { return VECTOR ? FloatVectors.exp(x) : javaExp(x); }

  /** The value the Vector API's uncompiled form computes per lane, and the strips' scalar loops. */
  static float javaExp(float x) { return (float) Math.exp(x); }

  public static void expm1(float[] a, int ao, float[] d, int dOff, int n) {
    if (VECTOR && TRANSCENDENTAL.vector()) {
      FloatVectors.expm1(a, ao, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = javaExpm1(a[ao + i]);
  }

  public static float expm1(float x) { return VECTOR ? FloatVectors.expm1(x) : javaExpm1(x); }

  /** The value the Vector API's uncompiled form computes per lane, and the strips' scalar loops. */
  static float javaExpm1(float x) { return (float) Math.expm1(x); }

  public static void log(float[] a, int ao, float[] d, int dOff, int n) {
    if (VECTOR && TRANSCENDENTAL.vector()) {
      FloatVectors.log(a, ao, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = javaLog(a[ao + i]);
  }

  public static float log(float x) { return VECTOR ? FloatVectors.log(x) : javaLog(x); }

  /** The value the Vector API's uncompiled form computes per lane, and the strips' scalar loops. */
  static float javaLog(float x) { return (float) Math.log(x); }

  public static void log1p(float[] a, int ao, float[] d, int dOff, int n) {
    if (VECTOR && TRANSCENDENTAL.vector()) {
      FloatVectors.log1p(a, ao, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = javaLog1p(a[ao + i]);
  }

  public static float log1p(float x) { return VECTOR ? FloatVectors.log1p(x) : javaLog1p(x); }

  /** The value the Vector API's uncompiled form computes per lane, and the strips' scalar loops. */
  static float javaLog1p(float x) { return (float) Math.log1p(x); }

  public static void sin(float[] a, int ao, float[] d, int dOff, int n) {
    if (VECTOR && TRANSCENDENTAL.vector()) {
      FloatVectors.sin(a, ao, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = javaSin(a[ao + i]);
  }

  public static float sin(float x) { return VECTOR ? FloatVectors.sin(x) : javaSin(x); }

  /** The value the Vector API's uncompiled form computes per lane, and the strips' scalar loops. */
  static float javaSin(float x) { return (float) Math.sin(x); }

  public static void cos(float[] a, int ao, float[] d, int dOff, int n) {
    if (VECTOR && TRANSCENDENTAL.vector()) {
      FloatVectors.cos(a, ao, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = javaCos(a[ao + i]);
  }

  public static float cos(float x) { return VECTOR ? FloatVectors.cos(x) : javaCos(x); }

  /** The value the Vector API's uncompiled form computes per lane, and the strips' scalar loops. */
  static float javaCos(float x) { return (float) Math.cos(x); }

  public static void tan(float[] a, int ao, float[] d, int dOff, int n) {
    if (VECTOR && TRANSCENDENTAL.vector()) {
      FloatVectors.tan(a, ao, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = javaTan(a[ao + i]);
  }

  public static float tan(float x) { return VECTOR ? FloatVectors.tan(x) : javaTan(x); }

  /** The value the Vector API's uncompiled form computes per lane, and the strips' scalar loops. */
  static float javaTan(float x) { return (float) Math.tan(x); }

  public static void tanh(float[] a, int ao, float[] d, int dOff, int n) {
    if (VECTOR && TRANSCENDENTAL.vector()) {
      FloatVectors.tanh(a, ao, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = javaTanh(a[ao + i]);
  }

  public static float tanh(float x) { return VECTOR ? FloatVectors.tanh(x) : javaTanh(x); }

  /** The value the Vector API's uncompiled form computes per lane, and the strips' scalar loops. */
  static float javaTanh(float x) { return (float) Math.tanh(x); }

  public static void logistic(float[] a, int ao, float[] d, int dOff, int n) {
    if (VECTOR && TRANSCENDENTAL.vector()) {
      FloatVectors.logistic(a, ao, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = javaLogistic(a[ao + i]);
  }

  public static float logistic(float x) { return VECTOR ? FloatVectors.logistic(x) : javaLogistic(x); }

  /** The value the Vector API's uncompiled form computes per lane, and the strips' scalar loops. */
  static float javaLogistic(float x) { return 1.0f / (1.0f + (float) Math.exp(-x)); }

  public static float add(float x, float y) { return x + y; }

  public static void add(float[] a, int ao, float[] b, int bo, float[] d, int dOff, int n) {
    if (VECTOR && EXACT.vector()) {
      FloatVectors.add(a, ao, b, bo, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = add(a[ao + i], b[bo + i]);
  }

  public static void add(float[] a, int ao, float b, float[] d, int dOff, int n) {
    if (VECTOR && EXACT.vector()) {
      FloatVectors.add(a, ao, b, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = add(a[ao + i], b);
  }

  public static void add(float a, float[] b, int bo, float[] d, int dOff, int n) {
    if (VECTOR && EXACT.vector()) {
      FloatVectors.add(a, b, bo, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = add(a, b[bo + i]);
  }

  public static float sub(float x, float y) { return x - y; }

  public static void sub(float[] a, int ao, float[] b, int bo, float[] d, int dOff, int n) {
    if (VECTOR && EXACT.vector()) {
      FloatVectors.sub(a, ao, b, bo, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = sub(a[ao + i], b[bo + i]);
  }

  public static void sub(float[] a, int ao, float b, float[] d, int dOff, int n) {
    if (VECTOR && EXACT.vector()) {
      FloatVectors.sub(a, ao, b, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = sub(a[ao + i], b);
  }

  public static void sub(float a, float[] b, int bo, float[] d, int dOff, int n) {
    if (VECTOR && EXACT.vector()) {
      FloatVectors.sub(a, b, bo, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = sub(a, b[bo + i]);
  }

  public static float mul(float x, float y) { return x * y; }

  public static void mul(float[] a, int ao, float[] b, int bo, float[] d, int dOff, int n) {
    if (VECTOR && EXACT.vector()) {
      FloatVectors.mul(a, ao, b, bo, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = mul(a[ao + i], b[bo + i]);
  }

  public static void mul(float[] a, int ao, float b, float[] d, int dOff, int n) {
    if (VECTOR && EXACT.vector()) {
      FloatVectors.mul(a, ao, b, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = mul(a[ao + i], b);
  }

  public static void mul(float a, float[] b, int bo, float[] d, int dOff, int n) {
    if (VECTOR && EXACT.vector()) {
      FloatVectors.mul(a, b, bo, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = mul(a, b[bo + i]);
  }

  public static float div(float x, float y) { return x / y; }

  public static void div(float[] a, int ao, float[] b, int bo, float[] d, int dOff, int n) {
    if (VECTOR && EXACT.vector()) {
      FloatVectors.div(a, ao, b, bo, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = div(a[ao + i], b[bo + i]);
  }

  public static void div(float[] a, int ao, float b, float[] d, int dOff, int n) {
    if (VECTOR && EXACT.vector()) {
      FloatVectors.div(a, ao, b, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = div(a[ao + i], b);
  }

  public static void div(float a, float[] b, int bo, float[] d, int dOff, int n) {
    if (VECTOR && EXACT.vector()) {
      FloatVectors.div(a, b, bo, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = div(a, b[bo + i]);
  }

  public static float rem(float x, float y) { return x % y; }

  public static void rem(float[] a, int ao, float[] b, int bo, float[] d, int dOff, int n) {
    for (int i = 0; i < n; i++) d[dOff + i] = rem(a[ao + i], b[bo + i]);
  }

  public static void rem(float[] a, int ao, float b, float[] d, int dOff, int n) {
    for (int i = 0; i < n; i++) d[dOff + i] = rem(a[ao + i], b);
  }

  public static void rem(float a, float[] b, int bo, float[] d, int dOff, int n) {
    for (int i = 0; i < n; i++) d[dOff + i] = rem(a, b[bo + i]);
  }

  public static float pow(float x, float y) { return (float) cPow(x, y); }

  public static void pow(float[] a, int ao, float[] b, int bo, float[] d, int dOff, int n) {
    for (int i = 0; i < n; i++) d[dOff + i] = pow(a[ao + i], b[bo + i]);
  }

  public static void pow(float[] a, int ao, float b, float[] d, int dOff, int n) {
    for (int i = 0; i < n; i++) d[dOff + i] = pow(a[ao + i], b);
  }

  public static void pow(float a, float[] b, int bo, float[] d, int dOff, int n) {
    for (int i = 0; i < n; i++) d[dOff + i] = pow(a, b[bo + i]);
  }

  public static float max(float x, float y) { return Math.max(x, y); }

  public static void max(float[] a, int ao, float[] b, int bo, float[] d, int dOff, int n) {
    if (VECTOR && EXACT.vector()) {
      FloatVectors.max(a, ao, b, bo, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = max(a[ao + i], b[bo + i]);
  }

  public static void max(float[] a, int ao, float b, float[] d, int dOff, int n) {
    if (VECTOR && EXACT.vector()) {
      FloatVectors.max(a, ao, b, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = max(a[ao + i], b);
  }

  public static void max(float a, float[] b, int bo, float[] d, int dOff, int n) {
    if (VECTOR && EXACT.vector()) {
      FloatVectors.max(a, b, bo, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = max(a, b[bo + i]);
  }

  public static float min(float x, float y) { return Math.min(x, y); }

  public static void min(float[] a, int ao, float[] b, int bo, float[] d, int dOff, int n) {
    if (VECTOR && EXACT.vector()) {
      FloatVectors.min(a, ao, b, bo, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = min(a[ao + i], b[bo + i]);
  }

  public static void min(float[] a, int ao, float b, float[] d, int dOff, int n) {
    if (VECTOR && EXACT.vector()) {
      FloatVectors.min(a, ao, b, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = min(a[ao + i], b);
  }

  public static void min(float a, float[] b, int bo, float[] d, int dOff, int n) {
    if (VECTOR && EXACT.vector()) {
      FloatVectors.min(a, b, bo, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = min(a, b[bo + i]);
  }

  public static float atan2(float x, float y) { return VECTOR ? FloatVectors.atan2(x, y) : javaAtan2(x, y); }

  /** The value the Vector API's uncompiled form computes per lane, and the strips' scalar loops. */
  static float javaAtan2(float x, float y) { return (float) Math.atan2(x, y); }

  public static void atan2(float[] a, int ao, float[] b, int bo, float[] d, int dOff, int n) {
    if (VECTOR && TRANSCENDENTAL.vector()) {
      FloatVectors.atan2(a, ao, b, bo, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = javaAtan2(a[ao + i], b[bo + i]);
  }

  public static void atan2(float[] a, int ao, float b, float[] d, int dOff, int n) {
    if (VECTOR && TRANSCENDENTAL.vector()) {
      FloatVectors.atan2(a, ao, b, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = javaAtan2(a[ao + i], b);
  }

  public static void atan2(float a, float[] b, int bo, float[] d, int dOff, int n) {
    if (VECTOR && TRANSCENDENTAL.vector()) {
      FloatVectors.atan2(a, b, bo, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = javaAtan2(a, b[bo + i]);
  }

  public static int gt(float x, float y) { return x > y ? 1 : 0; }

  public static void gt(float[] a, int ao, float[] b, int bo, int[] d, int dOff, int n) {
    if (VECTOR && EXACT.vector()) {
      FloatVectors.gt(a, ao, b, bo, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = a[ao + i] > b[bo + i] ? 1 : 0;
  }

  public static void gt(float[] a, int ao, float b, int[] d, int dOff, int n) {
    if (VECTOR && EXACT.vector()) {
      FloatVectors.gt(a, ao, b, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = a[ao + i] > b ? 1 : 0;
  }

  public static void gt(float a, float[] b, int bo, int[] d, int dOff, int n) {
    if (VECTOR && EXACT.vector()) {
      FloatVectors.gt(a, b, bo, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = a > b[bo + i] ? 1 : 0;
  }

  public static int lt(float x, float y) { return x < y ? 1 : 0; }

  public static void lt(float[] a, int ao, float[] b, int bo, int[] d, int dOff, int n) {
    if (VECTOR && EXACT.vector()) {
      FloatVectors.lt(a, ao, b, bo, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = a[ao + i] < b[bo + i] ? 1 : 0;
  }

  public static void lt(float[] a, int ao, float b, int[] d, int dOff, int n) {
    if (VECTOR && EXACT.vector()) {
      FloatVectors.lt(a, ao, b, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = a[ao + i] < b ? 1 : 0;
  }

  public static void lt(float a, float[] b, int bo, int[] d, int dOff, int n) {
    if (VECTOR && EXACT.vector()) {
      FloatVectors.lt(a, b, bo, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = a < b[bo + i] ? 1 : 0;
  }

  public static int ge(float x, float y) { return x >= y ? 1 : 0; }

  public static void ge(float[] a, int ao, float[] b, int bo, int[] d, int dOff, int n) {
    if (VECTOR && EXACT.vector()) {
      FloatVectors.ge(a, ao, b, bo, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = a[ao + i] >= b[bo + i] ? 1 : 0;
  }

  public static void ge(float[] a, int ao, float b, int[] d, int dOff, int n) {
    if (VECTOR && EXACT.vector()) {
      FloatVectors.ge(a, ao, b, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = a[ao + i] >= b ? 1 : 0;
  }

  public static void ge(float a, float[] b, int bo, int[] d, int dOff, int n) {
    if (VECTOR && EXACT.vector()) {
      FloatVectors.ge(a, b, bo, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = a >= b[bo + i] ? 1 : 0;
  }

  public static int le(float x, float y) { return x <= y ? 1 : 0; }

  public static void le(float[] a, int ao, float[] b, int bo, int[] d, int dOff, int n) {
    if (VECTOR && EXACT.vector()) {
      FloatVectors.le(a, ao, b, bo, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = a[ao + i] <= b[bo + i] ? 1 : 0;
  }

  public static void le(float[] a, int ao, float b, int[] d, int dOff, int n) {
    if (VECTOR && EXACT.vector()) {
      FloatVectors.le(a, ao, b, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = a[ao + i] <= b ? 1 : 0;
  }

  public static void le(float a, float[] b, int bo, int[] d, int dOff, int n) {
    if (VECTOR && EXACT.vector()) {
      FloatVectors.le(a, b, bo, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = a <= b[bo + i] ? 1 : 0;
  }

  public static int eq(float x, float y) { return x == y ? 1 : 0; }

  public static void eq(float[] a, int ao, float[] b, int bo, int[] d, int dOff, int n) {
    if (VECTOR && EXACT.vector()) {
      FloatVectors.eq(a, ao, b, bo, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = a[ao + i] == b[bo + i] ? 1 : 0;
  }

  public static void eq(float[] a, int ao, float b, int[] d, int dOff, int n) {
    if (VECTOR && EXACT.vector()) {
      FloatVectors.eq(a, ao, b, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = a[ao + i] == b ? 1 : 0;
  }

  public static void eq(float a, float[] b, int bo, int[] d, int dOff, int n) {
    if (VECTOR && EXACT.vector()) {
      FloatVectors.eq(a, b, bo, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = a == b[bo + i] ? 1 : 0;
  }

  public static int ne(float x, float y) { return x != y ? 1 : 0; }

  public static void ne(float[] a, int ao, float[] b, int bo, int[] d, int dOff, int n) {
    if (VECTOR && EXACT.vector()) {
      FloatVectors.ne(a, ao, b, bo, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = a[ao + i] != b[bo + i] ? 1 : 0;
  }

  public static void ne(float[] a, int ao, float b, int[] d, int dOff, int n) {
    if (VECTOR && EXACT.vector()) {
      FloatVectors.ne(a, ao, b, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = a[ao + i] != b ? 1 : 0;
  }

  public static void ne(float a, float[] b, int bo, int[] d, int dOff, int n) {
    if (VECTOR && EXACT.vector()) {
      FloatVectors.ne(a, b, bo, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = a != b[bo + i] ? 1 : 0;
  }

  /** {@code d = p != 0 ? t : f} elementwise: {@code select_n(p, f, t)}. */
  public static void where(int[] p, int po, float[] t, int to, float[] f, int fo, float[] d, int dOff, int n) {
    if (VECTOR && EXACT.vector()) {
      FloatVectors.where(p, po, t, to, f, fo, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = p[po + i] != 0 ? t[to + i] : f[fo + i];
  }

  /** {@code d = p != 0 ? t : f} elementwise: {@code select_n(p, f, t)}. */
  public static void where(int[] p, int po, float[] t, int to, float f, float[] d, int dOff, int n) {
    if (VECTOR && EXACT.vector()) {
      FloatVectors.where(p, po, t, to, f, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = p[po + i] != 0 ? t[to + i] : f;
  }

  /** {@code d = p != 0 ? t : f} elementwise: {@code select_n(p, f, t)}. */
  public static void where(int[] p, int po, float t, float[] f, int fo, float[] d, int dOff, int n) {
    if (VECTOR && EXACT.vector()) {
      FloatVectors.where(p, po, t, f, fo, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = p[po + i] != 0 ? t : f[fo + i];
  }

  /** {@code d = p != 0 ? t : f} elementwise: {@code select_n(p, f, t)}. */
  public static void where(int[] p, int po, float t, float f, float[] d, int dOff, int n) {
    if (VECTOR && EXACT.vector()) {
      FloatVectors.where(p, po, t, f, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = p[po + i] != 0 ? t : f;
  }

  /** {@code x ** y} for a static integer {@code y}: square-and-multiply, each product rounded; for {@code y < 0}
   * the reciprocal of {@code x ** -y}, as XLA expands {@code integer_pow}. */
  public static float integerPow(float x, int y) {
    float r = 1.0f;
    float base = x;
    for (long e = Math.abs((long) y); e > 0; e >>= 1) {
      if ((e & 1) != 0) r *= base;
      base *= base;
    }
    return y < 0 ? 1.0f / r : r;
  }

  public static void integerPow(float[] a, int ao, int y, float[] d, int dOff, int n) {
    if (VECTOR) {
      FloatVectors.integerPow(a, ao, y, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = integerPow(a[ao + i], y);
  }

  public static void toF64(float[] a, int ao, double[] d, int dOff, int n) {
    for (int i = 0; i < n; i++) d[dOff + i] = a[ao + i];
  }

  /** Java's cast, as XLA's convert on CPU: truncation toward zero, saturating, NaN to 0. */
  public static void toI32(float[] a, int ao, int[] d, int dOff, int n) {
    if (VECTOR && EXACT.vector()) {
      FloatVectors.toI32(a, ao, d, dOff, n);
      return;
    }
    for (int i = 0; i < n; i++) d[dOff + i] = (int) a[ao + i];
  }

  public static void toI64(float[] a, int ao, long[] d, int dOff, int n) {
    for (int i = 0; i < n; i++) d[dOff + i] = (long) a[ao + i];
  }

  /** Non-zero (NaN included) is true, as a 0/1 int. */
  public static void toBool(float[] a, int ao, int[] d, int dOff, int n) {
    for (int i = 0; i < n; i++) d[dOff + i] = a[ao + i] != 0 ? 1 : 0;
  }

  public static void copy(float[] a, int ao, float[] d, int dOff, int n) {
    System.arraycopy(a, ao, d, dOff, n);
  }

  public static void fill(float v, float[] d, int dOff, int n) {
    java.util.Arrays.fill(d, dOff, dOff + n, v);
  }

  /**
   * Elements {@code start .. start + n - 1} (row-major) of a strided view with sizes {@code dims} and strides
   * {@code strides} (0 for a broadcast dimension) over {@code a} from {@code base}, copied to {@code d}.
   */
  public static void gather(float[] a, int base, int[] dims, int[] strides, long start, float[] d, int dOff, int n) {
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

  public static float[] lanes(float identity) {
    float[] l = new float[Lanes.COUNT];
    java.util.Arrays.fill(l, identity);
    return l;
  }

  /** Folds {@code a[ao .. ao + n)} into {@code lanes}: element {@code j} into lane {@code j % 16}. */
  public static void sumInto(float[] lanes, float[] a, int ao, int n) {
    if (VECTOR && EXACT.vector()) {
      FloatVectors.sumInto(lanes, a, ao, n);
      return;
    }
    int j = 0;
    for (; j + Lanes.COUNT <= n; j += Lanes.COUNT) {
      for (int k = 0; k < Lanes.COUNT; k++) lanes[k] = lanes[k] + a[ao + j + k];
    }
    for (int k = 0; j + k < n; k++) lanes[k] = lanes[k] + a[ao + j + k];
  }

  /** Combines the 16 lanes pairwise: (0+8, 1+9, ...), then (0+4, ...), (0+2, ...), (0+1). */
  public static float sumLanes(float[] lanes) {
    // Lane k with k + 8, then k + 4, k + 2 and k + 1 (Lanes' order for its 16 lanes), in registers: this
    // runs once per reduced row, where a working copy of the lanes cost an allocation each time.
    float a0 = lanes[0] + lanes[8], a1 = lanes[1] + lanes[9], a2 = lanes[2] + lanes[10], a3 = lanes[3] + lanes[11];
    float a4 = lanes[4] + lanes[12], a5 = lanes[5] + lanes[13], a6 = lanes[6] + lanes[14], a7 = lanes[7] + lanes[15];
    float b0 = a0 + a4, b1 = a1 + a5;
    float b2 = a2 + a6, b3 = a3 + a7;
    float c0 = b0 + b2, c1 = b1 + b3;
    return c0 + c1;
  }

  /** {@code into[k] = into[k] op from[k]}: combines the lanes of a later block into an earlier one. */
  public static void sumCombine(float[] into, float[] from) {
    for (int k = 0; k < Lanes.COUNT; k++) into[k] = into[k] + from[k];
  }

  /**
   * Folds {@code a[ao .. ao + n)} into {@code lanes} by multiplication: element {@code j} into lane
   * {@code j % 16}, the order sums use. A scalar loop: XLA's reduce_prod is rare enough not to need SIMD.
   */
  public static void prodInto(float[] lanes, float[] a, int ao, int n) {
    int j = 0;
    for (; j + Lanes.COUNT <= n; j += Lanes.COUNT) {
      for (int k = 0; k < Lanes.COUNT; k++) lanes[k] = lanes[k] * a[ao + j + k];
    }
    for (int k = 0; j + k < n; k++) lanes[k] = lanes[k] * a[ao + j + k];
  }

  /** Combines the 16 lanes pairwise, as {@link #sumLanes} does, by multiplication. */
  public static float prodLanes(float[] lanes) {
    // Lane k with k + 8, then k + 4, k + 2 and k + 1 (Lanes' order for its 16 lanes), in registers: this
    // runs once per reduced row, where a working copy of the lanes cost an allocation each time.
    float a0 = lanes[0] * lanes[8], a1 = lanes[1] * lanes[9], a2 = lanes[2] * lanes[10], a3 = lanes[3] * lanes[11];
    float a4 = lanes[4] * lanes[12], a5 = lanes[5] * lanes[13], a6 = lanes[6] * lanes[14], a7 = lanes[7] * lanes[15];
    float b0 = a0 * a4, b1 = a1 * a5;
    float b2 = a2 * a6, b3 = a3 * a7;
    float c0 = b0 * b2, c1 = b1 * b3;
    return c0 * c1;
  }

  /** {@code into[k] = into[k] * from[k]}. */
  public static void prodCombine(float[] into, float[] from) {
    for (int k = 0; k < Lanes.COUNT; k++) into[k] = into[k] * from[k];
  }

  /** Folds {@code a[ao .. ao + n)} into {@code lanes}: element {@code j} into lane {@code j % 16}. */
  public static void maxInto(float[] lanes, float[] a, int ao, int n) {
    if (VECTOR && EXACT.vector()) {
      FloatVectors.maxInto(lanes, a, ao, n);
      return;
    }
    int j = 0;
    for (; j + Lanes.COUNT <= n; j += Lanes.COUNT) {
      for (int k = 0; k < Lanes.COUNT; k++) lanes[k] = Math.max(lanes[k], a[ao + j + k]);
    }
    for (int k = 0; j + k < n; k++) lanes[k] = Math.max(lanes[k], a[ao + j + k]);
  }

  /** Combines the 16 lanes pairwise: (0+8, 1+9, ...), then (0+4, ...), (0+2, ...), (0+1). */
  public static float maxLanes(float[] lanes) {
    // Lane k with k + 8, then k + 4, k + 2 and k + 1 (Lanes' order for its 16 lanes), in registers: this
    // runs once per reduced row, where a working copy of the lanes cost an allocation each time.
    float a0 = Math.max(lanes[0], lanes[8]), a1 = Math.max(lanes[1], lanes[9]);
    float a2 = Math.max(lanes[2], lanes[10]), a3 = Math.max(lanes[3], lanes[11]);
    float a4 = Math.max(lanes[4], lanes[12]), a5 = Math.max(lanes[5], lanes[13]);
    float a6 = Math.max(lanes[6], lanes[14]), a7 = Math.max(lanes[7], lanes[15]);
    float b0 = Math.max(a0, a4), b1 = Math.max(a1, a5);
    float b2 = Math.max(a2, a6), b3 = Math.max(a3, a7);
    float c0 = Math.max(b0, b2), c1 = Math.max(b1, b3);
    return Math.max(c0, c1);
  }

  /** {@code into[k] = into[k] op from[k]}: combines the lanes of a later block into an earlier one. */
  public static void maxCombine(float[] into, float[] from) {
    for (int k = 0; k < Lanes.COUNT; k++) into[k] = Math.max(into[k], from[k]);
  }

  /** Folds {@code a[ao .. ao + n)} into {@code lanes}: element {@code j} into lane {@code j % 16}. */
  public static void minInto(float[] lanes, float[] a, int ao, int n) {
    if (VECTOR && EXACT.vector()) {
      FloatVectors.minInto(lanes, a, ao, n);
      return;
    }
    int j = 0;
    for (; j + Lanes.COUNT <= n; j += Lanes.COUNT) {
      for (int k = 0; k < Lanes.COUNT; k++) lanes[k] = Math.min(lanes[k], a[ao + j + k]);
    }
    for (int k = 0; j + k < n; k++) lanes[k] = Math.min(lanes[k], a[ao + j + k]);
  }

  /** Combines the 16 lanes pairwise: (0+8, 1+9, ...), then (0+4, ...), (0+2, ...), (0+1). */
  public static float minLanes(float[] lanes) {
    // Lane k with k + 8, then k + 4, k + 2 and k + 1 (Lanes' order for its 16 lanes), in registers: this
    // runs once per reduced row, where a working copy of the lanes cost an allocation each time.
    float a0 = Math.min(lanes[0], lanes[8]), a1 = Math.min(lanes[1], lanes[9]);
    float a2 = Math.min(lanes[2], lanes[10]), a3 = Math.min(lanes[3], lanes[11]);
    float a4 = Math.min(lanes[4], lanes[12]), a5 = Math.min(lanes[5], lanes[13]);
    float a6 = Math.min(lanes[6], lanes[14]), a7 = Math.min(lanes[7], lanes[15]);
    float b0 = Math.min(a0, a4), b1 = Math.min(a1, a5);
    float b2 = Math.min(a2, a6), b3 = Math.min(a3, a7);
    float c0 = Math.min(b0, b2), c1 = Math.min(b1, b3);
    return Math.min(c0, c1);
  }

  /** {@code into[k] = into[k] op from[k]}: combines the lanes of a later block into an earlier one. */
  public static void minCombine(float[] into, float[] from) {
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

  public static void unary(StripOp.Unary op, float[] a, int ao, float[] d, int dOff, int n) {
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

  public static float unary(StripOp.Unary op, float x) {
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

  public static void binary(StripOp.Binary op, float[] a, int ao, float[] b, int bo, float[] d, int dOff, int n) {
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

  public static void binary(StripOp.Binary op, float[] a, int ao, float b, float[] d, int dOff, int n) {
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

  public static void binary(StripOp.Binary op, float a, float[] b, int bo, float[] d, int dOff, int n) {
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

  public static float binary(StripOp.Binary op, float x, float y) {
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

  public static void compare(StripOp.Compare op, float[] a, int ao, float[] b, int bo, int[] d, int dOff, int n) {
    switch (op) {
      case GT -> gt(a, ao, b, bo, d, dOff, n);
      case LT -> lt(a, ao, b, bo, d, dOff, n);
      case GE -> ge(a, ao, b, bo, d, dOff, n);
      case LE -> le(a, ao, b, bo, d, dOff, n);
      case EQ -> eq(a, ao, b, bo, d, dOff, n);
      case NE -> ne(a, ao, b, bo, d, dOff, n);
    }
  }

  public static void compare(StripOp.Compare op, float[] a, int ao, float b, int[] d, int dOff, int n) {
    switch (op) {
      case GT -> gt(a, ao, b, d, dOff, n);
      case LT -> lt(a, ao, b, d, dOff, n);
      case GE -> ge(a, ao, b, d, dOff, n);
      case LE -> le(a, ao, b, d, dOff, n);
      case EQ -> eq(a, ao, b, d, dOff, n);
      case NE -> ne(a, ao, b, d, dOff, n);
    }
  }

  public static void compare(StripOp.Compare op, float a, float[] b, int bo, int[] d, int dOff, int n) {
    switch (op) {
      case GT -> gt(a, b, bo, d, dOff, n);
      case LT -> lt(a, b, bo, d, dOff, n);
      case GE -> ge(a, b, bo, d, dOff, n);
      case LE -> le(a, b, bo, d, dOff, n);
      case EQ -> eq(a, b, bo, d, dOff, n);
      case NE -> ne(a, b, bo, d, dOff, n);
    }
  }

  public static int compare(StripOp.Compare op, float x, float y) {
    return switch (op) {
      case GT -> gt(x, y);
      case LT -> lt(x, y);
      case GE -> ge(x, y);
      case LE -> le(x, y);
      case EQ -> eq(x, y);
      case NE -> ne(x, y);
    };
  }

  public static void foldInto(StripOp.Monoid op, float[] lanes, float[] a, int ao, int n) {
    switch (op) {
      case SUM -> sumInto(lanes, a, ao, n);
      case MAX -> maxInto(lanes, a, ao, n);
      case MIN -> minInto(lanes, a, ao, n);
      case PROD -> prodInto(lanes, a, ao, n);
    }
  }

  public static float reduceLanes(StripOp.Monoid op, float[] lanes) {
    return switch (op) {
      case SUM -> sumLanes(lanes);
      case MAX -> maxLanes(lanes);
      case MIN -> minLanes(lanes);
      case PROD -> prodLanes(lanes);
    };
  }

  public static void combineLanes(StripOp.Monoid op, float[] into, float[] from) {
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
    return new IllegalArgumentException("no float strip operation " + op);
  }
}
