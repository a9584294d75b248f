package dev.olympus.jit;

import dev.olympus.Array;
import dev.olympus.errors.OlympusException;
import dev.olympus.errors.SourceLocation;
import dev.olympus.transform.FunctionInfo;

/** The rule for static arguments: their value is a cache key, so it must have value equality (JAX: hashable). */
final class StaticArgument {
  private StaticArgument() {}

  static void check(FunctionInfo info, int position, Object value) {
    if (value == null || value instanceof Enum<?>) return;
    String what = null;
    if (value instanceof Array) {
      what = "an Array, which has no value equality (JAX raises 'Non-hashable static arguments are not "
          + "supported'). Pass it as a dynamic argument instead, or pass a Java value (int, double, String, "
          + "record, List) that the function turns into an array";
    } else if (value.getClass().isArray()) {
      what = "a Java " + value.getClass().getComponentType().getSimpleName() + "[] array, whose equals() is "
          + "identity, so every call would compile anew. Pass a List (List.of(...)) or a record instead";
    } else if (!overridesEquals(value.getClass())) {
      what = "a " + value.getClass().getName() + ", which does not override equals()/hashCode(), so every new "
          + "instance would compile anew. Use a record, a String, a boxed number, an enum or a List";
    }
    if (what != null) {
      throw new OlympusException("static argument " + position + " (" + info.parameterNames().get(position)
          + ") of " + info.name() + " is " + what + "." + SourceLocation.suffix());
    }
  }

  private static boolean overridesEquals(Class<?> c) {
    try {
      return c.getMethod("equals", Object.class).getDeclaringClass() != Object.class
          && c.getMethod("hashCode").getDeclaringClass() != Object.class;
    } catch (NoSuchMethodException e) {
      return false;
    }
  }
}
