package dev.olympus.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.Array;
import dev.olympus.DType;
import dev.olympus.Fn1;
import dev.olympus.Fn2;
import dev.olympus.Olympus;
import dev.olympus.codegen.GeneratedKernels;
import dev.olympus.codegen.PlanSource;
import dev.olympus.fusion.NestLowering;
import dev.olympus.loopnest.Expr;
import dev.olympus.loopnest.LoopNest;
import dev.olympus.simd.VectorModule;
import dev.olympus.lax.Lax;
import dev.olympus.primitive.DebugPrint;
import dev.olympus.primitive.Scan;
import dev.olympus.ir.ClosedIr;
import dev.olympus.lowering.KernelPlan;
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
 * Every compiled plan is checked against eager evaluation of the same function (op by op through each
 * primitive's own implementation), with the matrix products on the Vector API micro-kernel and on its scalar
 * twin, and once more as the Java source the annotation processor would write for it (which must agree with
 * the run-time kernel bit for bit). Elementwise results are identical to eager (both call the same strip
 * methods); reductions fold in fixed blocks of lanes (eager's own order too, but a reshape in between can regroup
 * them) and products may sum in another order, so those get a few ulps of the result's magnitude.
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
    KernelPlan plan = NestLowering.lower(ir);
    boolean reorders = c.name().equals("softmax") || c.name().equals("middleSum") || c.name().equals("sharedExp")
        || c.name().equals("bigDense") || c.name().equals("batchedDot");
    Array runtime = null;
    for (boolean vector : new boolean[] {false, true}) {
      if (vector && !VectorModule.ENABLED) continue;
      Array got = new PlanExecutable(plan, c.name(), vector).run(c.args())[0];
      if (vector == VectorModule.ENABLED) runtime = got;
      assertEquals(expected.aval(), got.aval(), c.name());
      double[] e = expected.toDoubleArray();
      double[] g = got.toDoubleArray();
      for (int i = 0; i < e.length; i++) {
        // Eager rounds Math.exp's double; the kernel's vector strip is SVML's float exp (within 1 ulp) once C2
        // has compiled it. selu's exp(x) * a - a cancels, so that ulp is one of a (~2): 4 ulps of max(|e|, 2).
        double tol = reorders ? 1e-5 * Math.max(1, Math.abs(e[i]))
            : VectorModule.ENABLED ? 4 * Math.ulp(Math.max((float) Math.abs(e[i]), 2f)) : 0;
        if (Double.isNaN(e[i])) assertTrue(Double.isNaN(g[i]), c.name() + "[" + i + "]");
        else assertEquals(e[i], g[i], tol, c.name() + " element " + i + (vector ? " (SIMD GEMM)" : " (scalar GEMM)"));
      }
    }
    // The same plan as the Java source javac-time kernels are: the same calls, so the same bits (up to which
    // vector exp a strip got, see above).
    String source = PlanSource.unit(plan, "plan" + c.name());
    double[] r = runtime.toDoubleArray();
    double[] generated = GeneratedKernels.run("plan" + c.name(), source, c.args())[0].toDoubleArray();
    for (int i = 0; i < r.length; i++) {
      assertEquals(r[i], generated[i], VectorModule.ENABLED ? 4 * Math.ulp(Math.max((float) Math.abs(r[i]), 2f)) : 0,
          source);
    }
  }

  private static List<LoopNest> nests(KernelPlan plan) {
    return plan.steps().stream().filter(s -> s instanceof Step.Nest).map(s -> ((Step.Nest) s).nest()).toList();
  }

  @Test
  void seluIsOneFusedLoop() {
    ClosedIr ir = Staging.makeIr((Fn1<Array, Array>) PlanExecutableTest::selu, Jnp.zeros(DType.F32, 1000));
    KernelPlan plan = NestLowering.lower(ir);
    assertEquals(1, plan.steps().size(), plan.steps().toString());
    assertEquals(1, nests(plan).get(0).outputs().size(), "only the result is written to memory");
  }

  @Test
  void repeatedOpsOfTheSameValuesAreComputedOnce() {
    // selu of an int32 array: jnp converts x to float32 twice (for exp and for where), as JAX does.
    ClosedIr ir = Staging.makeIr((Fn1<Array, Array>) PlanExecutableTest::selu, Jnp.arange(100));
    assertEquals(2, ir.ir().equations().stream()
        .filter(e -> e.primitive().name().equals("convert_element_type")).count(), ir.toString());
    LoopNest nest = nests(NestLowering.lower(ir)).get(0);
    assertEquals(1, nest.nodes().stream().filter(n -> n instanceof Expr.Convert).count(), nest.nodes().toString());
  }

  @Test
  void softmaxIsOneRowWiseNest() {
    ClosedIr ir = Staging.makeIr((Fn1<Array, Array>) PlanExecutableTest::softmax, Jnp.zeros(DType.F32, 4, 8));
    KernelPlan plan = NestLowering.lower(ir);
    // The reshapes between the reductions and the broadcasts are layout changes only: one pass per row.
    assertEquals(1, nests(plan).size(), plan.steps().toString());
    LoopNest nest = nests(plan).get(0);
    assertEquals(2, nest.nodes().stream().filter(n -> n instanceof Expr.Reduce).count(), nest.nodes().toString());
  }

  @Test
  void largeOutputsSplitAcrossThreadsGiveTheSameResult() {
    Array x = random(new Random(1), 3_000_001);
    ClosedIr ir = Staging.makeIr((Fn1<Array, Array>) PlanExecutableTest::selu, x);
    Array expected = ir.call(List.of(x)).get(0);
    float[] want = expected.toFloatArray();
    float[] got = new PlanExecutable(NestLowering.lower(ir), "selu", false).run(new Array[] {x})[0].toFloatArray();
    // Eager rounds Math.exp's double; the kernel's vector strip is SVML's float exp (within 1 ulp) once C2 has
    // compiled it: the two may differ by an ulp of exp, which selu's cancellation makes one of 1.67.
    for (int i = 0; i < want.length; i++) {
      assertEquals(want[i], got[i], VectorModule.ENABLED ? 4 * Math.ulp(Math.max(Math.abs(want[i]), 2f)) : 0,
          "element " + i);
    }
  }

  /** A bias row repeated down the rows of x is read in place at stride 0 per row, never copied out. */
  @Test
  void aRepeatedBiasRowIsReadInPlace() {
    ClosedIr ir = Staging.makeIr((Fn2<Array, Array, Array>) PlanExecutableTest::biasRelu, Jnp.zeros(DType.F32, 128, 64),
        Jnp.zeros(DType.F32, 64));
    KernelPlan plan = NestLowering.lower(ir);
    assertEquals(1, plan.steps().size(), plan.steps().toString());
    Expr.Load bias = nests(plan).get(0).nodes().stream().filter(n -> n instanceof Expr.Load l && l.slot() == 1)
        .map(n -> (Expr.Load) n).findFirst().orElseThrow();
    assertTrue(java.util.Arrays.stream(bias.map().rowStrides()).allMatch(st -> st == 0), bias.map().toString());
    ClosedIr column = Staging.makeIr((Fn2<Array, Array, Array>) PlanExecutableTest::biasRelu,
        Jnp.zeros(DType.F32, 128, 64), Jnp.zeros(DType.F32, 128, 1));
    KernelPlan columnPlan = NestLowering.lower(column);
    assertEquals(1, columnPlan.steps().size(), columnPlan.steps().toString());
  }

  static Array seluSum(Array x) { return Jnp.sum(selu(x)); }

  /**
   * {@code grad(sum(selu))}: the IR keeps the forward sum (printed {@code _}) and broadcasts the scalar
   * cotangent 1.0; compiled, it is one elementwise nest over x, with neither the dead sum nor a materialized
   * broadcast. The values are checked against selu's derivative in double: 1.05 for x > 0, 1.05 * 1.67 * exp(x)
   * otherwise. Tolerance: the nest computes in float (exp within a few ulps on the SIMD path), so a few ulps
   * of the result.
   */
  @Test
  void gradOfAnElementwiseSumIsOneNest() {
    Fn1<Array, Array> g = Olympus.grad((Fn1<Array, Array>) PlanExecutableTest::seluSum);
    Array x = random(new Random(7), 10_000);
    ClosedIr ir = Staging.makeIr(g, x);
    assertTrue(ir.toString().contains("reduce_sum"), "the IR keeps the forward value: " + ir);
    KernelPlan plan = NestLowering.lower(ir);
    assertEquals(1, plan.steps().size(), plan.steps().toString());
    LoopNest nest = nests(plan).get(0);
    assertTrue(nest.nodes().stream().noneMatch(n -> n instanceof Expr.Reduce), nest.nodes().toString());
    float[] xs = x.toFloatArray();
    float[] got = new PlanExecutable(plan, "gradSelu", VectorModule.ENABLED).run(new Array[] {x})[0].toFloatArray();
    for (int i = 0; i < xs.length; i++) {
      double want = xs[i] > 0 ? 1.05 : 1.05 * 1.67 * Math.exp(xs[i]);
      assertEquals(want, got[i], 4 * Math.ulp((float) want), "element " + i + " of " + xs[i]);
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
    KernelPlan plan = NestLowering.lower(ir);
    String steps = plan.steps().toString();
    assertTrue(!steps.contains("primitive=exp"), "the unused exp is gone: " + steps);
    assertTrue(plan.steps().stream().anyMatch(st -> st instanceof Step.Primitive p
        && p.equation().primitive() == DebugPrint.DEBUG_PRINT), "the print stays: " + steps);
    assertTrue(nests(plan).stream().anyMatch(n -> n.nodes().stream().anyMatch(e -> e instanceof Expr.Reduce)),
        "and the sum it prints: " + steps);
    long loops = plan.steps().stream().filter(st -> st instanceof Step.Primitive p
        && p.equation().primitive() == Scan.SCAN).count();
    assertEquals(1, loops, "only the loop that prints stays: " + steps);
  }

  /**
   * Reductions over trailing, leading, middle and all axes, of f32 and f64, against a loop in the test that
   * folds each output's elements in row-major order in double and rounds once. max and min are exact; a sum
   * folds in fixed blocks of lanes in its own dtype, so it is within the dtype's rounding of the sum of
   * magnitudes (300 terms per output at most here: 1e-5 of that for f32, 1e-13 for f64).
   */
  @Test
  void reductionsMatchADoubleLoop() {
    Random r = new Random(3);
    int[] shape = {5, 7, 300};
    for (DType dtype : new DType[] {DType.F32, DType.F64}) {
      Array x = random(r, shape).astype(dtype);
      double[] xs = x.toDoubleArray();
      double[] abs = java.util.Arrays.stream(xs).map(Math::abs).toArray();
      for (int[] axes : new int[][] {{2}, {1, 2}, {0, 1, 2}, {0}, {0, 1}, {1}}) {
        double[] magnitude = reduceInDouble(abs, shape, axes, "sum");
        for (String op : new String[] {"sum", "max", "min"}) {
          Fn1<Array, Array> f = switch (op) {
            case "sum" -> v -> Jnp.sum(v, axes);
            case "max" -> v -> Jnp.max(v, axes);
            default -> v -> Jnp.min(v, axes);
          };
          double[] want = reduceInDouble(xs, shape, axes, op);
          KernelPlan plan = NestLowering.lower(Staging.makeIr(f, x));
          double[] got = new PlanExecutable(plan, op, VectorModule.ENABLED).run(new Array[] {x})[0].toDoubleArray();
          assertEquals(want.length, got.length);
          for (int i = 0; i < want.length; i++) {
            double w = dtype == DType.F32 ? (float) want[i] : want[i];
            double tol = !op.equals("sum") ? 0 : (dtype == DType.F32 ? 1e-5 : 1e-13) * magnitude[i];
            assertEquals(w, got[i], tol, dtype + " " + op + " over " + java.util.Arrays.toString(axes) + " [" + i + "]");
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
