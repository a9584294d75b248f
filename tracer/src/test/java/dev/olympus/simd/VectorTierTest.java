package dev.olympus.simd;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * The switch itself, with forms whose speeds differ by orders of magnitude (a no-op against a 200 µs park), so
 * the outcome does not depend on this machine's speed or load.
 */
class VectorTierTest {
  private static final Runnable FAST = () -> {};
  private static final Runnable SLOW = () -> LockSupport.parkNanos(200_000);

  @Test
  void startsScalarAndSwitchesOnceTheVectorFormMeasuresFaster() {
    AtomicLong scalarUnits = new AtomicLong();
    VectorTier tier = VectorTier.warmed("test-fast", FAST, () -> {
      scalarUnits.incrementAndGet();
      SLOW.run();
    }, 10_000_000_000L);
    assertFalse(tier.vector(), "a fresh tier runs the scalar twin");
    awaitSettled(tier);
    assertTrue(tier.vector(), "a vector form a thousand times faster takes over");
    assertTrue(scalarUnits.get() >= VectorTier.SCALAR_WARMUP_UNITS,
        "the scalar twin is compiled before it is compared: " + scalarUnits.get() + " units");
  }

  @Test
  void staysScalarWhenTheVectorFormNeverGetsFaster() {
    VectorTier tier = VectorTier.warmed("test-slow", SLOW, FAST, 50_000_000L);
    assertFalse(tier.vector());
    awaitSettled(tier);
    assertFalse(tier.vector(), "a vector form slower than its twin is given up after the patience runs out");
  }

  private static void awaitSettled(VectorTier tier) {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (!tier.settled()) {
      assertTrue(System.nanoTime() < deadline, "warming did not end within a minute");
      LockSupport.parkNanos(1_000_000);
    }
  }
}
