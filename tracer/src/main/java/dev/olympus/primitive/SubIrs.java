package dev.olympus.primitive;

import dev.olympus.Array;
import dev.olympus.ir.ClosedIr;
import dev.olympus.storage.Storage;
import dev.olympus.trace.TraceStack;
import dev.olympus.types.AbstractValue;
import java.util.ArrayList;
import java.util.List;

/** What the control-flow primitives share: running a sub-IR on concrete data, and comparing types. */
final class SubIrs {
  private SubIrs() {}

  /**
   * Runs {@code ir} op by op on concrete {@code args}. There must be no dynamic trace while it runs: an eager
   * evaluation can happen while a staging trace is active (a jitted function's host callback, a transformation
   * computing a constant), and the sub-IR's operations must compute, not be recorded.
   */
  static List<Array> run(ClosedIr ir, List<Array> args) {
    var compiled = CompiledSubIrs.lookup(ir);
    if (compiled != null) return TraceStack.withoutDynamic(() -> compiled.apply(args));
    return TraceStack.withoutDynamic(() -> ir.call(args));
  }

  /** Concrete arrays over {@code data}, weakly typed where {@code avals} are. */
  static List<Array> arrays(List<Storage> data, List<AbstractValue> avals) {
    List<Array> out = new ArrayList<>(data.size());
    for (int i = 0; i < data.size(); i++) out.add(Array.fromStorage(data.get(i), avals.get(i).weak()));
    return out;
  }

  static List<Storage> storages(List<Array> arrays) {
    List<Storage> out = new ArrayList<>(arrays.size());
    for (Array a : arrays) out.add(a.storage());
    return out;
  }

  /** Same dtype and shape; weak types may differ (they only steer promotion while tracing). */
  static boolean sameTypes(List<AbstractValue> a, List<AbstractValue> b) {
    if (a.size() != b.size()) return false;
    for (int i = 0; i < a.size(); i++) {
      if (a.get(i).dtype() != b.get(i).dtype() || !a.get(i).shape().equals(b.get(i).shape())) return false;
    }
    return true;
  }

  /** {@code (f32[], i32[3])}: a list of types as a jaxpr tuple. */
  static String tuple(List<AbstractValue> avals) {
    StringBuilder sb = new StringBuilder("(");
    for (int i = 0; i < avals.size(); i++) {
      if (i > 0) sb.append(", ");
      sb.append(avals.get(i));
    }
    if (avals.size() == 1) sb.append(',');
    return sb.append(')').toString();
  }

  static boolean anyEffects(List<ClosedIr> irs) {
    for (ClosedIr ir : irs) if (ir.ir().hasEffects()) return true;
    return false;
  }
}
