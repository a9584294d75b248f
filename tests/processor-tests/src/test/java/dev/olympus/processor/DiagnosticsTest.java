package dev.olympus.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static dev.olympus.processor.Compilations.compile;
import static dev.olympus.processor.Compilations.generated;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import dev.olympus.processor.generate.KernelRenderer;
import java.util.List;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Every diagnostic of the catalog at the line and column it must point at. */
class DiagnosticsTest {
  static final Source INVALID = Source.of("demo.Invalid",
      "package demo;",
      "import dev.olympus.Array;",
      "import dev.olympus.annotations.Jit;",
      "import dev.olympus.annotations.Shape;",
      "public class Invalid {",
      "  @Jit public Array notStatic(Array x) { return x; }",
      "  @Jit private static Array hidden(Array x) { return x; }",
      "  @Jit static <T> Array generic(Array x) { return x; }",
      "  @Jit static Array none() { return null; }",
      "  @Jit static Array five(Array a, Array b, Array c, Array d, Array e) { return a; }",
      "  @Jit static Array undeclared(Array x, int n) { return x; }",
      "  @Jit(staticArgs = {\"nn\"}) static Array misspelled(Array x, int n) { return x; }",
      "  @Jit(staticArgs = \"x\") static Array arrayStatic(Array x) { return x; }",
      "  @Jit(staticArgs = \"k\") static Array javaArrayStatic(Array x, int[] k) { return x; }",
      "  @Jit static Array javaArray(Array x, float[] k) { return x; }",
      "  @Jit static void nothing(Array x) { }",
      "  @Jit static Array checked(Array x) throws Exception { return x; }",
      "  @Jit static Array badShape(@Shape(\"f32[b,\") Array x) { return x; }",
      "  @Jit static Array badDtype(@Shape(\"f8[3]\") Array x) { return x; }",
      "  @Jit(staticArgs = \"n\") static Array shapeOnInt(Array x, @Shape(\"f32[3]\") int n) { return x; }",
      "  @Jit(staticArgs = {\"n\", \"n\"}) static Array duplicate(Array x, int n) { return x; }",
      "  private static class Secret { @Jit static Array inside(Array x) { return x; } }",
      "}");

  @Test
  void validationErrorsPointAtTheElementOrAnnotationValue() {
    JavaFileObject f = INVALID.file();
    Compilation c = compile(f);
    assertThat(c).failed();
    error(c, f, "[OLY101] @Jit method Invalid.notStatic must be static", INVALID.line("notStatic"),
        INVALID.column("notStatic", "notStatic"));
    error(c, f, "[OLY102] @Jit method Invalid.hidden must not be private", INVALID.line("hidden"),
        INVALID.column("hidden", "hidden"));
    error(c, f, "[OLY104] @Jit method Invalid.generic declares type parameters", INVALID.line("generic"),
        INVALID.column("generic", "generic"));
    error(c, f, "[OLY105] @Jit method Invalid.none takes 0 parameters", INVALID.line("none()"),
        INVALID.column("none()", "none"));
    error(c, f, "[OLY105] @Jit method Invalid.five takes 5 parameters", INVALID.line("five"),
        INVALID.column("five", "five"));
    error(c, f, "[OLY106] parameter n of @Jit method Invalid.undeclared is an int", INVALID.line("undeclared"),
        INVALID.column("undeclared", "n)"));
    error(c, f, "Name it in staticArgs (@Jit(staticArgs = \"n\"))", INVALID.line("undeclared"),
        INVALID.column("undeclared", "n)"));
    error(c, f, "[OLY107] staticArgs names \"nn\", which is not a parameter of Invalid.misspelled (its parameters: "
        + "x, n). Did you mean \"n\"?", INVALID.line("misspelled"), INVALID.column("misspelled", "\"nn\""));
    error(c, f, "[OLY108] parameter x of Invalid.arrayStatic is listed in staticArgs but has type dev.olympus.Array",
        INVALID.line("arrayStatic"), INVALID.column("arrayStatic", "x)"));
    error(c, f, "a Java array's equals() is identity", INVALID.line("javaArrayStatic"),
        INVALID.column("javaArrayStatic", "k)"));
    error(c, f, "A Java array is not a pytree: pass a List<Array>", INVALID.line("javaArray("),
        INVALID.column("javaArray(", "k)"));
    error(c, f, "[OLY110] @Jit method Invalid.nothing returns void", INVALID.line("nothing"),
        INVALID.column("nothing", "nothing"));
    error(c, f, "[OLY111] @Jit method Invalid.checked declares the checked exception java.lang.Exception",
        INVALID.line("checked"), INVALID.column("checked", "checked"));
    error(c, f, "[OLY112] @Shape(\"f32[b,\") on parameter x: expected a dtype followed by dimensions in brackets",
        INVALID.line("badShape"),
        INVALID.column("badShape", "\"f32[b,\""));
    error(c, f, "[OLY112] @Shape(\"f8[3]\") on parameter x: unknown dtype \"f8\"", INVALID.line("badDtype"),
        INVALID.column("badDtype", "\"f8[3]\""));
    error(c, f, "[OLY113] @Shape on parameter n, which is an int, not an Array", INVALID.line("shapeOnInt"),
        INVALID.column("shapeOnInt", "@Shape"));
    error(c, f, "[OLY103] @Jit method Secret.inside is declared in demo.Invalid.Secret", INVALID.line("Secret"),
        INVALID.column("Secret", "inside"));
    assertThat(c).hadWarningContaining("[OLY109] staticArgs names \"n\" more than once.").inFile(f)
        .onLine(INVALID.line("duplicate")).atColumn(INVALID.column("duplicate", "\"n\", \"n\"") + 5);
  }

  static final Source TRACED = Source.of("demo.Traced",
      "package demo;",
      "import dev.olympus.Array;",
      "import dev.olympus.annotations.Jit;",
      "import dev.olympus.annotations.Shape;",
      "import dev.olympus.numpy.Jnp;",
      "public class Traced {",
      "  @Jit static Array branchy(Array x) {",
      "    if (x.gt(0).bool()) return x;",
      "    return x.mul(2);",
      "  }",
      "  @Jit static Array loopy(@Shape(\"i32[]\") Array x, @Shape(\"i32[]\") Array n) {",
      "    Array i = Jnp.scalar(0);",
      "    while (Jnp.less(i, n).bool()) i = i.add(1);",
      "    return x.add(i);",
      "  }",
      "  @Jit static Array concrete(Array x) {",
      "    int k = x.sum().intValue();",
      "    return x.mul(k);",
      "  }",
      "  @Jit static Array shapes(@Shape(\"f32[3]\") Array x, @Shape(\"f32[4]\") Array y) {",
      "    return x.add(y);",
      "  }",
      "  @Jit static Array validates(@Shape(\"f32[2,3]\") Array x) {",
      "    if (x.ndim() != 3) throw new IllegalArgumentException(\"validates needs rank 3\");",
      "    return x;",
      "  }",
      "  @Jit static Array nested(@Shape(\"f32[3]\") Array x) {",
      "    return helper(x.neg());",
      "  }",
      "  static Array helper(Array y) {",
      "    return y.reshape(2, 2);",
      "  }",
      "  @Jit static Array fine(Array x) { return x.mul(3); }",
      "  @Jit(staticArgs = \"n\") static Array staticThenBranch(Array x, int n) {",
      "    if (x.sum().gt(0).bool()) return x;",
      "    return x.mul(n);",
      "  }",
      "}");

  @Test
  void tracingErrorsPointAtTheExpressionThatFailed() {
    JavaFileObject f = TRACED.file();
    Compilation c = compile(f);
    assertThat(c).failed();
    error(c, f, "[OLY201] Attempted boolean conversion of traced array with shape bool[n]",
        TRACED.line("x.gt(0).bool()"), TRACED.column("x.gt(0).bool()", ".bool"));
    error(c, f, "Lax.cond", TRACED.line("x.gt(0).bool()"), TRACED.column("x.gt(0).bool()", ".bool"));
    // Cell 6: the message names the argument the value depends on.
    error(c, f, "depends on the value of the argument n", TRACED.line("Jnp.less(i, n).bool()"),
        TRACED.column("Jnp.less(i, n).bool()", ".bool"));
    error(c, f, "[OLY202] Abstract tracer value encountered where a concrete value is expected: intValue()",
        TRACED.line("intValue()"), TRACED.column("intValue()", ".intValue"));
    error(c, f, "[OLY203] add: shapes (3,) and (4,) cannot be broadcast together", TRACED.line("x.add(y)"),
        TRACED.column("x.add(y)", ".add"));
    error(c, f, "javac traced Traced.shapes with x: f32[3], y: f32[4]", TRACED.line("x.add(y)"),
        TRACED.column("x.add(y)", ".add"));
    error(c, f, "[OLY204] this throws java.lang.IllegalArgumentException when javac traces it (with x: f32[2,3]): "
        + "validates needs rank 3", TRACED.line("throw new"), TRACED.column("throw new", "throw"));
    // An error inside a called method is reported there, with the call that led to it.
    error(c, f, "[OLY203] reshape", TRACED.line("y.reshape"), TRACED.column("y.reshape", ".reshape"));
    error(c, f, "in Traced.helper, called at Traced.java:" + TRACED.line("helper(x.neg())"),
        TRACED.line("y.reshape"), TRACED.column("y.reshape", ".reshape"));
    // Javac does not know n, but the branch comes before any use of it: an error for every value of n.
    error(c, f, "[OLY201] Attempted boolean conversion of traced array with shape bool[]",
        TRACED.line("x.sum().gt(0).bool()"), TRACED.column("x.sum().gt(0).bool()", ".bool"));
    assertEquals(7, c.errors().size(), "one error per failing method: " + c.errors());
  }

  static final Source UNSUPPORTED = Source.of("demo.Odd",
      "package demo;",
      "import dev.olympus.Array;",
      "import dev.olympus.annotations.Jit;",
      "import dev.olympus.annotations.Shape;",
      "public class Odd {",
      "  static int counter = 3;",
      "  @Jit static Array tries(Array x) {",
      "    try { return x.mul(2); } catch (RuntimeException e) { return x; }",
      "  }",
      "  @Jit static Array locks(Array x) {",
      "    synchronized (Odd.class) { return x.neg(); }",
      "  }",
      "  @Jit static Array global(Array x) {",
      "    return x.mul(counter);",
      "  }",
      "  @Jit static Array clock(Array x) {",
      "    long t = System.nanoTime();",
      "    return t > 0 ? x : x.neg();",
      "  }",
      "  @Jit static Array anonymous(Array x) {",
      "    Runnable r = new Runnable() { public void run() { } };",
      "    return x;",
      "  }",
      "  @Jit static Array unrolled(@Shape(\"f32[b]\") Array x) {",
      "    Array s = x;",
      "    for (int i = 0; i < x.shape()[0]; i++) s = s.add(1);",
      "    return s;",
      "  }",
      "  @Jit static Array rowSums(Array x) {",
      "    return x.sum(1);",
      "  }",
      "}");

  @Test
  void unsupportedJavaIsAWarningAtItsLineAndTheMethodIsTracedAtRunTime() {
    JavaFileObject f = UNSUPPORTED.file();
    Compilation c = compile(f);
    assertThat(c).succeeded();
    warning(c, f, "[OLY301] javac cannot trace Odd.tries: the try statement `try { return x.mul(2); } catch "
        + "(RuntimeException e) { ret...` at line " + UNSUPPORTED.line("try {"), UNSUPPORTED.line("try {"));
    warning(c, f, "Odd_Jit.tries traces it at run time instead", UNSUPPORTED.line("try {"));
    warning(c, f, "[OLY301] javac cannot trace Odd.locks: the synchronized block", UNSUPPORTED.line("synchronized ("));
    warning(c, f, "[OLY301] javac cannot trace Odd.global: the static field Odd.counter `counter` at line "
        + UNSUPPORTED.line("x.mul(counter)"), UNSUPPORTED.line("x.mul(counter)"));
    warning(c, f, "it is not final", UNSUPPORTED.line("x.mul(counter)"));
    warning(c, f, "[OLY301] javac cannot trace Odd.clock: the call to System.nanoTime", UNSUPPORTED.line("nanoTime"));
    warning(c, f, "never I/O or global state", UNSUPPORTED.line("nanoTime"));
    warning(c, f, "[OLY301] javac cannot trace Odd.anonymous: an anonymous class", UNSUPPORTED.line("new Runnable"));
    assertThat(c).hadWarningContaining("[OLY302] the IR of Odd.unrolled depends on the value of the symbolic "
        + "dimension b").inFile(f).onLine(UNSUPPORTED.line("Array unrolled"));
    assertThat(c).hadNoteContaining("[OLY402] javac traced Odd.rowSums with the default shape f32[...] for the "
        + "parameter x that declares no @Shape, and that failed: ShapeException: sum: axis 1 is out of bounds")
        .inFile(f).onLine(UNSUPPORTED.line("Array rowSums"));
    for (Diagnostic<? extends JavaFileObject> d : c.diagnostics()) {
      assertFalse(d.getMessage(null).contains("at dev.olympus."), "no processor stack trace: " + d);
    }
    String code = generated(c, "demo.Odd_Jit");
    for (String m : List.of("tries", "locks", "global", "clock", "anonymous", "unrolled", "rowSums")) {
      assertFalse(code.contains(m + "Kernel"), m + " is traced at run time only");
    }
  }

  @Test
  void anInternalFailureIsAnErrorThatSaysSoNeverACrash() {
    KernelRenderer broken = request -> {
      throw new IllegalStateException("renderer exploded");
    };
    Compilation c = javac().withProcessors(new JitProcessor(broken)).compile(GeneratedCodeTest.SELU);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[OLY900] internal error in the Olympus annotation processor while tracing "
        + "Act.selu: java.lang.IllegalStateException: renderer exploded");
    assertThat(c).hadErrorContaining("This is a bug in Olympus, not in your code");
    assertThat(c).hadErrorContaining("-Aolympus.javacTracing=false");
  }

  @Test
  void javacTracingCanBeSwitchedOff() {
    Compilation c = javac().withProcessors(new JitProcessor()).withOptions("-Aolympus.javacTracing=false")
        .compile(TRACED.file());
    assertThat(c).succeededWithoutWarnings();
    assertTrue(generated(c, "demo.Traced_Jit").contains("javac-time tracing is off: -Aolympus.javacTracing=false"));
  }

  private static void error(Compilation c, JavaFileObject f, String text, long line, long column) {
    assertThat(c).hadErrorContaining(text).inFile(f).onLine(line).atColumn(column);
  }

  private static void warning(Compilation c, JavaFileObject f, String text, long line) {
    assertThat(c).hadWarningContaining(text).inFile(f).onLine(line);
  }
}
