package dev.olympus.errors;

/**
 * A value used as a static argument (or a non-array part of an argument's structure) that cannot be a cache
 * key: it has no value equality, or it is mutable, so a change after the call would leave a stale kernel in
 * the cache. JAX: {@code ValueError: Non-hashable static arguments are not supported}.
 */
public class StaticArgumentException extends OlympusException {
  private static final long serialVersionUID = 1L;

  public StaticArgumentException(String message) {
    super(message);
  }
}
