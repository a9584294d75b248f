package dev.olympus.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.olympus.DType;
import dev.olympus.storage.Storage;
import dev.olympus.types.Shape;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The narrow integer strips against {@link Storage}'s one-element conversions, which eager evaluation uses (and
 * which {@code NarrowDTypeTest} checks against JAX): every i8/u8/i16/u16 bit pattern loaded and stored, and wrap
 * and saturate over every such value plus the int range's edges and random ints, at lengths that run the vector
 * bodies (when {@code jdk.incubator.vector} is present) and their scalar tails, at odd offsets.
 */
class NarrowIntStripsTest {
  private static final DType[] IN_I32 = {DType.I8, DType.U8, DType.I16, DType.U16};

  /** Every 16-bit pattern, the int edges, and random ints. */
  private static int[] values() {
    Random r = new Random(11);
    int[] v = new int[65536 + 6 + 3000];
    for (int i = 0; i < 65536; i++) v[i] = i - 32768;
    int[] edges = {Integer.MIN_VALUE, Integer.MAX_VALUE, 65536, -65537, 1 << 24, -(1 << 24) - 1};
    System.arraycopy(edges, 0, v, 65536, edges.length);
    for (int i = 65542; i < v.length; i++) v[i] = r.nextInt();
    return v;
  }

  /** What eager leaves in a narrow array after converting integer {@code v}: the low bits (setLong), widened back. */
  private static long wrapped(DType d, long v) {
    Storage s = Storage.allocate(d, Shape.of(1));
    s.setLong(0, v);
    return s.getLong(0);
  }

  private static long saturated(DType d, double v) {
    Storage s = Storage.allocate(d, Shape.of(1));
    s.setDouble(0, v);
    return s.getLong(0);
  }

  @Test
  void wrapAndSaturateAreStoragesConversions() {
    int[] v = values();
    for (DType d : IN_I32) {
      for (int n : new int[] {v.length - 1, 13}) {
        int[] w = v.clone(), s = v.clone();
        NarrowIntStrips.wrap(d, w, 1, n);
        NarrowIntStrips.saturate(d, s, 1, n);
        for (int i = 1; i <= n; i++) {
          assertEquals(wrapped(d, v[i]), w[i], d + " wrap of " + v[i]);
          assertEquals(wrapped(d, v[i]), NarrowIntStrips.wrap(d, v[i]), d + " one-value wrap of " + v[i]);
          // The nest converts a float to i32 by Java's cast first; saturating that is saturating the float.
          assertEquals(saturated(d, v[i]), s[i], d + " saturation of " + v[i]);
          assertEquals(saturated(d, v[i]), NarrowIntStrips.saturate(d, v[i]), d + " one-value saturation");
        }
        assertEquals(v[0], w[0], "before the strip");
      }
    }
    Random r = new Random(3);
    long[] big = new long[4099];
    for (int i = 0; i < big.length; i++) big[i] = i < 4 ? new long[] {-1, 1L << 32, Long.MIN_VALUE, Long.MAX_VALUE}[i] : r.nextLong() >> r.nextInt(40);
    long[] w = big.clone(), s = big.clone();
    NarrowIntStrips.wrap(DType.U32, w, 0, big.length);
    NarrowIntStrips.saturate(DType.U32, s, 0, big.length);
    for (int i = 0; i < big.length; i++) {
      assertEquals(wrapped(DType.U32, big[i]), w[i], "u32 wrap of " + big[i]);
      assertEquals(saturated(DType.U32, big[i]), s[i], "u32 saturation of " + big[i]);
    }
  }

  @Test
  void loadsWidenAndStoresKeepEveryPattern() {
    for (DType d : IN_I32) {
      int count = d.bits() == 8 ? 256 : 65536;
      Storage all = Storage.allocate(d, Shape.of(count + 3));
      for (int i = 0; i < count + 3; i++) all.setLong(i, i - 3);
      for (int n : new int[] {count, 21}) {
        int[] wide = new int[n + 2];
        if (d.bits() == 8) {
          NarrowIntStrips.load(d, (byte[]) all.data(), 3, wide, 2, n);
        } else {
          NarrowIntStrips.load(d, (short[]) all.data(), 3, wide, 2, n);
        }
        Storage back = Storage.allocate(d, Shape.of(n + 1));
        if (d.bits() == 8) {
          NarrowIntStrips.store(d, wide, 2, (byte[]) back.data(), 1, n);
        } else {
          NarrowIntStrips.store(d, wide, 2, (short[]) back.data(), 1, n);
        }
        for (int i = 0; i < n; i++) {
          assertEquals(all.getLong(3 + i), wide[2 + i], d + " load of pattern " + i);
          assertEquals(all.getLong(3 + i), back.getLong(1 + i), d + " store of pattern " + i);
        }
      }
    }
    Random r = new Random(4);
    int n = 1031;
    Storage u = Storage.allocate(DType.U32, Shape.of(n));
    for (int i = 0; i < n; i++) u.setLong(i, i < 3 ? new long[] {0, 0xffffffffL, 1L << 31}[i] : r.nextInt());
    long[] wide = new long[n];
    NarrowIntStrips.load(DType.U32, (int[]) u.data(), 0, wide, 0, n);
    Storage back = Storage.allocate(DType.U32, Shape.of(n));
    NarrowIntStrips.store(DType.U32, wide, 0, (int[]) back.data(), 0, n);
    for (int i = 0; i < n; i++) {
      assertEquals(u.getLong(i), wide[i], "u32 load " + i);
      assertEquals(u.getLong(i), back.getLong(i), "u32 store " + i);
    }
  }

  /** A transposed read of a [5,7] u8 array, and a 0-d broadcast, through the strided walk. */
  @Test
  void gathersWalkStridesAndWiden() {
    byte[] a = new byte[35];
    for (int i = 0; i < a.length; i++) a[i] = (byte) (200 + i);
    int[] out = new int[35];
    NarrowIntStrips.gather(DType.U8, a, 0, new int[] {7, 5}, new int[] {1, 7}, 3, out, 0, 32);
    for (int p = 3; p < 35; p++) {
      int row = p / 5, col = p % 5;
      assertEquals(a[col * 7 + row] & 0xff, out[p - 3], "position " + p);
    }
    int[] filled = new int[9];
    NarrowIntStrips.gather(DType.I8, a, 4, new int[0], new int[0], 0, filled, 1, 8);
    for (int i = 1; i < 9; i++) assertEquals(a[4], filled[i]);
    long[] wide = new long[6];
    NarrowIntStrips.gather(DType.U32, new int[] {-1, 5, -7}, 0, new int[] {3}, new int[] {1}, 1, wide, 0, 2);
    assertEquals(5L, wide[0]);
    assertEquals(0xffffffffL - 6, wide[1]);
  }
}
