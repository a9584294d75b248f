package dev.olympus;

import dev.olympus.ir.ClosedIr;
import dev.olympus.jit.Jit;
import dev.olympus.jit.JitStats;
import dev.olympus.transform.Staging;

/**
 * Olympus' transformations, as JAX's top-level functions: {@code makeIr} ({@code jax.make_jaxpr}), and the
 * ones that compose with it. Each takes a function value ({@link Fn1}..{@link Fn4}), typically a method
 * reference such as {@code Ex::selu}.
 */
public final class Olympus {
  private Olympus() {}

  /**
   * Traces {@code f} on the abstract values of {@code args} and returns its IR; {@code toString()} prints
   * jaxpr text. A {@code Float}/{@code Double} argument is a weakly typed f32[] scalar and an {@code Integer}
   * a weakly typed i32[], as Python scalars are in JAX. Java side effects in {@code f} happen once, now.
   */
  public static <A, R> ClosedIr makeIr(Fn1<A, R> f, Object... args) { return Staging.makeIr(f, args); }

  public static <A, B, R> ClosedIr makeIr(Fn2<A, B, R> f, Object... args) { return Staging.makeIr(f, args); }

  public static <A, B, C, R> ClosedIr makeIr(Fn3<A, B, C, R> f, Object... args) { return Staging.makeIr(f, args); }

  public static <A, B, C, D, R> ClosedIr makeIr(Fn4<A, B, C, D, R> f, Object... args) {
    return Staging.makeIr(f, args);
  }

  // ---- jit ----------------------------------------------------------------------------------------------

  /**
   * {@code jax.jit}: returns a function of the same type that traces {@code f} on the first call for each
   * cache key (function identity, static values, argument dtypes/shapes/structure), compiles a fused kernel,
   * caches it, and runs it. Called inside another trace it traces through {@code f}.
   */
  public static <A, R> Fn1<A, R> jit(Fn1<A, R> f) { return Jit.jit(f, JitOptions.defaults()); }

  public static <A, B, R> Fn2<A, B, R> jit(Fn2<A, B, R> f) { return Jit.jit(f, JitOptions.defaults()); }

  public static <A, B, C, R> Fn3<A, B, C, R> jit(Fn3<A, B, C, R> f) { return Jit.jit(f, JitOptions.defaults()); }

  public static <A, B, C, D, R> Fn4<A, B, C, D, R> jit(Fn4<A, B, C, D, R> f) {
    return Jit.jit(f, JitOptions.defaults());
  }

  /** {@code jax.jit(f, static_argnums=...)}. */
  public static <A, R> Fn1<A, R> jit(Fn1<A, R> f, JitOptions options) { return Jit.jit(f, options); }

  public static <A, B, R> Fn2<A, B, R> jit(Fn2<A, B, R> f, JitOptions options) { return Jit.jit(f, options); }

  public static <A, B, C, R> Fn3<A, B, C, R> jit(Fn3<A, B, C, R> f, JitOptions options) {
    return Jit.jit(f, options);
  }

  public static <A, B, C, D, R> Fn4<A, B, C, D, R> jit(Fn4<A, B, C, D, R> f, JitOptions options) {
    return Jit.jit(f, options);
  }

  /** How many traces-and-compiles the run-time jit has done in this JVM. */
  public static long compileCount() { return Jit.compileCount(); }

  /** Hits, misses, compile time and size of the jit cache. */
  public static JitStats jitStats() { return Jit.stats(); }

  /** {@code jax.debug.print}: prints {@code fmt}, each {@code {}} replaced by an array's value when computed. */
  public static void debugPrint(String fmt, Array... args) { dev.olympus.debug.Debug.print(fmt, args); }
}
