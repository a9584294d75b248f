package dev.olympus.jit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.Array;
import dev.olympus.DType;
import dev.olympus.Fn1;
import dev.olympus.Fn2;
import dev.olympus.JitOptions;
import dev.olympus.Olympus;
import dev.olympus.errors.InvalidArgumentException;
import dev.olympus.errors.OlympusException;
import dev.olympus.numpy.Jnp;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

@Isolated
class JitCacheTest {
  static final AtomicInteger TRACES = new AtomicInteger();

  static Array countedSquare(Array x) {
    TRACES.incrementAndGet();
    return x.mul(x);
  }

  @Test
  void concurrentFirstCallsCompileOnce() throws Exception {
    Fn1<Array, Array> jitted = Olympus.jit(JitCacheTest::countedSquare);
    int threads = 16;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<float[]>> results = new ArrayList<>();
    TRACES.set(0);
    long before = Olympus.compileCount();
    for (int t = 0; t < threads; t++) {
      final float v = t;
      results.add(pool.submit(() -> {
        start.await();
        return jitted.apply(Jnp.array(v, v + 1, 0.5f)).toFloatArray();
      }));
    }
    start.countDown();
    for (int t = 0; t < threads; t++) {
      assertArrayEquals(new float[] {t * t, (t + 1) * (t + 1), 0.25f}, results.get(t).get());
    }
    pool.shutdown();
    assertEquals(1, TRACES.get(), "traced once");
    assertEquals(before + 1, Olympus.compileCount());
  }

  static Array scaleBy(Array x, Object factor) {
    return x.mul(((Number) factor).doubleValue());
  }

  @Test
  void staticArgumentWithoutValueEqualityIsAnError() {
    Fn2<Array, Object, Array> jitted = Olympus.jit(JitCacheTest::scaleBy, JitOptions.staticArgnums(1));
    Array x = Jnp.array(1f);
    OlympusException e = assertThrows(OlympusException.class, () -> jitted.apply(x, Jnp.scalar(2f)));
    assertTrue(e.getMessage().contains("static argument 'factor' (parameter 1 of JitCacheTest.scaleBy)"),
        e.getMessage());
    assertTrue(e.getMessage().contains("an Array"), e.getMessage());
    OlympusException arr = assertThrows(OlympusException.class, () -> jitted.apply(x, new int[] {2}));
    assertTrue(arr.getMessage().contains("List.of"), arr.getMessage());
    assertEquals(6f, jitted.apply(Jnp.array(3f), 2.0).toFloatArray()[0]);
  }

  @Test
  void staticArgnumOutOfRangeIsAnError() {
    InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
        () -> Olympus.jit(JitCacheTest::scaleBy, JitOptions.staticArgnums(2)));
    assertTrue(e.getMessage().contains("takes 2 arguments"), e.getMessage());
  }

  record Params(Array w, Array b) {}

  static Params step(Params p, Array lr) {
    return new Params(p.w().sub(lr), p.b().add(lr));
  }

  @Test
  void recordsAreArgumentsAndResults() {
    Fn2<Params, Array, Params> jitted = Olympus.jit(JitCacheTest::step);
    Params p = jitted.apply(new Params(Jnp.array(1f, 2f), Jnp.scalar(0f)), Jnp.scalar(0.5f));
    assertArrayEquals(new float[] {0.5f, 1.5f}, p.w().toFloatArray());
    assertEquals(0.5f, p.b().floatValue());
  }

  static Array cube(Array x) {
    return x.mul(x).mul(x);
  }

  /** Reads a size, so each size is its own trace (see SizeGenericTest). */
  static Array cubeOverLength(Array x) {
    return x.mul(x).mul(x).div(x.shape()[0]);
  }

  @Test
  void explainsACacheMiss() {
    JitConfig saved = Jit.config();
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    try {
      Jit.configure(new JitConfig(true, true, null, saved.cacheSize()));
      System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
      Fn1<Array, Array> jitted = Olympus.jit(JitCacheTest::cubeOverLength);
      jitted.apply(Jnp.zeros(DType.F32, 3));
      jitted.apply(Jnp.zeros(DType.F32, 4));
    } finally {
      System.setErr(err);
      Jit.configure(saved);
    }
    String log = captured.toString(StandardCharsets.UTF_8);
    assertTrue(log.contains("[olympus] compiled JitCacheTest.cubeOverLength for (x: f32[3])"), log);
    assertTrue(log.contains("cache miss for JitCacheTest.cubeOverLength (x: f32[4])"), log);
    assertTrue(log.contains("argument x: shape f32[4] (cached: f32[3])"), log);
  }

  @Test
  void dumpsEachKernelsIrAndJavaSource(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    JitConfig saved = Jit.config();
    try {
      Jit.configure(new JitConfig(false, false, dir, saved.cacheSize()));
      Olympus.jit((Array x) -> Jnp.tanh(x).mul(3)).apply(Jnp.zeros(DType.F32, 5));
    } finally {
      Jit.configure(saved);
    }
    List<java.nio.file.Path> files;
    try (var list = java.nio.file.Files.list(dir)) {
      files = list.sorted().toList();
    }
    assertEquals(2, files.size(), files.toString());
    String source = java.nio.file.Files.readString(files.stream().filter(f -> f.toString().endsWith(".java")).findFirst()
        .orElseThrow());
    // The kernel as Foo_Jit would have it: its one nest over 5 columns, a tanh strip and a multiply.
    assertTrue(source.contains("int cols = 5;") && source.contains("FloatStrips.tanh(") && source.contains("FloatStrips.mul("),
        source);
    String ir = java.nio.file.Files.readString(files.stream().filter(f -> f.toString().endsWith(".ir.txt"))
        .findFirst().orElseThrow());
    assertTrue(ir.contains("tanh a"), ir);
  }

  @Test
  void boundedCacheEvictsLeastRecentlyUsed() {
    JitConfig saved = Jit.config();
    try {
      Jit.clearCache();
      Jit.configure(new JitConfig(false, false, null, 2));
      Fn1<Array, Array> jitted = Olympus.jit(JitCacheTest::cubeOverLength);
      long before = Olympus.compileCount();
      jitted.apply(Jnp.zeros(DType.F32, 1));
      jitted.apply(Jnp.zeros(DType.F32, 2));
      jitted.apply(Jnp.zeros(DType.F32, 3));
      assertEquals(2, Olympus.jitStats().entries());
      jitted.apply(Jnp.zeros(DType.F32, 1));
      assertEquals(before + 4, Olympus.compileCount(), "the evicted shape compiles again");
    } finally {
      Jit.configure(saved);
    }
  }

  @Test
  void nanAndInfinityPassThrough() {
    Fn1<Array, Array> jitted = Olympus.jit(JitCacheTest::cube);
    float[] r = jitted.apply(Jnp.array(Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -0f))
        .toFloatArray();
    assertTrue(Float.isNaN(r[0]));
    assertEquals(Float.POSITIVE_INFINITY, r[1]);
    assertEquals(Float.NEGATIVE_INFINITY, r[2]);
    assertEquals(Float.floatToIntBits(-0f), Float.floatToIntBits(r[3]));
  }
}
