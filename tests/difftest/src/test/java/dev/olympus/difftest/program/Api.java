package dev.olympus.difftest.program;

/**
 * Which public entry point a node calls: the same operation is reachable as {@code Jnp.add(x, y)}, as
 * {@code x.add(y)} and as {@code Lax.add(x, y)}; each has its own overloads and promotion path, so each is covered.
 */
public enum Api {
  /** {@code Jnp.f(...)}: NumPy promotion and broadcasting. */
  JNP,
  /** {@code x.f(...)}: the {@code Array} method, which delegates to Jnp. */
  METHOD,
  /** {@code Lax.f(...)}: no promotion; operands of one dtype, equal shapes or one of them 0-d. */
  LAX
}
