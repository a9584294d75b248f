package dev.olympus.debug;

import dev.olympus.Array;
import dev.olympus.errors.OlympusException;
import dev.olympus.errors.SourceLocation;
import dev.olympus.primitive.DebugCallback;
import dev.olympus.primitive.HostFunction;
import dev.olympus.storage.ArrayFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Looking at values while they are computed (JAX's {@code jax.debug}). Unlike {@code System.out.println}, which
 * runs once while a function is traced and shows tracers, these print or call back with the concrete values:
 * at once when called eagerly, and on every call of the compiled code when traced.
 */
public final class Debug {
  private Debug() {}

  /**
   * Prints {@code fmt} with each {@code {}} replaced by the next argument's value as NumPy's {@code str} shows
   * it ({@code 1.5}, {@code [1. 2. 3.]}); {@code {0}}, {@code {1}} pick an argument by position, {@code {{} and
   * {@code }}} print a brace (JAX's {@code jax.debug.print}, which uses Python's {@code str.format}).
   */
  public static void print(String fmt, Array... args) {
    Format format = Format.parse(fmt, args.length);
    List<Array> operands = List.of(args.clone());
    HostFunction callback = HostFunction.of(format.toString(), format, values -> {
      System.out.println(format.apply(values));
      return List.of();
    });
    DebugCallback.DEBUG_CALLBACK.bind(DebugCallback.params(callback), operands);
  }

  /**
   * Calls {@code callback} with the concrete values of {@code args}, now if they are concrete, else on every
   * run of the compiled code (JAX's {@code jax.debug.callback}). The callback gets NumPy-like arrays (no weak
   * types) and returns nothing to the computation.
   */
  public static void callback(Consumer<List<Array>> callback, Array... args) {
    HostFunction f = HostFunction.of(describe(callback), callback, values -> {
      callback.accept(values);
      return List.of();
    });
    DebugCallback.DEBUG_CALLBACK.bind(DebugCallback.params(f), List.of(args.clone()));
  }

  /**
   * {@code <lambda in Ex>} or {@code <Ex.Printer>}: a stable name for a callback in the IR, without the hash
   * codes of its class name, so IR text is the same from run to run.
   */
  public static String describe(Object callback) {
    String name = callback.getClass().getName();
    int lambda = name.indexOf("$$Lambda");
    if (lambda >= 0) {
      String outer = name.substring(0, lambda);
      return "<lambda in " + outer.substring(outer.lastIndexOf('.') + 1) + ">";
    }
    return "<" + name.substring(name.lastIndexOf('.') + 1).replace('$', '.') + ">";
  }

  /** A parsed format string: literal text and argument positions. Equal formats give equal IR. */
  record Format(String text, List<Object> pieces) {
    static Format parse(String fmt, int argCount) {
      List<Object> pieces = new ArrayList<>();
      StringBuilder literal = new StringBuilder();
      int auto = 0;
      boolean manual = false, automatic = false;
      for (int i = 0; i < fmt.length(); i++) {
        char ch = fmt.charAt(i);
        if (ch == '{' && i + 1 < fmt.length() && fmt.charAt(i + 1) == '{') {
          literal.append('{');
          i++;
        } else if (ch == '}' && i + 1 < fmt.length() && fmt.charAt(i + 1) == '}') {
          literal.append('}');
          i++;
        } else if (ch == '{') {
          int close = fmt.indexOf('}', i);
          if (close < 0) throw error(fmt, "a '{' is not closed; write '{{' for a literal brace");
          String field = fmt.substring(i + 1, close);
          int index;
          if (field.isEmpty()) {
            automatic = true;
            index = auto++;
          } else if (field.chars().allMatch(Character::isDigit)) {
            manual = true;
            index = Integer.parseInt(field);
          } else {
            throw error(fmt, "the field {" + field + "} is not supported; use {} or {0}, {1}, ... "
                + "(the value is printed as NumPy prints it)");
          }
          if (manual && automatic) {
            throw error(fmt, "cannot switch from automatic field numbering {} to manual {0} in one format");
          }
          if (index >= argCount) {
            throw error(fmt, "it refers to argument " + index + " but " + argCount + " array"
                + (argCount == 1 ? " was" : "s were") + " given");
          }
          if (literal.length() > 0) pieces.add(literal.toString());
          literal.setLength(0);
          pieces.add(index);
          i = close;
        } else if (ch == '}') {
          throw error(fmt, "a single '}' is not allowed; write '}}' for a literal brace");
        } else {
          literal.append(ch);
        }
      }
      if (literal.length() > 0) pieces.add(literal.toString());
      return new Format(fmt, List.copyOf(pieces));
    }

    String apply(List<Array> values) {
      StringBuilder sb = new StringBuilder();
      for (Object p : pieces) {
        if (p instanceof Integer i) sb.append(ArrayFormat.str(values.get(i).storage()));
        else sb.append(p);
      }
      return sb.toString();
    }

    private static OlympusException error(String fmt, String what) {
      return new OlympusException("debugPrint: bad format \"" + fmt + "\": " + what + SourceLocation.suffix());
    }

    /** How the IR shows the callback: {@code print('x = {}')}. */
    @Override
    public String toString() {
      return "print('" + text.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n") + "')";
    }
  }
}
