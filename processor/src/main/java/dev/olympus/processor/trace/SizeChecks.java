package dev.olympus.processor.trace;

import dev.olympus.processor.generate.MethodPlan;
import dev.olympus.trace.SizeCondition;
import java.util.ArrayList;
import java.util.List;

/**
 * What the two traces' library code assumed of the sizes ({@link SizeCondition}), as conditions the dispatcher
 * checks on the symbols before it runs the kernel. The traces agree on their IR, so they must also agree on these:
 * the same conditions, in order, each on the value of the same symbol; a condition on a size that is no symbol's
 * value (a product, a derived size) has nothing the dispatcher could check, and the kernel is given up.
 */
final class SizeChecks {
  private SizeChecks() {}

  /** The checks both traces hold under; throws {@link IllegalStateException} with the reason when there are none. */
  static List<MethodPlan.SizeCheck> agreed(Binding first, List<SizeCondition> a, Binding second,
      List<SizeCondition> b) {
    if (a.isEmpty() && b.isEmpty()) return List.of();
    // With no symbols every size is declared, so the one trace is the only one the kernel serves.
    if (second == null || first.symbols().isEmpty()) return List.of();
    if (a.size() != b.size()) throw new IllegalStateException("its trace depends on the sizes in Java code");
    List<MethodPlan.SizeCheck> out = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      SizeCondition x = a.get(i), y = b.get(i);
      String symbol = first.sizeName(x.size());
      if (!symbol.equals(second.sizeName(y.size())) || !first.symbols().contains(symbol)) {
        throw new IllegalStateException("its trace depends on a size that is no symbol's value, in Java code");
      }
      MethodPlan.SizeCheck check = check(symbol, x);
      if (!java.util.Objects.equals(check, check(symbol, y))) {
        throw new IllegalStateException("its trace depends on the size of " + symbol + " in Java code");
      }
      if (check != null && !out.contains(check)) out.add(check);
    }
    return out;
  }

  /** The check for {@code c}, or null when it holds for every size. */
  private static MethodPlan.SizeCheck check(String symbol, SizeCondition c) {
    if (c instanceof SizeCondition.Residue r) {
      return new MethodPlan.SizeCheck(symbol, "%s %% " + r.modulus() + " == " + r.residue());
    }
    if (c instanceof SizeCondition.Unequal u) return new MethodPlan.SizeCheck(symbol, "%s != " + u.value());
    if (c instanceof SizeCondition.Unchecked) {
      throw new IllegalStateException("its trace compares the size of " + symbol + " with another size in Java code");
    }
    SizeCondition.Range r = (SizeCondition.Range) c;
    // Sizes are never negative, so a least of 0 says nothing.
    if (r.least() == r.most()) return new MethodPlan.SizeCheck(symbol, "%s == " + r.least());
    List<String> parts = new ArrayList<>();
    if (r.least() > 0) parts.add("%1$s >= " + r.least());
    if (r.most() < Integer.MAX_VALUE) parts.add("%1$s <= " + r.most());
    return parts.isEmpty() ? null : new MethodPlan.SizeCheck(symbol, String.join(" && ", parts));
  }
}
