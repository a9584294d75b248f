package dev.olympus.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import dev.olympus.Array;
import dev.olympus.Olympus;
import dev.olympus.numpy.Jnp;
import org.junit.jupiter.api.Test;

/**
 * Gather and scatters in javac-time kernels: an embedding lookup and row updates get kernels for every
 * declared size (the window size is the kernel's symbolic {@code d}), equal to the methods run eagerly.
 */
class IndexingKernelTest {
  static final Source EMBED = Source.of("demo.Embed",
      "package demo;",
      "import dev.olympus.Array;",
      "import dev.olympus.annotations.Jit;",
      "import dev.olympus.annotations.Shape;",
      "import dev.olympus.numpy.Jnp;",
      "public final class Embed {",
      "  @Jit",
      "  public static Array lookup(@Shape(\"f32[v,d]\") Array table, @Shape(\"i32[b]\") Array ids) {",
      "    return Jnp.tanh(Jnp.take(table, ids, 0)).sum(1);",
      "  }",
      "  @Jit",
      "  public static Array update(@Shape(\"f32[v,d]\") Array table, @Shape(\"i32[b]\") Array ids, @Shape(\"f32[b,d]\") Array g) {",
      "    return table.at(ids).add(g.mul(-0.1));",
      "  }",
      "  @Jit",
      "  public static Array overwrite(@Shape(\"f32[v,d]\") Array table, @Shape(\"i32[b]\") Array ids, @Shape(\"f32[b,d]\") Array g) {",
      "    return table.at(ids).set(g).at(ids).max(g.mul(2.0));",
      "  }",
      "  @Jit",
      "  public static Array running(@Shape(\"f32[v,d]\") Array table) {",
      "    Array positive = table.mul(table).add(1);",
      "    return Jnp.cumprod(Jnp.flip(table, 1), 1).add(dev.olympus.lax.Lax.cummax(table, 0, true))",
      "        .add(dev.olympus.lax.Lax.lgamma(positive)).add(dev.olympus.lax.Lax.digamma(positive));",
      "  }",
      "  @Jit",
      "  public static Array dropout(@Shape(\"f32[b,d]\") Array x, @Shape(\"u32[2]\") Array key) {",
      "    Array keep = dev.olympus.random.Random.bernoulli(key, 0.75, x.shape());",
      "    return Jnp.where(keep, x.mul(1 / 0.75), Jnp.zerosLike(x));",
      "  }",
      "  @Jit",
      "  public static Array halfDense(@Shape(\"bf16[b,n]\") Array x, @Shape(\"bf16[n,m]\") Array w) {",
      "    return Jnp.tanh(Jnp.matmul(x, w)).astype(dev.olympus.DType.F32);",
      "  }",
      "  @Jit",
      "  public static Array window(@Shape(\"f32[v,d]\") Array table, @Shape(\"i32[]\") Array at) {",
      "    Array rows = dev.olympus.lax.Lax.dynamicSlice(table, new Array[] {at, Jnp.literal(0)}, 2, table.shape()[1]);",
      "    return dev.olympus.lax.Lax.dynamicUpdateSlice(table, rows.mul(rows), at.add(1), Jnp.literal(0));",
      "  }",
      "}");

  @Test
  void randomKeysAndBf16RunInJavacTimeKernels() {
    Compilation c = Compilations.compile(EMBED.file());
    assertThat(c).succeededWithoutWarnings();
    String code = Compilations.generated(c, "demo.Embed_Jit");
    assertTrue(code.contains("private static Array[] dropoutKernel(") && code.contains("Threefry2x32.THREEFRY2X32.run("),
        code);
    assertTrue(code.contains("private static Array[] halfDenseKernel("), code);
    ClassLoader loader = Compilations.loader(c);
    Array x = Jnp.arange(12).astype(dev.olympus.DType.F32).reshape(3, 4).mul(0.5);
    Array key = dev.olympus.random.Random.key(7);
    long compiles = Olympus.compileCount();
    assertArrayEquals(((Array) Compilations.call(loader, "demo.Embed", "dropout", x, key)).toFloatArray(),
        ((Array) Compilations.call(loader, "demo.Embed_Jit", "dropout", x, key)).toFloatArray());
    Array h = x.astype(dev.olympus.DType.BF16);
    Array w = Jnp.arange(8).astype(dev.olympus.DType.F32).reshape(4, 2).mul(0.125).astype(dev.olympus.DType.BF16);
    assertArrayEquals(((Array) Compilations.call(loader, "demo.Embed", "halfDense", h, w)).toFloatArray(),
        ((Array) Compilations.call(loader, "demo.Embed_Jit", "halfDense", h, w)).toFloatArray());
    assertEquals(compiles, Olympus.compileCount(), "the calls fit the declarations: no run-time compile");
  }

  @Test
  void gatherAndScatterAddRunInJavacTimeKernels() {
    Compilation c = Compilations.compile(EMBED.file());
    assertThat(c).succeededWithoutWarnings();
    String code = Compilations.generated(c, "demo.Embed_Jit");
    assertTrue(code.contains("private static Array[] lookupKernel(Array table, Array ids, int v, int d, int b)"), code);
    assertTrue(code.contains("Gather.GATHER.run(") && code.contains("\"slice_sizes\", new int[] {1, d}"), code);
    assertTrue(code.contains("private static Array[] updateKernel(") && code.contains("Scatter.SCATTER_ADD.run("), code);
    assertTrue(code.contains("Scatter.SCATTER.run(") && code.contains("Scatter.SCATTER_MAX.run(")
        && code.contains("new UpdateJaxpr(BinaryPrimitive.MAX, DType.F32)"), code);
    assertTrue(code.contains("DynamicSlice.DYNAMIC_SLICE.run(") && code.contains("new int[] {2, d}")
        && code.contains("DynamicUpdateSlice.DYNAMIC_UPDATE_SLICE.run("), code);

    ClassLoader loader = Compilations.loader(c);
    Array table = Jnp.arange(15).astype(dev.olympus.DType.F32).reshape(5, 3).mul(0.25);
    Array ids = Jnp.array(new int[] {4, 0, 4, -1, 9});
    Array g = Jnp.ones(dev.olympus.DType.F32, 5, 3);
    long compiles = Olympus.compileCount();
    assertArrayEquals(((Array) Compilations.call(loader, "demo.Embed", "lookup", table, ids)).toFloatArray(),
        ((Array) Compilations.call(loader, "demo.Embed_Jit", "lookup", table, ids)).toFloatArray());
    assertArrayEquals(((Array) Compilations.call(loader, "demo.Embed", "update", table, ids, g)).toFloatArray(),
        ((Array) Compilations.call(loader, "demo.Embed_Jit", "update", table, ids, g)).toFloatArray());
    assertArrayEquals(((Array) Compilations.call(loader, "demo.Embed", "overwrite", table, ids, g)).toFloatArray(),
        ((Array) Compilations.call(loader, "demo.Embed_Jit", "overwrite", table, ids, g)).toFloatArray());
    assertTrue(code.contains("Cumulative.CUMPROD.run(") && code.contains("Rev.REV.run(")
        && code.contains("Cumulative.CUMMAX.run(") && code.contains("UnaryPrimitive.LGAMMA.run("), code);
    assertArrayEquals(((Array) Compilations.call(loader, "demo.Embed", "running", table)).toFloatArray(),
        ((Array) Compilations.call(loader, "demo.Embed_Jit", "running", table)).toFloatArray());
    for (int at : new int[] {0, 2, 4, -1}) {
      Array start = Jnp.array(new int[] {at}).reshape();
      assertArrayEquals(((Array) Compilations.call(loader, "demo.Embed", "window", table, start)).toFloatArray(),
          ((Array) Compilations.call(loader, "demo.Embed_Jit", "window", table, start)).toFloatArray());
    }
    assertEquals(compiles, Olympus.compileCount(), "every call fits its javac-time kernel");
  }
}
