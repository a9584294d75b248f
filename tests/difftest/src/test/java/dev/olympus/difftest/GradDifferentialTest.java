package dev.olympus.difftest;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.olympus.Array;
import dev.olympus.DType;
import dev.olympus.difftest.program.Case;
import dev.olympus.difftest.program.Expr;
import dev.olympus.difftest.program.Functions;
import dev.olympus.difftest.program.Input;
import dev.olympus.difftest.program.Program;
import dev.olympus.difftest.program.ProgramGenerator;
import dev.olympus.difftest.program.Ty;
import dev.olympus.difftest.reference.Accuracy;
import dev.olympus.difftest.reference.Dual;
import dev.olympus.difftest.reference.DualReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * {@code Olympus.grad} of random scalar-valued programs (reverse mode over the IR) against the forward-mode
 * derivative reference ({@link DualReference}), and {@code jit(grad(f))} against {@code grad(f)}.
 *
 * <p>Tolerance, per gradient element: the reference's first-order bound on the computed derivative's error
 * ({@code e}: rounding in each partial, and each partial evaluated at a primal off by its own rounding error),
 * plus the rounding of the sums of path products, at most one unit roundoff per op on the longest path
 * ({@code depth * u * m}, m the derivative's magnitude before cancellation), both times {@link DualReference#SAFETY}
 * for the second-order terms the bounds leave out. {@code jit(grad(f))} and {@code grad(f)} compute the same
 * products (the jit's SIMD transcendentals within a few ulps), so they may differ by twice that.
 */
class GradDifferentialTest {
  private static final AtomicInteger CHECKED = new AtomicInteger(), SKIPPED = new AtomicInteger();
  /** Tolerance relative to the derivative's magnitude, per compared element, for the summary. */
  private static final List<Double> RELATIVE_TOLERANCE = java.util.Collections.synchronizedList(new ArrayList<>());

  @TestFactory
  Stream<DynamicTest> randomGrads() {
    long[] seeds = Settings.seeds("grad", Settings.programs(300));
    return IntStream.range(0, seeds.length)
        .mapToObj(i -> DynamicTest.dynamicTest("grad " + i + " (seed " + seeds[i] + ")", () -> check(seeds[i])));
  }

  @AfterAll
  static void summary() {
    List<Double> rel = new ArrayList<>(RELATIVE_TOLERANCE);
    java.util.Collections.sort(rel);
    String quantiles = rel.isEmpty() ? "" : String.format(", tolerance / magnitude: median %.1e, 90%% %.1e, max %.1e",
        rel.get(rel.size() / 2), rel.get(rel.size() * 9 / 10), rel.get(rel.size() - 1));
    System.out.println("[difftest] grad: " + CHECKED + " programs compared, " + SKIPPED
        + " skipped (derivative not determined by the inputs: a kink or comparison within rounding, or an overflow)" + quantiles);
    int all = CHECKED.get() + SKIPPED.get();
    assertTrue(all < 20 || CHECKED.get() >= 0.6 * all, "most grad programs must be comparable");
  }

  static void check(long seed) {
    Case c = ProgramGenerator.generate(seed, ProgramGenerator.Profile.GRAD);
    Program p = c.program();
    Input x = c.inputs().get(0);
    int n = x.type().size();
    DualReference ref = new DualReference(n);
    List<Dual> in = new ArrayList<>();
    in.add(DualReference.seed(x.type(), x.floats()));
    for (int i = 1; i < c.inputs().size(); i++) {
      Input o = c.inputs().get(i);
      double[] v = o.floats() != null ? o.floats() : java.util.Arrays.stream(o.ints()).asDoubleStream().toArray();
      in.add(DualReference.constant(o.type(), v, n));
    }
    Dual want;
    try {
      want = ref.run(p, in).get(0);
    } catch (DualReference.Unsuitable u) {
      SKIPPED.incrementAndGet();
      Assumptions.abort("derivative not determined: " + u.getMessage());
      return;
    }
    double range = x.type().dtype() == DType.F32 ? 1e30 : 1e290;
    for (int j = 0; j < n; j++) {
      if (!(want.magnitude(0, j) < range)) {
        SKIPPED.incrementAndGet();
        Assumptions.abort("the derivative's magnitude " + want.magnitude(0, j) + " overflows " + x.type());
      }
    }
    CHECKED.incrementAndGet();
    List<Array> args = c.arrays();
    int arity = args.size();
    StringBuilder problems = new StringBuilder();
    Array g = null, jg = null;
    try {
      g = (Array) Functions.call(Functions.grad(Functions.scalar(p), arity), args);
    } catch (RuntimeException | AssertionError e) {
      problems.append("[GRAD] threw ").append(FailureReport.stackTrace(e)).append('\n');
    }
    try {
      jg = (Array) Functions.call(Functions.jit(Functions.grad(Functions.scalar(p), arity), arity), args);
    } catch (RuntimeException | AssertionError e) {
      problems.append("[JIT(GRAD)] threw ").append(FailureReport.stackTrace(e)).append('\n');
    }
    double u = unitRoundoff(p);
    long depth = ref.evaluations() + p.nodes().size();
    double[] tol = new double[n], d = new double[n];
    for (int j = 0; j < n; j++) {
      d[j] = want.derivative(0, j);
      tol[j] = DualReference.SAFETY * (want.derivativeError(0, j) + depth * u * want.magnitude(0, j)) + Double.MIN_NORMAL;
      if (want.magnitude(0, j) > 0) RELATIVE_TOLERANCE.add(tol[j] / want.magnitude(0, j));
    }
    if (g != null) problems.append(compare("[GRAD] d/dv0", g, x.type(), d, tol, 1));
    if (jg != null && g != null) problems.append(compare("[JIT(GRAD)] against GRAD, d/dv0", jg, x.type(), values(g), tol, 2));
    if (problems.length() > 0) {
      StringBuilder ref2 = new StringBuilder("the reference's derivative d/dv0 (value, tolerance):");
      for (int j = 0; j < n; j++) ref2.append("\n  [").append(j).append("] ").append(d[j]).append(" +- ").append(tol[j]);
      String ir;
      try {
        ir = Functions.makeIr(Functions.grad(Functions.scalar(p), arity), args).toString();
      } catch (RuntimeException e) {
        ir = "makeIr(grad) threw " + e;
      }
      fail(FailureReport.of(GradDifferentialTest.class, c, problems.toString(), ref2 + "\nIR of grad(f):\n" + ir.indent(2)));
    }
  }

  private static double[] values(Array a) {
    return a.dtype() == DType.F32 ? IntStream.range(0, a.toFloatArray().length).mapToDouble(i -> a.toFloatArray()[i]).toArray()
        : a.toDoubleArray();
  }

  private static String compare(String what, Array got, Ty xType, double[] want, double[] tol, double factor) {
    StringBuilder sb = new StringBuilder();
    Ty gt = new Ty(got.dtype(), got.shape(), got.weakType());
    if (gt.dtype() != xType.dtype() || !java.util.Arrays.equals(gt.shape(), xType.shape())) {
      return what + ": type " + gt + ", expected " + xType.strong() + "\n";
    }
    double[] v = values(got);
    int bad = 0;
    for (int j = 0; j < v.length; j++) {
      if (!(Math.abs(v[j] - want[j]) <= factor * tol[j])) {
        if (bad++ < 6) sb.append("\n    at ").append(j).append(": ").append(v[j]).append(", expected ").append(want[j]).append(" +- ").append(factor * tol[j]);
      }
    }
    return bad == 0 ? "" : what + ": " + bad + " of " + v.length + " elements differ" + sb + "\n";
  }

  /** The coarsest float dtype the program computes in (bodies included): its rounding dominates. */
  static double unitRoundoff(Program p) {
    boolean f32 = p.types().stream().anyMatch(t -> t.dtype() == DType.F32);
    for (Expr e : p.nodes()) {
      if (e instanceof Expr.Cond cd) f32 |= usesF32(cd.ifTrue()) || usesF32(cd.ifFalse());
      if (e instanceof Expr.ForiLoop f) f32 |= usesF32(f.body());
      if (e instanceof Expr.Scan s) f32 |= usesF32(s.body());
    }
    return Accuracy.unitRoundoff(f32 ? DType.F32 : DType.F64);
  }

  private static boolean usesF32(Expr.Body b) {
    return unitRoundoff(b.program()) == Accuracy.unitRoundoff(DType.F32);
  }
}
