package dev.olympus.seeds;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.Array;
import dev.olympus.DType;
import dev.olympus.Olympus;
import dev.olympus.ir.ClosedIr;
import dev.olympus.numpy.Jnp;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Cells 1, 2, 3, 7 and 11 of SEEDS_IN_JAVA.md (the JAX "Just-in-time compilation" tutorial), written the
 * way the table spells them in Java, with the exact jaxpr text the seed prints.
 */
class SeedCellsTest {
  /** The seed's jaxpr for {@code make_jaxpr(log2)(3.0)}, verbatim. */
  private static final String LOG2_JAXPR = """
      { lambda ; a:f32[]. let
          b:f32[] = log a
          c:f32[] = log 2.0:f32[]
          d:f32[] = div b c
        in (d,) }""";

  static final List<Object> GLOBAL_LIST = new ArrayList<>();

  /** Cell 1: {@code global_list.append(x)} is a side effect: it runs at trace time and is not in the IR. */
  static Array log2(Array x) {
    GLOBAL_LIST.add(x);
    Array lnX = Jnp.log(x);
    Array ln2 = Jnp.log(2.0);
    return lnX.div(ln2);
  }

  @Test
  void cell1MakeIrOfLog2() {
    GLOBAL_LIST.clear();
    ClosedIr ir = Olympus.makeIr(SeedCellsTest::log2, 3.0f);
    assertEquals(LOG2_JAXPR, ir.toString());
    assertEquals(1, GLOBAL_LIST.size(), "the append happened once, while tracing");
    assertEquals("Traced<f32[]>", GLOBAL_LIST.get(0).toString(), "what was appended is a tracer, not 3.0");
    // The IR computes log2; evaluated on 8 it gives 3 (log 8 / log 2 with both logs rounded to f32).
    Array eight = ir.call(List.of(Jnp.scalar(8f))).get(0);
    assertEquals((float) Math.log(8) / (float) Math.log(2), eight.floatValue());
  }

  /** Cell 2: a print inside the traced function runs once, at trace time, and shows a tracer. */
  static Array log2WithPrint(Array x) {
    System.out.println("printed x: " + x);
    Array lnX = Jnp.log(x);
    Array ln2 = Jnp.log(2.0);
    return lnX.div(ln2);
  }

  @Test
  void cell2PrintShowsTracerOnce() {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream saved = System.out;
    ClosedIr ir;
    try {
      System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
      ir = Olympus.makeIr(SeedCellsTest::log2WithPrint, 3.0f);
    } finally {
      System.setOut(saved);
    }
    assertEquals("printed x: Traced<f32[]>" + System.lineSeparator(), captured.toString(StandardCharsets.UTF_8));
    assertEquals(LOG2_JAXPR, ir.toString(), "the print is not in the IR");
  }

  /** Cell 3: Java control flow on a static attribute (rank) traces only the branch taken. */
  static Array log2IfRank2(Array x) {
    if (x.ndim() == 2) {
      Array lnX = Jnp.log(x);
      Array ln2 = Jnp.log(2.0);
      return lnX.div(ln2);
    } else {
      return x;
    }
  }

  @Test
  void cell3OnlyTheBranchTakenIsTraced() {
    assertEquals("{ lambda ; a:i32[3]. let  in (a,) }",
        Olympus.makeIr(SeedCellsTest::log2IfRank2, Jnp.array(1, 2, 3)).toString());
    // A strong f32 input makes the weak log(2.0) convert to strong f32 before the division, as in JAX.
    assertEquals("""
        { lambda ; a:f32[2,2]. let
            b:f32[2,2] = log a
            c:f32[] = log 2.0:f32[]
            d:f32[] = convert_element_type[new_dtype=float32 weak_type=False] c
            e:f32[2,2] = div b d
          in (e,) }""", Olympus.makeIr(SeedCellsTest::log2IfRank2, Jnp.array(new float[] {1, 2, 4, 8}, 2, 2))
        .toString());
  }

  /** Cell 7: branching on dtype is allowed while tracing: dtype is static. (No bfloat16 here: f64 plays it.) */
  static Array g(Array x, Array y) {
    if (x.dtype() == DType.F64) {
      return x;
    } else {
      return y;
    }
  }

  @Test
  void cell7BranchOnDtypeAnswers20() {
    assertEquals("Answer: 20", "Answer: " + g(Jnp.scalar(10), Jnp.scalar(20)).intValue(), "eagerly");
    ClosedIr ir = Olympus.makeIr(SeedCellsTest::g, 10, 20);
    assertEquals("{ lambda ; a:i32[] b:i32[]. let  in (b,) }", ir.toString());
    // The staged program gives the same answer. (Olympus.jit, which compiles this IR, is tested by its own module.)
    assertEquals("Answer: 20", "Answer: " + ir.call(List.of(Jnp.literal(10), Jnp.literal(20))).get(0).intValue());
    assertEquals("{ lambda ; a:f64[] b:i32[]. let  in (a,) }",
        Olympus.makeIr(SeedCellsTest::g, Jnp.scalar(DType.F64, 10), 20).toString());
  }

  /** Cell 11: the NumPy function ported to Jnp by changing only the namespace. */
  static Array quadraticFormula(Array a, Array b) {
    return b.neg().add(Jnp.sqrt(b.pow(2).sub(a.mul(4)))).div(a.mul(2));
  }

  @Test
  void cell11QuadraticFormulaThreeWaysIdentical() {
    float[] as = {1, 2, 0.5f, -1, 3, 1e-3f, 4};
    float[] bs = {5, -3, 2, 1, 10, 7, 4};
    // "NumPy": the same expression, element by element, in the arrays' own precision (float32 ops round each
    // result once, exactly as NumPy on float32 arrays does, and Jnp does the same IEEE operations).
    float[] numpy = new float[as.length];
    for (int i = 0; i < as.length; i++) {
      float a = as[i], b = bs[i];
      numpy[i] = (-b + (float) Math.sqrt(b * b - 4 * a)) / (2 * a);
    }
    float[] jnp = quadraticFormula(Jnp.array(as), Jnp.array(bs)).toFloatArray();
    assertArrayEquals(numpy, jnp, 0f, "eager Jnp");
    // Traced once, then run from the IR: the path Olympus.jit compiles (jit itself is tested in its module).
    ClosedIr ir = Olympus.makeIr(SeedCellsTest::quadraticFormula, Jnp.array(as), Jnp.array(bs));
    float[] staged = ir.call(List.of(Jnp.array(as), Jnp.array(bs))).get(0).toFloatArray();
    assertArrayEquals(numpy, staged, 0f, "IR");
    // Where b^2 < 4a the square root is nan, in all three.
    assertTrue(Float.isNaN(jnp[3]) == Float.isNaN(numpy[3]));
    // In float64 the Java double loop is the reference.
    double[] ad = {1, 2, 0.5, 3}, bd = {5, -3, 2, 10};
    double[] ref = new double[ad.length];
    for (int i = 0; i < ad.length; i++) ref[i] = (-bd[i] + Math.sqrt(bd[i] * bd[i] - 4 * ad[i])) / (2 * ad[i]);
    Array a64 = Jnp.array(DType.F64, ad, ad.length), b64 = Jnp.array(DType.F64, bd, bd.length);
    assertArrayEquals(ref, quadraticFormula(a64, b64).toDoubleArray(), 0.0);
    assertSame(DType.F64, quadraticFormula(a64, b64).dtype());
  }
}
