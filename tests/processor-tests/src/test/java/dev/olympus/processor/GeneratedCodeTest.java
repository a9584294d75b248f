package dev.olympus.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.olympus.processor.Compilations.call;
import static dev.olympus.processor.Compilations.compile;
import static dev.olympus.processor.Compilations.generated;
import static dev.olympus.processor.Compilations.loader;
import static dev.olympus.processor.Compilations.source;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import dev.olympus.Array;
import dev.olympus.DType;
import dev.olympus.Olympus;
import dev.olympus.numpy.Jnp;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** What the processor generates for valid {@code @Jit} methods, and that it runs as the methods do eagerly. */
class GeneratedCodeTest {
  static final JavaFileObject SELU = source("demo.Act",
      "package demo;",
      "import dev.olympus.Array;",
      "import dev.olympus.annotations.Jit;",
      "import dev.olympus.numpy.Jnp;",
      "public final class Act {",
      "  @Jit",
      "  public static Array selu(Array x) {",
      "    double alpha = 1.67;",
      "    double lambda = 1.05;",
      "    return Jnp.where(x.gt(0), x, Jnp.exp(x).mul(alpha).sub(alpha)).mul(lambda);",
      "  }",
      "}");

  /** Inputs over negatives, zero, positives, NaN and infinities, in several shapes (also 0-d and empty). */
  static List<Array> inputs() {
    float[] values = {-3f, -0.5f, 0f, 0.25f, 2f, Float.NaN, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY,
        -20f, 7.5f, 1e-3f, -1e-3f};
    return List.of(
        Jnp.array(values),
        Jnp.array(values, 3, 4),
        Jnp.array(java.util.Arrays.copyOf(values, 12), 2, 3, 2),
        Jnp.scalar(-1.5f),
        Jnp.array(new float[0], 0, 5));
  }

  @Test
  void seluBecomesOneFusedLoopThatAgreesWithEagerOnEveryShape() {
    Compilation c = compile(SELU);
    assertThat(c).succeededWithoutWarnings();
    String code = generated(c, "demo.Act_Jit");
    // One loop nest over the elements as a flat row of n, whatever the rank; strips of SIMD calls in it.
    assertTrue(code.contains("int n = (int) x.storage().shape().size();"), code);
    assertTrue(code.contains("FloatStrips.exp(xData, c0, f32Strip0, 0, len);"), code);
    assertTrue(code.contains("private static final Fn1<Array, Array> SELU = Olympus.jit(Act::selu);"), code);
    assertTrue(code.contains("// Act.selu, traced by javac with x: f32[...]"), "header names method and IR: " + code);
    assertTrue(code.contains("//     f:f32[n] = select_n b e a"), code);
    assertTrue(code.contains("@Generated("), code);

    ClassLoader loader = loader(c);
    long compiles = Olympus.compileCount();
    for (Array x : inputs()) {
      Array jitted = (Array) call(loader, "demo.Act_Jit", "selu", x);
      Array eager = (Array) call(loader, "demo.Act", "selu", x);
      assertArrayEquals(x.shape(), jitted.shape());
      assertEquals(DType.F32, jitted.dtype());
      // Arithmetic agrees to the bit; eager's exp is Math's double rounded, the kernel's SVML's float exp (within
      // 1 ulp), and selu's exp(x) * a - a turns that ulp into one of a (~2).
      float[] e = eager.toFloatArray(), j = jitted.toFloatArray();
      for (int i = 0; i < e.length; i++) assertEquals(e[i], j[i], Float.isFinite(e[i]) ? 4 * Math.ulp(Math.max(Math.abs(e[i]), 2f)) : 0, "element " + i);
      float[] in = x.toFloatArray();
      float[] out = jitted.toFloatArray();
      for (int i = 0; i < in.length; i++) {
        double ref = 1.05 * (in[i] > 0 ? in[i] : 1.67 * Math.exp(in[i]) - 1.67);
        if (Float.isNaN(in[i])) {
          assertTrue(Float.isNaN(out[i]));
          continue;
        }
        // Independent double-precision closed form; a few f32 roundings apart at most.
        assertEquals(ref, out[i], 1e-6 * Math.max(1, Math.abs(ref)), "selu(" + in[i] + ")");
      }
    }
    assertEquals(compiles, Olympus.compileCount(), "the javac-time kernel served every f32 call");

    Array ints = Jnp.arange(6).reshape(2, 3);
    Array viaRuntime = (Array) call(loader, "demo.Act_Jit", "selu", ints);
    assertEquals(compiles + 1, Olympus.compileCount(), "an int32 argument takes the run-time path");
    assertArrayEquals(((Array) call(loader, "demo.Act", "selu", ints)).toFloatArray(), viaRuntime.toFloatArray(),
        1e-6f);
  }

  @Test
  void insideAnotherTraceTheEntryPointTracesThroughTheMethod() {
    Compilation c = compile(SELU);
    ClassLoader loader = loader(c);
    dev.olympus.Fn1<Array, Array> viaJit = x -> (Array) call(loader, "demo.Act_Jit", "selu", x);
    dev.olympus.Fn1<Array, Array> eager = x -> (Array) call(loader, "demo.Act", "selu", x);
    assertEquals(Olympus.makeIr(eager, Jnp.zeros(DType.F32, 3)).toString(),
        Olympus.makeIr(viaJit, Jnp.zeros(DType.F32, 3)).toString());
  }

  @Test
  void staticArgumentsAreTracedAtRunTimeForEachValue() {
    Compilation c = compile(source("demo.Loop",
        "package demo;",
        "import dev.olympus.Array;",
        "import dev.olympus.annotations.Jit;",
        "public final class Loop {",
        "  @Jit(staticArgs = \"n\")",
        "  public static Array g(Array x, int n) {",
        "    int i = 0;",
        "    while (i < n) i += 1;",
        "    return x.add(i);",
        "  }",
        "}"));
    assertThat(c).succeededWithoutWarnings();
    String code = generated(c, "demo.Loop_Jit");
    assertTrue(code.contains(
        "private static final Fn2<Array, Integer, Array> G = Olympus.jit(Loop::g, JitOptions.staticArgnums(1));"),
        code);
    assertTrue(code.contains("public static Array g(Array x, int n) {"), code);
    assertTrue(code.contains("traced at run time only (static argument n"), code);
    ClassLoader loader = loader(c);
    long compiles = Olympus.compileCount();
    assertEquals(30, ((Array) call(loader, "demo.Loop_Jit", "g", Jnp.scalar(10), 20)).intValue());
    assertEquals(30, ((Array) call(loader, "demo.Loop_Jit", "g", Jnp.scalar(10), 20)).intValue());
    assertEquals(13, ((Array) call(loader, "demo.Loop_Jit", "g", Jnp.scalar(10), 3)).intValue());
    assertEquals(compiles + 2, Olympus.compileCount(), "one compile per static value");
  }

  static final JavaFileObject RECORDS = source("demo.Affine",
      "package demo;",
      "import dev.olympus.Array;",
      "import dev.olympus.annotations.Jit;",
      "import dev.olympus.annotations.Shape;",
      "import dev.olympus.numpy.Jnp;",
      "public final class Affine {",
      "  public record Params(@Shape(\"f32[b,3]\") Array w, @Shape(\"f32[b,3]\") Array bias) {}",
      "  public record Out(Array y, Array gate) {}",
      "  @Jit",
      "  public static Out apply(Params p, @Shape(\"f32[b,3]\") Array x) {",
      "    Array y = scale(x.mul(p.w()).add(p.bias()), 2);",
      "    return new Out(y, Jnp.logistic(y));",
      "  }",
      "  static Array scale(Array v, int k) {",
      "    Array out = v;",
      "    for (int i = 1; i < k; i++) out = out.add(v);",
      "    return out;",
      "  }",
      "}");

  @Test
  void recordArgumentsAndResultsAndFollowedCalls() throws Exception {
    Compilation c = compile(RECORDS);
    assertThat(c).succeededWithoutWarnings();
    String code = generated(c, "demo.Affine_Jit");
    assertTrue(code.contains("public static Affine.Out apply(Affine.Params p, Array x) {"), code);
    // Declared shapes: lowered for them, with b bound from the first leaf that has it.
    assertTrue(code.contains("KernelGuard.accepts(p.w(), DType.F32, 2)"), code);
    assertTrue(code.contains("int b = KernelGuard.dim(p.w(), 0);"), code);
    assertTrue(code.contains("return new Affine.Out(outputs[0], outputs[1]);"), code);
    // The helper's loop is unrolled into the IR: x*w + bias, then added to itself once.
    assertTrue(code.contains("//     f:f32[b,3] = add e e"), code);
    ClassLoader loader = loader(c);
    Class<?> params = loader.loadClass("demo.Affine$Params");
    Array w = Jnp.array(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
    Array bias = Jnp.array(new float[] {0.5f, -1, 0, 2, -3, 1}, 2, 3);
    Array x = Jnp.array(new float[] {-1, 0, 1, 2, 3, -4}, 2, 3);
    Object p = params.getConstructor(Array.class, Array.class).newInstance(w, bias);
    long compiles = Olympus.compileCount();
    Object out = call(loader, "demo.Affine_Jit", "apply", p, x);
    assertEquals(compiles, Olympus.compileCount(), "served by the javac-time kernel");
    Class<?> outType = loader.loadClass("demo.Affine$Out");
    Array y = (Array) outType.getMethod("y").invoke(out);
    Array gate = (Array) outType.getMethod("gate").invoke(out);
    float[] xs = x.toFloatArray(), ws = w.toFloatArray(), bs = bias.toFloatArray();
    for (int i = 0; i < 6; i++) {
      double ref = 2.0 * ((double) xs[i] * ws[i] + bs[i]);
      // Small integers and halves: every f32 step is exact.
      assertEquals(ref, y.toFloatArray()[i], 0.0);
      assertEquals(1 / (1 + Math.exp(-ref)), gate.toFloatArray()[i], 1e-6);
    }
  }

  @Test
  void listParametersAreTracedAtRunTime() {
    Compilation c = compile(source("demo.Sum",
        "package demo;",
        "import dev.olympus.Array;",
        "import dev.olympus.annotations.Jit;",
        "import java.util.List;",
        "public final class Sum {",
        "  @Jit",
        "  public static Array total(List<Array> xs) {",
        "    Array t = xs.get(0);",
        "    for (int i = 1; i < xs.size(); i++) t = t.add(xs.get(i));",
        "    return t;",
        "  }",
        "}"));
    assertThat(c).succeededWithoutWarnings();
    String code = generated(c, "demo.Sum_Jit");
    assertTrue(code.contains("Sum.total: traced at run time only (parameter xs is a List<Array>"), code);
    Array r = (Array) call(loader(c), "demo.Sum_Jit", "total",
        List.of(Jnp.array(1f, 2f), Jnp.array(10f, 20f), Jnp.array(100f, 200f)));
    assertArrayEquals(new float[] {111, 222}, r.toFloatArray());
  }

  @Test
  void nestedClassesGetAFlatGeneratedName() {
    Compilation c = compile(source("demo.Outer",
        "package demo;",
        "import dev.olympus.Array;",
        "import dev.olympus.annotations.Jit;",
        "public final class Outer {",
        "  static final class Inner {",
        "    @Jit static Array twice(Array x) { return x.mul(2); }",
        "  }",
        "}"));
    assertThat(c).succeededWithoutWarnings();
    assertTrue(generated(c, "demo.Outer_Inner_Jit").contains("Olympus.jit(Outer.Inner::twice)"));
  }

  @Test
  void generationIsDeterministic() {
    String first = generated(compile(RECORDS), "demo.Affine_Jit");
    String second = generated(compile(RECORDS), "demo.Affine_Jit");
    assertEquals(first, second);
    assertFalse(first.matches("(?s).*\\b20\\d\\d-\\d\\d-\\d\\d.*"), "no timestamps");
  }

  @Test
  void generatedCodeCompilesWithoutWarningsUnderXlintAllWerror() {
    Compilation c = compile(List.of("-Xlint:all", "-Werror"), SELU, RECORDS, source("demo.Mixed",
        "package demo;",
        "import dev.olympus.Array;",
        "import dev.olympus.DType;",
        "import dev.olympus.annotations.Jit;",
        "import dev.olympus.annotations.Shape;",
        "import dev.olympus.numpy.Jnp;",
        "import java.util.List;",
        "public final class Mixed {",
        "  @Jit(staticArgs = {\"k\", \"name\"})",
        "  public static Array statics(Array x, int k, String name) { return x.mul(k + name.length()); }",
        "  @Jit public static List<Array> pair(Array x) { return List.of(x.neg(), x.mul(x)); }",
        "  @Jit public static Array ints(@Shape(\"i32[n]\") Array x) {",
        "    return Jnp.where(x.gt(2), x.neg(), x.add(1)).astype(DType.F64).mul(0.5);",
        "  }",
        "  @Jit public static Array bools(@Shape(\"bool[n]\") Array a, @Shape(\"bool[n]\") Array b) {",
        "    return Jnp.logicalNot(Jnp.logicalAnd(a, b));",
        "  }",
        "  @Jit public static Array powers(Array x) {",
        "    return Jnp.power(x, 5).add(Jnp.power(x, -2)).add(Jnp.square(x)).add(Jnp.sign(x));",
        "  }",
        "  @Jit public static Array reduce(@Shape(\"f32[b,4]\") Array x) { return x.sum(1); }",
        "  @Jit public static List<Array> lists(List<Array> xs) { return xs; }",
        "  @Jit(staticArgs = \"tag\") public static Array tagged(Array x, String tag) { return x.mul(2); }",
        "  @Jit public static Array overloaded(Array x) { return x.neg(); }",
        "  @Jit public static Array overloaded(Array x, Array y) { return x.sub(y); }",
        "  @Jit public static Array clashes(@Shape(\"f32[3]\") Array row, @Shape(\"f32[3]\") Array buf1) {",
        "    return row.add(buf1);",
        "  }",
        "  @Jit public static Array clashesToo(@Shape(\"f32[len,cols]\") Array rows, @Shape(\"f32[cols]\") Array st0) {",
        "    return rows.add(st0).sum(1);",
        "  }",
        "}"));
    assertThat(c).succeededWithoutWarnings();
    String code = generated(c, "demo.Mixed_Jit");
    assertTrue(code.contains("private static Array[] intsKernel(Array x, int n)"), code);
    assertTrue(code.contains("return List.of(pairKernel(x));"), code);
    // Parameter and dimension names that the kernels use for their own locals are renamed inside them.
    assertTrue(code.contains("private static Array[] clashesKernel(Array rowArg, Array buf1Arg)"), code);
    assertTrue(code.contains("clashesTooKernel(Array rowsArg, Array st0Arg, int lenSize, int colsSize)"), code);
    // A static argument the trace never reads: one kernel serves every value.
    assertTrue(code.contains("return taggedKernel(x)[0];"), code);
    assertTrue(code.contains("Olympus.jit((Fn1<Array, Array>) Mixed::overloaded)"), code);
    // A reduction: a loop nest over the declared shape, with the symbolic batch as the row count.
    assertTrue(code.contains("private static Array[] reduceKernel(Array x, int b) {"), code);
    assertTrue(code.contains("long rows = b;"), code);
    assertTrue(code.contains("FloatStrips.sumInto(lanes1, xData, at0 + c0, len);"), code);
  }

  /**
   * {@code mean} divides by the number of elements it averages: a literal the trace computed from the
   * representative sizes. The kernel reads it from its symbolic sizes instead ({@code (float) n},
   * {@code (float) (b * n)}), so one javac-time kernel serves every batch and width, with no run-time compile.
   * Values are checked against the same methods run eagerly: the kernel folds in the same lane order as eager
   * reductions, and both divide by the same float, so they agree to the last bit.
   */
  @Test
  void aMeanReadsItsDivisorFromTheSymbolicSizes() {
    Compilation c = compile(source("demo.Means",
        "package demo;",
        "import dev.olympus.Array;",
        "import dev.olympus.annotations.Jit;",
        "import dev.olympus.annotations.Shape;",
        "import dev.olympus.numpy.Jnp;",
        "public final class Means {",
        "  @Jit public static Array centered(@Shape(\"f32[b,n]\") Array x) {",
        "    return x.sub(Jnp.expandDims(Jnp.mean(x, 1), 1));",
        "  }",
        "  @Jit public static Array meanAll(@Shape(\"f32[b,n]\") Array x) { return Jnp.mean(x); }",
        "}"));
    assertThat(c).succeededWithoutWarnings();
    String code = generated(c, "demo.Means_Jit");
    assertTrue(code.contains("float v2 = (float) n;") || code.contains("= (float) n;"), code);
    assertTrue(code.contains("(float) (b * n)"), code);
    assertFalse(code.contains("traced at run time only"), code);
    ClassLoader loader = loader(c);
    long compiles = Olympus.compileCount();
    java.util.Random r = new java.util.Random(5);
    for (int[] shape : new int[][] {{2, 3}, {5, 700}, {1, 1}, {0, 4}}) {
      float[] values = new float[shape[0] * shape[1]];
      for (int i = 0; i < values.length; i++) values[i] = (float) r.nextGaussian();
      Array x = Jnp.array(values, shape);
      for (String method : new String[] {"centered", "meanAll"}) {
        Array want = (Array) call(loader, "demo.Means", method, x);
        Array got = (Array) call(loader, "demo.Means_Jit", method, x);
        assertArrayEquals(want.shape(), got.shape(), method);
        assertArrayEquals(want.toFloatArray(), got.toFloatArray(), method + " " + java.util.Arrays.toString(shape));
      }
    }
    assertEquals(compiles, Olympus.compileCount(), "the javac-time kernels served every shape");
  }

  @Test
  void javaThatReadsRankOrSizeIsNotServedByAnAnyShapeKernel() {
    Compilation c = compile(source("demo.Ranks",
        "package demo;",
        "import dev.olympus.Array;",
        "import dev.olympus.annotations.Jit;",
        "import dev.olympus.annotations.Shape;",
        "import dev.olympus.numpy.Jnp;",
        "public final class Ranks {",
        "  @Jit public static Array log2IfRank2(Array x) {",
        "    if (x.ndim() == 2) return Jnp.log(x).div(Jnp.log(2.0));",
        "    return x;",
        "  }",
        "  @Jit public static Array byWidth(@Shape(\"f32[b,3]\") Array x) {",
        "    return x.shape()[1] == 3 ? x.mul(2) : x.neg();",
        "  }",
        "}"));
    assertThat(c).succeededWithoutWarnings();
    String code = generated(c, "demo.Ranks_Jit");
    // Traced at rank 1 the first is the identity, but not at rank 2: its kernel serves rank 1 only.
    assertTrue(code.contains("KernelGuard.accepts(x, DType.F32, 1)"), code);
    ClassLoader loader = loader(c);
    for (Array x : List.of(Jnp.array(new float[] {1, 2, 4, 8}, 2, 2), Jnp.array(1f, 2f, 4f),
        Jnp.array(new float[] {1, 2, 4, 8, 16, 32, 64, 128}, 2, 4), Jnp.array(new float[] {1, 2, 4, 8, 16, 32}, 2, 3))) {
      for (String m : List.of("log2IfRank2", "byWidth")) {
        if (m.equals("byWidth") && x.ndim() != 2) continue;
        assertArrayEquals(((Array) call(loader, "demo.Ranks", m, x)).toFloatArray(),
            ((Array) call(loader, "demo.Ranks_Jit", m, x)).toFloatArray(), m + " on " + x.aval());
      }
    }
  }

  @Test
  void integerBoolAndPowerKernelsAgreeWithEager() {
    Compilation c = compile(source("demo.Kinds",
        "package demo;",
        "import dev.olympus.Array;",
        "import dev.olympus.DType;",
        "import dev.olympus.annotations.Jit;",
        "import dev.olympus.annotations.Shape;",
        "import dev.olympus.numpy.Jnp;",
        "public final class Kinds {",
        "  @Jit public static Array ints(@Shape(\"i32[n]\") Array x) {",
        "    return Jnp.where(x.gt(2), x.neg(), x.mul(x).add(1)).astype(DType.F64).mul(0.5);",
        "  }",
        "  @Jit public static Array bools(@Shape(\"bool[n]\") Array a, @Shape(\"bool[n]\") Array b) {",
        "    return Jnp.logicalNot(Jnp.logicalAnd(a, b));",
        "  }",
        "  @Jit public static Array powers(Array x) {",
        "    return Jnp.power(x, 5).add(Jnp.power(x, -3)).add(Jnp.square(x)).add(Jnp.sign(x));",
        "  }",
        "}"));
    assertThat(c).succeededWithoutWarnings();
    ClassLoader loader = loader(c);
    long compiles = Olympus.compileCount();
    Array ints = Jnp.array(-4, -1, 0, 2, 3, 46341, Integer.MAX_VALUE);
    assertArrayEquals(((Array) call(loader, "demo.Kinds", "ints", ints)).toDoubleArray(),
        ((Array) call(loader, "demo.Kinds_Jit", "ints", ints)).toDoubleArray());
    Array a = Jnp.array(new boolean[] {true, true, false, false}, 4);
    Array b = Jnp.array(new boolean[] {true, false, true, false}, 4);
    assertArrayEquals(new boolean[] {false, true, true, true},
        ((Array) call(loader, "demo.Kinds_Jit", "bools", a, b)).toBoolArray());
    for (Array x : inputs()) {
      assertArrayEquals(((Array) call(loader, "demo.Kinds", "powers", x)).toFloatArray(),
          ((Array) call(loader, "demo.Kinds_Jit", "powers", x)).toFloatArray());
    }
    assertEquals(compiles, Olympus.compileCount(), "all served by javac-time kernels");
  }
}
