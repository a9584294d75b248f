package dev.olympus.examples;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Optional;

/**
 * Public static methods that API.md specifies but that may not be in the Olympus on the class path yet
 * ({@code Olympus.grad}, {@code Olympus.vmap}, {@code Olympus.debugPrint}, {@code Lax.cond},
 * {@code Lax.foriLoop}). Looked up by name and signature, so the walkthrough's cells that need them compile
 * against any Olympus and run as soon as the method is there.
 */
final class SpecifiedApi {
  private SpecifiedApi() {}

  static Optional<Method> find(Class<?> owner, String name, Class<?>... parameterTypes) {
    try {
      return Optional.of(owner.getMethod(name, parameterTypes));
    } catch (NoSuchMethodException absent) {
      return Optional.empty();
    }
  }

  /** Calls a static method; Olympus' own exceptions reach the caller as if the call were direct. */
  @SuppressWarnings("unchecked")
  static <T> T call(Method method, Object... args) {
    try {
      return (T) method.invoke(null, args);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException r) throw r;
      if (e.getCause() instanceof Error err) throw err;
      throw new IllegalStateException(method + " threw " + e.getCause(), e.getCause());
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(method + " is not accessible", e);
    }
  }
}
