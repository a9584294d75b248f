package dev.olympus.examples;

import dev.olympus.Array;
import dev.olympus.Fn1;
import dev.olympus.Fn2;
import dev.olympus.JitOptions;
import dev.olympus.Olympus;
import dev.olympus.errors.NonConcreteBooleanIndexException;
import dev.olympus.errors.TracerBoolConversionException;
import dev.olympus.errors.UnexpectedTracerException;
import dev.olympus.ir.ClosedIr;
import dev.olympus.lax.Lax;
import dev.olympus.numpy.Jnp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * The seed notebook (JAX's "Just-in-time compilation" tutorial) cell by cell, as SEEDS_IN_JAVA.md lists the
 * cells: the README's demo. Run it with {@code mvn -B -ntp -q -DskipTests -pl examples -am package exec:java}.
 * Cells 4, 8 and 9 also run through {@code @Jit}: {@link Ex} is compiled by the annotation processor into
 * {@code Ex_Jit}, whose kernels were generated at javac time.
 */
public final class Walkthrough {
  private Walkthrough() {}

  public static void main(String[] args) {
    cell1MakeIrOfLog2();
    cell2PrintInsideTracedFunction();
    cell3OnlyTheBranchTakenIsTraced();
    cell4SeluEagerVersusJit();
    cell5BranchOnTracedValue();
    cell6WhileOnTracedValue();
    cell7BranchOnDtype();
    cell8JittedLoopBody();
    cell9StaticArguments();
    cell10JitInsideALoop();
    cell11QuadraticFormulaThreeWays();

    cell12MakeIrOfGrad();
    cell13JitVmapGrad();
    cell14Cond();
    cell15BooleanMaskOnTracer();
    cell16LeakedTracer();
    cell16DebugPrint();
    cell17UnrolledJavaLoop();
    cell17ForiLoop();
  }

  private static void heading(String cell, String title) {
    System.out.println();
    System.out.println("=== Cell " + cell + ": " + title + " ===");
  }

  // ---- How tracing works ----------------------------------------------------------------------------------

  private static void cell1MakeIrOfLog2() {
    heading("1", "Olympus.makeIr(log2, 3.0f)  [jax.make_jaxpr(log2)(3.0)]");
    SeedFunctions.GLOBAL_LIST.clear();
    System.out.println(Olympus.makeIr(SeedFunctions::log2, 3.0f));
    // The append is Java, not an Olympus op: it ran once while tracing and is not in the IR.
    System.out.println("global list after tracing: " + SeedFunctions.GLOBAL_LIST
        + " (appended once, at trace time; a tracer, not 3.0)");
  }

  private static void cell2PrintInsideTracedFunction() {
    heading("2", "System.out.println inside a traced function");
    System.out.println(Olympus.makeIr(SeedFunctions::log2WithPrint, 3.0f));
  }

  private static void cell3OnlyTheBranchTakenIsTraced() {
    heading("3", "log2IfRank2 on Jnp.array(1, 2, 3): only the branch taken is traced");
    System.out.println(Olympus.makeIr(SeedFunctions::log2IfRank2, Jnp.array(1, 2, 3)));
  }

  // ---- JIT compiling a function ---------------------------------------------------------------------------

  private static final int TIMED_RUNS = 7;

  private static void cell4SeluEagerVersusJit() {
    heading("4", "selu on Jnp.arange(1_000_000): eager vs Olympus.jit(selu)");
    Array x = Jnp.arange(1_000_000);

    Array eagerResult = SeedFunctions.selu(x).blockUntilReady();
    double eagerMs = median(timeMillis(TIMED_RUNS, () -> SeedFunctions.selu(x).blockUntilReady()));

    Fn1<Array, Array> seluJit = Olympus.jit(SeedFunctions::selu);
    double compileMsBefore = Olympus.jitStats().compileMillis();
    long compilesBefore = Olympus.compileCount();
    long t0 = System.nanoTime();
    Array jitResult = seluJit.apply(x).blockUntilReady();
    double firstCallMs = (System.nanoTime() - t0) / 1e6;
    double compileMs = Olympus.jitStats().compileMillis() - compileMsBefore;
    long compiles = Olympus.compileCount() - compilesBefore;
    double tier1Ms = median(timeMillis(TIMED_RUNS, () -> seluJit.apply(x).blockUntilReady()));
    // Give the JVM's own JIT a moment (C2 compiles the strip methods and their Vector API intrinsics), as a
    // long-running program would.
    long warmUntil = System.nanoTime() + 2_000_000_000L;
    while (System.nanoTime() < warmUntil) seluJit.apply(x);
    double steadyMs = median(timeMillis(TIMED_RUNS, () -> seluJit.apply(x).blockUntilReady()));

    System.out.printf("eager, op by op:      %8.2f ms per call (median of %d)%n", eagerMs, TIMED_RUNS);
    System.out.printf("jit, first call:      %8.2f ms, of which trace + compile %.2f ms (%d compile%s)%n",
        firstCallMs, compileMs, compiles, compiles == 1 ? "" : "s");
    System.out.printf("jit, next calls:      %8.2f ms per call (median of %d; the JVM is still compiling the kernel library)%n",
        tier1Ms, TIMED_RUNS);
    System.out.printf("jit, steady state:    %8.2f ms per call (median of %d, after 2 s of calls), %.1fx eager%n",
        steadyMs, TIMED_RUNS, eagerMs / steadyMs);
    Array steadyResult = seluJit.apply(x);
    System.out.println("same values as eager: first call " + maxUlps(eagerResult, jitResult) + " ulp apart at most, "
        + "steady state " + maxUlps(eagerResult, steadyResult) + " (SIMD exp is within an ulp or two of Math.exp)   "
        + steadyResult);

    // The same function through @Jit: Ex_Jit.selu runs the loop javac generated for float32 input (see
    // Ex_Jit.java); the int32 arange is converted first, exactly (all values are below 2^24).
    Array xf = x.astype(dev.olympus.DType.F32);
    long compilesBeforeExJit = Olympus.compileCount();
    Array exJitResult = Ex_Jit.selu(xf).blockUntilReady();
    // Float input takes strip variants the int32 run above did not (no conversion first): let C2 compile them.
    long exJitWarmUntil = System.nanoTime() + 2_000_000_000L;
    while (System.nanoTime() < exJitWarmUntil) Ex_Jit.selu(xf);
    double exJitMs = median(timeMillis(TIMED_RUNS, () -> Ex_Jit.selu(xf).blockUntilReady()));
    System.out.printf("@Jit Ex_Jit.selu:     %8.2f ms per call (median of %d, after 2 s of calls) on f32 input, "
        + "%.1fx eager: the kernel javac generated (%d run-time compiles), %d ulp from eager at most%n", exJitMs,
        TIMED_RUNS, eagerMs / exJitMs, Olympus.compileCount() - compilesBeforeExJit,
        maxUlps(eagerResult, Ex_Jit.selu(xf)));
  }

  /** The largest distance between corresponding elements, in units in the last place of the first. */
  private static long maxUlps(Array a, Array b) {
    float[] x = a.toFloatArray();
    float[] y = b.toFloatArray();
    long worst = 0;
    for (int i = 0; i < x.length; i++) {
      worst = Math.max(worst, Math.abs((long) Float.floatToIntBits(x[i]) - Float.floatToIntBits(y[i])));
    }
    return worst;
  }

  // ---- Why can't we JIT everything? -----------------------------------------------------------------------

  private static void cell5BranchOnTracedValue() {
    heading("5", "Olympus.jit(f).apply(10) where f branches on x > 0");
    System.out.println("eagerly, f(10) = " + SeedFunctions.f(Jnp.scalar(10)).intValue());
    try {
      Olympus.jit(SeedFunctions::f).apply(Jnp.scalar(10));
      System.out.println("no error: unexpected");
    } catch (TracerBoolConversionException e) {
      System.out.println(e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  private static void cell6WhileOnTracedValue() {
    heading("6", "Olympus.jit(g).apply(10, 20) where g loops while i < n");
    try {
      Olympus.jit(SeedFunctions::g).apply(Jnp.scalar(10), Jnp.scalar(20));
      System.out.println("no error: unexpected");
    } catch (TracerBoolConversionException e) {
      System.out.println(e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  private static void cell7BranchOnDtype() {
    heading("7", "branching on x.dtype() is allowed: dtype is static");
    Array answer = Olympus.jit(SeedFunctions::gOnDtype).apply(Jnp.scalar(10), Jnp.scalar(20));
    System.out.println("Answer: " + answer.intValue());
  }

  private static void cell8JittedLoopBody() {
    heading("8", "a jitted loopBody called from a Java while loop");
    Fn1<Array, Array> loopBody = Olympus.jit(SeedFunctions::loopBody);
    long before = Olympus.compileCount();
    Array x = Jnp.scalar(10);
    Array i = Jnp.scalar(0);
    while (i.lt(20).bool()) {
      i = loopBody.apply(i);
    }
    System.out.println("Answer: " + x.add(i).intValue());
    System.out.println("compiles for 20 calls: " + (Olympus.compileCount() - before));

    before = Olympus.compileCount();
    i = Jnp.scalar(0);
    while (i.lt(20).bool()) i = Ex_Jit.loopBody(i);
    System.out.println("through @Jit, Ex_Jit.loopBody: Answer: " + x.add(i).intValue() + ", run-time compiles: "
        + (Olympus.compileCount() - before) + " (javac's kernel takes f32 arrays; an i32 scalar is traced once at "
        + "run time)");
    before = Olympus.compileCount();
    Array v = Ex_Jit.loopBody(Jnp.array(1f, 2f, 3f));
    System.out.println("Ex_Jit.loopBody on f32[3]: " + v + ", run-time compiles: " + (Olympus.compileCount() - before)
        + " (the kernel javac generated)");
  }

  // ---- Marking arguments as static ------------------------------------------------------------------------

  private static void cell9StaticArguments() {
    heading("9", "Olympus.jit(g, JitOptions.staticArgnums(1))  [static_argnames=['n']]");
    Fn2<Array, Integer, Array> gJit = Olympus.jit(SeedFunctions::gStaticN, JitOptions.staticArgnums(1));
    reportStaticCall(gJit, 10, 20, "cache hit");
    reportStaticCall(gJit, 10, 20, "cache hit");
    reportStaticCall(gJit, 10, 3, "cache hit");
    reportStaticCall(gJit, -5, 3, "cache hit");
    // @Jit(staticArgs = "n"): javac staged the loop (after it i is n), so Ex_Jit.g has one kernel for every n >= 0.
    reportStaticCall(Ex_Jit::g, 10, 20, "javac-time kernel");
    reportStaticCall(Ex_Jit::g, 10, 1000, "javac-time kernel");
  }

  private static void reportStaticCall(Fn2<Array, Integer, Array> gJit, int x, int n, String noCompile) {
    long before = Olympus.compileCount();
    int answer = gJit.apply(Jnp.scalar(x), n).intValue();
    long compiled = Olympus.compileCount() - before;
    System.out.printf("g(%d, n=%d) = %d   compiles: %d (%s)%n", x, n, answer, compiled,
        compiled == 0 ? noCompile : "new static value");
  }

  // ---- JIT and caching ------------------------------------------------------------------------------------

  private static void cell10JitInsideALoop() {
    heading("10", "Olympus.jit called inside a loop: partial, lambda, method reference");
    System.out.println("(JAX recompiles the partial and the lambda on every iteration. Olympus identifies a lambda"
        + " by its code and captured values: count the compiles)");
    reportLoop("partial  (v -> addStep(v, step))   ", () -> gInnerJittedPartial(10, 20));
    reportLoop("lambda   (v -> unjittedLoopBody(v))", () -> gInnerJittedLambda(10, 20));
    reportLoop("method   (SeedFunctions::unjittedLoopBody)", () -> gInnerJittedNormal(10, 20));
  }

  private static Array gInnerJittedPartial(int x, int n) {
    int step = 1;
    Array i = Jnp.scalar(0);
    while (i.lt(n).bool()) {
      i = Olympus.jit((Array v) -> SeedFunctions.addStep(v, step)).apply(i);
    }
    return i.add(x);
  }

  private static Array gInnerJittedLambda(int x, int n) {
    Array i = Jnp.scalar(0);
    while (i.lt(n).bool()) {
      i = Olympus.jit((Array v) -> SeedFunctions.unjittedLoopBody(v)).apply(i);
    }
    return i.add(x);
  }

  private static Array gInnerJittedNormal(int x, int n) {
    Array i = Jnp.scalar(0);
    while (i.lt(n).bool()) {
      i = Olympus.jit(SeedFunctions::unjittedLoopBody).apply(i);
    }
    return i.add(x);
  }

  private static void reportLoop(String label, Supplier<Array> loop) {
    long before = Olympus.compileCount();
    long t0 = System.nanoTime();
    int answer = loop.get().intValue();
    double firstMs = (System.nanoTime() - t0) / 1e6;
    long firstCompiles = Olympus.compileCount() - before;
    before = Olympus.compileCount();
    double laterMs = median(timeMillis(TIMED_RUNS, loop));
    long laterCompiles = Olympus.compileCount() - before;
    System.out.printf("%s = %d: first run %.2f ms, %d compile%s; next %d runs median %.3f ms, %d compiles%n", label,
        answer, firstMs, firstCompiles, firstCompiles == 1 ? "" : "s", TIMED_RUNS, laterMs, laterCompiles);
  }

  // ---- The talk: NumPy, jax.numpy, jax.jit ----------------------------------------------------------------

  private static void cell11QuadraticFormulaThreeWays() {
    heading("11", "quadraticFormula three ways: plain Java (NumPy), Jnp (jax.numpy), Olympus.jit");
    float[] a = {1f, 2f, 0.5f, 3f};
    float[] b = {5f, -3f, 2f, 10f};
    // NumPy on float32 arrays rounds every operation to float32; plain Java float arithmetic does the same.
    float[] plain = new float[a.length];
    for (int k = 0; k < a.length; k++) {
      plain[k] = (-b[k] + (float) Math.sqrt(b[k] * b[k] - 4 * a[k])) / (2 * a[k]);
    }
    Array eager = SeedFunctions.quadraticFormula(Jnp.array(a), Jnp.array(b));
    Array jitted = Olympus.jit(SeedFunctions::quadraticFormula).apply(Jnp.array(a), Jnp.array(b));
    System.out.println("plain Java: " + Jnp.array(plain));
    System.out.println("Jnp:        " + eager);
    System.out.println("jit:        " + jitted);
    System.out.println("identical: " + (Arrays.equals(plain, eager.toFloatArray())
        && Arrays.equals(plain, jitted.toFloatArray())));
  }

  // ---- Transformations (need Olympus.grad / Olympus.vmap) -------------------------------------------------

  private static void cell12MakeIrOfGrad() {
    heading("12", "Olympus.makeIr(Olympus.grad(fun), 1.0f) with fun(x) = 2 + sin(x)");
    Fn1<Array, Array> dfun = Olympus.grad(SeedFunctions::fun);
    System.out.println(Olympus.makeIr(dfun, 1.0f));
    System.out.println("grad(fun)(1.0) = " + dfun.apply(Jnp.scalar(1f)) + "   cos(1) = " + (float) Math.cos(1));
  }

  private static void cell13JitVmapGrad() {
    heading("13", "Olympus.jit(Olympus.vmap(Olympus.grad(fun)))(Jnp.array(1f, 2f, 3f))");
    Fn1<Array, Array> f = Olympus.jit(Olympus.vmap(Olympus.grad(SeedFunctions::fun)));
    System.out.println(f.apply(Jnp.array(1f, 2f, 3f)));
    System.out.println("cos:  [" + (float) Math.cos(1) + ", " + (float) Math.cos(2) + ", " + (float) Math.cos(3) + "]");
  }

  // ---- Control flow, dynamic shapes, debugging ------------------------------------------------------------

  private static void cell14Cond() {
    heading("14", "Lax.cond on a traced value: both branches are in the IR");
    Fn1<Array, Array> f = x -> Lax.cond(x.gt(0), (Array v) -> v, (Array v) -> v.mul(2), x);
    System.out.println(Olympus.makeIr(f, 10));
    Fn1<Array, Array> fJit = Olympus.jit(f);
    System.out.println("jit(f)(10) = " + fJit.apply(Jnp.scalar(10)).intValue()
        + ", jit(f)(-10) = " + fJit.apply(Jnp.scalar(-10)).intValue());
  }

  private static void cell15BooleanMaskOnTracer() {
    heading("15", "x[x > 0] needs a value-dependent shape");
    Array x = Jnp.array(3f, -1f, 2f, -5f);
    System.out.println("eagerly, Jnp.booleanIndex(x, x.gt(0)) = " + Jnp.booleanIndex(x, x.gt(0)));
    try {
      Olympus.makeIr((Fn1<Array, Array>) v -> Jnp.booleanIndex(v, v.gt(0)), x);
      System.out.println("no error: unexpected");
    } catch (NonConcreteBooleanIndexException e) {
      System.out.println(e.getClass().getSimpleName() + ": " + e.getMessage());
    }
    System.out.println("with the shape kept, Jnp.where(x.gt(0), x, 0) = " + Jnp.where(x.gt(0), x, 0));
  }

  private static final List<Array> LEAKED = new ArrayList<>();

  private static void cell16LeakedTracer() {
    heading("16", "a tracer that escapes its trace is reported with where it was made");
    Olympus.makeIr((Fn1<Array, Array>) x -> {
      LEAKED.add(x.mul(2));
      return x;
    }, 1.0f);
    Array leaked = LEAKED.get(0);
    try {
      leaked.add(1);
      System.out.println("no error: unexpected");
    } catch (UnexpectedTracerException e) {
      System.out.println(e.getClass().getSimpleName() + ": " + e.getMessage());
    } finally {
      LEAKED.clear();
    }
  }

  private static void cell16DebugPrint() {
    heading("16", "Olympus.debugPrint prints run-time values from compiled code, on every call");
    Fn1<Array, Array> f = x -> {
      Array y = x.mul(2);
      Olympus.debugPrint("y = {}", y);
      return y.add(1);
    };
    Fn1<Array, Array> fJit = Olympus.jit(f);
    fJit.apply(Jnp.scalar(3f));
    fJit.apply(Jnp.scalar(4f));
  }

  private static final int LOOP_STEPS = 1_000;

  private static void cell17UnrolledJavaLoop() {
    heading("17", "a Java loop over a static bound is unrolled into the IR");
    // makeIr treats every argument as traced, so the static bound is captured instead.
    System.out.println(Olympus.makeIr((Fn1<Array, Array>) x -> SeedFunctions.unrolled(x, 3), 1.0f));
    long t0 = System.nanoTime();
    ClosedIr big = Olympus.makeIr((Fn1<Array, Array>) x -> SeedFunctions.unrolled(x, LOOP_STEPS), 1.0f);
    double traceMs = (System.nanoTime() - t0) / 1e6;
    Fn2<Array, Integer, Array> jitted = Olympus.jit(SeedFunctions::unrolled, JitOptions.staticArgnums(1));
    t0 = System.nanoTime();
    Array result = jitted.apply(Jnp.scalar(1f), LOOP_STEPS);
    double firstCallMs = (System.nanoTime() - t0) / 1e6;
    System.out.printf("%d steps: %d equations, traced in %.1f ms; jit first call %.1f ms; result %s%n", LOOP_STEPS,
        big.ir().equations().size(), traceMs, firstCallMs, result);
  }

  private static void cell17ForiLoop() {
    heading("17", "Lax.foriLoop keeps the loop in the IR");
    Fn1<Array, Array> f = x -> Lax.foriLoop(0, LOOP_STEPS, (Array k, Array v) -> v.mul(0.5).add(1), x);
    System.out.println(Olympus.makeIr(f, 1.0f));
    long t0 = System.nanoTime();
    Array result = Olympus.jit(f).apply(Jnp.scalar(1f));
    System.out.printf("%d steps: jit first call %.1f ms; result %s%n", LOOP_STEPS, (System.nanoTime() - t0) / 1e6,
        result);
  }

  // ---- timing ---------------------------------------------------------------------------------------------

  private static double[] timeMillis(int runs, Supplier<?> body) {
    double[] ms = new double[runs];
    for (int r = 0; r < runs; r++) {
      long t0 = System.nanoTime();
      body.get();
      ms[r] = (System.nanoTime() - t0) / 1e6;
    }
    return ms;
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }
}
