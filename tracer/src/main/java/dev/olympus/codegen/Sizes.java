package dev.olympus.codegen;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How generated code writes the integers of a kernel (dimensions, strides, offsets, element counts): as
 * numbers, for a kernel of exactly the traced shapes, or through symbolic dimensions, for the annotation
 * processor's kernels, whose {@code int} parameters stand for the sizes javac traced as representative values.
 *
 * <p>A symbolic rendering factors each integer over the representative sizes (odd primes no declared size
 * uses), so {@code 83 * 1024} reads {@code n * 1024} when {@code n} was traced as 83. That reading is a guess
 * from one point; the processor renders the same method from two traces with different representative sizes
 * and keeps the kernel only when both read the same, which no size the IR computes otherwise survives.
 */
@FunctionalInterface
public interface Sizes {
  /** The Java expression of {@code value}, as an {@code int} (or {@code long}, for values beyond int range). */
  String of(long value);

  /**
   * The Java expression of an integral literal of the kernel's arithmetic ({@code mean}'s divisor, a loop bound
   * minus one): as {@link #of} unless this reading knows the literal as a size plus a constant.
   */
  default String literal(long value) { return of(value); }

  /**
   * {@code base}, with each literal in {@code offsets} written as {@code base}'s reading of the literal minus
   * its offset, plus the offset ({@code n - 1}); sizes, strides and offsets of indexing stay {@code base}'s.
   */
  static Sizes withLiteralOffsets(Sizes base, Map<Long, Long> offsets) {
    if (offsets.isEmpty()) return base;
    Map<Long, Long> copy = Map.copyOf(offsets);
    return new Sizes() {
      @Override
      public String of(long value) { return base.of(value); }

      @Override
      public String literal(long value) {
        Long c = copy.get(value);
        return c == null ? base.literal(value) : plus(base.of(value - c), c);
      }
    };
  }

  /**
   * {@code base}, with {@code values} (sizes a kernel read at run time, not products of {@code base}'s symbols)
   * factored out first and written as their {@code names}: {@code 83 * 26} reads {@code b * d0} when 26 is
   * {@code d0}. The processor keeps a reading only when a second trace, with other values, reads the same.
   */
  static Sizes withFactors(Sizes base, List<Long> values, List<String> names) {
    if (values.size() != names.size()) throw new IllegalArgumentException("one name per value");
    List<Long> vs = List.copyOf(values);
    List<String> ns = List.copyOf(names);
    return new Sizes() {
      @Override
      public String of(long value) { return factored(value, false); }

      @Override
      public String literal(long value) { return factored(value, true); }

      private String factored(long value, boolean literal) {
        List<String> found = new ArrayList<>();
        long rest = value;
        for (int i = 0; i < vs.size() && rest > 0; i++) {
          long d = vs.get(i);
          while (d > 1 && rest % d == 0) {
            found.add(ns.get(i));
            rest /= d;
          }
        }
        String remaining = literal ? base.literal(rest) : base.of(rest);
        if (found.isEmpty()) return remaining;
        String names = String.join(" * ", found);
        if (rest == 1) return names;
        return (remaining.contains("+") || remaining.contains("-") ? "(" + remaining + ")" : remaining) + " * " + names;
      }
    };
  }

  /** {@code product} plus the constant {@code c}, as Java writes it: {@code n - 1}, {@code n * 2 + 3}. */
  static String plus(String product, long c) {
    return product + (c < 0 ? " - " + -c : " + " + c);
  }

  Sizes NUMERIC = v -> v > Integer.MAX_VALUE || v < Integer.MIN_VALUE ? v + "L" : Long.toString(v);

  /** Factors values over {@code sizes} (distinct primes), each written as its {@code names} entry. */
  static Sizes symbolic(List<Integer> sizes, List<String> names) {
    if (sizes.size() != names.size()) throw new IllegalArgumentException("one name per size");
    List<Integer> ps = List.copyOf(sizes);
    List<String> ns = List.copyOf(names);
    return v -> {
      if (v == 0) return "0";
      long rest = Math.abs(v);
      List<String> factors = new ArrayList<>();
      for (int i = 0; i < ps.size(); i++) {
        int p = ps.get(i);
        while (p > 1 && rest % p == 0) {
          factors.add(ns.get(i));
          rest /= p;
        }
      }
      if (rest != 1 || factors.isEmpty()) factors.add(NUMERIC.of(rest));
      String product = String.join(" * ", factors);
      return v < 0 ? "-" + (factors.size() > 1 ? "(" + product + ")" : product) : product;
    };
  }

  /** {@code expression} made safe to stand next to {@code *} or {@code /}: parenthesized unless atomic. */
  static String atomic(String expression) {
    return expression.chars().allMatch(Character::isJavaIdentifierPart) ? expression : "(" + expression + ")";
  }
}
