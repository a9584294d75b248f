package dev.olympus.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.olympus.Array;
import dev.olympus.DType;
import dev.olympus.Fn1;
import dev.olympus.Fn2;
import dev.olympus.lax.Lax;
import dev.olympus.numpy.Jnp;
import dev.olympus.transform.Staging;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The jaxpr text grammar, character for character. */
class IrPrinterTest {
  private static String ir(Fn1<Array, ?> f, Object arg) { return Staging.makeIr(f, arg).toString(); }

  /** JAX's {@code _encode_digits_alphabetic}: bijective base 26 with 'a' as the zero digit. */
  @Test
  void variableNamesContinuePastZ() {
    assertEquals("a", IrPrinter.nameFor(0));
    assertEquals("z", IrPrinter.nameFor(25));
    assertEquals("ba", IrPrinter.nameFor(26));
    assertEquals("bb", IrPrinter.nameFor(27));
    assertEquals("bz", IrPrinter.nameFor(51));
    assertEquals("ca", IrPrinter.nameFor(52));
    assertEquals("zz", IrPrinter.nameFor(675));
    assertEquals("baa", IrPrinter.nameFor(676));
  }

  @Test
  void thirtyVariablesEndAtBd() {
    String text = ir(x -> {
      Array y = x;
      for (int i = 0; i < 29; i++) y = y.add(1.0);
      return y;
    }, 1.0f);
    StringBuilder want = new StringBuilder("{ lambda ; a:f32[]. let\n");
    String[] names = "a b c d e f g h i j k l m n o p q r s t u v w x y z ba bb bc bd".split(" ");
    for (int i = 1; i < names.length; i++) {
      want.append("    ").append(names[i]).append(":f32[] = add ").append(names[i - 1]).append(" 1.0:f32[]\n");
    }
    want.append("  in (bd,) }");
    assertEquals(want.toString(), text);
  }

  /**
   * JAX's layout (its Wadler-Lindig printer, 80 columns): a jaxpr that fits on one line prints on one line with
   * equations separated by "; ", and one that does not breaks every equation onto its own line. The seed's log2
   * is 83 characters flat, so it breaks; with one equation fewer it fits.
   */
  @Test
  void shortIrsPrintOnOneLineLongOnesBreak() {
    assertEquals("{ lambda ; a:f32[]. let b:f32[] = log a; c:f32[] = log 2.0:f32[] in (b, c) }",
        Staging.makeIr((Fn1<Array, List<Array>>) x -> List.of(Jnp.log(x), Jnp.log(2.0)), 3.0f).toString());
    assertEquals("""
        { lambda ; a:f32[]. let
            b:f32[] = log a
            c:f32[] = log 2.0:f32[]
            d:f32[] = div b c
          in (d,) }""", ir(x -> Jnp.log(x).div(Jnp.log(2.0)), 3.0f));
  }

  /**
   * An equation without operands keeps the space before its (empty) operand list, as JAX prints
   * {@code iota[dimension=0 dtype=int32 shape=(3,) sharding=None] } (jax 0.10.2; Olympus has no sharding).
   */
  @Test
  void equationWithoutOperandsKeepsJaxTrailingSpace() {
    String text = ir(x -> Lax.add(Lax.iota(DType.I32, new int[] {3}, 0), Jnp.broadcastTo(x, 3)), Jnp.scalar(1));
    assertEquals("{ lambda ; a:i32[]. let\n"
        + "    b:i32[3] = iota[dimension=0 dtype=int32 shape=(3,)] \n"
        + "    c:i32[3] = broadcast_in_dim[broadcast_dimensions=() shape=(3,)] a\n"
        + "    d:i32[3] = add b c\n"
        + "  in (d,) }", text);
  }

  @Test
  void noEquations() {
    assertEquals("{ lambda ; a:i32[3]. let  in (a,) }", ir(x -> x, Jnp.array(1, 2, 3)));
  }

  /** A closed-over array that is not a scalar becomes a constvar before the ';', once however often used. */
  @Test
  void constvarsBeforeSemicolon() {
    Array w = Jnp.array(1f, 2f, 3f);
    String text = ir(x -> Jnp.sum(w.mul(x).add(w)), Jnp.array(4f, 5f, 6f));
    assertEquals("""
        { lambda a:f32[3]; b:f32[3]. let
            c:f32[3] = mul a b
            d:f32[3] = add c a
            e:f32[] = reduce_sum[axes=(0,)] d
          in (e,) }""", text);
  }

  @Test
  void multipleOutputsLiteralsAndInputs() {
    String text = Staging.makeIr((Fn2<Array, Array, List<Array>>) (x, y) -> List.of(x.add(1), x.mul(y), x,
        Jnp.scalar(2f)), 3.0f, 4).toString();
    assertEquals("""
        { lambda ; a:f32[] b:i32[]. let
            c:f32[] = add a 1.0:f32[]
            d:f32[] = convert_element_type[new_dtype=float32 weak_type=True] b
            e:f32[] = mul a d
          in (c, e, a, 2.0:f32[]) }""", text);
  }

  @Test
  void paramsInBracketsSortedByName() {
    String text = ir(x -> Jnp.add(x, Jnp.sum(Jnp.array(new float[6], 2, 3).add(x), 0)), Jnp.array(1f, 2f, 3f));
    assertEquals("""
        { lambda a:f32[2,3]; b:f32[3]. let
            c:f32[2,3] = broadcast_in_dim[broadcast_dimensions=(1,) shape=(2, 3)] b
            d:f32[2,3] = add a c
            e:f32[3] = reduce_sum[axes=(0,)] d
            f:f32[3] = add b e
          in (f,) }""", text);
    String more = ir(x -> Lax.transpose(Lax.reshape(Lax.convertElementType(x, DType.I64, false), 3, 2), 1, 0),
        Jnp.arange(6, DType.F32));
    assertEquals("""
        { lambda ; a:f32[6]. let
            b:i64[6] = convert_element_type[new_dtype=int64 weak_type=False] a
            c:i64[3,2] = reshape[new_sizes=(3, 2)] b
            d:i64[2,3] = transpose[permutation=(1, 0)] c
          in (d,) }""", more);
    String sliced = ir(x -> Lax.slice(x, new int[] {1}, new int[] {5}, new int[] {2}), Jnp.arange(6));
    assertEquals("""
        { lambda ; a:i32[6]. let
            b:i32[2] = slice[limit_indices=(5,) start_indices=(1,) strides=(2,)] a
          in (b,) }""", sliced);
  }

  /** Unread results print as "_" and take no name, like JAX's DropVar. */
  @Test
  void unusedResultsPrintUnderscore() {
    String text = ir(x -> {
      Jnp.sin(x);
      return Jnp.cos(x);
    }, 1.0f);
    assertEquals("{ lambda ; a:f32[]. let _:f32[] = sin a; b:f32[] = cos a in (b,) }", text);
  }

  /** Omnistaging: operations on constants inside the trace are staged, not folded (the seed's log 2.0). */
  @Test
  void constantsAreStagedNotFolded() {
    assertEquals("{ lambda ; a:f32[]. let b:f32[] = log 2.0:f32[]; c:f32[] = mul a b in (c,) }",
        ir(x -> x.mul(Jnp.log(2.0)), 1.0f));
    assertEquals("{ lambda ; a:bool[]. let b:bool[] = and a True:bool[] in (b,) }", ir(x -> Lax.and(x, Jnp.scalar(true)), true));
  }

  /**
   * The trace stack nests: an inner makeIr sees the outer tracer as a value from outside, a constvar, and the
   * outer IR records nothing of the inner trace.
   */
  @Test
  void nestedTracesCloseOverOuterTracers() {
    String[] inner = new String[1];
    String outer = ir(x -> {
      inner[0] = Staging.makeIr((Fn1<Array, Array>) y -> y.mul(x), 2.0f).toString();
      return x.add(1.0);
    }, 1.0f);
    assertEquals("{ lambda a:f32[]; b:f32[]. let c:f32[] = mul b a in (c,) }", inner[0]);
    assertEquals("{ lambda ; a:f32[]. let b:f32[] = add a 1.0:f32[] in (b,) }", outer);
  }

  /** Evaluating an IR inside a trace re-stages its equations (the evaluator binds through the trace stack). */
  @Test
  void evaluatingAnIrWhileTracingRestagesIt() {
    ClosedIr log2 = Staging.makeIr((Fn1<Array, Array>) x -> Jnp.log(x).div(Jnp.log(2.0)), 3.0f);
    assertEquals(log2.toString(), ir(x -> log2.call(List.of(x)).get(0), 3.0f));
    // Each log rounds once to f32, then the f32 division: the same three roundings as this expression.
    assertEquals((float) Math.log(8) / (float) Math.log(2), log2.call(List.of(Jnp.literal(8.0))).get(0).floatValue());
  }
}
