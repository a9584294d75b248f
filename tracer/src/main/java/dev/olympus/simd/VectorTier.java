package dev.olympus.simd;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * When a Vector API loop takes over from its scalar twin. Until C2 has compiled it, a Vector API loop runs
 * each lane operation through the API's Java fallbacks (boxed vectors, a lambda per op): measured on this
 * library's float32 GEMM tile, a fresh JVM spends 250 ms in about 700 tiles before the vector kernel is
 * compiled, 1,000 times slower per tile than its compiled form and 40 times slower than the compiled scalar
 * twin. So a tier starts on the scalar twin, which HotSpot compiles after a few milliseconds, and a daemon
 * thread warms the vector form on small scratch units, 1/16 of a real tile, which reaches C2's thresholds
 * about seven times cheaper than real work would. The thread times both forms on the same unit, and the tier
 * switches once the vector form is faster by {@link #MARGIN} in {@link #ROUNDS} rounds in a row, after the
 * scalar twin has itself been compiled (before that, an uncompiled scalar loop could make an uncompiled
 * vector loop look fast). A vector form that never gets faster (no SIMD unit, {@code -Xint}) is given up
 * after {@link #patienceNanos} of warming, and the tier stays scalar.
 *
 * <p>The forms must give the same bits for the same work (a tier is only for twins that are bit-identical,
 * like the GEMM micro-kernels), so which one ran is never visible in a result. The switch is one plain field
 * read per unit of real work. {@code -Dolympus.vector.warmup=false} starts every tier on the vector form, as
 * before tiers existed.
 */
public final class VectorTier {
  /** How much faster the vector form must measure than the compiled scalar one. */
  static final double MARGIN = 1.25;

  /** Consecutive rounds the vector form must win. */
  static final int ROUNDS = 3;

  /**
   * Scratch units the scalar twin runs before a round may count: with real work on other threads running the
   * same twin, enough for C2 to have compiled it.
   */
  static final int SCALAR_WARMUP_UNITS = 300;

  private static final boolean WARMUP = !"false".equals(System.getProperty("olympus.vector.warmup"));

  private final String name;
  private final Runnable vectorUnit;
  private final Runnable scalarUnit;
  private final Runnable afterSwitch;
  private final long patienceNanos;
  private final AtomicBoolean started = new AtomicBoolean();
  /**
   * Plain, not volatile: read on every unit of real work, where a volatile read's ordering constraint cost
   * softmax's row kernel 40%. A thread may see the switch late; both forms give the same bits, so that is
   * only a delay.
   */
  private boolean vector;
  private volatile boolean settled;

  private VectorTier(String name, Runnable vectorUnit, Runnable scalarUnit, Runnable afterSwitch, long patienceNanos,
      boolean vector) {
    this.name = name;
    this.vectorUnit = vectorUnit;
    this.scalarUnit = scalarUnit;
    this.afterSwitch = afterSwitch;
    this.patienceNanos = patienceNanos;
    this.vector = vector;
    this.settled = vector;
  }

  /**
   * A tier whose {@code vectorUnit} and {@code scalarUnit} do the same small piece of work on scratch data
   * (their results are thrown away); warming starts at the first {@link #vector()} call.
   */
  public static VectorTier warmed(String name, Runnable vectorUnit, Runnable scalarUnit) {
    return warmed(name, vectorUnit, scalarUnit, () -> {});
  }

  /**
   * As {@link #warmed(String, Runnable, Runnable)}, and once the tier has switched to the vector form the
   * warming thread runs {@code afterSwitch} {@link #AFTER_SWITCH_UNITS} times: the entry points real work calls
   * (the per-op dispatchers, the tier checks), so C2 recompiles them with the vector path and every op in
   * their profiles. Otherwise the first kernel to use an op the running program had not used yet, or a
   * dispatcher compiled while the tier was still scalar, would throw compiled code away in the middle of a
   * user's call.
   */
  public static VectorTier warmed(String name, Runnable vectorUnit, Runnable scalarUnit, Runnable afterSwitch) {
    return new VectorTier(name, vectorUnit, scalarUnit, afterSwitch, 5_000_000_000L, !WARMUP);
  }

  /** As {@link #warmed}, giving up on the vector form after {@code patienceNanos} of warming (for tests). */
  static VectorTier warmed(String name, Runnable vectorUnit, Runnable scalarUnit, long patienceNanos) {
    return new VectorTier(name, vectorUnit, scalarUnit, () -> {}, patienceNanos, false);
  }

  /** Whether real work should run on the vector form now; the first call starts the warming thread. */
  public boolean vector() {
    if (vector) return true;
    if (!started.get() && started.compareAndSet(false, true)) WARMER.execute(this::warm);
    return false;
  }

  /**
   * One daemon thread warms every tier, one after another in the order they were first needed: on two cores,
   * tiers warming side by side would take both from the work they are meant to speed up.
   */
  private static final java.util.concurrent.Executor WARMER = java.util.concurrent.Executors.newSingleThreadExecutor(
      task -> {
        Thread t = new Thread(task, "olympus-vector-warmup");
        t.setDaemon(true);
        return t;
      });

  @Override
  public String toString() { return name + (vector ? ": vector" : settled ? ": scalar" : ": scalar, warming"); }

  /** Whether warming has ended, on either form (for tests). */
  boolean settled() { return settled; }

  private void warm() {
    try {
      long deadline = System.nanoTime() + patienceNanos;
      int wins = 0;
      // Both forms from the first round: the vector form takes longest to compile, so its warming starts at
      // once; rounds count as wins only once the scalar form has run enough to be compiled itself.
      for (long scalarUnits = 0; wins < ROUNDS && System.nanoTime() < deadline; scalarUnits += ROUND_UNITS) {
        long v = time(vectorUnit);
        long s = time(scalarUnit);
        wins = scalarUnits >= SCALAR_WARMUP_UNITS && v * MARGIN < s ? wins + 1 : 0;
      }
      vector = wins >= ROUNDS;
      if (vector) for (int i = 0; i < AFTER_SWITCH_UNITS; i++) afterSwitch.run();
    } finally {
      settled = true;
    }
  }

  /** Runs of the after-switch unit: enough calls of each dispatcher for C2's thresholds (about 5,000). */
  static final int AFTER_SWITCH_UNITS = 1_000;

  /** Units per timed round: one unit of the GEMM's scratch is about a microsecond once compiled. */
  private static final int ROUND_UNITS = 8;

  /** Nanoseconds for one round of {@link #ROUND_UNITS} units. */
  private static long time(Runnable unit) {
    long t0 = System.nanoTime();
    for (int i = 0; i < ROUND_UNITS; i++) unit.run();
    return System.nanoTime() - t0;
  }
}
