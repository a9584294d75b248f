package dev.olympus.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import dev.olympus.DType;
import dev.olympus.types.AbstractValue;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The Java a jitted method is written in, interpreted at javac time: for each construct, the javac-time IR is
 * the IR the compiled method traces at run time. Constructs that change the IR (unrolled loops, branches on
 * static values, helper calls, constants, control-flow primitives with lambdas) make any divergence visible.
 */
class InterpreterCoverageTest {
  static final Source COVERAGE = Source.of("demo.Coverage",
      "package demo;",
      "import dev.olympus.Array;",
      "import dev.olympus.DType;",
      "import dev.olympus.Fn1;",
      "import dev.olympus.annotations.Jit;",
      "import dev.olympus.annotations.Shape;",
      "import dev.olympus.lax.Lax;",
      "import dev.olympus.numpy.Jnp;",
      "import java.util.ArrayList;",
      "import java.util.List;",
      "import java.util.function.Function;",
      "public final class Coverage {",
      "  static final double SCALE = 0.5;",
      "  static final int[] STEPS = {3, 1, 2};",
      "  static final List<Double> WEIGHTS = List.of(0.25, 0.75);",
      "  static final Array BIAS = Jnp.array(1f, 2f, 3f);",
      "  record Pair(Array a, Array b) {",
      "    Array sum() { return a.add(b); }",
      "  }",
      "  @Jit static Array arithmetic(@Shape(\"f32[3]\") Array x) {",
      "    int k = 7 / 2;",
      "    k += 3;",
      "    k++;",
      "    long big = 1L << 40;",
      "    double d = k * SCALE + Math.sqrt(16) + (big > 0 ? 1 : 0);",
      "    float f = (float) d;",
      "    char c = 'a';",
      "    int fromChar = c + 1;",
      "    String label = \"k=\" + k;",
      "    System.out.println(label + x);",
      "    return x.mul(d).add(f).sub(fromChar % 5).div(label.length());",
      "  }",
      "  @Jit static Array loops(@Shape(\"f32[2,3]\") Array x) {",
      "    Array acc = x;",
      "    outer:",
      "    for (int i = 0; i < 4; i++) {",
      "      for (int j = 0; j < 3; j++) {",
      "        if (j == 1) continue;",
      "        if (i == 3) break outer;",
      "        acc = acc.add(i * 10 + j);",
      "      }",
      "    }",
      "    int n = 0;",
      "    while (n < x.shape()[0]) n += 1;",
      "    do { n--; acc = acc.mul(2); } while (n > 0);",
      "    for (int s : STEPS) acc = acc.sub(s);",
      "    for (double w : WEIGHTS) acc = acc.mul(w);",
      "    return acc;",
      "  }",
      "  @Jit static Array staticBranches(@Shape(\"f32[2,3]\") Array x, @Shape(\"i32[3]\") Array y) {",
      "    Array z = x.ndim() == 2 ? x.sum(0) : x;",
      "    if (y.dtype() == DType.I32 && x.shape()[1] == 3) {",
      "      z = z.add(y);",
      "    } else {",
      "      z = z.neg();",
      "    }",
      "    Object o = z;",
      "    if (o instanceof Array a) z = a.mul(3);",
      "    return z.add(BIAS);",
      "  }",
      "  @Jit static Array helpers(@Shape(\"f32[b,4]\") Array x) {",
      "    Pair p = new Pair(x, twice(x));",
      "    Array s = p.sum().add(p.a());",
      "    return power(s, 3).add(apply(Jnp::exp, s)).add(apply(v -> v.mul(SCALE), s));",
      "  }",
      "  static Array twice(Array v) { return v.mul(2); }",
      "  static Array power(Array v, int n) { return n == 1 ? v : v.mul(power(v, n - 1)); }",
      "  static Array apply(Fn1<Array, Array> f, Array v) { return f.apply(v); }",
      "  @Jit static Array collections(@Shape(\"f32[2,3]\") Array x) {",
      "    List<Array> parts = new ArrayList<>();",
      "    for (int i = 0; i < 3; i++) parts.add(x.mul(i + 1));",
      "    Function<Array, Array> square = v -> v.mul(v);",
      "    Array joined = Jnp.concatenate(parts, 0);",
      "    return square.apply(joined).reshape(3, -1).sum(0, 1).add(Jnp.transpose(x, 1, 0).sum());",
      "  }",
      "  @Jit static Array controlFlow(@Shape(\"f32[4]\") Array x) {",
      "    Array y = Lax.cond(x.sum().gt(0), v -> v.mul(2), v -> v.neg(), x);",
      "    Array z = Lax.foriLoop(0, 5, (i, acc) -> acc.add(i.astype(DType.F32)), y);",
      "    return Lax.whileLoop(v -> v.sum().lt(100), v -> v.mul(1.5), z);",
      "  }",
      "  @Jit static Array transformed(@Shape(\"f32[4,3]\") Array x) {",
      "    Array g = dev.olympus.Olympus.grad(Coverage::loss).apply(x);",
      "    return dev.olympus.Olympus.vmap(Coverage::rowNorm).apply(g);",
      "  }",
      "  @Jit static Array remat(@Shape(\"f32[4,3]\") Array x) {",
      "    return dev.olympus.Olympus.grad((Array v) -> dev.olympus.Olympus.checkpoint(Coverage::loss).apply(v)).apply(x);",
      "  }",
      "  static Array loss(Array x) { return Jnp.sin(x).mul(x).sum(); }",
      "  static Array rowNorm(Array r) { return Jnp.sqrt(r.mul(r).sum()); }",
      "  @SuppressWarnings(\"fallthrough\")",
      "  @Jit static Array switches(@Shape(\"f32[2,3]\") Array x) {",
      "    Array y = switch (x.dtype()) {",
      "      case F32 -> x.mul(2);",
      "      case F64 -> x;",
      "      default -> { Array z = x.neg(); yield z.add(1); }",
      "    };",
      "    switch (x.ndim()) {",
      "      case 1: y = y.sum(); break;",
      "      case 2: y = y.add(3);",
      "      case 3: y = y.mul(y); break;",
      "      default: y = y.neg();",
      "    }",
      "    int k = switch (\"ab\" + x.ndim()) { case \"ab2\": yield 5; default: yield 7; };",
      "    return y.mul(k);",
      "  }",
      "  @Jit static Pair records(Pair p) {",
      "    return new Pair(p.b(), p.a().mul(p.b()));",
      "  }",
      "}");

  static final Map<String, List<Object>> ARGUMENTS = Map.of(
      "Coverage.arithmetic", List.of(AbstractValue.of(DType.F32, 3)),
      "Coverage.loops", List.of(AbstractValue.of(DType.F32, 2, 3)),
      "Coverage.staticBranches", List.of(AbstractValue.of(DType.F32, 2, 3), AbstractValue.of(DType.I32, 3)),
      "Coverage.helpers", List.of(AbstractValue.of(DType.F32, 5, 4)),
      "Coverage.collections", List.of(AbstractValue.of(DType.F32, 2, 3)),
      "Coverage.controlFlow", List.of(AbstractValue.of(DType.F32, 4)),
      "Coverage.transformed", List.of(AbstractValue.of(DType.F32, 4, 3)),
      "Coverage.remat", List.of(AbstractValue.of(DType.F32, 4, 3)),
      "Coverage.switches", List.of(AbstractValue.of(DType.F32, 2, 3)),
      "Coverage.records", List.of(List.of(AbstractValue.of(DType.F32, 2), AbstractValue.of(DType.F32, 2))));

  @Test
  void everyConstructTracesTheSameIrAtJavacTimeAndAtRunTime() throws Exception {
    JavaFileObject file = COVERAGE.file();
    JavacIrs.Collector collector = new JavacIrs.Collector(m -> List.of(ARGUMENTS.get(m.displayName())));
    Compilation c = javac().withProcessors(collector).compile(file);
    assertThat(c).succeeded();
    assertEquals(ARGUMENTS.keySet(), collector.irs.keySet());
    ClassLoader loader = Compilations.loader(c);
    Class<?> coverage = loader.loadClass("demo.Coverage");
    Class<?> pair = loader.loadClass("demo.Coverage$Pair");
    for (String name : ARGUMENTS.keySet()) {
      Method method = JavacIrs.find(coverage, name.substring(name.indexOf('.') + 1));
      List<Object> args = ARGUMENTS.get(name);
      String runtime;
      if (name.equals("Coverage.records")) {
        // A record argument: build the compiled record from two traced arrays.
        java.lang.reflect.Constructor<?> make = pair.getDeclaredConstructor(dev.olympus.Array.class,
            dev.olympus.Array.class);
        make.setAccessible(true);
        runtime = dev.olympus.Olympus.makeIr((dev.olympus.Fn2<dev.olympus.Array, dev.olympus.Array, Object>) (a, b) -> {
          try {
            return method.invoke(null, make.newInstance(a, b));
          } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
          }
        }, dev.olympus.numpy.Jnp.zeros(DType.F32, 2), dev.olympus.numpy.Jnp.zeros(DType.F32, 2)).toString();
      } else {
        runtime = JavacIrs.runtimeIr(method, args).toString();
      }
      assertEquals(runtime, collector.irs.get(name).get(0), name);
    }
    assertTrue(collector.irs.get("Coverage.controlFlow").get(0).contains("cond["), "control flow is in the IR");
    assertTrue(collector.irs.get("Coverage.controlFlow").get(0).contains("while["), "control flow is in the IR");
    assertTrue(collector.irs.get("Coverage.remat").get(0).contains("remat2["), collector.irs.get("Coverage.remat").get(0));
    // grad and vmap inside a @Jit method trace into its one IR (sin's derivative is a cos).
    assertTrue(collector.irs.get("Coverage.transformed").get(0).contains("cos"), collector.irs.get("Coverage.transformed").get(0));
  }

  /**
   * Under {@code -Xlint:all} the only warning is the one the print earns (OLY303, at its line: it would print
   * only while tracing); the generated code itself is clean.
   */
  @Test
  void theProcessorGeneratesEntryPointsForAllOfThemWithOneWarningForThePrint() {
    JavaFileObject f = COVERAGE.file();
    Compilation c = Compilations.compile(List.of("-Xlint:all"), f);
    assertThat(c).succeeded();
    assertThat(c).hadWarningCount(1);
    assertThat(c).hadWarningContaining("[OLY303] Coverage.arithmetic prints with System.out/err at line "
        + COVERAGE.line("System.out.println")).inFile(f).onLine(COVERAGE.line("System.out.println"));
  }
}
