package dev.olympus.errors;

import dev.olympus.Array;
import dev.olympus.DType;
import java.util.List;

/**
 * The checks every public Olympus method makes of its arguments before it uses them, so a {@code null} or a value
 * of the wrong type fails at once with an {@link InvalidArgumentException} naming the method, the parameter, the
 * value and the fix, never as a {@code NullPointerException} or {@code ClassCastException} from inside.
 * Each check returns its argument, and costs a comparison when the argument is fine.
 *
 * <p>{@code op} is the method as the user calls it ({@code "Jnp.add"}), {@code name} its parameter's name
 * ({@code "y"}), or an element of it ({@code "xs[1]"}).
 */
public final class ArgumentCheck {
  private ArgumentCheck() {}

  private static final String ARRAY_FIX = "pass an Array, e.g. Jnp.array(1f, 2f), Jnp.scalar(0f) or "
      + "Jnp.zeros(DType.F32, 3); a null here is usually a variable or record component that was never set";

  /** {@code value}, an Array that must not be null. */
  public static Array array(String op, String name, Array value) {
    if (value == null) throw isNull(op, name, ARRAY_FIX);
    return value;
  }

  /** Two Array parameters at once, e.g. {@code x} and {@code y} of a binary op. */
  public static void array(String op, String name1, Array value1, String name2, Array value2) {
    if (value1 == null) throw isNull(op, name1, ARRAY_FIX);
    if (value2 == null) throw isNull(op, name2, ARRAY_FIX);
  }

  /** Three Array parameters at once. */
  public static void array(String op, String name1, Array value1, String name2, Array value2, String name3,
      Array value3) {
    array(op, name1, value1, name2, value2);
    if (value3 == null) throw isNull(op, name3, ARRAY_FIX);
  }

  /** A Java array of Arrays (usually varargs): neither it nor any element may be null. */
  public static Array[] arrays(String op, String name, Array[] values) {
    if (values == null) {
      throw isNull(op, name, "pass the Arrays themselves, or none at all (an empty varargs list), not a null array");
    }
    for (int i = 0; i < values.length; i++) {
      if (values[i] == null) throw isNull(op, name + "[" + i + "]", ARRAY_FIX);
    }
    return values;
  }

  /** A list whose every element is an Array, e.g. the operands of a concatenation. */
  public static <T> List<T> arrayList(String op, String name, List<T> values) {
    return list(op, name, values, Array.class, "an Array", ARRAY_FIX);
  }

  /**
   * A list whose every element is a non-null {@code type}, e.g. the branches of a switch: checked here because
   * generics are erased, and a raw or unchecked list reaches Olympus with anything in it.
   */
  public static <T> List<T> list(String op, String name, List<T> values, Class<?> type, String what, String fix) {
    if (values == null) throw isNull(op, name, "pass a List (List.of(...)) of " + plural(what));
    for (int i = 0; i < values.size(); i++) {
      Object v = values.get(i);
      String element = name + ".get(" + i + ")";
      if (v == null) throw isNull(op, element, fix);
      if (!type.isInstance(v)) {
        throw invalid(op, element, "is " + describe(v) + ", not " + what, "the list must hold only " + plural(what)
            + "; " + fix);
      }
    }
    return values;
  }

  /** A dtype, which must not be null. */
  public static DType dtype(String op, String name, DType value) {
    if (value == null) throw isNull(op, name, "pass a DType, e.g. DType.F32 (or DType.I32, DType.BOOL, ...)");
    return value;
  }

  /** An {@code int[]} (dimensions, axes, indices); usually varargs, so only an explicit null reaches here. */
  public static int[] ints(String op, String name, int[] value) {
    if (value == null) {
      throw isNull(op, name, "pass the ints themselves, e.g. 2, 3 or new int[] {2, 3}; for none pass new int[0] "
          + "or leave the varargs out");
    }
    return value;
  }

  /** A function to trace or call: a lambda or a method reference. */
  public static <T> T function(String op, String name, T value) {
    if (value == null) throw isNull(op, name, "pass a function, e.g. a lambda x -> x.mul(2) or a method reference Ex::f");
    return value;
  }

  /** Any other reference that must not be null; {@code fix} says what to pass. */
  public static <T> T nonNull(String op, String name, T value, String fix) {
    if (value == null) throw isNull(op, name, fix);
    return value;
  }

  /** A count or size that must be 0 or more. */
  public static int nonNegative(String op, String name, int value, String fix) {
    if (value < 0) throw invalid(op, name, "is " + value + ", but must be 0 or more", fix);
    return value;
  }

  /** The error for a parameter: {@code "Jnp.add: argument y is null. Fix: ..."} and the user's line. */
  public static InvalidArgumentException invalid(String op, String name, String problem, String fix) {
    return new InvalidArgumentException(op + ": argument " + name + " " + problem + ". Fix: " + fix + "."
        + SourceLocation.suffix());
  }

  /** The same message for a shape or size argument, as a {@link ShapeException}. */
  public static ShapeException shapeError(String op, String name, String problem, String fix) {
    return new ShapeException(op + ": argument " + name + " " + problem + ". Fix: " + fix + "." + SourceLocation.suffix());
  }

  private static InvalidArgumentException isNull(String op, String name, String fix) {
    return invalid(op, name, "is null", fix);
  }

  /** {@code a java.lang.String ("abc")}, as messages show a value of an unexpected type. */
  public static String describe(Object v) {
    if (v == null) return "null";
    String text = v instanceof String s ? "\"" + s + "\"" : String.valueOf(v);
    if (text.length() > 60) text = text.substring(0, 57) + "...";
    return "a " + v.getClass().getName() + " (" + text + ")";
  }

  private static String plural(String what) {
    // "an Array" -> "Arrays", "a function" -> "functions"
    String noun = what.startsWith("an ") ? what.substring(3) : what.startsWith("a ") ? what.substring(2) : what;
    return noun + "s";
  }
}
