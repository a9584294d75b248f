package dev.olympus.jit;

import dev.olympus.Array;
import dev.olympus.ir.ClosedIr;
import java.util.List;

/** The available ways to turn IR into an executable, and which one the jit uses. */
final class Backends {
  private Backends() {}

  static Backend best() {
    return "interpreter".equals(System.getProperty("olympus.backend")) ? new Interpreter() : new Fused();
  }

  /** Lowers to a fusion plan and runs it as tiled (and, with the Vector API, SIMD) loops. */
  static final class Fused implements Backend {
    @Override
    public Executable compile(ClosedIr ir, String name) {
      return dev.olympus.kernel.PlanExecutable.of(dev.olympus.kernel.PlanExecutable.lower(ir), name);
    }

    @Override
    public String name() { return "fused"; }
  }

  /** Evaluates the IR primitive by primitive: always available, no fusion. */
  static final class Interpreter implements Backend {
    @Override
    public Executable compile(ClosedIr ir, String name) {
      return args -> ir.call(List.of(args)).toArray(new Array[0]);
    }

    @Override
    public String name() { return "interpreter"; }
  }
}
