package dev.olympus.seeds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.Array;
import dev.olympus.Fn1;
import dev.olympus.Fn2;
import dev.olympus.Olympus;
import dev.olympus.ir.ClosedIr;
import dev.olympus.lax.Lax;
import dev.olympus.numpy.Jnp;
import dev.olympus.primitive.Cond;
import dev.olympus.primitive.Scan;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Cells 14, 16 and 17 of SEEDS_IN_JAVA.md at the IR level, through Olympus.makeIr (running them compiled is
 * the jit's part): a cond with both branches as sub-IRs, debugPrint printing values when the computation
 * runs, and a 1,000+ iteration loop that stays one equation.
 */
class ControlFlowSeedCellsTest {
  static Array relu(Array x) {
    return Lax.cond(x.gt(0), y -> y, y -> Jnp.zerosLike(y), x);
  }

  /** Cell 14: {@code lax.cond} on a traced value: one cond equation holding both branches. */
  @Test
  void cell14CondHoldsBothBranches() {
    ClosedIr ir = Olympus.makeIr((Fn1<Array, Array>) ControlFlowSeedCellsTest::relu, 12.3f);
    assertSame(Cond.COND, ir.ir().equations().get(2).primitive());
    assertEquals(2, Cond.branches(ir.ir().equations().get(2).params()).size());
    assertTrue(ir.toString().contains("""
            d:f32[] = cond[
              branches=(
        """), ir.toString());
    assertEquals(12.3f, ir.call(List.of(Jnp.scalar(12.3f))).get(0).floatValue());
    assertEquals(0f, ir.call(List.of(Jnp.scalar(-1f))).get(0).floatValue());
    assertEquals(0f, relu(Jnp.scalar(-4f)).floatValue());
  }

  /** Cell 16: Olympus.debugPrint prints values when the computation runs, not at trace time. */
  @Test
  void cell16DebugPrintShowsRunTimeValues() {
    PrintStream saved = System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try {
      Olympus.debugPrint("eager: {}", Jnp.array(1f, 2f));
      ClosedIr ir = Olympus.makeIr((Fn1<Array, Array>) x -> {
        Olympus.debugPrint("x = {}", x);
        return x.add(1);
      }, 1.0f);
      ir.call(List.of(Jnp.scalar(41f)));
    } finally {
      System.setOut(saved);
    }
    assertEquals("eager: [1. 2.]\nx = 41.0\n", bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n"));
  }

  /** Cell 17: a Java loop over 2,000 iterations unrolls into 2,000 equations; Lax.foriLoop keeps one. */
  @Test
  void cell17ForiLoopKeepsTheLoop() {
    Fn1<Array, Array> unrolled = x -> {
      for (int i = 0; i < 2000; i++) x = x.add(1);
      return x;
    };
    Fn2<Array, Array, Array> looped = (x, unused) -> Lax.foriLoop(0, 2000, (i, c) -> c.add(1), x);
    assertEquals(2000, Olympus.makeIr(unrolled, 0).ir().equations().size());
    ClosedIr ir = Olympus.makeIr(looped, 0, 0);
    assertEquals(1, ir.ir().equations().size());
    assertSame(Scan.SCAN, ir.ir().equations().get(0).primitive());
    assertEquals(2000, ir.call(List.of(Jnp.scalar(0), Jnp.scalar(0))).get(0).intValue());
  }
}
