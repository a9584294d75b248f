package dev.olympus.primitive;

import dev.olympus.Array;
import dev.olympus.ir.ClosedIr;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Compiled forms of the sub-IRs of a control-flow equation, in scope while a compiled kernel runs that
 * equation: {@code cond}, {@code while} and {@code scan} then run their branches and bodies as compiled
 * kernels inside a real Java loop, instead of interpreting them op by op. Scoped to the running thread and
 * call, so nothing global is mutated.
 */
public final class CompiledSubIrs {
  private CompiledSubIrs() {}

  private static final ThreadLocal<Map<ClosedIr, Function<List<Array>, List<Array>>>> CURRENT = new ThreadLocal<>();

  /** Runs {@code body} with {@code compiled} (keyed by identity of the sub-IR) in scope. */
  public static <T> T with(Map<ClosedIr, Function<List<Array>, List<Array>>> compiled, Supplier<T> body) {
    Map<ClosedIr, Function<List<Array>, List<Array>>> saved = CURRENT.get();
    CURRENT.set(compiled);
    try {
      return body.get();
    } finally {
      CURRENT.set(saved);
    }
  }

  static Function<List<Array>, List<Array>> lookup(ClosedIr ir) {
    Map<ClosedIr, Function<List<Array>, List<Array>>> m = CURRENT.get();
    return m == null ? null : m.get(ir);
  }

  /** The sub-IRs held in a control-flow equation's parameters, in a stable order. */
  public static List<ClosedIr> of(Params params) {
    java.util.ArrayList<ClosedIr> out = new java.util.ArrayList<>();
    for (Object v : params.asMap().values()) {
      if (v instanceof ClosedIr c) out.add(c);
      else if (v instanceof List<?> l) for (Object x : l) if (x instanceof ClosedIr c) out.add(c);
    }
    return out;
  }
}
