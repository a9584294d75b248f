package dev.olympus.processor.trace;

import dev.olympus.processor.generate.MethodPlan;
import dev.olympus.trace.SizeCondition;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the two traces assumed of the sizes ({@link SizeCondition}), as conditions the dispatcher checks on the
 * symbols before it runs the kernel. The traces agree on their IR, so they must also agree on these: the same
 * conditions, in order, each on the value of the same symbol (or of a declared size); a condition on a size that
 * is no symbol's value (a product, a derived size) has nothing the dispatcher could check, and the kernel is given
 * up.
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
      // A number in both traces is a declared size; a number that differs is a product or sum of symbols.
      if (!terms(first, a.get(i)).equals(terms(second, b.get(i)))) {
        throw new IllegalStateException("its trace depends on a size that is no symbol's value, in Java code");
      }
      MethodPlan.SizeCheck check = check(first, a.get(i));
      if (!Objects.equals(check, check(second, b.get(i)))) {
        throw new IllegalStateException("its trace depends on the size of " + term(first, a.get(i).size())
            + " in Java code");
      }
      if (check != null && !out.contains(check)) out.add(check);
    }
    return out;
  }

  /** The check for {@code c} in {@code b}'s names, or null when it holds for every size. */
  private static MethodPlan.SizeCheck check(Binding b, SizeCondition c) {
    if (c instanceof SizeCondition.Compared k) return compared(term(b, k.size()), k.relation(), term(b, k.other()));
    String symbol = term(b, c.size());
    if (!b.symbols().contains(symbol)) return null;
    List<String> one = List.of(symbol);
    if (c instanceof SizeCondition.Residue r) {
      return new MethodPlan.SizeCheck(one, "%1$s %% " + r.modulus() + " == " + r.residue());
    }
    if (c instanceof SizeCondition.Unequal u) return new MethodPlan.SizeCheck(one, "%1$s != " + u.value());
    if (c instanceof SizeCondition.Unchecked) {
      throw new IllegalStateException("its trace computes with the size of " + symbol + " in a way no condition on it"
          + " says, in Java code");
    }
    SizeCondition.Range r = (SizeCondition.Range) c;
    // Sizes are never negative, so a least of 0 says nothing.
    if (r.least() == r.most()) return new MethodPlan.SizeCheck(one, "%1$s == " + r.least());
    List<String> parts = new ArrayList<>();
    if (r.least() > 0) parts.add("%1$s >= " + r.least());
    if (r.most() < Integer.MAX_VALUE) parts.add("%1$s <= " + r.most());
    return parts.isEmpty() ? null : new MethodPlan.SizeCheck(one, String.join(" && ", parts));
  }

  /** Two sizes compared: a check on the symbols among them, or null when both are declared numbers. */
  private static MethodPlan.SizeCheck compared(String left, String relation, String right) {
    // A size against itself (a gather's slice size d of an axis of size d) held in the trace, so for every size.
    if (left.equals(right)) return null;
    List<String> symbols = new ArrayList<>();
    String[] sides = {left, right};
    for (int s = 0; s < 2; s++) {
      if (isNumber(sides[s])) continue;
      if (!symbols.contains(sides[s])) symbols.add(sides[s]);
      sides[s] = "%" + (symbols.indexOf(sides[s]) + 1) + "$s";
    }
    return symbols.isEmpty() ? null : new MethodPlan.SizeCheck(symbols, sides[0] + " " + relation + " " + sides[1]);
  }

  private static List<String> terms(Binding b, SizeCondition c) {
    return c instanceof SizeCondition.Compared k ? List.of(term(b, k.size()), term(b, k.other()))
        : List.of(term(b, c.size()));
  }

  /** The symbol whose representative value {@code size} is, or the number itself for a declared size. */
  private static String term(Binding b, int size) {
    String name = b.sizeName(size);
    if (!isNumber(name) && !b.symbols().contains(name)) {
      throw new IllegalStateException("its trace depends on " + name + ", a size no symbol gives, in Java code");
    }
    return name;
  }

  private static boolean isNumber(String name) {
    return !name.isEmpty() && name.chars().allMatch(Character::isDigit);
  }
}
