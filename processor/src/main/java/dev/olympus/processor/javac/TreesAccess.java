package dev.olympus.processor.javac;

import com.sun.source.util.Trees;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import javax.annotation.processing.ProcessingEnvironment;

/**
 * Finds javac's {@link Trees} for a processing environment. {@code Trees.instance} accepts only javac's own
 * environment, and build tools hand processors a wrapper: Gradle's incremental processing wraps it in a class
 * with a {@code delegate} field, IntelliJ in a {@link Proxy} whose handler holds it, kapt in an object with a
 * {@code processingEnv} field. We look through such wrappers (any field holding a {@code ProcessingEnvironment},
 * or a proxy's handler's) a few levels deep, reading their private fields with {@code setAccessible} (a field
 * a module does not open is skipped); ECJ has no Trees at all.
 */
public final class TreesAccess {
  private TreesAccess() {}

  /** The Trees, or null with {@code problem} saying why there are none. */
  public record Found(Trees trees, String problem) {}

  private static final int MAX_WRAPPERS = 4;

  public static Found find(ProcessingEnvironment env) {
    ProcessingEnvironment current = env;
    for (int depth = 0; current != null && depth <= MAX_WRAPPERS; depth++) {
      try {
        return new Found(Trees.instance(current), null);
      } catch (IllegalArgumentException | LinkageError e) {
        current = unwrap(current);
      }
    }
    return new Found(null, "its processing environment " + env.getClass().getName() + " is not javac's and "
        + "does not wrap javac's");
  }

  /** The environment a known kind of wrapper delegates to, or null. */
  static ProcessingEnvironment unwrap(ProcessingEnvironment env) {
    Object holder = env;
    if (Proxy.isProxyClass(env.getClass())) {
      InvocationHandler handler = Proxy.getInvocationHandler(env);
      holder = handler;
    }
    for (Class<?> c = holder.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        if (!ProcessingEnvironment.class.isAssignableFrom(f.getType()) && f.getType() != Object.class) continue;
        try {
          f.setAccessible(true);
          Object value = f.get(holder);
          if (value instanceof ProcessingEnvironment inner && inner != env) return inner;
        } catch (ReflectiveOperationException | RuntimeException e) {
          // Not readable (e.g. a named module that does not open the package): try the next field.
        }
      }
    }
    return null;
  }
}
