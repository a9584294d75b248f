package dev.olympus.processor.trace;

import dev.olympus.ir.ClosedIr;
import dev.olympus.ir.Equation;
import dev.olympus.processor.generate.KernelRequest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The sizes an IR computes from its symbols in a way no product of them writes: a window's output
 * ({@code (h - window) / stride + 1}), read back as names ({@code d0}) that the kernel reads at run time from
 * the result of the primitive that first has them ({@code int d0 = st7.shape().dim(2)}), as JAX's shape
 * polymorphism would name {@code floordiv(h - window, stride) + 1}.
 *
 * <p>A dimension of an equation's output is derived when neither trace reads it as a symbol and the two traces
 * give it different values: it depends on the symbols. Reading values back as names is sound only when each
 * value names one thing, so the traces are given up (null) when a derived value equals another one or a
 * symbol's value, divides another, or is 0 or 1, in either trace; the bindings that make such collisions
 * unlikely are {@link Binding}'s spread-out sizes.
 */
final class DerivedSizes {
  private DerivedSizes() {}

  /**
   * The derived sizes of two traces of one method, first appearance first: empty when there are none, null when
   * the traces differ in structure or a derived value is ambiguous. {@code taken} are names the kernel already
   * uses (parameters, symbols, inputs).
   */
  static List<KernelRequest.Derived> between(Binding a, ClosedIr irA, Binding b, ClosedIr irB, Set<String> taken) {
    List<Equation> ea = irA.ir().equations(), eb = irB.ir().equations();
    if (ea.size() != eb.size()) return null;
    List<KernelRequest.Derived> out = new ArrayList<>();
    List<Integer> valuesA = new ArrayList<>(), valuesB = new ArrayList<>();
    Set<String> names = new HashSet<>(taken);
    for (int e = 0; e < ea.size(); e++) {
      Equation x = ea.get(e), y = eb.get(e);
      if (x.primitive() != y.primitive() || x.outputs().size() != y.outputs().size()) return null;
      for (int o = 0; o < x.outputs().size(); o++) {
        int[] da = x.outputs().get(o).aval().shape().dims(), db = y.outputs().get(o).aval().shape().dims();
        if (da.length != db.length) return null;
        for (int d = 0; d < da.length; d++) {
          int va = da[d], vb = db[d];
          if (va == vb || a.sizes().contains(va) || b.sizes().contains(vb)) continue;
          int known = valuesA.indexOf(va);
          if (known >= 0) {
            if (valuesB.get(known) != vb) return null;
            continue;
          }
          if (valuesB.contains(vb)) return null;
          String name = "d" + out.size();
          while (names.contains(name) || Binding.isKernelLocal(name)) name = name + "Size";
          names.add(name);
          out.add(new KernelRequest.Derived(name, e, o, d, va, vb));
          valuesA.add(va);
          valuesB.add(vb);
        }
      }
    }
    return unambiguous(valuesA, a.sizes()) && unambiguous(valuesB, b.sizes()) ? out : null;
  }

  /** No derived value is 0 or 1, equals a symbol's, or divides another derived or symbol value. */
  private static boolean unambiguous(List<Integer> derived, List<Integer> symbols) {
    List<Integer> all = new ArrayList<>(symbols);
    all.addAll(derived);
    for (int v : derived) {
      if (v <= 1) return false;
      int equal = 0;
      for (int w : all) {
        if (w == v) equal++;
        else if (w % v == 0 || v % w == 0) return false;
      }
      if (equal != 1) return false;
    }
    return true;
  }
}
