package dev.olympus.difftest;

import dev.olympus.Array;
import dev.olympus.difftest.program.Functions;
import dev.olympus.difftest.program.OlympusCalls;
import dev.olympus.difftest.program.Program;
import dev.olympus.ir.ClosedIr;
import dev.olympus.kernel.PlanExecutable;
import dev.olympus.codegen.GeneratedKernels;
import dev.olympus.codegen.PlanSource;
import dev.olympus.lowering.KernelPlan;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The ways a program is run. {@link #EAGER} and {@link #JIT} use only the public API. {@link #GENERATED_SOURCE}
 * compiles the jit's plan as the Java source a javac-time kernel is: this is the only place the test touches the
 * runtime's internals, so a new kernel implementation needs changes here only.
 */
public enum Execution {
  /** Each op called directly on concrete arrays. */
  EAGER,
  /** {@code Olympus.jit}: the loop-nest kernels, Vector API strips where the JVM has them. */
  JIT,
  /** The same plan written as Java ({@code Foo_Jit}'s kernels) and compiled by javac. */
  GENERATED_SOURCE;

  private static final AtomicInteger UNITS = new AtomicInteger();

  public List<Array> run(Program p, List<Array> args) {
    return switch (this) {
      case EAGER -> OlympusCalls.run(p, args);
      case JIT -> Functions.callList(Functions.jit(Functions.of(p), args.size()), args);
      case GENERATED_SOURCE -> {
        ClosedIr ir = Functions.makeIr(Functions.of(p), args);
        KernelPlan plan = PlanExecutable.lower(ir);
        // Plans Java cannot express (control flow over sub-IRs) get no javac-time kernel: the jit runs them.
        if (PlanSource.unrenderable(plan) != null) yield JIT.run(p, args);
        String name = "difftest" + UNITS.incrementAndGet();
        yield Arrays.asList(GeneratedKernels.run(name, PlanSource.unit(plan, name), args.toArray(new Array[0])));
      }
    };
  }
}
