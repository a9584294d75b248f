package dev.olympus.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import com.sun.source.util.Trees;
import dev.olympus.Array;
import dev.olympus.DType;
import dev.olympus.Fn1;
import dev.olympus.Fn2;
import dev.olympus.Fn3;
import dev.olympus.Olympus;
import dev.olympus.numpy.Jnp;
import dev.olympus.processor.diagnostic.Diagnostics;
import dev.olympus.processor.generate.KernelRenderers;
import dev.olympus.processor.model.JitMethod;
import dev.olympus.processor.model.Parameter;
import dev.olympus.processor.model.ShapeSpec;
import dev.olympus.processor.trace.CompileTimeTracer;
import dev.olympus.processor.validate.JitMethodValidator;
import dev.olympus.types.AbstractValue;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * For every {@code @Jit} method of {@code examples/} and {@code kernels-generated/}: the IR the processor traces
 * at javac time (by interpreting the source) is the IR {@code Olympus.makeIr} traces at run time (by running the
 * compiled method), for the same arguments. This is what "one IR builder, two front-ends" promises.
 */
class JavacIrMatchesRuntimeIrTest {
  /** Values for static arguments; a new @Jit method with a static argument must be added here. */
  static final Map<String, Object> STATIC_VALUES = Map.of("Ex.g.n", 3, "Nn.gelu.approximate", false,
      "Nn.oneHot.numClasses", 5, "Nn.maxPool.window", 2, "Nn.maxPool.stride", 2, "Nn.avgPool.window", 2,
      "Nn.avgPool.stride", 1);

  /** Extra argument sets beyond the ones derived from the declared shapes (seed cell 1: a weak f32 scalar). */
  static final Map<String, List<List<Object>>> EXTRA = Map.of(
      "Ex.log2", List.of(List.of(new AbstractValue(DType.F32, dev.olympus.types.Shape.SCALAR, true))),
      "Ex.loopBody", List.of(List.of(AbstractValue.of(DType.I32))),
      "Ex.g", List.of(List.of(AbstractValue.of(DType.I32), 20)));

  /** Arguments from the declared shapes: symbols of size 4, 5, 6, ...; f32[...] as a 2x3 matrix. */
  static List<Object> derivedArguments(JitMethod m) {
    Map<String, Integer> sizes = new LinkedHashMap<>();
    List<Object> args = new ArrayList<>();
    for (Parameter p : m.parameters()) {
      if (p.isStatic()) {
        Object v = STATIC_VALUES.get(m.displayName() + "." + p.name());
        assertNotNull(v, "add a value for static argument " + p.name() + " of " + m.displayName() + " to STATIC_VALUES");
        args.add(v);
        continue;
      }
      List<AbstractValue> leaves = new ArrayList<>();
      for (var leaf : p.tree().leaves(p.name())) leaves.add(aval(leaf.shape(), sizes));
      args.add(p.tree() instanceof dev.olympus.processor.model.ArgTree.Leaf ? leaves.get(0) : leaves);
    }
    return args;
  }

  private static AbstractValue aval(ShapeSpec spec, Map<String, Integer> sizes) {
    if (spec.anyShape()) return AbstractValue.of(spec.dtype(), 2, 3);
    int[] dims = new int[spec.dims().size()];
    for (int i = 0; i < dims.length; i++) {
      ShapeSpec.Dim d = spec.dims().get(i);
      dims[i] = d instanceof ShapeSpec.Size s ? s.value()
          : sizes.computeIfAbsent(((ShapeSpec.Symbol) d).name(), k -> 4 + sizes.size());
    }
    return AbstractValue.of(spec.dtype(), dims);
  }

  static JavaFileObject sourceOf(String path, String className) throws IOException {
    Path file = Path.of(path);
    return JavaFileObjects.forSourceString(className, Files.readString(file));
  }

  @Test
  void everyJitMethodOfExamplesAndKernelsTracesTheSameIrAtJavacTimeAndAtRunTime() throws Exception {
    JavacIrs.Collector collector = new JavacIrs.Collector(m -> {
      List<List<Object>> sets = new ArrayList<>();
      sets.add(derivedArguments(m));
      sets.addAll(EXTRA.getOrDefault(m.displayName(), List.of()));
      return sets;
    });
    Compilation c = javac().withProcessors(collector).compile(
        sourceOf("../../examples/src/main/java/dev/olympus/examples/Ex.java", "dev.olympus.examples.Ex"),
        sourceOf("../../examples/src/main/java/dev/olympus/examples/JitLayers.java",
            "dev.olympus.examples.JitLayers"),
        sourceOf("../../kernels-generated/src/main/java/dev/olympus/nn/Nn.java", "dev.olympus.nn.Nn"));
    assertThat(c).succeeded();
    assertFalse(collector.irs.isEmpty());
    assertEquals(Set.of("Ex.log2", "Ex.selu", "Ex.g", "Ex.loopBody", "Ex.fun"),
        collector.irs.keySet().stream().filter(k -> k.startsWith("Ex.")).collect(java.util.stream.Collectors.toSet()));
    int compared = 0;
    for (Map.Entry<String, List<List<Object>>> e : collector.arguments.entrySet()) {
      String name = e.getKey();
      Class<?> owner = name.startsWith("Ex.") ? dev.olympus.examples.Ex.class
          : name.startsWith("JitLayers.") ? dev.olympus.examples.JitLayers.class : dev.olympus.nn.Nn.class;
      // Overloads share a name (Nn.gelu(x), Nn.gelu(x, approximate)): the collector keeps the last one traced.
      Method method = JavacIrs.find(owner, name.substring(name.indexOf('.') + 1), e.getValue().get(0).size());
      for (int k = 0; k < e.getValue().size(); k++) {
        String runtime = JavacIrs.runtimeIr(method, e.getValue().get(k)).toString();
        assertEquals(runtime, collector.irs.get(name).get(k), name + " with " + e.getValue().get(k));
        compared++;
      }
    }
    assertEquals(collector.irs.size() + EXTRA.values().stream().mapToInt(List::size).sum(), compared);
    // Seed cell 1, traced by javac: exactly the tutorial's jaxpr.
    assertEquals("""
        { lambda ; a:f32[]. let
            b:f32[] = log a
            c:f32[] = log 2.0:f32[]
            d:f32[] = div b c
          in (d,) }""", collector.irs.get("Ex.log2").get(1));
    // Not trivially equal: the kernels' IRs hold reductions, broadcasts and a dot.
    String dense = collector.irs.get("Nn.dense").get(0);
    assertEquals(true, dense.contains("dot_general") && dense.contains("f32[4,5]"), dense);
  }

  @Test
  void theGeneratedEntryPointsOfExamplesAndKernelsCompileUnderXlintAllWerror() throws Exception {
    // Moved to another package: the compiled Ex_Jit and Nn_Jit on the test class path would clash.
    Compilation c = javac().withProcessors(new JitProcessor()).withOptions("-Xlint:all", "-Werror").compile(
        moved("../../examples/src/main/java/dev/olympus/examples/Ex.java", "dev.olympus.examples", "Ex"),
        moved("../../kernels-generated/src/main/java/dev/olympus/nn/Nn.java", "dev.olympus.nn", "Nn"));
    assertThat(c).succeededWithoutWarnings();
    assertThat(c).generatedSourceFile("copy.nn.Nn_Jit").contentsAsUtf8String()
        .contains("private static Array[] denseKernel(Array x, Array w, Array bias, int b, int n, int m)");
  }

  private static JavaFileObject moved(String path, String pkg, String simpleName) throws IOException {
    String copy = "copy" + pkg.substring(pkg.lastIndexOf('.'));
    return JavaFileObjects.forSourceString(copy + "." + simpleName,
        Files.readString(Path.of(path)).replace("package " + pkg + ";", "package " + copy + ";"));
  }
}
