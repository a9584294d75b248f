package dev.olympus.processor.diagnostic;

import java.util.Locale;
import javax.tools.Diagnostic;

/**
 * Every message the processor prints, with a stable tag ({@code OLY1xx} validation errors, {@code OLY2xx}
 * tracing errors, {@code OLY3xx} warnings about what javac could not trace, {@code OLY4xx} notes,
 * {@code OLY9xx} internal errors). Tags never change meaning, so builds and docs can refer to them.
 */
public enum Message {
  // ---- validation (errors on the element, or on the annotation value) -------------------------------------
  NOT_STATIC(101, Diagnostic.Kind.ERROR,
      "@Jit method %s must be static: %s calls it with no receiver. Make it static and pass what it reads "
          + "from the instance as parameters."),
  PRIVATE_METHOD(102, Diagnostic.Kind.ERROR,
      "@Jit method %s must not be private: the generated %s calls it from the same package. Make it "
          + "package-private or public."),
  INACCESSIBLE_CLASS(103, Diagnostic.Kind.ERROR,
      "@Jit method %s is declared in %s, which the generated %s cannot reach: %s."),
  GENERIC_METHOD(104, Diagnostic.Kind.ERROR,
      "@Jit method %s declares type parameters %s; a jitted method has concrete Array parameter types. "
          + "Remove the type parameters."),
  ARITY(105, Diagnostic.Kind.ERROR,
      "@Jit method %s takes %d parameters; a jitted function takes 1 to 4 (Fn1..Fn4). %s"),
  NOT_STATIC_PARAMETER(106, Diagnostic.Kind.ERROR,
      "parameter %s of @Jit method %s is %s, a Java value that javac cannot trace as an array. Name it in "
          + "staticArgs (@Jit(staticArgs = \"%s\")) so that each distinct value is traced and compiled once, "
          + "or pass it as an Array.%s"),
  UNKNOWN_STATIC_ARG(107, Diagnostic.Kind.ERROR,
      "staticArgs names \"%s\", which is not a parameter of %s (its parameters: %s).%s"),
  STATIC_ARG_WITHOUT_EQUALITY(108, Diagnostic.Kind.ERROR,
      "parameter %s of %s is listed in staticArgs but has type %s, %s"),
  DUPLICATE_STATIC_ARG(109, Diagnostic.Kind.WARNING,
      "staticArgs names \"%s\" more than once."),
  BAD_RESULT(110, Diagnostic.Kind.ERROR,
      "@Jit method %s returns %s; a jitted method returns an Array, a record of Arrays or a List<Array>, "
          + "the values the compiled kernel produces."),
  CHECKED_EXCEPTION(111, Diagnostic.Kind.ERROR,
      "@Jit method %s declares the checked exception %s; a jitted function (Fn1..Fn4) cannot throw checked "
          + "exceptions. Throw an unchecked exception instead."),
  BAD_SHAPE(112, Diagnostic.Kind.ERROR,
      "@Shape(\"%s\") on %s: %s. Write the abstract value as jaxprs print it: \"f32[b,784]\", \"i32[]\", "
          + "\"f32[...]\" (dtypes f32 f64 bf16 f16 i8 i16 i32 i64 u8 u16 u32 bool; a dimension is a size or a name)."),
  SHAPE_ON_NON_ARRAY(113, Diagnostic.Kind.ERROR,
      "@Shape on %s, which is %s, not an Array: only Array parameters and record components have shapes."),
  MISSING_RUNTIME(114, Diagnostic.Kind.ERROR,
      "@Jit needs dev.olympus.Array on the class path of this compilation: add the olympus-runtime "
          + "dependency (the generated classes call Olympus.jit)."),

  // ---- tracing at javac time (errors at the tree node) -----------------------------------------------------
  TRACED_BOOL(201, Diagnostic.Kind.ERROR, "%s%s"),
  CONCRETIZATION(202, Diagnostic.Kind.ERROR, "%s%s"),
  SHAPE_ERROR(203, Diagnostic.Kind.ERROR, "%s%s"),
  TRACE_EXCEPTION(204, Diagnostic.Kind.ERROR,
      "this throws %s when javac traces it%s: %s"),

  // ---- what javac could not trace (warnings) ----------------------------------------------------------------
  UNSUPPORTED(301, Diagnostic.Kind.WARNING,
      "javac cannot trace %s: %s at line %d is not supported by the javac-time tracer (%s). %s traces it at "
          + "run time instead, like Olympus.jit."),
  NOT_SHAPE_GENERIC(302, Diagnostic.Kind.WARNING,
      "the IR of %s depends on the value of the symbolic dimension%s %s, so no single kernel serves every "
          + "size; %s traces it at run time instead. Declare %s as fixed sizes in @Shape to get a javac-time "
          + "kernel."),

  PRINT_WHILE_TRACING(303, Diagnostic.Kind.WARNING,
      "%s prints with System.out/err at line %d: that runs only while the method is traced (once per shape and "
          + "static value, when %s traces it at run time), never on the calls a kernel serves, as print does "
          + "under jax.jit. Print traced values on every call with Olympus.debugPrint(\"x = {}\", x)."),

  // ---- notes ------------------------------------------------------------------------------------------------
  NO_TREES(401, Diagnostic.Kind.NOTE,
      "the Olympus processor cannot read method bodies in this compiler (%s), so javac does not trace @Jit "
          + "methods here: the generated classes trace at run time, and tracing errors show up when they run."),
  DEFAULT_SHAPE_FAILED(402, Diagnostic.Kind.NOTE,
      "javac traced %s with the default shape %s for the parameter%s %s that declare%s no @Shape, and that "
          + "failed: %s. %s traces it at run time; declare @Shape to get a javac-time kernel and shape checks."),

  STATIC_AT_RUN_TIME(404, Diagnostic.Kind.NOTE,
      "%s reads the value of its static argument %s here, so javac cannot trace one kernel for %s; %s traces "
          + "each such value at run time, once per value. %s"),

  TIMING(403, Diagnostic.Kind.NOTE,
      "generated %s for %d @Jit method(s) in %d ms, of which tracing and lowering %d ms."),

  // ---- internal -------------------------------------------------------------------------------------------------
  INTERNAL(900, Diagnostic.Kind.ERROR,
      "internal error in the Olympus annotation processor while %s: %s. This is a bug in Olympus, not in your "
          + "code; please report it with this message. To build meanwhile, compile with "
          + "-Aolympus.javacTracing=false (every @Jit method is then traced at run time)."),
  CANNOT_WRITE(901, Diagnostic.Kind.ERROR, "cannot write the generated %s: %s");

  private final int number;
  private final Diagnostic.Kind kind;
  private final String template;

  Message(int number, Diagnostic.Kind kind, String template) {
    this.number = number;
    this.kind = kind;
    this.template = template;
  }

  /** {@code OLY101}: stable across releases. */
  public String tag() { return "OLY" + number; }

  public Diagnostic.Kind kind() { return kind; }

  /** The full text: {@code [OLY101] ...}. */
  public String format(Object... args) {
    return "[" + tag() + "] " + String.format(Locale.ROOT, template, args);
  }
}
