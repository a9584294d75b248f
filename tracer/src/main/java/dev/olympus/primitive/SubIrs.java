package dev.olympus.primitive;

import dev.olympus.Array;
import dev.olympus.ir.Atom;
import dev.olympus.ir.ClosedIr;
import dev.olympus.ir.Ir;
import dev.olympus.ir.Var;
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

  /**
   * {@code ir} with its inputs and outputs reordered (JAX's {@code rearrange_binders}): input {@code k} of the
   * result is input {@code inputs.get(k)} of {@code ir}, likewise for outputs. Every input must be listed once.
   */
  static ClosedIr rearranged(ClosedIr ir, List<Integer> inputs, List<Integer> outputs) {
    if (inputs.size() != ir.ir().invars().size()) {
      throw new IllegalArgumentException(inputs.size() + " inputs listed for an IR of " + ir.ir().invars().size());
    }
    List<Var> invars = new ArrayList<>();
    for (int i : inputs) invars.add(ir.ir().invars().get(i));
    List<Atom> outs = new ArrayList<>();
    for (int o : outputs) outs.add(ir.ir().outputs().get(o));
    return new ClosedIr(new Ir(ir.ir().constvars(), invars, ir.ir().equations(), outs), ir.consts());
  }

  /** Appends {@code from, from + 1, ..., to - 1} to {@code order}. */
  static void range(List<Integer> order, int from, int to) {
    for (int i = from; i < to; i++) order.add(i);
  }

  /** The positions in {@code [from, to)} whose {@code mask} entry (indexed from {@code from}) is set. */
  static void selected(List<Integer> order, int from, boolean[] mask) {
    for (int i = 0; i < mask.length; i++) if (mask[i]) order.add(from + i);
  }

  static int count(boolean[] mask) {
    int n = 0;
    for (boolean b : mask) if (b) n++;
    return n;
  }

  static boolean[] slice(boolean[] mask, int from, int to) { return java.util.Arrays.copyOfRange(mask, from, to); }

  static boolean[] concat(boolean[]... parts) {
    int n = 0;
    for (boolean[] p : parts) n += p.length;
    boolean[] r = new boolean[n];
    int k = 0;
    for (boolean[] p : parts) {
      System.arraycopy(p, 0, r, k, p.length);
      k += p.length;
    }
    return r;
  }

  static boolean[] or(boolean[] a, boolean[] b) {
    boolean[] r = a.clone();
    for (int i = 0; i < r.length; i++) r[i] |= b[i];
    return r;
  }

  static boolean[] filled(int n, boolean value) {
    boolean[] r = new boolean[n];
    java.util.Arrays.fill(r, value);
    return r;
  }

  /** A loop body transformed for the carry mask at which its transformation reached a fixed point. */
  record FixedPoint<T>(boolean[] carry, T transformed) {}

  /**
   * Which carries have a property (a nonzero tangent, a batch axis) as a fixed point, as JAX's loop rules find
   * it: a carry has it if its initial value does or the body gives it to the carry's new value. Starts from
   * {@code init}, transforms the body for the current mask, and adds the carries the transformed body marks
   * ({@code carryOut}) until nothing changes; the mask only grows, so this ends within one pass per carry.
   */
  static <T> FixedPoint<T> carryFixedPoint(boolean[] init, java.util.function.Function<boolean[], T> transform,
      java.util.function.Function<T, boolean[]> carryOut) {
    boolean[] carry = init.clone();
    while (true) {
      T t = transform.apply(carry);
      boolean[] out = carryOut.apply(t);
      if (java.util.Arrays.equals(out, carry)) return new FixedPoint<>(carry, t);
      carry = or(carry, out);
    }
  }
}
