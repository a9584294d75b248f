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
import dev.olympus.Olympus;
import dev.olympus.numpy.Jnp;
import java.util.Random;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * {@code @Jit(staticArgs = ...)} methods get javac-time kernels: a boolean or an enum is a case per value, a
 * String a case per string literal of the method, an int passed
 * into Olympus is a kernel parameter (one kernel for every value), an int that names an axis is a case per
 * axis the declared ranks allow, a {@code Lax.foriLoop} bound, or the bound of a Java {@code for} loop that
 * only updates arrays, is the loop primitive's trip count (its body a kernel of its own; an index the body
 * passes into Olympus is the loop's counter, and int {@code +}, {@code -}, {@code *} on it, on a static or
 * on a size are staged or read back as expressions: {@code n - 1 - j}; a {@code while (i < n) { ...; i++; }} over
 * a local is the same loop, after which {@code i} is {@code n}, under the guard {@code n >= 0}), and an int the Java code itself reads
 * (division of a loop index) is traced at run time with a note at the line that reads it. Every call that fits a kernel must leave
 * {@code Olympus.compileCount()} alone and equal the method run eagerly (see {@link #same}).
 */
class StaticArgumentsTest {
  static final Source STATICS = Source.of("demo.Statics",
      "package demo;",
      "import dev.olympus.Array;",
      "import dev.olympus.annotations.Jit;",
      "import dev.olympus.annotations.Shape;",
      "import dev.olympus.lax.Lax;",
      "import dev.olympus.numpy.Jnp;",
      "public final class Statics {",
      "  @Jit(staticArgs = \"training\")",
      "  public static Array scaled(@Shape(\"f32[b,d]\") Array x, boolean training) {",
      "    return training ? x.mul(0.5).add(1) : Jnp.tanh(x);",
      "  }",
      "  @Jit(staticArgs = \"k\")",
      "  public static Array times(@Shape(\"f32[n]\") Array x, int k) {",
      "    return x.mul(k).add(x);",
      "  }",
      "  @Jit(staticArgs = \"axis\")",
      "  public static Array total(@Shape(\"f32[r,c]\") Array x, int axis) {",
      "    return Jnp.sum(x.mul(x), axis);",
      "  }",
      "  @Jit(staticArgs = \"axis\")",
      "  public static Array totalOver(@Shape(\"f32[r,c]\") Array x, int axis) {",
      "    return Jnp.sum(x.mul(x), new int[] {axis});",
      "  }",
      "  @Jit(staticArgs = {\"window\", \"stride\"})",
      "  public static Array pooled(@Shape(\"f32[b,c,h,w]\") Array x, int window, int stride) {",
      "    return Lax.reduceWindowMax(x, new int[] {1, 1, window, window}, new int[] {1, 1, stride, stride}, \"VALID\");",
      "  }",
      "  @Jit(staticArgs = \"window\")",
      "  public static Array averaged(@Shape(\"f32[b,c,h,w]\") Array x, int window) {",
      "    int[] dims = {1, 1, window, window};",
      "    return Lax.reduceWindowSum(x, dims, dims, \"VALID\").div(window * window).add(1);",
      "  }",
      "  @Jit",
      "  public static Array halvedPool(@Shape(\"f32[b,c,h,w]\") Array x) {",
      "    return Lax.reduceWindowMax(x, new int[] {1, 1, 2, 2}, new int[] {1, 1, 2, 2}, \"VALID\").mul(3);",
      "  }",
      "  @Jit(staticArgs = \"window\")",
      "  public static Array flatPooled(@Shape(\"f32[b,c,h,w]\") Array x, int window) {",
      "    int[] patch = {1, 1, window, window};",
      "    return Lax.reduceWindowMax(x, patch, patch, \"VALID\").reshape(x.shape()[0], -1);",
      "  }",
      "  @Jit(staticArgs = \"activation\")",
      "  public static Array act(@Shape(\"f32[n]\") Array x, String activation) {",
      "    switch (activation) {",
      "      case \"relu\": return x.maximum(0.0);",
      "      case \"tanh\": return Jnp.tanh(x);",
      "      default: return x;",
      "    }",
      "  }",
      "  public enum Mode { TRAIN, EVAL, FAST_EVAL }",
      "  @Jit(staticArgs = \"mode\")",
      "  public static Array layer(@Shape(\"f32[b,d]\") Array x, Mode mode) {",
      "    Array y = switch (mode) {",
      "      case TRAIN -> x.mul(0.5);",
      "      case EVAL -> x;",
      "      default -> x.neg();",
      "    };",
      "    return mode == Mode.TRAIN ? y.add(mode.ordinal() + 1) : y.sub(mode.name().length());",
      "  }",
      "  @Jit(staticArgs = \"n\")",
      "  public static Array loop(@Shape(\"f32[k]\") Array x, int n) {",
      "    return Lax.foriLoop(0, n, (i, c) -> c.mul(0.5).add(1), x);",
      "  }",
      "  @Jit(staticArgs = \"n\")",
      "  public static Array repeat(@Shape(\"f32[k]\") Array x, int n) {",
      "    for (int i = 0; i < n; i++) x = x.mul(0.5).add(1);",
      "    return x;",
      "  }",
      "  @Jit(staticArgs = \"n\")",
      "  public static Array ramp(@Shape(\"f32[k]\") Array x, int n) {",
      "    for (int j = 0; j < n; j++) x = x.add(j).mul(0.5);",
      "    return x;",
      "  }",
      "  @Jit(staticArgs = \"n\")",
      "  public static Array squares(@Shape(\"f32[k]\") Array x, int n) {",
      "    for (int q = 0; q < n; q++) x = x.add(q * q);",
      "    return x;",
      "  }",
      "  @Jit(staticArgs = \"n\")",
      "  public static Array affine(@Shape(\"f32[k]\") Array x, int n) {",
      "    for (int j = 0; j < n; j++) x = x.mul(0.5).add(3 - 2 * j + -j);",
      "    return x;",
      "  }",
      "  @Jit(staticArgs = \"n\")",
      "  public static Array reversed(@Shape(\"f32[k]\") Array x, int n) {",
      "    for (int j = 0; j < n; j++) x = x.mul(0.5).add(n - 1 - j);",
      "    return x;",
      "  }",
      "  @Jit(staticArgs = \"n\")",
      "  public static Array shifted(@Shape(\"f32[k]\") Array x, int n) {",
      "    return x.mul(2 * n + 3).sub(-n);",
      "  }",
      "  @Jit",
      "  public static Array unbiased(@Shape(\"f32[m]\") Array x) {",
      "    return Jnp.sum(x.mul(x)).div(x.shape()[0] - 1);",
      "  }",
      "  @Jit(staticArgs = \"n\")",
      "  public static Array counted(@Shape(\"f32[k]\") Array x, int n) {",
      "    int i = 0;",
      "    while (i < n) {",
      "      i += 1;",
      "    }",
      "    return x.add(i);",
      "  }",
      "  @Jit(staticArgs = \"n\")",
      "  public static Array halving(@Shape(\"f32[k]\") Array x, int n) {",
      "    int i = 0;",
      "    while ((i < n)) {",
      "      Array half = x.mul(0.5);",
      "      x = half.add(i);",
      "      i++;",
      "    }",
      "    return x.sub(i);",
      "  }",
      "  @Jit(staticArgs = \"n\")",
      "  public static Array halves(@Shape(\"f32[k]\") Array x, int n) {",
      "    for (int h = 0; h < n; h++) x = x.add(h / 2);",
      "    return x;",
      "  }",
      "}");

  private static Array gaussian(Random r, int... shape) {
    int n = 1;
    for (int d : shape) n *= d;
    float[] v = new float[n];
    for (int i = 0; i < n; i++) v[i] = (float) r.nextGaussian();
    return Jnp.array(v, shape);
  }

  /**
   * Equal to eager: exactly for arithmetic; for a transcendental (tanh here) eager rounds Java's double
   * {@code Math} and the kernel's vector strip is SVML's float routine (within 1 ulp).
   */
  private static void same(Array want, Array got, String what) {
    assertArrayEquals(want.shape(), got.shape(), what);
    float[] w = want.toFloatArray(), g = got.toFloatArray();
    for (int i = 0; i < w.length; i++) assertEquals(w[i], g[i], Float.isFinite(w[i]) ? 4 * Math.ulp(Math.max(Math.abs(w[i]), 2f)) : 0, what + " element " + i);
  }

  @Test
  void booleansIntsAndAxesGetJavacTimeKernels() {
    JavaFileObject f = STATICS.file();
    Compilation c = compile(f);
    assertThat(c).succeeded();
    String code = generated(c, "demo.Statics_Jit");
    assertTrue(code.contains("private static Array[] scaledTrainingKernel(Array x, int b, int d)"), code);
    assertTrue(code.contains("private static Array[] scaledNotTrainingKernel(Array x, int b, int d)"), code);
    assertTrue(code.contains("if (training\n        && KernelGuard.notTracing()"), code);
    // k is the kernel's int: the multiply reads (float) k, one kernel for every k.
    assertTrue(code.contains("private static Array[] timesKernel(Array x, int n, int kSize)"), code);
    assertTrue(code.contains("(float) kSize"), code);
    // axis names a dimension: one kernel per axis of a rank-2 array.
    for (String name : new String[] {"totalAxisMinus2Kernel", "totalAxisMinus1Kernel", "totalAxis0Kernel",
        "totalAxis1Kernel"}) {
      assertTrue(code.contains("private static Array[] " + name + "("), name + "\n" + code);
    }
    assertTrue(code.contains("if (axis == 1\n"), code);
    // The same axis inside a Java array: still a kernel per axis.
    for (String name : new String[] {"totalOverAxisMinus2Kernel", "totalOverAxis0Kernel", "totalOverAxis1Kernel"}) {
      assertTrue(code.contains("private static Array[] " + name + "("), name + "\n" + code);
    }
    // A window and strides decide the output's size ((h - window) / stride + 1): one kernel for every size and
    // window, reading that size from the pooled result (d0, d1) where the code after it needs it.
    assertTrue(code.contains("private static Array[] pooledKernel(Array x, int b, int c, int h, int w, int windowSize,"),
        code);
    assertTrue(code.contains("if (window >= 1 && stride >= 1\n"), code);
    String pooled = code.substring(code.indexOf("Array[] pooledKernel("));
    pooled = pooled.substring(0, pooled.indexOf("\n  }\n"));
    assertFalse(pooled.contains("int d0"), "a size nothing after the pooling reads is not declared:\n" + pooled);
    assertTrue(code.contains("private static Array[] averagedKernel("), code);
    assertTrue(code.contains("int d0 = st1.shape().dim(2)"), code);
    assertTrue(code.contains("new float[b * c * d0 * d1]"), code);
    assertTrue(code.contains("(float) (windowSize * windowSize)"), code);
    assertTrue(code.contains("private static Array[] halvedPoolKernel(Array x, int b, int c, int h, int w)"), code);
    // Flattening that size into a product with others (c * d0 * d1) is a shape javac cannot write: run time, and
    // the note says why at the array.
    assertFalse(code.contains("flatPooledKernel") || code.contains("flatPooledWindow"), code);
    assertThat(c).hadNoteContaining("[OLY404] Statics.flatPooled reads the value of its static argument window here")
        .inFile(f).onLine(STATICS.line("int[] patch = {1, 1, window, window};"));
    assertThat(c).hadNoteContaining("In a Java array it decides the IR's shapes");
    // An enum of this compilation: a kernel per constant, picked by ==, through switch, ==, ordinal() and name().
    for (String name : new String[] {"layerModeTrainKernel", "layerModeEvalKernel", "layerModeFastEvalKernel"}) {
      assertTrue(code.contains("private static Array[] " + name + "("), name + "\n" + code);
    }
    assertTrue(code.contains("if (mode == demo.Statics.Mode.FAST_EVAL\n"), code);
    // A String: a kernel per string literal of the method, picked by equals; other values take the run-time path.
    assertTrue(code.contains("private static Array[] actActivationReluKernel("), code);
    assertTrue(code.contains("private static Array[] actActivationTanhKernel("), code);
    assertTrue(code.contains("if (\"relu\".equals(activation)\n"), code);
    // Lax.foriLoop over a static bound: one loop primitive, its trip count the kernel's int, its body a kernel.
    assertTrue(code.contains("private static Array[] loopKernel(Array x, int k, int nSize)"), code);
    assertTrue(code.contains("Scan.run(") || code.contains("While.run("), code);
    // A Java loop over a static bound whose body does not read the index: staged as the same loop primitive.
    assertTrue(code.contains("private static Array[] repeatKernel(Array x, int k, int nSize)"), code);
    // The body passes the index j into Olympus: it is the loop primitive's counter, as in JAX's fori_loop.
    assertTrue(code.contains("private static Array[] rampKernel(Array x, int k, int nSize)"), code);
    // Java int +, - and * on the index are staged on the counter, as JAX's traced index would be.
    assertTrue(code.contains("private static Array[] squaresKernel(Array x, int k, int nSize)"), code);
    assertTrue(code.contains("private static Array[] affineKernel(Array x, int k, int nSize)"), code);
    // int arithmetic on a static, or on a size, is read back from both traces as the expression it is.
    assertTrue(code.contains("private static Array[] reversedKernel(Array x, int k, int nSize)"), code);
    assertTrue(code.contains("nSize - 1"), code);
    assertTrue(code.contains("private static Array[] shiftedKernel(Array x, int k, int nSize)"), code);
    assertTrue(code.contains("(float) (nSize * 2 + 3)"), code);
    assertTrue(code.contains("private static Array[] unbiasedKernel(Array x, int m)"), code);
    // A while loop that only counts its index up to a static bound leaves it at the bound: no loop at all, for
    // every bound at least the index's start; one that also updates arrays is the loop primitive.
    assertTrue(code.contains("private static Array[] countedKernel(Array x, int k, int nSize)"), code);
    assertTrue(code.contains("if (n >= 0\n        && KernelGuard.notTracing()"), code);
    assertTrue(code.contains("private static Array[] halvingKernel(Array x, int k, int nSize)"), code);
    assertTrue(code.contains("(float) (m - 1)"), code);
    // Division needs the index's Java value (Java's int division throws on zero, XLA's does not): each n is
    // traced at run time, and javac says where.
    assertFalse(code.contains("halvesKernel"), code);
    assertThat(c).hadNoteContaining("[OLY404] Statics.halves reads the value of its static argument n here")
        .inFile(f).onLine(STATICS.line("h < n"));

    ClassLoader loader = loader(c);
    Random r = new Random(11);
    long compiles = Olympus.compileCount();
    for (int[] shape : new int[][] {{3, 5}, {1, 8}, {0, 2}}) {
      Array x = gaussian(r, shape);
      for (boolean training : new boolean[] {true, false}) {
        same((Array) call(loader, "demo.Statics", "scaled", x, training),
            (Array) call(loader, "demo.Statics_Jit", "scaled", x, training), "scaled " + training);
      }
      for (int axis = -2; axis < 2; axis++) {
        same((Array) call(loader, "demo.Statics", "total", x, axis),
            (Array) call(loader, "demo.Statics_Jit", "total", x, axis), "total over " + axis);
        same((Array) call(loader, "demo.Statics", "totalOver", x, axis),
            (Array) call(loader, "demo.Statics_Jit", "totalOver", x, axis), "totalOver " + axis);
      }
      Array v = gaussian(r, shape[0] * shape[1]);
      for (int k : new int[] {0, 1, -3, 1000}) {
        same((Array) call(loader, "demo.Statics", "times", v, k), (Array) call(loader, "demo.Statics_Jit", "times", v, k),
            "times " + k);
      }
    }
    try {
      Class<?> mode = loader.loadClass("demo.Statics$Mode");
      for (Object constant : mode.getEnumConstants()) {
        Array x = gaussian(r, 3, 4);
        same((Array) call(loader, "demo.Statics", "layer", x, constant),
            (Array) call(loader, "demo.Statics_Jit", "layer", x, constant), "layer " + constant);
      }
    } catch (ClassNotFoundException e) {
      throw new AssertionError(e);
    }
    for (String activation : new String[] {"relu", "tanh"}) {
      Array x = gaussian(r, 5);
      same((Array) call(loader, "demo.Statics", "act", x, activation),
          (Array) call(loader, "demo.Statics_Jit", "act", x, activation), "act " + activation);
    }
    for (int n : new int[] {0, 1, 7}) {
      Array x = gaussian(r, 6);
      same((Array) call(loader, "demo.Statics", "loop", x, n), (Array) call(loader, "demo.Statics_Jit", "loop", x, n),
          "loop " + n);
    }
    for (int n : new int[] {0, 1, 7, 1000}) {
      Array x = gaussian(r, 6);
      same((Array) call(loader, "demo.Statics", "repeat", x, n),
          (Array) call(loader, "demo.Statics_Jit", "repeat", x, n), "repeat " + n);
    }
    // Windows and strides over sizes javac never saw, h != w, windows that do not tile the input.
    for (int[] shape : new int[][] {{2, 3, 9, 7}, {1, 1, 4, 4}, {3, 2, 12, 5}, {1, 2, 3, 30}}) {
      Array x = gaussian(r, shape);
      for (int[] ws : new int[][] {{1, 1}, {2, 2}, {3, 1}, {2, 3}, {3, 3}}) {
        if (ws[0] > Math.min(shape[2], shape[3])) continue;
        String what = java.util.Arrays.toString(shape) + " window " + ws[0] + " stride " + ws[1];
        same((Array) call(loader, "demo.Statics", "pooled", x, ws[0], ws[1]),
            (Array) call(loader, "demo.Statics_Jit", "pooled", x, ws[0], ws[1]), "pooled " + what);
      }
      for (int window : new int[] {1, 2, 3}) {
        if (window > Math.min(shape[2], shape[3])) continue;
        same((Array) call(loader, "demo.Statics", "averaged", x, window),
            (Array) call(loader, "demo.Statics_Jit", "averaged", x, window), "averaged " + window);
      }
      same((Array) call(loader, "demo.Statics", "halvedPool", x),
          (Array) call(loader, "demo.Statics_Jit", "halvedPool", x), "halvedPool");
    }
    assertEquals(compiles, Olympus.compileCount(), "every call fit a javac-time kernel");

    for (int n : new int[] {0, 1, 3, 500}) {
      Array x = gaussian(r, 6);
      same((Array) call(loader, "demo.Statics", "ramp", x, n), (Array) call(loader, "demo.Statics_Jit", "ramp", x, n),
          "ramp " + n);
    }
    assertEquals(compiles, Olympus.compileCount(), "a loop that passes its index into Olympus fits its kernel");
    for (int n : new int[] {0, 1, 4, 100}) {
      Array x = gaussian(r, 6);
      for (String method : new String[] {"squares", "affine"}) {
        same((Array) call(loader, "demo.Statics", method, x, n), (Array) call(loader, "demo.Statics_Jit", method, x, n),
            method + " " + n);
      }
    }
    assertEquals(compiles, Olympus.compileCount(), "int arithmetic on the index fits the kernel");
    for (int n : new int[] {0, 1, 4, 100, -7}) {
      Array x = gaussian(r, 6);
      for (String method : new String[] {"reversed", "shifted"}) {
        same((Array) call(loader, "demo.Statics", method, x, n), (Array) call(loader, "demo.Statics_Jit", method, x, n),
            method + " " + n);
      }
    }
    for (int m : new int[] {2, 5, 33}) {
      Array x = gaussian(r, m);
      same((Array) call(loader, "demo.Statics", "unbiased", x), (Array) call(loader, "demo.Statics_Jit", "unbiased", x),
          "unbiased " + m);
    }
    assertEquals(compiles, Olympus.compileCount(), "int arithmetic on a static or a size fits the kernel");
    for (int n : new int[] {0, 1, 7, 300}) {
      Array x = gaussian(r, 5);
      for (String method : new String[] {"counted", "halving"}) {
        same((Array) call(loader, "demo.Statics", method, x, n), (Array) call(loader, "demo.Statics_Jit", method, x, n),
            method + " " + n);
      }
    }
    assertEquals(compiles, Olympus.compileCount(), "a counted while loop fits its kernel");
    // Below the index's start the loop never runs and Java leaves the index at 0, not n: the run-time path.
    Array below = gaussian(r, 5);
    same((Array) call(loader, "demo.Statics", "counted", below, -4),
        (Array) call(loader, "demo.Statics_Jit", "counted", below, -4), "counted -4");
    assertEquals(compiles + 1, Olympus.compileCount(), "a bound below the start is traced at run time");
    compiles++;
    Array x = gaussian(r, 4);
    same((Array) call(loader, "demo.Statics", "halves", x, 3),
        (Array) call(loader, "demo.Statics_Jit", "halves", x, 3), "halves 3");
    assertEquals(compiles + 1, Olympus.compileCount(), "a loop whose Java reads the index is traced at run time");
    same((Array) call(loader, "demo.Statics", "act", x, "identity"),
        (Array) call(loader, "demo.Statics_Jit", "act", x, "identity"), "act identity");
    assertEquals(compiles + 2, Olympus.compileCount(), "a String no literal names is traced at run time");
  }
}
