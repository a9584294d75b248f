package dev.olympus.pytree;

import dev.olympus.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The rule for values that become part of a jit cache key (static arguments, and the non-array parts of an
 * argument's structure): like JAX's hashable static arguments, and also immutable, because Java, unlike
 * Python, lets a value with a value-based {@code hashCode} change after it was used as a key: the cache would
 * then return the old program, and an entry whose hash moved can no longer be found or evicted.
 *
 * <p>Accepted: {@code null}, boxed primitives, strings, enums, classes, records whose components are
 * accepted, the JDK's unmodifiable collections ({@code List.of}, {@code List.copyOf}, {@code Set.of},
 * {@code Map.of}, {@code Collections.emptyList()} ...) of accepted elements, {@code Optional}s of them, the
 * JDK's immutable value types ({@code BigInteger}, {@code BigDecimal}, {@code java.time}, {@code UUID}), and
 * a class of the user's that overrides {@code equals}/{@code hashCode} and whose fields are all final and
 * accepted. Rejected, with the reason: arrays, {@code Array}s, mutable collections (including
 * {@code Collections.unmodifiableList} views, whose backing list can still change), and anything with
 * identity equality or a non-final field.
 */
public final class StaticValue {
  private StaticValue() {}

  /** Why {@code value} cannot be a cache key, or {@code null} if it can. */
  public static String problem(Object value) {
    return problem(value, "", new IdentityHashMap<>());
  }

  private static String problem(Object value, String path, Map<Object, Boolean> seen) {
    if (value == null || value instanceof Boolean || value instanceof Character || value instanceof Number
        && isBoxedOrImmutableNumber(value) || value instanceof String || value instanceof Enum<?>
        || value instanceof Class<?> || isJdkValueType(value.getClass())) {
      return null;
    }
    Class<?> c = value.getClass();
    if (seen.put(value, Boolean.TRUE) != null) return null;
    if (value instanceof Array) {
      return at(path) + "an Array, which has no value equality (JAX: 'Non-hashable static arguments are not "
          + "supported'). Pass it as a dynamic (traced) argument instead, or pass a Java value (int, double, "
          + "String, record, List.of(...)) that the function turns into an array";
    }
    if (c.isArray()) {
      return at(path) + "a Java " + c.getComponentType().getSimpleName() + "[] array, which is mutable and "
          + "compares by identity, so every call would compile anew. Pass List.of(...) (immutable) instead, or "
          + "pass the numbers as an Array argument";
    }
    if (value instanceof Record r) {
      for (RecordComponent rc : c.getRecordComponents()) {
        Object v;
        try {
          var accessor = rc.getAccessor();
          accessor.trySetAccessible();
          v = accessor.invoke(r);
        } catch (ReflectiveOperationException | RuntimeException e) {
          return at(path) + "a record " + c.getName() + " whose component " + rc.getName() + " cannot be read ("
              + e + "); make the record public or pass its values separately";
        }
        String p = problem(v, path + (path.isEmpty() ? "" : ".") + rc.getName(), seen);
        if (p != null) return p;
      }
      return null;
    }
    if (value instanceof Collection<?> || value instanceof Map<?, ?>) {
      if (!isUnmodifiableJdkCollection(c)) {
        return at(path) + "a " + c.getName() + ", which is mutable: if it changed after the call, the cached "
            + "kernel would compute with the old value. Copy it into an immutable "
            + (value instanceof Map<?, ?> ? "Map.copyOf(...)" : value instanceof Set<?> ? "Set.copyOf(...)"
                : "List.copyOf(...)") + ", or pass the values as an Array argument";
      }
      int i = 0;
      if (value instanceof Map<?, ?> m) {
        for (Map.Entry<?, ?> e : m.entrySet()) {
          String p = problem(e.getKey(), path + "[key " + e.getKey() + "]", seen);
          if (p == null) p = problem(e.getValue(), path + "[" + e.getKey() + "]", seen);
          if (p != null) return p;
        }
      } else {
        for (Object o : (Collection<?>) value) {
          String p = problem(o, path + "[" + i++ + "]", seen);
          if (p != null) return p;
        }
      }
      return null;
    }
    if (value instanceof Optional<?> o) return o.isPresent() ? problem(o.get(), path + ".get()", seen) : null;
    if (!overridesEqualsAndHashCode(c)) {
      return at(path) + "a " + c.getName() + ", which does not override equals()/hashCode(), so every new "
          + "instance would compile anew. Use a record, a String, a boxed number, an enum or List.of(...)";
    }
    for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
      for (Field f : k.getDeclaredFields()) {
        if (Modifier.isStatic(f.getModifiers())) continue;
        if (!Modifier.isFinal(f.getModifiers())) {
          return at(path) + "a " + c.getName() + " with the non-final field " + f.getName() + ", so it may change "
              + "after the call and leave a stale kernel in the cache. Use a record (immutable) instead";
        }
        if (!f.trySetAccessible()) {
          return at(path) + "a " + c.getName() + " whose field " + f.getName() + " cannot be inspected; use a "
              + "record instead";
        }
        try {
          String p = problem(f.get(value), path + (path.isEmpty() ? "" : ".") + f.getName(), seen);
          if (p != null) return p;
        } catch (IllegalAccessException e) {
          return at(path) + "a " + c.getName() + " whose field " + f.getName() + " cannot be read; use a record";
        }
      }
    }
    return null;
  }

  private static String at(String path) {
    return path.isEmpty() ? "" : "a value whose part " + path + " is ";
  }

  private static boolean isBoxedOrImmutableNumber(Object n) {
    return n instanceof Integer || n instanceof Long || n instanceof Double || n instanceof Float
        || n instanceof Short || n instanceof Byte || n instanceof java.math.BigInteger
        || n instanceof java.math.BigDecimal;
  }

  private static boolean isJdkValueType(Class<?> c) {
    return c.getPackageName().equals("java.time") || c == java.util.UUID.class;
  }

  /**
   * The JDK's own immutable collections: {@code List.of}/{@code copyOf} and friends, and the empty and
   * singleton ones of {@code Collections}. Unmodifiable views ({@code Collections.unmodifiableList}) are
   * not among them: their backing collection can still change.
   */
  private static boolean isUnmodifiableJdkCollection(Class<?> c) {
    String n = c.getName();
    return n.startsWith("java.util.ImmutableCollections$") || n.startsWith("java.util.Collections$Empty")
        || n.startsWith("java.util.Collections$Singleton");
  }

  private static boolean overridesEqualsAndHashCode(Class<?> c) {
    try {
      return c.getMethod("equals", Object.class).getDeclaringClass() != Object.class
          && c.getMethod("hashCode").getDeclaringClass() != Object.class;
    } catch (NoSuchMethodException e) {
      return false;
    }
  }
}
