package dev.olympus.jit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.Array;
import dev.olympus.Fn2;
import dev.olympus.JitOptions;
import dev.olympus.Olympus;
import dev.olympus.errors.StaticArgumentException;
import dev.olympus.numpy.Jnp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Static arguments must be hashable and immutable, so a cached kernel can never be stale. */
class StaticArgumentRuleTest {
  static Array scaleBySum(Array x, Object factors) {
    double s = 0;
    for (Object f : (Iterable<?>) factors) s += ((Number) f).doubleValue();
    return x.mul(s);
  }

  static Array identity(Array x, Object anything) {
    return x;
  }

  record Config(int n, String mode) {}

  record Holder(int[] values) {}

  static final class Mutable {
    int n;

    @Override
    public boolean equals(Object o) { return o instanceof Mutable m && m.n == n; }

    @Override
    public int hashCode() { return n; }
  }

  static final class ImmutableValue {
    final int n;
    final String label;

    ImmutableValue(int n, String label) {
      this.n = n;
      this.label = label;
    }

    @Override
    public boolean equals(Object o) { return o instanceof ImmutableValue v && v.n == n && v.label.equals(label); }

    @Override
    public int hashCode() { return n * 31 + label.hashCode(); }
  }

  private static final Fn2<Array, Object, Array> SCALE =
      Olympus.jit(StaticArgumentRuleTest::scaleBySum, JitOptions.staticArgnums(1));
  private static final Fn2<Array, Object, Array> IDENTITY =
      Olympus.jit(StaticArgumentRuleTest::identity, JitOptions.staticArgnums(1));

  @Test
  void aMutableListIsRejectedWithTheFix() {
    List<Integer> factors = new ArrayList<>(List.of(2));
    StaticArgumentException e = assertThrows(StaticArgumentException.class,
        () -> SCALE.apply(Jnp.array(1f, 2f), factors));
    assertTrue(e.getMessage().contains("static argument 'factors' (parameter 1 of StaticArgumentRuleTest.scaleBySum)"), e.getMessage());
    assertTrue(e.getMessage().contains("java.util.ArrayList"), e.getMessage());
    assertTrue(e.getMessage().contains("List.copyOf"), e.getMessage());
  }

  /** The fuzz case: the list changed between calls and the old program answered. Immutable copies cannot. */
  @Test
  void immutableListsCompileOncePerValueAndNeverGoStale() {
    Array x = Jnp.array(1f, 2f);
    long before = Olympus.compileCount();
    assertArrayEquals(new float[] {2f, 4f}, SCALE.apply(x, List.of(2)).toFloatArray());
    assertArrayEquals(new float[] {2f, 4f}, SCALE.apply(x, List.copyOf(new ArrayList<>(List.of(2)))).toFloatArray());
    assertEquals(before + 1, Olympus.compileCount(), "equal immutable lists share one kernel");
    assertArrayEquals(new float[] {3f, 6f}, SCALE.apply(x, List.of(3)).toFloatArray());
    assertEquals(before + 2, Olympus.compileCount());
  }

  @Test
  void arraysInsideCollectionsAreRejectedNamingWhere() {
    StaticArgumentException e = assertThrows(StaticArgumentException.class,
        () -> IDENTITY.apply(Jnp.array(1f), List.of(new int[] {1, 2})));
    assertTrue(e.getMessage().contains("[0] is a Java int[] array"), e.getMessage());
    e = assertThrows(StaticArgumentException.class, () -> IDENTITY.apply(Jnp.array(1f), new Holder(new int[] {1})));
    assertTrue(e.getMessage().contains("values is a Java int[] array"), e.getMessage());
  }

  @Test
  void valuesWithoutEqualityOrWithMutableFieldsAreRejected() {
    StaticArgumentException plain = assertThrows(StaticArgumentException.class,
        () -> IDENTITY.apply(Jnp.array(1f), new Object()));
    assertTrue(plain.getMessage().contains("does not override equals()/hashCode()"), plain.getMessage());
    StaticArgumentException mutable = assertThrows(StaticArgumentException.class,
        () -> IDENTITY.apply(Jnp.array(1f), new Mutable()));
    assertTrue(mutable.getMessage().contains("non-final field n"), mutable.getMessage());
    StaticArgumentException view = assertThrows(StaticArgumentException.class,
        () -> IDENTITY.apply(Jnp.array(1f), Collections.unmodifiableList(new ArrayList<>(List.of(1)))));
    assertTrue(view.getMessage().contains("mutable"), view.getMessage());
  }

  @Test
  void hashableImmutableValuesAreAccepted() {
    Array x = Jnp.array(1f);
    for (Object ok : List.of(3, 2.5, "mode", Thread.State.NEW, new Config(2, "fast"), List.of(1, "a"),
        Map.of("k", List.of(1)), new ImmutableValue(1, "one"), java.time.Duration.ofSeconds(3),
        Collections.emptyList(), java.math.BigInteger.TEN)) {
      assertArrayEquals(new float[] {1f}, IDENTITY.apply(x, ok).toFloatArray(), String.valueOf(ok));
    }
  }

  record WithLabel(Array w, Object tag) {}

  static Array firstWeight(WithLabel p) {
    return p.w();
  }

  @Test
  void mutableValuesInsideATracedArgumentAreRejectedToo() {
    var jitted = Olympus.jit(StaticArgumentRuleTest::firstWeight);
    // A mutable list inside the argument is a container: its contents are part of each call's key, so it is fine.
    WithLabel ok = new WithLabel(Jnp.array(1f), new ArrayList<>(List.of("a")));
    assertArrayEquals(new float[] {1f}, jitted.apply(ok).toFloatArray());
    // A mutable non-array leaf would be kept in the key as it is, and could change afterwards.
    StaticArgumentException e = assertThrows(StaticArgumentException.class,
        () -> jitted.apply(new WithLabel(Jnp.array(1f), new Mutable())));
    assertTrue(e.getMessage().contains("argument 'p' (parameter 0 of StaticArgumentRuleTest.firstWeight)"), e.getMessage());
    assertTrue(e.getMessage().contains("non-final field n"), e.getMessage());
  }
}
