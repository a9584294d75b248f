package dev.olympus.difftest;

import dev.olympus.Array;
import dev.olympus.difftest.program.Functions;
import dev.olympus.difftest.program.OlympusCalls;
import dev.olympus.difftest.program.Program;
import dev.olympus.ir.ClosedIr;
import dev.olympus.kernel.PlanExecutable;
import dev.olympus.lowering.Lowering;
import java.util.Arrays;
import java.util.List;

/**
 * The ways a program is run. {@link #EAGER} and {@link #JIT} use only the public API. The kernel tiers build the
 * jit's executable directly so every tier runs deterministically (the jit itself switches tiers in the
 * background once a kernel is hot): this is the only place the test touches the runtime's internals, so a new
 * kernel implementation needs changes here only.
 */
public enum Execution {
  /** Each op called directly on concrete arrays. */
  EAGER,
  /** {@code Olympus.jit}: the fused kernels, Vector API tiles where the JVM has them. */
  JIT,
  /** The fused plan on scalar tile loops (no Vector API). */
  TILES_SCALAR,
  /** Every fusion region compiled to its own class by javac (the background second tier), SIMD main loops. */
  TIER2;

  private static final boolean VECTOR_API = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

  public List<Array> run(Program p, List<Array> args) {
    return switch (this) {
      case EAGER -> OlympusCalls.run(p, args);
      case JIT -> Functions.callList(Functions.jit(Functions.of(p), args.size()), args);
      case TILES_SCALAR, TIER2 -> {
        ClosedIr ir = Functions.makeIr(Functions.of(p), args);
        boolean vector = this == TIER2 && VECTOR_API;
        PlanExecutable exe = new PlanExecutable(Lowering.lower(ir), "difftest", vector, false);
        if (this == TIER2) exe.compileAllNow(vector);
        yield Arrays.asList(exe.run(args.toArray(new Array[0])));
      }
    };
  }
}
