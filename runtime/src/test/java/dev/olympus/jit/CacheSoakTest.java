package dev.olympus.jit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.Array;
import dev.olympus.DType;
import dev.olympus.Fn1;
import dev.olympus.Fn2;
import dev.olympus.JitOptions;
import dev.olympus.Olympus;
import dev.olympus.numpy.Jnp;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * A scaled-down soak: thousands of distinct cache keys through a small cache leave the heap flat, because an
 * evicted kernel and everything it holds (scratch tiles, slot tables, argument tables) become unreachable.
 * Before, each evicted kernel left its per-thread scratch behind (about 16.8 MB per 1,000 keys).
 */
@Isolated
class CacheSoakTest {
  static Array selu(Array x, double alpha) {
    return Jnp.where(x.gt(0), x, Jnp.exp(x).mul(alpha).sub(alpha)).mul(1.05);
  }

  @Test
  void distinctStaticValuesKeepTheHeapFlat() {
    Fn2<Array, Double, Array> jitted = Olympus.jit(CacheSoakTest::selu, JitOptions.staticArgnums(1));
    Array x = Jnp.linspace(-2, 2, 4096);
    assertFlat(i -> jitted.apply(x, 1.0 + i * 1e-6));
  }

  @Test
  void distinctLambdasKeepTheHeapFlat() {
    Array x = Jnp.linspace(-2, 2, 4096);
    assertFlat(i -> {
      double k = i;
      Fn1<Array, Array> f = v -> Jnp.tanh(v.mul(k)).add(k);
      return Olympus.jit(f).apply(x);
    });
  }

  @Test
  void evictionKeepsTheCacheAtCapacityAndSparesEntriesInUse() {
    JitConfig saved = Jit.config();
    try {
      Jit.configure(new JitConfig(false, false, null, 4));
      Fn2<Array, Integer, Array> jitted = Olympus.jit((a, n) -> a.add(n), JitOptions.staticArgnums(1));
      Array x = Jnp.array(1f);
      for (int i = 0; i < 100; i++) {
        jitted.apply(x, 0);              // used between every miss: always has its second chance
        jitted.apply(x, 1000 + i);
        assertTrue(Jit.stats().entries() <= 4, "entries " + Jit.stats().entries());
      }
      long before = Olympus.compileCount();
      assertArrayEquals(new float[] {1f}, jitted.apply(x, 0).toFloatArray());
      assertEquals(before, Olympus.compileCount(), "the hot entry survived 100 evictions");
    } finally {
      Jit.configure(saved);
    }
  }

  private interface Call {
    Array apply(int i);
  }

  private static void assertFlat(Call call) {
    JitConfig saved = Jit.config();
    try {
      Jit.configure(new JitConfig(false, false, null, 16));
      int key = 0;
      for (; key < 300; key++) call.apply(key).blockUntilReady();
      long settled = usedHeapAfterGc();
      for (; key < 3300; key++) call.apply(key).blockUntilReady();
      long grown = usedHeapAfterGc() - settled;
      // 3,000 more kernels with the old leak kept ~50 MB of scratch alive; a flat heap moves by a few MB of noise.
      assertTrue(grown < 8L << 20, "heap grew by " + (grown >> 20) + " MB over 3,000 evicted kernels");
      assertTrue(Jit.stats().entries() <= 16);
    } finally {
      Jit.configure(saved);
    }
  }

  private static long usedHeapAfterGc() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      System.gc();
      used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
    }
    return used;
  }
}
