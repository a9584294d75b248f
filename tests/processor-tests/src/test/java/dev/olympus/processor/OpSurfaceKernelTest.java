package dev.olympus.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import dev.olympus.Array;
import dev.olympus.DType;
import dev.olympus.Olympus;
import dev.olympus.errors.ShapeException;
import dev.olympus.lax.Lax;
import dev.olympus.numpy.Jnp;
import dev.olympus.random.Random;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The op surface that had no javac-time kernel test: sorting and arg-reductions, moments, index updates,
 * erf_inv, window minima, linalg, random and the narrow dtypes each get a kernel for their declared (symbolic)
 * sizes, and that kernel gives what the method gives run eagerly, at more than one size.
 */
class OpSurfaceKernelTest {
  private static final String[] HEADER = {
      "package demo;",
      "import dev.olympus.Array;",
      "import dev.olympus.DType;",
      "import dev.olympus.annotations.Jit;",
      "import dev.olympus.annotations.Shape;",
      "import dev.olympus.lax.Lax;",
      "import dev.olympus.numpy.Jnp;",
      "import dev.olympus.random.Random;"};

  private static Source demo(String name, String... body) {
    List<String> lines = new ArrayList<>(List.of(HEADER));
    lines.add("public final class " + name + " {");
    lines.addAll(List.of(body));
    lines.add("}");
    return Source.of("demo." + name, lines.toArray(new String[0]));
  }

  static final Source SORTING = demo("Sorting",
      "  @Jit public static Array argmin(@Shape(\"f32[b,n]\") Array x) { return Jnp.argmin(x, 1); }",
      "  @Jit public static Array cumsum(@Shape(\"f32[b,n]\") Array x) { return Jnp.cumsum(x, 1); }",
      "  @Jit public static Array sort(@Shape(\"f32[b,n]\") Array x) { return Jnp.sort(x, 1); }",
      "  @Jit public static Array argsort(@Shape(\"f32[b,n]\") Array x) { return Jnp.argsort(x, 1); }",
      "  @Jit public static Lax.TopK topK(@Shape(\"f32[b,n]\") Array x) { return Lax.topK(x, 2); }",
      "  @Jit public static Array takeAlong(@Shape(\"f32[b,n]\") Array x, @Shape(\"i32[b,k]\") Array i) {",
      "    return Jnp.takeAlongAxis(x, i, 1);",
      "  }",
      "  @Jit public static Array var(@Shape(\"f32[b,n]\") Array x) { return Jnp.var(x, 1); }",
      "  @Jit public static Array varDdof(@Shape(\"f32[b,n]\") Array x) { return Jnp.var(x, new int[] {1}, 1); }",
      "  @Jit public static Array std(@Shape(\"f32[b,n]\") Array x) { return Jnp.std(x, 1); }");

  static final Source UPDATES = demo("Updates",
      "  @Jit public static Array atGet(@Shape(\"f32[v,d]\") Array t, @Shape(\"i32[b]\") Array ids) {",
      "    return t.at(ids).get();",
      "  }",
      "  @Jit public static Array atMul(@Shape(\"f32[v,d]\") Array t, @Shape(\"i32[b]\") Array ids, @Shape(\"f32[b,d]\") Array g) {",
      "    return t.at(ids).mul(g);",
      "  }",
      "  @Jit public static Array atMin(@Shape(\"f32[v,d]\") Array t, @Shape(\"i32[b]\") Array ids, @Shape(\"f32[b,d]\") Array g) {",
      "    return t.at(ids).min(g);",
      "  }",
      "  @Jit public static Array erfInv(@Shape(\"f32[n]\") Array x) { return Lax.erfInv(x); }",
      "  @Jit public static Array windowMin(@Shape(\"f32[h,w]\") Array x) {",
      "    return Lax.reduceWindowMin(x, new int[] {2, 2}, new int[] {1, 1}, \"VALID\");",
      "  }",
      "  @Jit public static Array windowMinStrided(@Shape(\"f32[h,w]\") Array x) {",
      "    return Lax.reduceWindow(x, Double.POSITIVE_INFINITY, Lax::min, new int[] {2, 3}, new int[] {1, 2}, \"VALID\");",
      "  }");

  static final Source LINALG = demo("Linear",
      "  @Jit public static Array cholesky(@Shape(\"f32[n,n]\") Array a) { return Jnp.linalg.cholesky(a); }",
      "  @Jit public static Array solve(@Shape(\"f32[n,n]\") Array a, @Shape(\"f32[n,k]\") Array b) {",
      "    return Jnp.linalg.solve(a, b);",
      "  }",
      "  @Jit public static Array lowerSolve(@Shape(\"f32[n,n]\") Array a, @Shape(\"f32[n,k]\") Array b) {",
      "    return Jnp.linalg.triangularSolve(a, b, true);",
      "  }",
      "  @Jit public static Array rightUpperTransposedSolve(@Shape(\"f32[n,n]\") Array a, @Shape(\"f32[k,n]\") Array b) {",
      "    return Jnp.linalg.triangularSolve(a, b, false, false, true, false);",
      "  }",
      "  @Jit public static Jnp.linalg.QR qr(@Shape(\"f32[m,n]\") Array a) { return Jnp.linalg.qr(a); }",
      "  @Jit public static Array qShifted(@Shape(\"f32[m,n]\") Array a) { return Jnp.linalg.qr(a).q().mul(2).add(1); }",
      "  @Jit public static Array inv(@Shape(\"f32[n,n]\") Array a) { return Jnp.linalg.inv(a); }",
      "  @Jit public static Array det(@Shape(\"f32[n,n]\") Array a) { return Jnp.linalg.det(a); }");

  static final Source RANDOM = demo("Draws",
      "  @Jit public static Array split(@Shape(\"u32[2]\") Array key) { return Random.split(key); }",
      "  @Jit public static Array split3(@Shape(\"u32[2]\") Array key) { return Random.split(key, 3); }",
      "  @Jit public static Array foldIn(@Shape(\"u32[2]\") Array key) { return Random.foldIn(key, 7); }",
      "  @Jit public static Array bits(@Shape(\"u32[2]\") Array key, @Shape(\"f32[b,n]\") Array like) {",
      "    return Random.bits(key, like.shape());",
      "  }",
      "  @Jit public static Array uniform(@Shape(\"u32[2]\") Array key, @Shape(\"f32[b,n]\") Array like) {",
      "    return Random.uniform(key, DType.F32, like.shape(), -2.0, 3.0);",
      "  }",
      "  @Jit public static Array normal(@Shape(\"u32[2]\") Array key, @Shape(\"f32[b,n]\") Array like) {",
      "    return Random.normal(key, DType.F32, like.shape());",
      "  }",
      "  @Jit public static Array randint(@Shape(\"u32[2]\") Array key) { return Random.randint(key, new int[] {4, 5}, -3, 10); }",
      "  @Jit public static Array categorical(@Shape(\"u32[2]\") Array key, @Shape(\"f32[b,n]\") Array logits) {",
      "    return Random.categorical(key, logits);",
      "  }",
      "  @Jit public static Array permutation(@Shape(\"u32[2]\") Array key) { return Random.permutation(key, 8); }");

  static final Source DTYPES = demo("Narrow",
      "  @Jit public static Array f16(@Shape(\"f16[n]\") Array a, @Shape(\"f16[n]\") Array b) {",
      "    return a.mul(b).add(a).sub(1).div(b).astype(DType.F32);",
      "  }",
      "  @Jit public static Array i8(@Shape(\"i8[n]\") Array a, @Shape(\"i8[n]\") Array b) {",
      "    return a.mul(b).add(a).sub(b).astype(DType.I32);",
      "  }",
      "  @Jit public static Array u8(@Shape(\"u8[n]\") Array a, @Shape(\"u8[n]\") Array b) {",
      "    return a.mul(b).sub(b).add(a).astype(DType.F32);",
      "  }",
      "  @Jit public static Array u32(@Shape(\"u32[n]\") Array a, @Shape(\"u32[n]\") Array b) {",
      "    return a.mul(b).sub(a).add(b).astype(DType.I64);",
      "  }",
      "  @Jit public static Array narrowed(@Shape(\"f32[n]\") Array a) {",
      "    return a.astype(DType.I8).add(a.astype(DType.U8)).astype(DType.F16);",
      "  }");

  @Test
  void sortingArgReductionsAndMomentsRunInJavacTimeKernels() {
    ClassLoader loader = compiled(SORTING, "argmin", "cumsum", "sort", "argsort", "topK", "takeAlong", "var",
        "varDdof", "std");
    long compiles = Olympus.compileCount();
    for (int[] shape : new int[][] {{3, 5}, {2, 7}}) {
      // Repeated values check that argmin takes the first minimum and that sort and argsort are stable.
      Array x = grid(shape[0], shape[1], 4, 0.5f);
      for (String m : new String[] {"argmin", "cumsum", "sort", "argsort", "var", "varDdof", "std"}) {
        sameResult(loader, "demo.Sorting", m, x);
      }
      Lax.TopK eager = (Lax.TopK) Compilations.call(loader, "demo.Sorting", "topK", x);
      Lax.TopK kernel = (Lax.TopK) Compilations.call(loader, "demo.Sorting_Jit", "topK", x);
      sameArray("topK values", eager.values(), kernel.values());
      sameArray("topK indices", eager.indices(), kernel.indices());
      Array order = (Array) Compilations.call(loader, "demo.Sorting_Jit", "argsort", x);
      sameResult(loader, "demo.Sorting", "takeAlong", x, order);

      // Eager and kernel agreeing is only half of it: the kernel's answers are checked against plain Java too.
      float[] xs = x.toFloatArray();
      int[] argmin = ((Array) Compilations.call(loader, "demo.Sorting_Jit", "argmin", x)).toIntArray();
      float[] sorted = ((Array) Compilations.call(loader, "demo.Sorting_Jit", "sort", x)).toFloatArray();
      int[] perm = order.toIntArray();
      float[] gathered = ((Array) Compilations.call(loader, "demo.Sorting_Jit", "takeAlong", x, order)).toFloatArray();
      float[] top = kernel.values().toFloatArray();
      int[] topIdx = kernel.indices().toIntArray();
      int n = shape[1];
      for (int r = 0; r < shape[0]; r++) {
        float[] row = Arrays.copyOfRange(xs, r * n, r * n + n);
        float[] want = row.clone();
        Arrays.sort(want);
        assertArrayEquals(want, Arrays.copyOfRange(sorted, r * n, r * n + n));
        assertArrayEquals(want, Arrays.copyOfRange(gathered, r * n, r * n + n), "argsort then take_along_axis sorts");
        int first = 0;
        for (int j = 1; j < n; j++) if (row[j] < row[first]) first = j;
        assertEquals(first, argmin[r]);
        for (int j = 1; j < n; j++) {
          int a = perm[r * n + j - 1], b = perm[r * n + j];
          assertTrue(row[a] < row[b] || (row[a] == row[b] && a < b), "argsort is stable");
        }
        assertEquals(want[n - 1], top[r * 2]);
        assertEquals(want[n - 2], top[r * 2 + 1]);
        assertEquals(want[n - 1], row[topIdx[r * 2]]);
      }
    }
    assertEquals(compiles, Olympus.compileCount(), "every call fits its javac-time kernel");
  }

  @Test
  void indexUpdatesErfInvAndWindowMinimaRunInJavacTimeKernels() {
    ClassLoader loader = compiled(UPDATES, "atGet", "atMul", "atMin", "erfInv", "windowMin", "windowMinStrided");
    long compiles = Olympus.compileCount();
    for (int[] vd : new int[][] {{5, 3}, {4, 6}}) {
      Array table = grid(vd[0], vd[1], 7, 0.25f);
      // A repeated id updates its row twice, -1 counts from the end and 9 is out of range: the cases where the
      // kernel's gather and scatter modes must match the eager ones.
      Array ids = Jnp.array(new int[] {vd[0] - 1, 0, vd[0] - 1, -1, 9});
      Array g = grid(5, vd[1], 5, -0.75f);
      sameResult(loader, "demo.Updates", "atGet", table, ids);
      sameResult(loader, "demo.Updates", "atMul", table, ids, g);
      sameResult(loader, "demo.Updates", "atMin", table, ids, g);
    }
    for (int n : new int[] {7, 12}) {
      double[] u = new double[n];
      for (int i = 0; i < n; i++) u[i] = -1.0 + 2.0 * i / (n - 1);
      Array x = Jnp.array(DType.F32, u, n);
      sameResult(loader, "demo.Updates", "erfInv", x);
      float[] r = ((Array) Compilations.call(loader, "demo.Updates_Jit", "erfInv", x)).toFloatArray();
      assertEquals(Float.NEGATIVE_INFINITY, r[0]);
      assertEquals(Float.POSITIVE_INFINITY, r[n - 1]);
    }
    for (int[] hw : new int[][] {{4, 5}, {6, 8}}) {
      Array x = grid(hw[0], hw[1], 9, 1f);
      sameResult(loader, "demo.Updates", "windowMin", x);
      sameResult(loader, "demo.Updates", "windowMinStrided", x);
      Array mins = (Array) Compilations.call(loader, "demo.Updates_Jit", "windowMin", x);
      assertArrayEquals(new int[] {hw[0] - 1, hw[1] - 1}, mins.shape(), "the output size follows the input's");
      float[] xs = x.toFloatArray();
      int w = hw[1];
      float want = Math.min(Math.min(xs[0], xs[1]), Math.min(xs[w], xs[w + 1]));
      assertEquals(want, mins.toFloatArray()[0]);
    }
    assertEquals(compiles, Olympus.compileCount(), "every call fits its javac-time kernel");
  }

  @Test
  void linalgRunsInJavacTimeKernels() {
    ClassLoader loader = compiled(LINALG, "cholesky", "solve", "lowerSolve", "rightUpperTransposedSolve", "qr",
        "inv", "det");
    long compiles = Olympus.compileCount();
    for (int n : new int[] {3, 5}) {
      Array spd = spd(n);
      Array b = grid(n, 2, 5, 0.5f);
      Array bt = grid(2, n, 5, 0.5f);
      for (String m : new String[] {"cholesky", "inv", "det"}) sameResult(loader, "demo.Linear", m, spd);
      sameResult(loader, "demo.Linear", "solve", spd, b);
      sameResult(loader, "demo.Linear", "lowerSolve", spd, b);
      sameResult(loader, "demo.Linear", "rightUpperTransposedSolve", spd, bt);

      Array l = (Array) Compilations.call(loader, "demo.Linear_Jit", "cholesky", spd);
      assertClose(spd, Jnp.matmul(l, l.T()), 1e-4, "L L^T gives back the matrix");
      Array x = (Array) Compilations.call(loader, "demo.Linear_Jit", "solve", spd, b);
      assertClose(b, Jnp.matmul(spd, x), 1e-4, "a x = b");
      Array inv = (Array) Compilations.call(loader, "demo.Linear_Jit", "inv", spd);
      assertClose(Jnp.eye(DType.F32, n), Jnp.matmul(spd, inv), 1e-4, "a inv(a) = I");
    }
    // A permutation matrix times 2 along the diagonal: det is exactly -8, one row swap in LU.
    Array swap = Jnp.array(new float[] {0, 2, 0, 2, 0, 0, 0, 0, 2}, 3, 3);
    sameResult(loader, "demo.Linear", "det", swap);
    assertEquals(-8f, ((Array) Compilations.call(loader, "demo.Linear_Jit", "det", swap)).floatValue());
    assertEquals(compiles, Olympus.compileCount(), "every call fits its javac-time kernel");
    // Tall and wide: the reduced factors are [m, k] and [k, n] for k = min(m, n), so the kernels, traced with
    // m < n, hold for m <= n and say so; a tall matrix takes the run-time path, with the same results.
    String code = Compilations.generated(Compilations.compile(LINALG.file()), "demo.Linear_Jit");
    assertTrue(code.contains("Kernel qrKernel: the declared shapes, for sizes where m <= n."), code);
    for (int[] mn : new int[][] {{4, 3}, {3, 5}, {6, 2}, {4, 4}}) {
      compiles = Olympus.compileCount();
      Array a = grid(mn[0], mn[1], 7, 0.5f).add(diagonal(mn[0], mn[1], 3f));
      Jnp.linalg.QR eager = (Jnp.linalg.QR) Compilations.call(loader, "demo.Linear", "qr", a);
      Jnp.linalg.QR kernel = (Jnp.linalg.QR) Compilations.call(loader, "demo.Linear_Jit", "qr", a);
      sameArray("q", eager.q(), kernel.q());
      sameArray("r", eager.r(), kernel.r());
      int k = Math.min(mn[0], mn[1]);
      assertArrayEquals(new int[] {mn[0], k}, kernel.q().shape());
      assertArrayEquals(new int[] {k, mn[1]}, kernel.r().shape());
      assertClose(a, Jnp.matmul(kernel.q(), kernel.r()), 1e-4, "q r = a");
      sameResult(loader, "demo.Linear", "qShifted", a);
      assertEquals(mn[0] <= mn[1], compiles == Olympus.compileCount(), Arrays.toString(mn) + " fits the kernels");
    }
  }

  @Test
  void randomDrawsRunInJavacTimeKernels() {
    ClassLoader loader = compiled(RANDOM, "split", "split3", "foldIn", "bits", "uniform", "normal", "randint", "categorical",
        "permutation");
    long compiles = Olympus.compileCount();
    for (long seed : new long[] {0, 7, -1}) {
      Array key = Random.key(seed);
      for (String m : new String[] {"split", "split3", "foldIn", "randint", "permutation"}) sameResult(loader, "demo.Draws", m, key);
      for (int[] shape : new int[][] {{3, 5}, {2, 7}}) {
        Array like = grid(shape[0], shape[1], 11, 0.5f);
        for (String m : new String[] {"bits", "uniform", "normal", "categorical"}) {
          sameResult(loader, "demo.Draws", m, key, like);
        }
      }
      int[] perm = ((Array) Compilations.call(loader, "demo.Draws_Jit", "permutation", key)).toIntArray();
      int[] sortedPerm = perm.clone();
      Arrays.sort(sortedPerm);
      assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7}, sortedPerm, "a permutation of 0..7");
      for (int r : ((Array) Compilations.call(loader, "demo.Draws_Jit", "randint", key)).toIntArray()) {
        assertTrue(r >= -3 && r < 10, "randint in [-3, 10): " + r);
      }
    }
    // JAX's split(PRNGKey(0)) and fold_in(PRNGKey(0), 7), from tracer's test resource random.txt.
    assertArrayEquals(new long[] {1797259609L, 2579123966L, 928981903L, 3453687069L},
        ((Array) Compilations.call(loader, "demo.Draws_Jit", "split", Random.key(0))).toLongArray());
    assertArrayEquals(new long[] {2716826189L, 292468403L},
        ((Array) Compilations.call(loader, "demo.Draws_Jit", "foldIn", Random.key(0))).toLongArray());
    assertEquals(compiles, Olympus.compileCount(), "every call fits its javac-time kernel");
  }

  @Test
  void narrowDtypesRunInJavacTimeKernels() {
    ClassLoader loader = compiled(DTYPES, "f16", "i8", "u8", "u32", "narrowed");
    long compiles = Olympus.compileCount();
    for (int n : new int[] {6, 9}) {
      double[] a = new double[n], b = new double[n], small = new double[n];
      for (int i = 0; i < n; i++) {
        a[i] = 120 - 29 * i;
        b[i] = 3 + 5 * i;
        small[i] = (i * 17) % 101;
      }
      Array a16 = Jnp.array(DType.F16, a, n).mul(0.01).astype(DType.F16);
      Array b16 = Jnp.array(DType.F16, b, n).mul(0.1).astype(DType.F16);
      sameResult(loader, "demo.Narrow", "f16", a16, b16);

      // i8 and u8 products overflow here: the kernel must wrap as the eager ops do (and as Java's casts do).
      Array a8 = Jnp.array(DType.I8, a, n), b8 = Jnp.array(DType.I8, b, n);
      sameResult(loader, "demo.Narrow", "i8", a8, b8);
      int[] i8 = ((Array) Compilations.call(loader, "demo.Narrow_Jit", "i8", a8, b8)).toIntArray();
      for (int i = 0; i < n; i++) {
        byte x = (byte) a[i], y = (byte) b[i];
        assertEquals((byte) ((byte) ((byte) (x * y) + x) - y), i8[i], "i8 at " + i);
      }
      double[] ua = new double[n];
      for (int i = 0; i < n; i++) ua[i] = (a[i] + 256) % 256;
      Array au = Jnp.array(DType.U8, ua, n), bu = Jnp.array(DType.U8, b, n);
      sameResult(loader, "demo.Narrow", "u8", au, bu);
      float[] u8 = ((Array) Compilations.call(loader, "demo.Narrow_Jit", "u8", au, bu)).toFloatArray();
      for (int i = 0; i < n; i++) {
        int x = (int) ua[i], y = (int) b[i];
        assertEquals((((x * y) & 0xff) - y + x) & 0xff, (int) u8[i], "u8 at " + i);
      }
      double[] big = new double[n];
      for (int i = 0; i < n; i++) big[i] = 4_000_000_000.0 - 123_456_789.0 * i;
      Array a32 = Jnp.array(DType.U32, big, n), b32 = Jnp.array(DType.U32, b, n);
      sameResult(loader, "demo.Narrow", "u32", a32, b32);
      long[] u32 = ((Array) Compilations.call(loader, "demo.Narrow_Jit", "u32", a32, b32)).toLongArray();
      for (int i = 0; i < n; i++) {
        int x = (int) (long) big[i], y = (int) b[i];
        assertEquals(Integer.toUnsignedLong(x * y - x + y), u32[i], "u32 at " + i);
      }
      sameResult(loader, "demo.Narrow", "narrowed", Jnp.array(DType.F32, small, n));
    }
    assertEquals(compiles, Olympus.compileCount(), "every call fits its javac-time kernel");
  }

  static final Source SIZE_DEPENDENT = demo("SizeDependent",
      "  @Jit public static Array sameStrided(@Shape(\"f32[h,w]\") Array x) {",
      "    return Lax.reduceWindowMin(x, new int[] {3, 2}, new int[] {2, 1}, \"SAME\");",
      "  }",
      "  @Jit public static Array shuffledRows(@Shape(\"u32[2]\") Array key, @Shape(\"f32[n,d]\") Array x) {",
      "    return Random.permutation(key, x);",
      "  }");

  /**
   * Traces whose library code computes with a size in Java where no shape shows it: "SAME" padding under a stride
   * depends on the size's residue, and a permutation's shuffle rounds on its logarithm (none for 1 row, one up to 1,625
   * rows, two above). Both representative traces agree there, so the kernel is kept but guarded by what they
   * assumed ({@code h % 2 == 1}, {@code 2 <= n <= 1625}); other sizes take the run-time path, and every size gets
   * eager's result.
   */
  @Test
  void sizeDependentTracesAreGuardedByWhatTheyAssumed() {
    Compilation c = Compilations.compile(SIZE_DEPENDENT.file());
    assertThat(c).succeededWithoutWarnings();
    String code = Compilations.generated(c, "demo.SizeDependent_Jit");
    assertTrue(code.contains("h % 2 == 1"), code);
    assertTrue(code.contains("n >= 2 && n <= 1625"), code);
    ClassLoader loader = Compilations.loader(c);
    for (int h : new int[] {3, 4, 5, 6, 8}) {
      long compiles = Olympus.compileCount();
      sameResult(loader, "demo.SizeDependent", "sameStrided", grid(h, 4, 9, 1f));
      assertEquals(h % 2 == 1, compiles == Olympus.compileCount(), "h = " + h + " fits the kernel only when odd");
    }
    Array key = Random.key(3);
    for (int n : new int[] {5, 1625, 1626, 2000}) {
      long compiles = Olympus.compileCount();
      sameResult(loader, "demo.SizeDependent", "shuffledRows", key, grid(n, 2, 13, 0.5f));
      assertEquals(n <= 1625, compiles == Olympus.compileCount(), n + " rows fit the kernel's one round");
    }
  }

  static final Source USER_BRANCHES = demo("UserBranches",
      "  @Jit public static Array parity(@Shape(\"f32[n]\") Array x) {",
      "    if (x.shape()[0] % 2 == 0) return x.mul(2);",
      "    return x.mul(3);",
      "  }",
      "  @Jit public static Array wide(@Shape(\"f32[n,d]\") Array x) {",
      "    return x.shape()[1] > 64 ? x.sum(1) : x.max(1);",
      "  }",
      "  @Jit public static Array single(@Shape(\"f32[n]\") Array x) {",
      "    if (x.shape()[0] == 1) return x;",
      "    return x.add(1);",
      "  }",
      "  @Jit public static Array halfLarge(@Shape(\"f32[n]\") Array x) {",
      "    int half = x.shape()[0] / 2;",
      "    if (half > 40) return x.mul(2);",
      "    return x.mul(3);",
      "  }",
      "  @Jit public static Array capped(@Shape(\"f32[n]\") Array x) {",
      "    return Math.min(x.shape()[0], 64) == 64 ? x.mul(2) : x.mul(3);",
      "  }",
      "  @Jit public static Array square(@Shape(\"f32[n,d]\") Array x) {",
      "    if (x.shape()[0] == x.shape()[1]) return x.T();",
      "    return x.mul(2);",
      "  }");

  /**
   * The method's own Java branching on a size: both representative sizes are odd and on the same side of small
   * constants, so the two traces agree although other sizes take the other branch. The kernel is guarded by the
   * branch the traces took ({@code n % 2 == 1}, {@code d >= 65}, {@code n != 1}, and {@code n != d} for two sizes
   * compared); other sizes take the run-time path, and every size gets eager's result.
   */
  @Test
  void branchesOnSizesInTheMethodAreGuarded() {
    Compilation c = Compilations.compile(USER_BRANCHES.file());
    assertThat(c).succeededWithoutWarnings();
    String code = Compilations.generated(c, "demo.UserBranches_Jit");
    assertTrue(code.contains("if (n % 2 == 1) {"), code);
    assertTrue(code.contains("if (d >= 65) {"), code);
    assertTrue(code.contains("if (n != 1) {"), code);
    assertTrue(code.contains("if (n != d) {"), code);
    // n / 2 > 40 held for both traces, and no check on n alone follows a quotient through Java: run time only.
    assertTrue(code.contains("UserBranches.halfLarge: traced at run time only"), code);
    assertTrue(code.contains("UserBranches.capped: traced at run time only"), code);
    ClassLoader loader = Compilations.loader(c);
    for (int n : new int[] {1, 2, 3, 4, 7, 10}) {
      long compiles = Olympus.compileCount();
      sameResult(loader, "demo.UserBranches", "parity", grid(1, n, 5, 1f).reshape(n));
      assertEquals(n % 2 == 1, compiles == Olympus.compileCount(), "parity at n = " + n);
      sameResult(loader, "demo.UserBranches", "halfLarge", grid(1, n, 5, 1f).reshape(n));
      sameResult(loader, "demo.UserBranches", "capped", grid(1, n, 5, 1f).reshape(n));
      compiles = Olympus.compileCount();
      sameResult(loader, "demo.UserBranches", "single", grid(1, n, 5, 1f).reshape(n));
      assertEquals(n != 1, compiles == Olympus.compileCount(), "single at n = " + n);
    }
    for (int d : new int[] {8, 64, 65, 100}) {
      long compiles = Olympus.compileCount();
      sameResult(loader, "demo.UserBranches", "wide", grid(3, d, 11, 0.5f));
      assertEquals(d >= 65, compiles == Olympus.compileCount(), "wide at d = " + d);
    }
    for (int[] nd : new int[][] {{3, 3}, {3, 4}, {4, 4}, {5, 2}}) {
      long compiles = Olympus.compileCount();
      sameResult(loader, "demo.UserBranches", "square", grid(nd[0], nd[1], 7, 1f));
      assertEquals(nd[0] != nd[1], compiles == Olympus.compileCount(), "square at " + Arrays.toString(nd));
    }
  }

  static final Source BOUNDS = demo("Bounds",
      "  @Jit public static Array top5(@Shape(\"f32[b,n]\") Array x) { return Lax.topK(x, 5).values(); }",
      "  @Jit public static Array columns(@Shape(\"f32[b,n]\") Array x) {",
      "    return Lax.slice(x, new int[] {0, 2}, new int[] {x.shape()[0], 10}, new int[] {1, 1}).mul(2);",
      "  }",
      "  @Jit public static Array rows(@Shape(\"f32[n,d]\") Array x, @Shape(\"i32[k]\") Array i) {",
      "    return Jnp.take(x, i, 0).add(1);",
      "  }");

  /**
   * A shape rule's check that held at the representative sizes (top_k's {@code k <= n}, a slice's limit) holds
   * only from some size on: the kernel is guarded by it ({@code n >= 5}, {@code n >= 10}), so a smaller operand
   * takes the run-time path and gets the same ShapeException as eager, not an index out of bounds (or, for the
   * slice of a row, the next row's elements). A gather's slice size that is the operand's own size needs no guard;
   * its slice of one row needs a row ({@code n >= 1}).
   */
  @Test
  void shapeChecksThatHeldAtTheTracedSizesGuardTheKernel() {
    Compilation c = Compilations.compile(BOUNDS.file());
    assertThat(c).succeededWithoutWarnings();
    String code = Compilations.generated(c, "demo.Bounds_Jit");
    assertTrue(code.contains("Kernel top5Kernel: the declared shapes, for sizes where n >= 5."), code);
    assertTrue(code.contains("Kernel columnsKernel: the declared shapes, for sizes where n >= 10."), code);
    assertTrue(code.contains("Kernel rowsKernel: the declared shapes, for sizes where n >= 1.\n"), code);
    ClassLoader loader = Compilations.loader(c);
    for (int n : new int[] {3, 5, 9, 10, 12}) {
      Array x = grid(4, n, 11, 0.5f);
      for (String m : new String[] {"top5", "columns"}) {
        int least = m.equals("top5") ? 5 : 10;
        if (n >= least) {
          long compiles = Olympus.compileCount();
          sameResult(loader, "demo.Bounds", m, x);
          assertEquals(compiles, Olympus.compileCount(), m + " at n = " + n + " runs its kernel");
        } else {
          ShapeException eager = assertThrows(ShapeException.class, () -> Compilations.call(loader, "demo.Bounds", m, x));
          ShapeException jit = assertThrows(ShapeException.class,
              () -> Compilations.call(loader, "demo.Bounds_Jit", m, x));
          assertEquals(eager.getMessage(), jit.getMessage(), m + " at n = " + n);
        }
      }
    }
    Array indices = Jnp.array(new int[] {2, 0, 2});
    long compiles = Olympus.compileCount();
    for (int d : new int[] {1, 4}) sameResult(loader, "demo.Bounds", "rows", grid(3, d, 7, 1f), indices);
    assertEquals(compiles, Olympus.compileCount(), "take runs its kernel at every size");
  }

  /** Compiles {@code source} cleanly and checks that each method got a javac-time kernel. */
  private static ClassLoader compiled(Source source, String... methods) {
    Compilation c = Compilations.compile(source.file());
    assertThat(c).succeededWithoutWarnings();
    String code = Compilations.generated(c, source.className() + "_Jit");
    for (String m : methods) assertTrue(code.contains("private static Array[] " + m + "Kernel("), m + ":\n" + code);
    return Compilations.loader(c);
  }

  /** The method run eagerly and its {@code _Jit} kernel give the same array, to the bit. */
  private static void sameResult(ClassLoader loader, String className, String method, Object... args) {
    Array eager = (Array) Compilations.call(loader, className, method, args);
    Array kernel = (Array) Compilations.call(loader, className + "_Jit", method, args);
    sameArray(className + "." + method, eager, kernel);
  }

  private static void sameArray(String what, Array eager, Array kernel) {
    assertEquals(eager.dtype(), kernel.dtype(), what);
    assertArrayEquals(eager.shape(), kernel.shape(), what);
    // Doubles hold every f32, f16 and bf16 value exactly, and assertArrayEquals compares their bits.
    if (eager.dtype().isFloating()) assertArrayEquals(eager.toDoubleArray(), kernel.toDoubleArray(), what);
    else assertArrayEquals(eager.toLongArray(), kernel.toLongArray(), what);
  }

  private static void assertClose(Array want, Array got, double tolerance, String what) {
    assertArrayEquals(want.shape(), got.shape(), what);
    assertArrayEquals(want.toDoubleArray(), got.toDoubleArray(), tolerance, what);
  }

  /** A rows x cols f32 matrix of {@code ((i * 7) % mod - mod / 2) * step}: small, exact, with repeats. */
  private static Array grid(int rows, int cols, int mod, float step) {
    float[] v = new float[rows * cols];
    for (int i = 0; i < v.length; i++) v[i] = ((i * 7) % mod - mod / 2) * step;
    return Jnp.array(v, rows, cols);
  }

  /** A rows x cols matrix with {@code value} on its diagonal (full rank for the QR checks). */
  private static Array diagonal(int rows, int cols, float value) {
    float[] v = new float[rows * cols];
    for (int i = 0; i < Math.min(rows, cols); i++) v[i * cols + i] = value;
    return Jnp.array(v, rows, cols);
  }

  /** A symmetric positive definite n x n matrix: m m^T + n I. */
  private static Array spd(int n) {
    Array m = grid(n, n, 5, 0.5f);
    return Jnp.matmul(m, m.T()).add(Jnp.eye(DType.F32, n).mul(n));
  }
}
