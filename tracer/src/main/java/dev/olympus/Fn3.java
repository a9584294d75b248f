package dev.olympus;

import java.io.Serializable;

/**
 * A function of 3 argument(s) that Olympus can trace and transform. It is {@link Serializable} so that a
 * lambda's implementation method and captured values can be read back (the jit cache keys on them).
 */
@FunctionalInterface
public interface Fn3<A, B, C, R> extends Serializable {
  R apply(A a, B b, C c);
}
