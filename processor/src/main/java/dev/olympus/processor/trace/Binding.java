package dev.olympus.processor.trace;

import dev.olympus.codegen.Sizes;
import dev.olympus.processor.model.ArgTree;
import dev.olympus.processor.model.JitMethod;
import dev.olympus.processor.model.Parameter;
import dev.olympus.processor.model.ShapeSpec;
import dev.olympus.types.AbstractValue;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The concrete abstract values one javac-time trace uses for a method's declared shapes: each symbolic dimension
 * gets a representative size (an odd prime no declared size uses), and the {@code [...]} leaves, which share one
 * shape, are traced as rank 1 with a size of their own symbol. Two bindings with different sizes trace the same
 * IR, once the sizes are read back as symbols, exactly when the method is generic in its symbolic dimensions.
 */
record Binding(List<String> symbols, List<Integer> sizes, String anySymbol, List<Leaf> leaves,
    List<String> derivedNames, List<Integer> derivedSizes) {
  private static final int[][] SIZES = {
      {83, 89, 97, 101, 103, 107, 109, 113, 127, 131},
      {137, 139, 149, 151, 157, 163, 167, 173, 179, 181}};

  /**
   * For a trace whose statics are windows and strides over the dimensions: dimensions about 25 apart, so the
   * sizes a window computes from two of them differ ({@code (h - window) / stride + 1} for h and w), and
   * statics smaller than any dimension, so every window fits.
   */
  private static final int[][] SPREAD_SIZES = {
      {83, 107, 131, 157, 181, 211, 233, 257, 281, 307},
      {89, 113, 137, 163, 191, 223, 239, 263, 293, 311}};
  private static final int[][] WINDOW_SIZES = {{3, 5, 7, 19, 23, 43}, {11, 13, 17, 29, 31, 47}};

  /** One flat input: how the dispatcher reads it, its Java name, its declared spec and traced aval. */
  record Leaf(String expression, String name, String argumentName, ShapeSpec spec, AbstractValue aval) {}

  static int maxSymbols() { return SIZES[0].length; }

  /** The binding number {@code which} (0 or 1) for {@code m}, or null when it has too many symbols. */
  static Binding of(JitMethod m, int which) {
    return of(m, which, List.of());
  }

  /**
   * As {@link #of(JitMethod, int)}, with {@code staticSymbols} (static int parameters) as symbols too, after
   * the declared dimensions: each traced with a representative value, read back as the parameter.
   */
  static Binding of(JitMethod m, int which, List<String> staticSymbols) {
    return of(m, which, staticSymbols, false);
  }

  /**
   * As {@link #of(JitMethod, int, List)}; with {@code windows}, the statics are traced as small values and the
   * dimensions spread apart ({@link #SPREAD_SIZES}), for statics that size windows over the dimensions.
   */
  static Binding of(JitMethod m, int which, List<String> staticSymbols, boolean windows) {
    List<ArgTree.LeafAccess> accesses = new ArrayList<>();
    List<String> argumentNames = new ArrayList<>();
    Set<Integer> fixed = new HashSet<>();
    LinkedHashSet<String> declared = new LinkedHashSet<>();
    boolean anyShape = false;
    for (Parameter p : m.parameters()) {
      if (p.isStatic()) continue;
      List<ArgTree.LeafAccess> own = p.tree().leaves(p.name());
      for (int k = 0; k < own.size(); k++) {
        ArgTree.LeafAccess a = own.get(k);
        accesses.add(a);
        // As Staging names run-time trace inputs, so error messages read the same either way.
        argumentNames.add("the argument " + p.name() + (own.size() > 1 ? " (leaf " + k + ")" : ""));
        if (a.shape().anyShape()) {
          anyShape = true;
        } else {
          for (ShapeSpec.Dim d : a.shape().dims()) {
            if (d instanceof ShapeSpec.Size s) fixed.add(s.value());
            if (d instanceof ShapeSpec.Symbol s) declared.add(s.name());
          }
        }
      }
    }
    List<String> symbols = new ArrayList<>(declared);
    for (String st : staticSymbols) {
      if (symbols.contains(st)) return null;
      symbols.add(st);
    }
    String any = null;
    if (anyShape) {
      any = "n";
      for (int i = 0; symbols.contains(any); i++) any = "n" + i;
      symbols.add(any);
    }
    if (symbols.size() > maxSymbols()) return null;
    if (windows && staticSymbols.size() > WINDOW_SIZES[which].length) return null;
    List<Integer> sizes = new ArrayList<>();
    int[] table = windows ? SPREAD_SIZES[which] : SIZES[which];
    int next = 0, nextStatic = 0;
    for (int i = 0; i < symbols.size(); i++) {
      if (windows && staticSymbols.contains(symbols.get(i))) {
        while (nextStatic < WINDOW_SIZES[which].length && fixed.contains(WINDOW_SIZES[which][nextStatic])) nextStatic++;
        if (nextStatic == WINDOW_SIZES[which].length) return null;
        sizes.add(WINDOW_SIZES[which][nextStatic++]);
        continue;
      }
      while (fixed.contains(table[next])) next++;
      sizes.add(table[next++]);
    }
    List<Leaf> leaves = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < accesses.size(); i++) {
      ArgTree.LeafAccess a = accesses.get(i);
      ShapeSpec spec = a.shape();
      int[] dims;
      if (spec.anyShape()) {
        dims = new int[] {sizes.get(symbols.indexOf(any))};
      } else {
        dims = new int[spec.dims().size()];
        for (int k = 0; k < dims.length; k++) {
          ShapeSpec.Dim d = spec.dims().get(k);
          dims[k] = d instanceof ShapeSpec.Size s ? s.value() : sizes.get(symbols.indexOf(((ShapeSpec.Symbol) d).name()));
        }
      }
      String base = javaName(a.expression());
      if (isKernelLocal(base)) base = base + "Arg";
      String name = base;
      for (int k = 2; !names.add(name); k++) name = base + k;
      leaves.add(new Leaf(a.expression(), name, argumentNames.get(i), spec, AbstractValue.of(spec.dtype(), dims)));
    }
    return new Binding(symbols, sizes, any, leaves, List.of(), List.of());
  }

  /**
   * Whether {@code name} is a local or parameter of the generated kernel and its loop-nest methods
   * ({@code dev.olympus.codegen}'s names: {@code xData}, {@code buf3}, {@code st3}, {@code row}, {@code i0},
   * {@code at5}, {@code sum5}, {@code f32Strip0}, ...): leaf parameters and symbol variables avoid them.
   */
  static boolean isKernelLocal(String name) {
    return name.endsWith("Data") || KERNEL_LOCALS.contains(name) || name.matches(
        "(i|at|v|sum|max|min|buf|st|literal|result|lanes|rowLanes|strides|coeffs)\\d+|st\\d+Dim\\d+"
            + "|(f32|f64|i32|i64)(Strip|Row)\\d+");
  }

  private static final Set<String> KERNEL_LOCALS = Set.of("len", "r", "row", "rows", "cols", "from", "to",
      "colFrom", "colTo", "strip", "c0", "b0", "b1", "work", "threads", "blocks", "rest", "outAt", "colDims",
      "rowFrom", "rowTo");

  /** {@code p.w()} → {@code pW}: a Java name for a leaf. */
  private static String javaName(String expression) {
    StringBuilder sb = new StringBuilder();
    boolean upper = false;
    for (char c : expression.toCharArray()) {
      if (c == '.') {
        upper = true;
      } else if (Character.isJavaIdentifierPart(c)) {
        sb.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return sb.toString();
  }

  /** This binding with every {@code [...]} leaf traced at {@code dims} instead (another rank). */
  Binding anyShapedAs(int... dims) {
    List<Leaf> out = new ArrayList<>();
    for (Leaf l : leaves) {
      out.add(l.spec().anyShape()
          ? new Leaf(l.expression(), l.name(), l.argumentName(), l.spec(), AbstractValue.of(l.spec().dtype(), dims))
          : l);
    }
    return new Binding(symbols, sizes, anySymbol, out, derivedNames, derivedSizes);
  }

  /**
   * This binding with sizes its IR computes ({@link DerivedSizes}) read as names too: {@code sizes} are this
   * trace's values of {@code names}.
   */
  Binding withDerived(List<String> names, List<Integer> sizes) {
    return new Binding(symbols, this.sizes, anySymbol, leaves, List.copyOf(names), List.copyOf(sizes));
  }

  /** Sizes for traces at other ranks, distinct from every representative size of either binding. */
  static int[] otherRankSizes(int rank) {
    int[] dims = new int[rank];
    for (int k = 0; k < rank; k++) dims[k] = 191 + 2 * k;
    return dims;
  }

  List<AbstractValue> avals() {
    List<AbstractValue> out = new ArrayList<>();
    for (Leaf l : leaves) out.add(l.aval());
    return out;
  }

  List<String> argumentNames() {
    List<String> out = new ArrayList<>();
    for (Leaf l : leaves) out.add(l.argumentName());
    return out;
  }

  /** The declared symbols, without the one standing for {@code [...]}. */
  List<String> declaredSymbols() {
    List<String> out = new ArrayList<>(symbols);
    if (anySymbol != null) out.remove(anySymbol);
    return out;
  }

  /** {@code text} with every representative size read back as its symbol. */
  String symbolic(String text) {
    return symbolic(text, java.util.Map.of());
  }

  /**
   * As {@link #symbolic(String)}, and each integral literal of {@code offsets} (a {@link LiteralOffsets} map of
   * this binding) written as the size expression it stands for: {@code 82:i32[]} reads {@code (n - 1):i32[]}.
   */
  String symbolic(String text, java.util.Map<Long, Long> offsets) {
    String out = text;
    for (java.util.Map.Entry<Long, Long> e : new java.util.TreeMap<>(offsets).entrySet()) {
      String expression = "(" + Sizes.plus(literalSize(e.getKey() - e.getValue()), e.getValue()) + ")";
      Pattern literal = Pattern.compile("(?<![\\w.])" + e.getKey() + "(\\.0)?(?=:[fi]\\d+\\[\\])");
      out = literal.matcher(out).replaceAll(Matcher.quoteReplacement(expression));
    }
    for (int i = 0; i < derivedNames.size(); i++) {
      Pattern p = Pattern.compile("(?<![\\w.])" + derivedSizes.get(i) + "(?![\\w.:])");
      out = p.matcher(out).replaceAll(Matcher.quoteReplacement(derivedNames.get(i)));
    }
    for (int i = 0; i < symbols.size(); i++) {
      // A size inside a shape or a parameter tuple; never part of a literal such as 83.0:f32[] or 83:i32[].
      Pattern p = Pattern.compile("(?<![\\w.])" + sizes.get(i) + "(?![\\w.:])");
      out = p.matcher(out).replaceAll(Matcher.quoteReplacement(symbols.get(i)));
      // A literal that is the size itself (mean's divisor): the kernel reads it from the symbol too.
      Pattern literal = Pattern.compile("(?<![\\w.])" + sizes.get(i) + "(\\.0)?(?=:[fi]\\d+\\[\\])");
      out = literal.matcher(out).replaceAll(Matcher.quoteReplacement(symbols.get(i)));
    }
    // A literal that is a product of sizes (avg_pool's window * window): as the kernel reads it.
    return PRODUCT_LITERAL.matcher(out).replaceAll(r -> {
      String reading = literalSize(Long.parseLong(r.group(1)));
      return Matcher.quoteReplacement(reading.matches("-?\\d+") ? r.group() : "(" + reading + ")");
    });
  }

  private static final Pattern PRODUCT_LITERAL = Pattern.compile("(?<![\\w.])(\\d{1,15})(\\.0)?(?=:[fi]\\d+\\[\\])");

  /** The representative value of {@code symbol} in this binding. */
  int size(String symbol) {
    return sizes.get(symbols.indexOf(symbol));
  }

  /** A size as the signature writes it: the symbol it stands for, or the number. */
  String sizeName(int size) {
    int i = sizes.indexOf(size);
    if (i >= 0) return symbols.get(i);
    int d = derivedSizes.indexOf(size);
    return d < 0 ? Integer.toString(size) : derivedNames.get(d);
  }

  /**
   * An integral literal's value as a product of symbols and a number ({@code n * 4}), as kernels write it; the
   * derived sizes are factors too, after the symbols ({@code window * window}, {@code d0 * d1}).
   */
  String literalSize(long value) {
    List<Integer> all = new ArrayList<>(sizes);
    all.addAll(derivedSizes);
    List<String> names = new ArrayList<>(symbols);
    names.addAll(derivedNames);
    return Sizes.symbolic(all, names).of(value);
  }

  /** {@code x: f32[b,784], y: f32[...]}: the declared abstract values, as messages show them. */
  String describe() {
    List<String> parts = new ArrayList<>();
    for (Leaf l : leaves) parts.add(l.expression() + ": " + l.spec());
    return String.join(", ", parts);
  }
}
