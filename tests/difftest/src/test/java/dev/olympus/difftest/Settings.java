package dev.olympus.difftest;

import java.util.stream.LongStream;

/**
 * How much to run, from system properties (Maven passes {@code -D} options through to the tests):
 * <ul>
 *   <li>{@code -Dolympus.difftest.programs=N}: programs per test (default: a CI-sized run);</li>
 *   <li>{@code -Dolympus.difftest.seed=S}: the base seed the programs' seeds are derived from;</li>
 *   <li>{@code -Dolympus.difftest.replay=S}: run only the program of seed S (as printed by a failure);</li>
 *   <li>{@code -Dolympus.difftest.generatedEvery=K}: also run every K-th program through the generated Java source of its kernel (0: never).</li>
 * </ul>
 */
public final class Settings {
  private Settings() {}

  public static final long BASE_SEED = Long.getLong("olympus.difftest.seed", 0x0_1a_b1_9e_5L);

  public static int programs(int ciDefault) { return Integer.getInteger("olympus.difftest.programs", ciDefault); }

  public static final int GENERATED_EVERY = Integer.getInteger("olympus.difftest.generatedEvery", 25);

  /** The seeds to run: {@code count} derived from the base seed (distinct per test), or the one being replayed. */
  public static long[] seeds(String test, int count) {
    String replay = System.getProperty("olympus.difftest.replay");
    if (replay != null && !replay.isBlank()) return new long[] {Long.parseLong(replay.trim())};
    long salt = test.hashCode();
    return LongStream.range(0, count).map(i -> mix(BASE_SEED ^ salt * 0x9E3779B97F4A7C15L, i)).toArray();
  }

  /** SplitMix64's finaliser: well-spread seeds from consecutive indices. */
  static long mix(long base, long i) {
    long z = base + (i + 1) * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return (z ^ (z >>> 31)) & Long.MAX_VALUE;
  }

  public static String replayHint(Class<?> test, long seed) {
    return "mvn -B -ntp -q -pl tests/difftest -am verify -Dtest=" + test.getSimpleName()
        + " -Dsurefire.failIfNoSpecifiedTests=false -Dolympus.difftest.replay=" + seed;
  }
}
