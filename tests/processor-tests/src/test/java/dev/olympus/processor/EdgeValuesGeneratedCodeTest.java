package dev.olympus.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.olympus.processor.Compilations.call;
import static dev.olympus.processor.Compilations.compile;
import static dev.olympus.processor.Compilations.loader;
import static dev.olympus.processor.Compilations.source;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import dev.olympus.Array;
import dev.olympus.DType;
import dev.olympus.Olympus;
import dev.olympus.edge.EdgeExpectations;
import dev.olympus.edge.EdgeFunctions;
import dev.olympus.edge.EdgeTable;
import dev.olympus.edge.EdgeVerdict;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The edge tables computed by JAX (the tracer's {@code dev/olympus/edge}) through the kernels the annotation
 * processor writes at javac time: one {@code @Jit} method per function and dtype, its parameters declared
 * {@code [...]}, so each becomes a kernel over its elements as one flat row ({@code NestKernelRenderer}). Every
 * call must be served by the generated kernel (no run-time compile) and agree with JAX within
 * {@link EdgeExpectations}' bounds.
 */
class EdgeValuesGeneratedCodeTest {
  private record Method(String className, String name, EdgeTable.Case c) {}

  @TestFactory
  Stream<DynamicTest> generatedKernelsMatchJax() {
    List<Method> methods = new ArrayList<>();
    List<JavaFileObject> sources = new ArrayList<>();
    List<String> functions = EdgeTable.functions();
    // One class per function: a class holding every method would exceed the JVM's code size limit.
    for (int k = 0; k < functions.size(); k++) {
      EdgeFunctions.EdgeFunction f = EdgeFunctions.get(functions.get(k));
      String className = "Edge" + k;
      StringBuilder body = new StringBuilder();
      for (EdgeTable.Case c : EdgeTable.cases(f.name())) {
        if (c.jaxRejects()) continue;
        Method m = new Method(className, c.dtype().shortName(), c);
        methods.add(m);
        body.append(method(m, f)).append('\n');
      }
      sources.add(source("edge." + className,
          "package edge;",
          "import dev.olympus.Array;",
          "import dev.olympus.DType;",
          "import dev.olympus.annotations.Jit;",
          "import dev.olympus.annotations.Shape;",
          "import dev.olympus.lax.Lax;",
          "import dev.olympus.numpy.Jnp;",
          "/** " + f.name() + " */",
          "public final class " + className + " {",
          body.toString(),
          "}"));
    }
    Compilation compilation = compile(sources.toArray(new JavaFileObject[0]));
    assertThat(compilation).succeeded();
    ClassLoader loader = loader(compilation);
    return methods.stream().map(m -> DynamicTest.dynamicTest(m.c().toString(), () -> {
      long compiles = Olympus.compileCount();
      EdgeVerdict.assertAgrees(m.c(), a -> (Array) call(loader, "edge." + m.className() + "_Jit", m.name(),
          (Object[]) a), EdgeExpectations.ulps(m.c().function(), m.c().dtype()), "javac-time kernel");
      assertEquals(compiles, Olympus.compileCount(), m.c() + ": the javac-time kernel served every call");
    }));
  }

  /** {@code @Jit public static Array f32(@Shape("f32[...]") Array a, ...) { return Jnp.f(a, ...); }}, by dtype. */
  private static String method(Method m, EdgeFunctions.EdgeFunction f) {
    String[] names = {"a", "b", "c"};
    List<String> params = new ArrayList<>();
    for (int i = 0; i < f.arity(); i++) {
      DType d = m.c().operands().get(i).dtype();
      params.add("@Shape(\"" + d.shortName() + "[...]\") Array " + names[i]);
    }
    return "  @Jit public static Array " + m.name() + "(" + String.join(", ", params) + ") { return "
        + javaCall(m.c().function(), List.of(names).subList(0, f.arity())) + "; }";
  }

  /** {@code jnp.power[3]} on {@code a} is {@code Jnp.power(a, 3)}; {@code jnp.astype[f64]} is {@code DType.F64}. */
  private static String javaCall(String function, List<String> args) {
    String owner = function.startsWith("jnp.") ? "Jnp" : "Lax";
    int bracket = function.indexOf('[');
    String method = function.substring(4, bracket < 0 ? function.length() : bracket);
    List<String> all = new ArrayList<>(args);
    if (bracket >= 0) {
      for (String p : function.substring(bracket + 1, function.length() - 1).split(",")) {
        all.add(Character.isLetter(p.charAt(0)) ? "DType." + p.toUpperCase() : p);
      }
    }
    return owner + "." + method + "(" + String.join(", ", all) + ")";
  }
}
