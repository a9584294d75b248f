package dev.olympus.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.Array;
import dev.olympus.DType;
import dev.olympus.Fn1;
import dev.olympus.Fn2;
import dev.olympus.Olympus;
import dev.olympus.lowering.Node;
import dev.olympus.lax.Lax;
import dev.olympus.primitive.DebugPrint;
import dev.olympus.primitive.Scan;
import dev.olympus.ir.ClosedIr;
import dev.olympus.lowering.JavaKernelRenderer;
import dev.olympus.lowering.KernelPlan;
import dev.olympus.lowering.Lowering;
import dev.olympus.lowering.Step;
import dev.olympus.numpy.Jnp;
import dev.olympus.transform.Staging;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Every fused kernel is checked against eager evaluation of the same function (op by op through each
 * primitive's own implementation), on both the Vector API and the scalar path. Scalar-path results must be
 * identical (same double-then-round arithmetic; reductions accumulate in the same order); the SIMD path may
 * differ by the SVML error of exp/log/tanh (documented at most 1 ulp; 4 ulps of slack for the compounding
 * through a few more float ops).
 */
class PlanExecutableTest {
  record Case(String name, Object fn, Array[] args) {
    @Override
    public String toString() { return name; }
  }

  static Array random(Random r, int... shape) {
    int n = 1;
    for (int d : shape) n *= d;
    float[] v = new float[n];
    for (int i = 0; i < n; i++) v[i] = (float) (r.nextGaussian() * 3);
    return Jnp.array(v, shape);
  }

  static Array selu(Array x) {
    return Jnp.where(x.gt(0), x, Jnp.exp(x).mul(1.67).sub(1.67)).mul(1.05);
  }

  static Array softmax(Array x) {
    Array m = Jnp.max(x, 1).reshape(x.shape()[0], 1);
    Array e = Jnp.exp(x.sub(m));
    return e.div(Jnp.sum(e, 1).reshape(x.shape()[0], 1));
  }

  static Array dense(Array x, Array w) {
    return Jnp.matmul(x, w).add(0.5).maximum(0.0);
  }

  static Array mlpLayer(Array x, Array w) {
    return Jnp.tanh(Jnp.matmul(x, w).add(0.1)).mul(2);
  }

  static Array batchedDot(Array x, Array w) {
    return Jnp.matmul(x, w).sub(1);
  }

  /** A layer's bias and ReLU: the bias row repeats along the rows of x (a periodic broadcast). */
  static Array biasRelu(Array x, Array b) {
    return x.add(b).maximum(0.0);
  }

  static Array intMath(Array x) {
    Array i = x.astype(DType.I32);
    return i.mul(3).sub(i.div(2)).add(Jnp.where(i.gt(0), i, i.neg()));
  }

  static Array middleSum(Array x) {
    return Jnp.sum(Jnp.tanh(x), 1).add(Jnp.mean(x));
  }

  static Array twoOutputsShared(Array x, Array y) {
    Array e = Jnp.exp(x.mul(0.1));
    return Jnp.sum(e.mul(y)).add(Jnp.max(e));
  }

  static Array boolChain(Array x) {
    return x.gt(0).astype(DType.F32).add(x.lt(-1).astype(DType.F32).mul(2));
  }

  static Array f64Chain(Array x) {
    Array d = x.astype(DType.F64);
    return Jnp.log(Jnp.abs(d).add(1)).mul(Jnp.cos(d));
  }

  static Stream<Arguments> cases() {
    Random r = new Random(42);
    return Stream.of(
        new Case("selu", (Fn1<Array, Array>) PlanExecutableTest::selu, new Array[] {random(r, 5000)}),
        new Case("softmax", (Fn1<Array, Array>) PlanExecutableTest::softmax, new Array[] {random(r, 37, 129)}),
        new Case("dense", (Fn2<Array, Array, Array>) PlanExecutableTest::dense,
            new Array[] {random(r, 8, 16), random(r, 16, 4)}),
        new Case("bigDense", (Fn2<Array, Array, Array>) PlanExecutableTest::mlpLayer,
            new Array[] {random(r, 300, 200), random(r, 200, 700)}),
        new Case("batchedDot", (Fn2<Array, Array, Array>) PlanExecutableTest::batchedDot,
            new Array[] {random(r, 3, 17, 9), random(r, 3, 9, 5)}),
        // Periods 64 and 48 are whole SIMD vectors (4096 and 1968 elements; 48 does not divide a tile, so tile
        // boundaries fall mid-row), 12 is not (the SIMD loop steps aside), and a column of x's height is no
        // period at all.
        new Case("bias64", (Fn2<Array, Array, Array>) PlanExecutableTest::biasRelu,
            new Array[] {random(r, 64, 64), random(r, 64)}),
        new Case("bias48", (Fn2<Array, Array, Array>) PlanExecutableTest::biasRelu,
            new Array[] {random(r, 41, 48), random(r, 48)}),
        new Case("bias12", (Fn2<Array, Array, Array>) PlanExecutableTest::biasRelu,
            new Array[] {random(r, 37, 12), random(r, 12)}),
        new Case("columnBias", (Fn2<Array, Array, Array>) PlanExecutableTest::biasRelu,
            new Array[] {random(r, 37, 64), random(r, 37, 1)}),
        new Case("intMath", (Fn1<Array, Array>) PlanExecutableTest::intMath, new Array[] {random(r, 3000)}),
        new Case("middleSum", (Fn1<Array, Array>) PlanExecutableTest::middleSum, new Array[] {random(r, 6, 500, 3)}),
        new Case("sharedExp", (Fn2<Array, Array, Array>) PlanExecutableTest::twoOutputsShared,
            new Array[] {random(r, 2100), random(r, 2100)}),
        new Case("bool", (Fn1<Array, Array>) PlanExecutableTest::boolChain, new Array[] {random(r, 999)}),
        new Case("f64", (Fn1<Array, Array>) PlanExecutableTest::f64Chain, new Array[] {random(r, 4, 5)}),
        new Case("seluOfArange", (Fn1<Array, Array>) PlanExecutableTest::selu,
            new Array[] {Jnp.arange(5000).sub(2500)}),
        new Case("scalar", (Fn1<Array, Array>) PlanExecutableTest::selu, new Array[] {Jnp.scalar(-0.5f)}),
        new Case("empty", (Fn1<Array, Array>) PlanExecutableTest::selu, new Array[] {Jnp.zeros(DType.F32, 0)}))
        .map(Arguments::of);
  }

  @ParameterizedTest
  @MethodSource("cases")
  void fusedMatchesEager(Case c) {
    ClosedIr ir = Staging.makeIr(c.fn(), (Object[]) c.args());
    Array expected = ir.call(List.of(c.args())).get(0);
    KernelPlan plan = Lowering.lower(ir);
    for (boolean vector : new boolean[] {false, true}) {
      if (vector && !VectorSupport.AVAILABLE) continue;
      Array got = new PlanExecutable(plan, c.name(), vector).run(c.args())[0];
      assertEquals(expected.aval(), got.aval(), c.name());
      double[] e = expected.toDoubleArray();
      double[] g = got.toDoubleArray();
      for (int i = 0; i < e.length; i++) {
        double tol = vector ? 4 * Math.ulp((float) e[i]) + 1e-6 * Math.abs(e[i]) : 0;
        if (c.name().equals("softmax") || c.name().equals("middleSum") || c.name().equals("sharedExp")
            || c.name().equals("bigDense") || c.name().equals("batchedDot")) {
          // Products sum each element in the same k order as the eager loop (so they agree exactly on the
          // scalar path); reductions and SIMD exp/tanh add a few ulps of the result's magnitude.
          tol = Math.max(tol, 1e-5 * Math.max(1, Math.abs(e[i])));
        }
        if (Double.isNaN(e[i])) assertTrue(Double.isNaN(g[i]), c.name() + "[" + i + "]");
        else assertEquals(e[i], g[i], tol, c.name() + " element " + i + (vector ? " (SIMD)" : " (scalar)"));
      }
    }
    // The second tier (javac-compiled loops, SIMD when available) computes the same values.
    for (boolean vector : new boolean[] {false, true}) {
      if (vector && !VectorSupport.AVAILABLE) continue;
      PlanExecutable tier2 = new PlanExecutable(plan, c.name(), vector);
      tier2.compileAllNow(vector);
      double[] e = expected.toDoubleArray();
      double[] g = tier2.run(c.args())[0].toDoubleArray();
      for (int i = 0; i < e.length; i++) {
        double tol = 4 * Math.ulp((float) e[i]) + 1e-5 * Math.max(1, Math.abs(e[i]));
        if (Double.isNaN(e[i])) assertTrue(Double.isNaN(g[i]));
        else assertEquals(e[i], g[i], tol, c.name() + " element " + i + " (tier 2" + (vector ? ", SIMD)" : ")"));
      }
    }
    // The same plan renders as Java source for the annotation processor.
    String source = JavaKernelRenderer.render(plan, c.name());
    assertTrue(source.contains("for (int i = 0;") || plan.steps().stream().noneMatch(s -> !(s instanceof Step.Primitive)),
        source);
  }

  @Test
  void seluIsOneFusedLoop() {
    ClosedIr ir = Staging.makeIr((Fn1<Array, Array>) PlanExecutableTest::selu, Jnp.zeros(DType.F32, 1000));
    KernelPlan plan = Lowering.lower(ir);
    assertEquals(1, plan.steps().size(), plan.steps().toString());
    Step.Elementwise loop = (Step.Elementwise) plan.steps().get(0);
    assertEquals(1, loop.roots().length, "only the result is written to memory");
  }

  @Test
  void repeatedOpsOfTheSameValuesAreComputedOnce() {
    // selu of an int32 array: jnp converts x to float32 twice (for exp and for where), as JAX does.
    ClosedIr ir = Staging.makeIr((Fn1<Array, Array>) PlanExecutableTest::selu, Jnp.arange(100));
    assertEquals(2, ir.ir().equations().stream()
        .filter(e -> e.primitive().name().equals("convert_element_type")).count(), ir.toString());
    Step.Elementwise loop = (Step.Elementwise) Lowering.lower(ir).steps().get(0);
    assertEquals(1, loop.nodes().stream().filter(n -> n instanceof dev.olympus.lowering.Node.Op op
        && op.primitive().name().equals("convert_element_type")).count(), loop.nodes().toString());
  }

  @Test
  void softmaxFusesReductionsWithTheirProducers() {
    ClosedIr ir = Staging.makeIr((Fn1<Array, Array>) PlanExecutableTest::softmax, Jnp.zeros(DType.F32, 4, 8));
    KernelPlan plan = Lowering.lower(ir);
    long reductions = plan.steps().stream().filter(s -> s instanceof Step.Reduction).count();
    assertEquals(2, reductions, plan.steps().toString());
    // exp(x - m) feeds the sum directly; it is materialized only because the final division reads it too.
    Step.Reduction sum = (Step.Reduction) plan.steps().stream().filter(s -> s instanceof Step.Reduction)
        .skip(1).findFirst().orElseThrow();
    assertTrue(sum.nodes().size() >= 1);
  }

  @Test
  void largeOutputsSplitAcrossThreadsGiveTheSameResult() {
    Array x = random(new Random(1), 3_000_001);
    ClosedIr ir = Staging.makeIr((Fn1<Array, Array>) PlanExecutableTest::selu, x);
    Array expected = ir.call(List.of(x)).get(0);
    Array got = new PlanExecutable(Lowering.lower(ir), "selu", false).run(new Array[] {x})[0];
    assertArrayEquals(expected.toFloatArray(), got.toFloatArray());
  }

  @Test
  void aRepeatedBiasRowIsReadAVectorAtATime() {
    ClosedIr ir = Staging.makeIr((Fn2<Array, Array, Array>) PlanExecutableTest::biasRelu, Jnp.zeros(DType.F32, 128, 64),
        Jnp.zeros(DType.F32, 64));
    Step.Elementwise loop = (Step.Elementwise) Lowering.lower(ir).steps().get(0);
    Node.BroadcastLoad bias = (Node.BroadcastLoad) loop.nodes().stream().filter(n -> n instanceof Node.BroadcastLoad)
        .findFirst().orElseThrow();
    assertEquals(64, bias.period());
    assertTrue(LoopSource.vectorizable(loop));
    assertTrue(LoopSource.render(loop, "K", "", true).contains("i % 64"));
    ClosedIr column = Staging.makeIr((Fn2<Array, Array, Array>) PlanExecutableTest::biasRelu,
        Jnp.zeros(DType.F32, 128, 64), Jnp.zeros(DType.F32, 128, 1));
    Step.Elementwise columnLoop = (Step.Elementwise) Lowering.lower(column).steps().get(0);
    assertTrue(columnLoop.nodes().stream().noneMatch(n -> n instanceof Node.BroadcastLoad b && b.period() > 0));
    assertTrue(!LoopSource.vectorizable(columnLoop));
  }

  static Array seluSum(Array x) { return Jnp.sum(selu(x)); }

  /**
   * {@code grad(sum(selu))}: the IR keeps the forward sum (printed {@code _}) and broadcasts the scalar
   * cotangent 1.0; compiled, it is one SIMD loop over x, with neither the dead sum nor a gathered broadcast.
   * The values are checked against selu's derivative in double: 1.05 for x > 0, 1.05 * 1.67 * exp(x)
   * otherwise. Tolerance: the loop computes in float (exp within a few ulps on the SIMD path), so a few ulps
   * of the result.
   */
  @Test
  void gradOfAnElementwiseSumIsOneVectorLoop() {
    Fn1<Array, Array> g = Olympus.grad((Fn1<Array, Array>) PlanExecutableTest::seluSum);
    Array x = random(new Random(7), 10_000);
    ClosedIr ir = Staging.makeIr(g, x);
    assertTrue(ir.toString().contains("reduce_sum"), "the IR keeps the forward value: " + ir);
    KernelPlan plan = Lowering.lower(ir);
    assertEquals(1, plan.steps().size(), plan.steps().toString());
    Step.Elementwise loop = (Step.Elementwise) plan.steps().get(0);
    assertTrue(loop.nodes().stream().noneMatch(n -> n instanceof Node.BroadcastLoad), loop.nodes().toString());
    assertTrue(LoopSource.vectorizable(loop), "the loop has a SIMD form");
    float[] xs = x.toFloatArray();
    for (boolean vector : new boolean[] {false, true}) {
      if (vector && !VectorSupport.AVAILABLE) continue;
      for (boolean tier2 : new boolean[] {false, true}) {
        PlanExecutable exe = new PlanExecutable(plan, "gradSelu", vector);
        if (tier2) exe.compileAllNow(vector);
        float[] got = exe.run(new Array[] {x})[0].toFloatArray();
        for (int i = 0; i < xs.length; i++) {
          double want = xs[i] > 0 ? 1.05 : 1.05 * 1.67 * Math.exp(xs[i]);
          assertEquals(want, got[i], 4 * Math.ulp((float) want), "element " + i + " of " + xs[i]);
        }
      }
    }
  }

  static Array deadWorkAndAPrint(Array x) {
    Jnp.exp(x).mul(2);            // computed and dropped: no result depends on it
    Olympus.debugPrint("x = {}", Jnp.sum(x));  // an effect: kept although nothing reads it
    Lax.foriLoop(0, 2, (i, c) -> {              // a loop with an effect inside: kept too
      Olympus.debugPrint("i = {}", i);
      return c;
    }, x);
    Lax.foriLoop(0, 2, (i, c) -> c.mul(2), x);  // a pure loop nobody reads: dropped
    return x.add(1);
  }

  @Test
  void unusedEquationsAreDroppedButEffectsAreKept() {
    ClosedIr ir = Staging.makeIr((Fn1<Array, Array>) PlanExecutableTest::deadWorkAndAPrint, Jnp.zeros(DType.F32, 8));
    assertTrue(ir.toString().contains("exp"), ir.toString());
    KernelPlan plan = Lowering.lower(ir);
    String steps = plan.steps().toString();
    assertTrue(!steps.contains("primitive=exp"), "the unused exp is gone: " + steps);
    assertTrue(plan.steps().stream().anyMatch(st -> st instanceof Step.Primitive p
        && p.equation().primitive() == DebugPrint.DEBUG_PRINT), "the print stays: " + steps);
    assertTrue(plan.steps().stream().anyMatch(st -> st instanceof Step.Reduction), "and the sum it prints: " + steps);
    long loops = plan.steps().stream().filter(st -> st instanceof Step.Primitive p
        && p.equation().primitive() == Scan.SCAN).count();
    assertEquals(1, loops, "only the loop that prints stays: " + steps);
  }

  /**
   * Reductions over trailing, leading, middle and all axes, of f32 and f64, against a loop in the test that
   * folds each output's elements in row-major order in double and rounds once: the kernels' contract (the
   * eager reduce_* do the same), so equality is exact on the tile path.
   */
  @Test
  void reductionsMatchADoubleLoopExactly() {
    Random r = new Random(3);
    int[] shape = {5, 7, 300};
    for (DType dtype : new DType[] {DType.F32, DType.F64}) {
      Array x = random(r, shape).astype(dtype);
      double[] xs = x.toDoubleArray();
      for (int[] axes : new int[][] {{2}, {1, 2}, {0, 1, 2}, {0}, {0, 1}, {1}}) {
        for (String op : new String[] {"sum", "max", "min"}) {
          Fn1<Array, Array> f = switch (op) {
            case "sum" -> v -> Jnp.sum(v, axes);
            case "max" -> v -> Jnp.max(v, axes);
            default -> v -> Jnp.min(v, axes);
          };
          double[] want = reduceInDouble(xs, shape, axes, op);
          KernelPlan plan = Lowering.lower(Staging.makeIr(f, x));
          for (boolean vector : new boolean[] {false, true}) {
            if (vector && !VectorSupport.AVAILABLE) continue;
            double[] got = new PlanExecutable(plan, op, vector).run(new Array[] {x})[0].toDoubleArray();
            assertEquals(want.length, got.length);
            for (int i = 0; i < want.length; i++) {
              double w = dtype == DType.F32 ? (float) want[i] : want[i];
              assertEquals(w, got[i], 0.0, dtype + " " + op + " over " + java.util.Arrays.toString(axes) + " [" + i + "]");
            }
          }
        }
      }
    }
  }

  private static double[] reduceInDouble(double[] xs, int[] shape, int[] axes, String op) {
    boolean[] reduced = new boolean[shape.length];
    for (int a : axes) reduced[a] = true;
    int outSize = 1;
    for (int d = 0; d < shape.length; d++) if (!reduced[d]) outSize *= shape[d];
    double[] acc = new double[outSize];
    java.util.Arrays.fill(acc, op.equals("sum") ? 0 : op.equals("max") ? Double.NEGATIVE_INFINITY
        : Double.POSITIVE_INFINITY);
    int[] idx = new int[shape.length];
    for (int flat = 0; flat < xs.length; flat++) {
      int rest = flat;
      for (int d = shape.length - 1; d >= 0; d--) {
        idx[d] = rest % shape[d];
        rest /= shape[d];
      }
      int o = 0;
      for (int d = 0; d < shape.length; d++) if (!reduced[d]) o = o * shape[d] + idx[d];
      acc[o] = op.equals("sum") ? acc[o] + xs[flat] : op.equals("max") ? Math.max(acc[o], xs[flat])
          : Math.min(acc[o], xs[flat]);
    }
    return acc;
  }
}
