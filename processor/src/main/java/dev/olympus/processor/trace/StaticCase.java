package dev.olympus.processor.trace;

import dev.olympus.processor.interpret.SymbolicStatic;
import dev.olympus.processor.model.Parameter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * One assignment of a method's static parameters that javac traces a kernel for. A boolean takes each of its
 * values ({@code training} and {@code !training} are two kernels); an int is a symbol, traced with
 * representative values and passed to the kernel as an {@code int} ({@code x.mul(k)}: one kernel for every
 * {@code k}), or, where that fails because the value decides an axis, each value an axis of the declared
 * ranks can take.
 *
 * @param description {@code training = true, k}, for the file header
 * @param when the dispatcher's condition for this case, or null when it is every call
 * @param suffix what the kernel's name adds ({@code Training}, {@code NotTraining}, {@code Axis1})
 * @param concrete the static parameters with a fixed value here, by name
 * @param symbolic the static parameters traced as symbols, in order
 */
record StaticCase(String description, String when, String suffix, Map<String, Object> concrete,
    List<String> symbolic) {
  /** The kinds of static parameter javac can specialize on. */
  enum Kind { BOOLEAN, INT, LONG, ENUM, STRING, OTHER }

  static Kind kind(Parameter p) {
    TypeMirror t = p.type();
    TypeKind k = t.getKind();
    if (k == TypeKind.BOOLEAN) return Kind.BOOLEAN;
    if (k == TypeKind.INT || k == TypeKind.SHORT) return Kind.INT;
    if (k == TypeKind.LONG) return Kind.LONG;
    if (t instanceof javax.lang.model.type.DeclaredType d
        && d.asElement().getKind() == javax.lang.model.element.ElementKind.ENUM) {
      return Kind.ENUM;
    }
    if (t.toString().equals("java.lang.String")) return Kind.STRING;
    return Kind.OTHER;
  }

  /**
   * The constants of an enum a static parameter has: their names, the values the trace passes (the enum's
   * own constants, or canonical stand-ins for an enum of this compilation), and the enum's canonical name.
   */
  record EnumValues(String type, List<String> names, List<Object> values) {}

  /** The value the trace passes for {@code p}: the fixed one, or the symbol with its representative value. */
  Object value(Parameter p, Binding b) {
    if (concrete.containsKey(p.name())) return concrete.get(p.name());
    int v = b.size(p.name());
    Object boxed = switch (p.type().getKind()) {
      case LONG -> (long) v;
      case SHORT -> (short) v;
      default -> v;
    };
    return new SymbolicStatic(p.name(), boxed);
  }

  /** What the dispatcher passes for each symbolic static ({@code n}, or {@code (int) n} for a long). */
  Map<String, String> arguments(List<Parameter> statics) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Parameter p : statics) {
      if (symbolic.contains(p.name())) out.put(p.name(), kind(p) == Kind.LONG ? "(int) " + p.name() : p.name());
    }
    return out;
  }

  /**
   * Every combination of the static parameters' cases: each value of a boolean, each constant of an enum
   * ({@code enums} by name), each string literal of the method for a String ({@code strings} by name), each of
   * {@code enumerated}'s values for an int named there, and otherwise the int as a symbol.
   */
  static List<StaticCase> all(List<Parameter> statics, Map<String, List<Integer>> enumerated,
      Map<String, EnumValues> enums, Map<String, List<String>> strings) {
    List<StaticCase> cases = new ArrayList<>();
    cases.add(new StaticCase("", null, "", Map.of(), List.of()));
    for (Parameter p : statics) {
      List<StaticCase> next = new ArrayList<>();
      for (StaticCase c : cases) {
        if (kind(p) == Kind.STRING) {
          List<String> values = strings.getOrDefault(p.name(), List.of());
          for (int k = 0; k < values.size(); k++) {
            String v = values.get(k);
            String literal = com.palantir.javapoet.CodeBlock.of("$S", v).toString();
            String word = camel(v.replaceAll("[^A-Za-z0-9]+", "_"));
            if (word.isEmpty() || !Character.isJavaIdentifierStart(word.charAt(0))) word = "Value" + k;
            next.add(c.with(p.name() + " = " + literal, literal + ".equals(" + p.name() + ")",
                capital(p.name()) + word, p.name(), v));
          }
        } else if (kind(p) == Kind.ENUM) {
          EnumValues e = enums.get(p.name());
          for (int k = 0; k < e.names().size(); k++) {
            String constant = e.names().get(k);
            next.add(c.with(p.name() + " = " + constant, p.name() + " == " + e.type() + "." + constant,
                capital(p.name()) + camel(constant), p.name(), e.values().get(k)));
          }
        } else if (kind(p) == Kind.BOOLEAN) {
          next.add(c.with(p.name() + " = true", p.name(), capital(p.name()), p.name(), true));
          next.add(c.with(p.name() + " = false", "!" + p.name(), "Not" + capital(p.name()), p.name(), false));
        } else if (enumerated.containsKey(p.name())) {
          for (int v : enumerated.get(p.name())) {
            String literal = kind(p) == Kind.LONG ? v + "L" : Integer.toString(v);
            Object value = kind(p) == Kind.LONG ? (Object) (long) v : (Object) v;
            next.add(c.with(p.name() + " = " + v, p.name() + " == " + literal,
                capital(p.name()) + (v < 0 ? "Minus" + -v : Integer.toString(v)), p.name(), value));
          }
        } else {
          List<String> symbols = new ArrayList<>(c.symbolic);
          symbols.add(p.name());
          // A long serves only values an int size holds; an int may be any value the kernel's arithmetic takes.
          String guard = kind(p) == Kind.LONG ? p.name() + " == (int) " + p.name() : null;
          next.add(new StaticCase(join(c.description, p.name()), and(c.when, guard), c.suffix, c.concrete, symbols));
        }
      }
      cases = next;
    }
    return cases;
  }

  private StaticCase with(String what, String condition, String nameSuffix, String parameter, Object value) {
    Map<String, Object> values = new LinkedHashMap<>(concrete);
    values.put(parameter, value);
    return new StaticCase(join(description, what), and(when, condition), suffix + nameSuffix, values, symbolic);
  }

  private static String join(String a, String b) {
    return a.isEmpty() ? b : a + ", " + b;
  }

  private static String and(String a, String b) {
    if (a == null) return b;
    if (b == null) return a;
    return a + " && " + b;
  }

  /** {@code TRAIN_FAST} → {@code TrainFast}. */
  private static String camel(String constant) {
    StringBuilder sb = new StringBuilder();
    for (String part : constant.split("_")) {
      if (!part.isEmpty()) sb.append(part.substring(0, 1).toUpperCase(Locale.ROOT)).append(part.substring(1).toLowerCase(Locale.ROOT));
    }
    return sb.toString();
  }

  private static String capital(String s) {
    return s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
  }
}
