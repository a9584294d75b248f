package dev.olympus.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The 16-bit float conversions against their definitions: every bf16 and f16 value survives a round trip
 * through float, and narrowing a float picks the nearest 16-bit value with ties to even, checked for 200,000
 * random floats by comparing distances in double (where every f32 and every 16-bit value, and their
 * differences, are exact), plus the neighbours of every 16-bit value and the midpoints between them.
 */
class HalfPrecisionTest {
  @Test
  void everyValueRoundTripsThroughFloat() {
    for (int h = 0; h < 1 << 16; h++) {
      short bits = (short) h;
      float f16 = HalfPrecision.f16ToFloat(bits), bf16 = HalfPrecision.bf16ToFloat(bits);
      if (Float.isNaN(f16)) assertTrue(Float.isNaN(HalfPrecision.f16ToFloat(HalfPrecision.floatToF16(f16))));
      else assertEquals(h, HalfPrecision.floatToF16(f16) & 0xffff, "f16 " + Integer.toHexString(h));
      if (Float.isNaN(bf16)) assertTrue(Float.isNaN(HalfPrecision.bf16ToFloat(HalfPrecision.floatToBf16(bf16))));
      else assertEquals(h, HalfPrecision.floatToBf16(bf16) & 0xffff, "bf16 " + Integer.toHexString(h));
    }
  }

  @Test
  void narrowingRoundsToTheNearestWithTiesToEven() {
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 200_000; i++) {
      float f = Float.intBitsToFloat(random.nextInt());
      checkNearest(f);
    }
    for (int h = 0; h < 1 << 16; h++) {
      float v = HalfPrecision.f16ToFloat((short) h), next = HalfPrecision.f16ToFloat((short) (h + 1));
      if (Float.isFinite(v) && Float.isFinite(next) && (h & 0x7fff) != 0x7bff) {
        checkNearest((float) ((v + (double) next) / 2));  // the midpoint, exact in float for f16 neighbours
        checkNearest(Math.nextUp(v));
        checkNearest(Math.nextDown(v));
      }
      float b = HalfPrecision.bf16ToFloat((short) h);
      if (Float.isFinite(b)) {
        checkNearest(Math.nextUp(b));
        checkNearest(Math.nextDown(b));
        checkNearest(Float.intBitsToFloat(Float.floatToRawIntBits(b) + 0x8000));  // the bf16 midpoint above
      }
    }
  }

  private static void checkNearest(float f) {
    if (Float.isNaN(f)) {
      assertTrue(Float.isNaN(HalfPrecision.f16ToFloat(HalfPrecision.floatToF16(f))));
      assertTrue(Float.isNaN(HalfPrecision.bf16ToFloat(HalfPrecision.floatToBf16(f))));
      return;
    }
    nearest(f, HalfPrecision.floatToF16(f), true);
    nearest(f, HalfPrecision.floatToBf16(f), false);
  }

  /** {@code got} is at least as near to {@code f} as its two neighbours, and even when a neighbour ties. */
  private static void nearest(float f, short got, boolean f16) {
    double have = value(got, f16);
    double largest = f16 ? 65504 : Float.MAX_VALUE;
    double half = f16 ? 65520 : 0x1.ffp127;  // halfway past the largest finite value: overflow to inf from there
    if (Math.abs(f) >= half) {
      assertEquals(Math.copySign(Double.POSITIVE_INFINITY, f), have, "overflow of " + f);
      return;
    }
    assertTrue(Math.abs(have) <= largest, f + " -> " + have);
    for (int step : new int[] {-1, 1}) {
      short neighbour = (short) (got + step);
      double other = value(neighbour, f16);
      if (Double.isNaN(other) || Double.isInfinite(other) || Math.signum(other) * Math.signum(have) < 0) continue;
      double dHave = Math.abs(f - have), dOther = Math.abs(f - other);
      assertTrue(dHave <= dOther, f + " -> " + have + " but " + other + " is nearer");
      if (dHave == dOther && dHave != 0) assertEquals(0, got & 1, f + ": a tie goes to the even value");
    }
  }

  private static double value(short bits, boolean f16) {
    return f16 ? HalfPrecision.f16ToFloat(bits) : HalfPrecision.bf16ToFloat(bits);
  }
}
