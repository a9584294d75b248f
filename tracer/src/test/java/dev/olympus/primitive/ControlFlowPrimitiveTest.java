package dev.olympus.primitive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.Array;
import dev.olympus.DType;
import dev.olympus.errors.ShapeException;
import dev.olympus.ir.ClosedIr;
import dev.olympus.numpy.Jnp;
import dev.olympus.transform.Staging;
import dev.olympus.types.AbstractValue;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The control-flow primitives bound directly: their shape rules and eager evaluation, below the Lax API. */
class ControlFlowPrimitiveTest {
  private static final AbstractValue F32 = AbstractValue.of(DType.F32);

  private static ClosedIr ir(List<AbstractValue> in, Function<List<Array>, List<Array>> f) {
    return Staging.traceFlat("test", in, null, f);
  }

  private static String shapeError(Runnable r) {
    return assertThrows(ShapeException.class, r::run).getMessage();
  }

  @Test
  void condShapeRule() {
    ClosedIr same = ir(List.of(F32), a -> a);
    ClosedIr neg = ir(List.of(F32), a -> List.of(a.get(0).neg()));
    ClosedIr toInt = ir(List.of(F32), a -> List.of(a.get(0).astype(DType.I32)));
    Array x = Jnp.scalar(2f);
    assertTrue(shapeError(() -> Cond.COND.bind(Cond.params(List.of(same, neg)), List.of(Jnp.scalar(1f), x)))
        .contains("cond: the branch index must be an int32 scalar, got f32[]"));
    assertTrue(shapeError(() -> Cond.COND.bind(Cond.params(List.of(same, toInt)), List.of(Jnp.scalar(1), x)))
        .contains("cond: all branches must return the same types, but branch 0 returns (f32[],) and branch 1 "
            + "returns (i32[],)"));
    assertTrue(shapeError(() -> Cond.COND.bind(Cond.params(List.of(same, neg)), List.of(Jnp.scalar(1), Jnp.scalar(2))))
        .contains("cond: branch 0 takes (f32[],) but the operands are (i32[],)"));
  }

  /** XLA's Conditional: an index out of range on either side runs the last branch (Lax.switchCase clamps first). */
  @Test
  void condIndexOutOfRangeRunsTheLastBranch() {
    List<ClosedIr> branches = List.of(ir(List.of(F32), a -> List.of(a.get(0).add(10))),
        ir(List.of(F32), a -> List.of(a.get(0).add(20))), ir(List.of(F32), a -> List.of(a.get(0).add(30))));
    int[][] cases = {{0, 10}, {1, 20}, {2, 30}, {3, 30}, {-1, 30}, {Integer.MIN_VALUE, 30}};
    for (int[] c : cases) {
      Array r = Cond.COND.bind(Cond.params(branches), List.of(Jnp.scalar(c[0]), Jnp.scalar(0f))).get(0);
      assertEquals(c[1], r.floatValue(), "index " + c[0]);
    }
  }

  @Test
  void whileShapeRuleAndEvaluation() {
    ClosedIr lt = ir(List.of(F32), a -> List.of(a.get(0).lt(100)));
    ClosedIr twice = ir(List.of(F32), a -> List.of(a.get(0).mul(2)));
    // 3 doubles to 6, 12, 24, 48, 96, 192: the first value not below 100.
    Array r = While.WHILE.bind(While.params(lt, 0, twice, 0), List.of(Jnp.scalar(3f))).get(0);
    assertEquals(192f, r.floatValue());
    ClosedIr widen = ir(List.of(F32), a -> List.of(Jnp.broadcastTo(a.get(0), 2)));
    assertTrue(shapeError(() -> While.WHILE.bind(While.params(lt, 0, widen, 0), List.of(Jnp.scalar(3f))))
        .contains("while: body_jaxpr must return the carry types (f32[],), got (f32[2],)"));
    ClosedIr notBool = ir(List.of(F32), a -> a);
    assertTrue(shapeError(() -> While.WHILE.bind(While.params(notBool, 0, twice, 0), List.of(Jnp.scalar(3f))))
        .contains("while: cond_jaxpr must return one bool scalar, got (f32[],)"));
  }

  @Test
  void scanShapeRuleAndEvaluation() {
    ClosedIr body = ir(List.of(F32, F32), a -> List.of(a.get(0).add(a.get(1)), a.get(0)));
    List<Array> out = Scan.SCAN.bind(Scan.params(body, 3, false, 0, 1), List.of(Jnp.scalar(0f), Jnp.array(1f, 2f, 3f)));
    assertEquals(6f, out.get(0).floatValue());
    assertArrayEquals(new float[] {0f, 1f, 3f}, out.get(1).toFloatArray());
    assertTrue(shapeError(() -> Scan.SCAN.bind(Scan.params(body, 3, false, 0, 1),
        List.of(Jnp.scalar(0f), Jnp.array(1f, 2f, 3f, 4f))))
        .contains("scan: each scanned-over operand needs a leading axis of the scan length 3, got f32[4]"));
    // Length 0: the carry passes through and the stacked outputs are empty.
    List<Array> empty = Scan.SCAN.bind(Scan.params(body, 0, false, 0, 1), List.of(Jnp.scalar(5f), Jnp.zeros(DType.F32, 0)));
    assertEquals(5f, empty.get(0).floatValue());
    assertArrayEquals(new int[] {0}, empty.get(1).shape());
  }

  @Test
  void effectsPropagateThroughSubIrs() {
    ClosedIr printing = ir(List.of(F32), a -> {
      DebugPrint.DEBUG_PRINT.bind(DebugPrint.params("{}"), a);
      return a;
    });
    ClosedIr quiet = ir(List.of(F32), a -> a);
    assertTrue(DebugPrint.DEBUG_PRINT.hasEffects(Params.NONE));
    assertTrue(Cond.COND.hasEffects(Cond.params(List.of(quiet, printing))));
    assertFalse(Cond.COND.hasEffects(Cond.params(List.of(quiet, quiet))));
    ClosedIr lt = ir(List.of(F32), a -> List.of(a.get(0).lt(1)));
    assertTrue(While.WHILE.hasEffects(While.params(lt, 0, printing, 0)));
    assertFalse(Scan.SCAN.hasEffects(Scan.params(quiet, 1, false, 0, 1)));
    assertFalse(HostCallback.PURE_CALLBACK.hasEffects(Params.NONE));
    assertTrue(HostCallback.IO_CALLBACK.hasEffects(Params.NONE));
  }
}
