package dev.olympus.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.olympus.Array;
import dev.olympus.DType;
import dev.olympus.Fn1;
import dev.olympus.lowering.Lowering;
import dev.olympus.numpy.Jnp;
import dev.olympus.transform.Staging;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Second-tier loops (javac-compiled fusion regions) for regions the first tests do not reach. */
class LoopSourceTest {
  /**
   * A region whose root is an int32 constant ({@code jnp.full(int32, 7, ...)} returned as it is) must store int
   * lanes: the SIMD main loop used to broadcast a FloatVector into the int[] output, which javac rejects. Found by
   * the differential test (tests/difftest).
   */
  @Test
  void intConstantRootCompiles() {
    Fn1<Array, List<Array>> f = x -> List.of(Jnp.full(DType.I32, 7, 37), x.mul(2f));
    Array x = Jnp.array(new float[] {1, 2, 3});
    var plan = Lowering.lower(Staging.makeIr(f, x));
    int[] sevens = new int[37];
    Arrays.fill(sevens, 7);
    for (boolean vector : new boolean[] {false, true}) {
      if (vector && !VectorSupport.AVAILABLE) continue;
      PlanExecutable exe = new PlanExecutable(plan, "intConstant", vector);
      exe.compileAllNow(vector);
      Array[] out = exe.run(new Array[] {x});
      assertEquals(DType.I32, out[0].dtype());
      assertArrayEquals(sevens, out[0].toIntArray());
      assertArrayEquals(new float[] {2, 4, 6}, out[1].toFloatArray());
    }
  }

  /**
   * Comparisons of bools order false before true (XLA's, and the eager kernel's, semantics); the scalar loop body
   * used to render them as Java's {@code a > b} on booleans, which does not compile. Found by the differential test.
   */
  @Test
  void boolComparisonsCompile() {
    Fn1<Array, Array> f = x -> Jnp.greater(x.gt(0f), x.lt(2f)).astype(DType.F32)
        .add(Jnp.lessEqual(x.gt(0f), x.gt(2f)).astype(DType.F32).mul(10f));
    Array x = Jnp.array(new float[] {-1, 1, 3});
    // x > 0: F T T; x < 2: T T F; x > 2: F F T.  gt: F F T -> 0 0 1;  le: T F T -> 10 0 10.
    float[] want = {10, 0, 11};
    assertArrayEquals(want, f.apply(x).toFloatArray());
    var plan = Lowering.lower(Staging.makeIr(f, x));
    for (boolean vector : new boolean[] {false, true}) {
      if (vector && !VectorSupport.AVAILABLE) continue;
      PlanExecutable exe = new PlanExecutable(plan, "boolCompare", vector);
      exe.compileAllNow(vector);
      assertArrayEquals(want, exe.run(new Array[] {x})[0].toFloatArray());
    }
  }
}
