package dev.olympus.controlflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.Array;
import dev.olympus.DType;
import dev.olympus.Fn1;
import dev.olympus.Fn2;
import dev.olympus.ir.ClosedIr;
import dev.olympus.ir.Equation;
import dev.olympus.lax.Lax;
import dev.olympus.numpy.Jnp;
import dev.olympus.primitive.Cond;
import dev.olympus.primitive.Scan;
import dev.olympus.primitive.While;
import dev.olympus.transform.Staging;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The IR of control flow, character for character. Every expected text below except where noted is what
 * {@code jax.make_jaxpr} (jax 0.10.2) prints for the Python in the comment above it; Olympus produced the
 * same text independently, so these check tracing, closure conversion, weak types and layout against JAX.
 */
class ControlFlowIrTest {
  private static String ir(Fn1<Array, ?> f, Object arg) { return Staging.makeIr(f, arg).toString(); }

  private static String ir(Fn2<Array, ?, ?> f, Object a, Object b) { return Staging.makeIr(f, a, b).toString(); }

  /** {@code lax.cond(x > 0, lambda x: x, lambda x: -x, x)} at 1.0: branches are (false, true). */
  @Test
  void condWithTwoBranches() {
    assertEquals("""
        { lambda ; a:f32[]. let
            b:bool[] = gt a 0.0:f32[]
            c:i32[] = convert_element_type[new_dtype=int32 weak_type=False] b
            d:f32[] = cond[
              branches=(
                { lambda ; e:f32[]. let f:f32[] = neg e in (f,) }
                { lambda ; g:f32[]. let  in (g,) }
              )
            ] c a
          in (d,) }""", ir(x -> Lax.cond(x.gt(0), y -> y, y -> y.neg(), x), 1.0f));
  }

  /**
   * {@code lax.cond(x > 0, lambda z: z * y, lambda z: z + 1., x)} at (1.0, 2.0): the outer tracer {@code y}
   * that one branch closes over becomes an operand ({@code b}) and a leading input of every branch.
   */
  @Test
  void closedOverOuterTracerIsHoistedToAnOperand() {
    assertEquals("""
        { lambda ; a:f32[] b:f32[]. let
            c:bool[] = gt a 0.0:f32[]
            d:i32[] = convert_element_type[new_dtype=int32 weak_type=False] c
            e:f32[] = cond[
              branches=(
                { lambda ; f:f32[] g:f32[]. let h:f32[] = add g 1.0:f32[] in (h,) }
                { lambda ; i:f32[] j:f32[]. let k:f32[] = mul j i in (k,) }
              )
            ] d b a
          in (e,) }""", ir((x, y) -> Lax.cond(x.gt(0), z -> z.mul((Array) y), z -> z.add(1.0), x), 1.0f, 2.0f));
  }

  /**
   * The jaxpr document's {@code func8}: a list operand, and a constant array created in one branch, which
   * becomes a constvar of the outer IR passed to the cond.
   */
  @Test
  void pytreeOperandAndConstantArrayInABranch() {
    Fn2<Array, List<Array>, Array> func8 = (a1, a2) -> Lax.cond(a1.ge(0.0), xs -> xs.get(0),
        xs -> Jnp.array(1f).add(xs.get(1)), a2);
    assertEquals("""
        { lambda a:f32[1]; b:f32[] c:f32[1] d:f32[]. let
            e:bool[] = ge b 0.0:f32[]
            f:i32[] = convert_element_type[new_dtype=int32 weak_type=False] e
            g:f32[1] = cond[
              branches=(
                { lambda ; h:f32[1] i:f32[1] j:f32[]. let
                    k:f32[] = convert_element_type[new_dtype=float32 weak_type=False] j
                    l:f32[1] = add h k
                  in (l,) }
                { lambda ; m:f32[1] n:f32[1] o:f32[]. let  in (n,) }
              )
            ] f a c d
          in (g,) }""", Staging.makeIr(func8, 5.0f, List.of(Jnp.zeros(DType.F32, 1), Jnp.literal(2.0))).toString());
  }

  /** {@code lax.fori_loop(0, n, lambda i, c: c + x, x)} with a traced n: a while loop, x a body constant. */
  @Test
  void foriLoopWithTracedBoundIsAWhile() {
    assertEquals("""
        { lambda ; a:f32[] b:i32[]. let
            _:i32[] _:i32[] c:f32[] = while[
              body_jaxpr={ lambda ; d:f32[] e:i32[] f:i32[] g:f32[]. let
                  h:i32[] = add e 1:i32[]
                  i:f32[] = add g d
                in (h, f, i) }
              body_nconsts=1
              cond_jaxpr={ lambda ; j:i32[] k:i32[] l:f32[]. let
                  m:bool[] = lt j k
                in (m,) }
              cond_nconsts=0
            ] a 0:i32[] b a
          in (c,) }""", ir((x, n) -> Lax.foriLoop(0, (Array) n, (i, c) -> c.add(x), x), 1.0f, 5));
  }

  /** {@code lax.fori_loop(0, 10, lambda i, c: c + i, x)}: a static trip count is a scan. */
  @Test
  void foriLoopWithStaticBoundsIsAScan() {
    assertEquals("""
        { lambda ; a:f32[]. let
            _:i32[] b:f32[] = scan[
              jaxpr={ lambda ; c:i32[] d:f32[]. let
                  e:i32[] = add c 1:i32[]
                  f:f32[] = convert_element_type[new_dtype=float32 weak_type=True] c
                  g:f32[] = add d f
                in (e, g) }
              length=10
              num_carry=2
              num_consts=0
              reverse=False
              unroll=1
            ] 0:i32[] a
          in (b,) }""", ir(x -> Lax.foriLoop(0, 10, (i, c) -> c.add(i), x), 1.0f));
  }

  /**
   * The jaxpr document's {@code func11}: {@code lax.scan(lambda c, a: (c + a + extra, c), 0., arr)}. The carry
   * starts as a weakly typed literal and keeps that type inside the body, as in JAX.
   */
  @Test
  void scanWithConstantCarryAndStackedOutputs() {
    Fn2<Array, Array, Lax.Carry<Array, Array>> func11 = (arr, extra) -> Lax.scan(
        (Array c, Array a) -> Lax.carry(c.add(a).add(extra), c), Jnp.literal(0.0), arr);
    assertEquals("""
        { lambda ; a:f32[16] b:f32[]. let
            c:f32[] d:f32[16] = scan[
              jaxpr={ lambda ; e:f32[] f:f32[] g:f32[]. let
                  h:f32[] = convert_element_type[new_dtype=float32 weak_type=False] f
                  i:f32[] = add h g
                  j:f32[] = convert_element_type[new_dtype=float32 weak_type=False] e
                  k:f32[] = add i j
                in (k, f) }
              length=16
              num_carry=1
              num_consts=1
              reverse=False
              unroll=1
            ] b 0.0:f32[] a
          in (c, d) }""", ir(func11, Jnp.ones(DType.F32, 16), 5.0f));
  }

  /** A cond inside a scan body: the nested equation prints inside the body, indented one more level. */
  @Test
  void condNestedInScan() {
    assertEquals("""
        { lambda ; a:f32[4]. let
            b:f32[] c:f32[4] = scan[
              jaxpr={ lambda ; d:f32[] e:f32[]. let
                  f:bool[] = gt e 0.0:f32[]
                  g:i32[] = convert_element_type[new_dtype=int32 weak_type=False] f
                  h:f32[] = cond[
                    branches=(
                      { lambda ; i:f32[]. let j:f32[] = neg i in (j,) }
                      { lambda ; k:f32[]. let  in (k,) }
                    )
                  ] g e
                  l:f32[] = convert_element_type[new_dtype=float32 weak_type=False] d
                  m:f32[] = add l h
                in (m, d) }
              length=4
              num_carry=1
              num_consts=0
              reverse=False
              unroll=1
            ] 0.0:f32[] a
          in (b, c) }""", ir(xs -> Lax.scan((Array c, Array x) -> Lax.carry(
                c.add(Lax.cond(x.gt(0), v -> v, v -> v.neg(), x)), c), Jnp.literal(0.0), xs), Jnp.ones(DType.F32, 4)));
  }

  /**
   * {@code lax.fori_loop(0, 3, lambda i, c: c * 2.5, x)} with an int argument: the body makes the weakly typed
   * carry a float, so the init is converted first and the body traced on f32.
   */
  @Test
  void weakIntCarryPromotedByTheBody() {
    assertEquals("""
        { lambda ; a:i32[]. let
            b:f32[] = convert_element_type[new_dtype=float32 weak_type=False] a
            _:i32[] c:f32[] = scan[
              jaxpr={ lambda ; d:i32[] e:f32[]. let
                  f:i32[] = add d 1:i32[]
                  g:f32[] = mul e 2.5:f32[]
                in (f, g) }
              length=3
              num_carry=2
              num_consts=0
              reverse=False
              unroll=1
            ] 0:i32[] b
          in (c,) }""", ir(x -> Lax.foriLoop(0, 3, (i, c) -> c.mul(2.5), x), 1));
  }

  /** {@code lax.while_loop(lambda s: s[0] < 100, lambda s: [s[0] * 2, s[1] + 1], [x, 0])}. */
  @Test
  void whileLoopWithListCarry() {
    assertEquals("""
        { lambda ; a:i32[]. let
            b:i32[] c:i32[] = while[
              body_jaxpr={ lambda ; d:i32[] e:i32[]. let
                  f:i32[] = mul d 2:i32[]
                  g:i32[] = add e 1:i32[]
                in (f, g) }
              body_nconsts=0
              cond_jaxpr={ lambda ; h:i32[] i:i32[]. let
                  j:bool[] = lt h 100:i32[]
                in (j,) }
              cond_nconsts=0
            ] a 0:i32[]
          in (b, c) }""", ir(x -> Lax.whileLoop(s -> s.get(0).lt(100), s -> List.of(s.get(0).mul(2), s.get(1).add(1)),
        List.of(x, Jnp.literal(0))), 3));
  }

  /** {@code lax.scan(lambda c, x: (c * x, c + x), 1., xs, reverse=True)}. */
  @Test
  void reverseScan() {
    assertEquals("""
        { lambda ; a:f32[5]. let
            b:f32[] c:f32[5] = scan[
              jaxpr={ lambda ; d:f32[] e:f32[]. let
                  f:f32[] = convert_element_type[new_dtype=float32 weak_type=False] d
                  g:f32[] = mul f e
                  h:f32[] = convert_element_type[new_dtype=float32 weak_type=False] d
                  i:f32[] = add h e
                in (g, i) }
              length=5
              num_carry=1
              num_consts=0
              reverse=True
              unroll=1
            ] 1.0:f32[] a
          in (b, c) }""", ir(xs -> Lax.scan((Array c, Array x) -> Lax.carry(c.mul(x), c.add(x)), Jnp.literal(1.0), xs, -1,
        true), Jnp.ones(DType.F32, 5)));
  }

  /**
   * {@code lax.switch(i, [f0, f1, f2], x)}. Not JAX's text: JAX clamps the index with its {@code clamp}
   * primitive ({@code clamp 0:i32[] b 2:i32[]}); Olympus clamps with {@code max} and {@code min}, which
   * lowering already fuses, and is otherwise the same.
   */
  @Test
  void switchCaseClampsTheIndex() {
    List<Fn1<Array, Array>> branches = List.of(y -> y, y -> y.mul(2), Jnp::sin);
    assertEquals("""
        { lambda ; a:i32[] b:f32[]. let
            c:i32[] = max a 0:i32[]
            d:i32[] = min c 2:i32[]
            e:f32[] = cond[
              branches=(
                { lambda ; f:f32[]. let  in (f,) }
                { lambda ; g:f32[]. let h:f32[] = mul g 2.0:f32[] in (h,) }
                { lambda ; i:f32[]. let j:f32[] = sin i in (j,) }
              )
            ] d b
          in (e,) }""", ir((i, x) -> Lax.switchCase(i, branches, (Array) x), Jnp.scalar(1), 1.0f));
  }

  /** Sub-IRs are closed: no constvars of their own, every closed-over value is an operand of the equation. */
  @Test
  void subIrsHaveNoConstantsOfTheirOwn() {
    Array w = Jnp.array(1f, 2f, 3f);
    ClosedIr ir = Staging.makeIr((Fn2<Array, Array, Array>) (x, y) -> Lax.foriLoop(0, 4,
        (i, c) -> Lax.cond(i.gt(1), v -> v.mul(y).add(w), v -> v.sub(x), c), x), Jnp.zeros(DType.F32, 3), 2.0f);
    Equation scan = ir.ir().equations().get(0);
    assertSame(Scan.SCAN, scan.primitive());
    ClosedIr body = scan.params().as("jaxpr");
    assertTrue(body.ir().constvars().isEmpty() && body.consts().isEmpty());
    // The body closes over x, y and w: three leading operands (x twice: as constant and as init).
    assertEquals(3, scan.params().integer("num_consts"));
    List<Object> outer = List.of(ir.ir().invars().get(0), ir.ir().invars().get(1), ir.ir().constvars().get(0));
    for (Object operand : scan.inputs().subList(0, 3)) assertTrue(outer.contains(operand), operand.toString());
    assertTrue(scan.inputs().subList(0, 3).containsAll(outer));
    Equation cond = body.ir().equations().stream().filter(e -> e.primitive() == Cond.COND).findFirst().orElseThrow();
    for (ClosedIr branch : Cond.branches(cond.params())) {
      assertTrue(branch.ir().constvars().isEmpty() && branch.consts().isEmpty());
    }
    // The cond's operands are the index, then the three values its branches close over, then the operand.
    assertEquals(5, cond.inputs().size());
  }

  /**
   * 10,000 iterations stay one equation: the loop is in the IR, not unrolled into it, while the same loop
   * written in Java unrolls into 10,000 equations.
   */
  @Test
  void tenThousandStepForiLoopStaysOneEquation() {
    ClosedIr loop = Staging.makeIr((Fn1<Array, Array>) x -> Lax.foriLoop(0, 10_000, (i, s) -> s.add(i), x), 0);
    assertEquals(1, loop.ir().equations().size());
    Equation scan = loop.ir().equations().get(0);
    assertSame(Scan.SCAN, scan.primitive());
    assertEquals(10_000, scan.params().integer("length"));
    assertTrue(loop.toString().length() < 600, loop.toString());
    ClosedIr unrolled = Staging.makeIr((Fn1<Array, Array>) x -> {
      Array s = x;
      for (int i = 0; i < 10_000; i++) s = s.add(i);
      return s;
    }, 0);
    assertEquals(10_000, unrolled.ir().equations().size());
    // Both compute the sum 0 + 1 + ... + 9999 = 9999 * 10000 / 2.
    assertEquals(9999 * 10000 / 2, loop.call(List.of(Jnp.scalar(0))).get(0).intValue());
    assertEquals(9999 * 10000 / 2, unrolled.call(List.of(Jnp.scalar(0))).get(0).intValue());
  }

  /** Evaluating an IR with control flow while tracing re-stages it into the same IR (the evaluator binds). */
  @Test
  void evaluatingWhileTracingRestagesControlFlow() {
    ClosedIr inner = Staging.makeIr((Fn2<Array, Array, Array>) (x, n) -> Lax.foriLoop(0, n,
        (i, c) -> Lax.cond(i.gt(2), v -> v.mul(x), v -> v.add(1.0), c), x), 1.0f, 5);
    String again = ir((x, n) -> inner.call(List.of(x, (Array) n)).get(0), 1.0f, 5);
    assertEquals(inner.toString(), again);
    assertSame(While.WHILE, inner.ir().equations().get(0).primitive());
  }

  /** A debug print is an equation without results that stays in the IR; its format is a plain parameter. */
  @Test
  void debugPrintStaysInTheIr() {
    String text = ir(x -> {
      dev.olympus.debug.Debug.print("x = {}", x);
      return x.mul(2);
    }, 1.0f);
    assertEquals("""
        { lambda ; a:f32[]. let
            debug_print[fmt=x = {}] a
            b:f32[] = mul a 2.0:f32[]
          in (b,) }""", text);
  }
}
