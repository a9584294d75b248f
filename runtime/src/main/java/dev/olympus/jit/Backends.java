package dev.olympus.jit;

import dev.olympus.Array;
import dev.olympus.ir.ClosedIr;
import java.util.List;

/** The available ways to turn IR into an executable, and which one the jit uses. */
final class Backends {
  private Backends() {}

  static Backend best() {
    return new Interpreter();
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
