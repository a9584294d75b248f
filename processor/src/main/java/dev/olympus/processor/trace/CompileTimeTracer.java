package dev.olympus.processor.trace;

import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import dev.olympus.Array;
import dev.olympus.errors.ConcretizationException;
import dev.olympus.errors.ShapeException;
import dev.olympus.errors.TracerBoolConversionException;
import dev.olympus.ir.ClosedIr;
import dev.olympus.ir.Equation;
import dev.olympus.processor.diagnostic.Diagnostics;
import dev.olympus.processor.diagnostic.Message;
import dev.olympus.processor.generate.KernelRenderer;
import dev.olympus.processor.generate.KernelRendering;
import dev.olympus.processor.generate.KernelRequest;
import dev.olympus.processor.generate.MethodPlan;
import dev.olympus.processor.interpret.ClassPathLoader;
import dev.olympus.processor.interpret.InterpretException;
import dev.olympus.processor.interpret.Interpreter;
import dev.olympus.processor.interpret.SourceRecord;
import dev.olympus.processor.interpret.UnknownStatic;
import dev.olympus.processor.javac.TreeReporter;
import dev.olympus.processor.model.ArgTree;
import dev.olympus.processor.model.JitMethod;
import dev.olympus.processor.model.Parameter;
import dev.olympus.trace.SizeCondition;
import dev.olympus.pytree.PyTree;
import dev.olympus.transform.Staging;
import dev.olympus.types.AbstractValue;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.SourceVersion;

/**
 * Traces {@code @Jit} methods at javac time: runs each body in the {@link Interpreter} inside
 * {@link Staging#traceFlat}, the tracer's own IR builder, with tracer arguments of the declared abstract values,
 * then hands the IR to the {@link KernelRenderer}. A method with symbolic dimensions is traced twice, with two
 * sets of representative sizes; only if both IRs read the same with the sizes replaced by their symbols does
 * one kernel serve every size.
 *
 * <p>Problems become javac diagnostics: a traced value used as a Java boolean or number, or a shape error, is an
 * error at the tree node; an unsupported construct is a warning there, and the method is then traced at run
 * time only. When a method relies on the default shape ({@code f32[...]}, traced as rank 1), failures that may
 * come from that guess are notes, not errors.
 */
public final class CompileTimeTracer implements MethodTracing {
  private final ProcessingEnvironment env;
  private final Trees trees;
  private final TreeReporter reporter;
  private final Diagnostics diagnostics;
  private final KernelRenderer renderer;
  private final Set<String> kernelNames = new HashSet<>();
  private final ClassLoader loader;

  public CompileTimeTracer(ProcessingEnvironment env, Trees trees, Diagnostics diagnostics, KernelRenderer renderer) {
    this.env = env;
    this.trees = trees;
    this.reporter = new TreeReporter(trees, diagnostics);
    this.diagnostics = diagnostics;
    this.renderer = renderer;
    this.loader = new ClassPathLoader(CompileTimeTracer.class.getClassLoader(), env.getFiler());
  }

  // ---- planning -------------------------------------------------------------------------------------------------

  /** The prints the traces of the method being planned skipped, each call site once, in source order. */
  private final java.util.Map<com.sun.source.tree.Tree, TreePath> droppedPrints = new java.util.LinkedHashMap<>();

  @Override
  public MethodPlan plan(JitMethod m) {
    droppedPrints.clear();
    try {
      return planTraced(m);
    } finally {
      for (TreePath p : droppedPrints.values()) {
        reporter.report(Message.PRINT_WHILE_TRACING, p, m.displayName(), reporter.line(p), m.entryPoint());
      }
      droppedPrints.clear();
    }
  }

  private MethodPlan planTraced(JitMethod m) {
    List<String> statics = new ArrayList<>();
    for (Parameter p : m.parameters()) {
      if (p.isStatic()) statics.add(p.name());
      if (p.tree() instanceof ArgTree.ListNode) {
        return MethodPlan.runtimeOnly(m, "parameter " + p.name() + " is a List<Array>, whose length javac cannot "
            + "know");
      }
    }
    // Static values are unknown at javac time: the trace stops where it would need one (a silent run-time
    // fallback), and what it saw before that holds for every value, so errors found there are real.
    List<Object> unknownStatics = new ArrayList<>();
    for (String name : statics) unknownStatics.add(new UnknownStatic(name));
    if (trees.getPath(m.element()) == null) return MethodPlan.runtimeOnly(m, "javac has no source for it");
    Binding first = Binding.of(m, 0);
    if (first == null) {
      return MethodPlan.runtimeOnly(m, "it has more than " + Binding.maxSymbols() + " symbolic dimensions");
    }
    boolean guessed = first.leaves().stream().anyMatch(l -> l.spec().anyShape());

    ClosedIr ir;
    List<SizeCondition> required = new ArrayList<>(), secondRequired = new ArrayList<>();
    try {
      ir = traceFlat(m, first.avals(), first.argumentNames(), unknownStatics, new ArrayList<>(), required, false,
          dimensionSizes(first, List.of()));
    } catch (InterpretException.NeedsStaticValue e) {
      return planStatic(m, e);
    } catch (InterpretException e) {
      return failed(m, first, guessed, e);
    } catch (RuntimeException e) {
      return failedOutside(m, first, guessed, e);
    }
    Binding second = null;
    ClosedIr secondIr = null;
    LiteralOffsets offsets = LiteralOffsets.NONE;
    List<KernelRequest.Derived> derived = List.of();
    if (!first.symbols().isEmpty()) {
      second = Binding.of(m, 1);
      try {
        secondIr = traceFlat(m, second.avals(), second.argumentNames(), unknownStatics, new ArrayList<>(),
            secondRequired, false, dimensionSizes(second, List.of()));
        Agreement agreed = agreement(m, first, ir, second, secondIr);
        offsets = agreed == null ? null : agreed.offsets();
        if (agreed != null) {
          first = agreed.first();
          second = agreed.second();
          derived = agreed.derived();
        }
      } catch (RuntimeException e) {
        offsets = null;
      }
      if (offsets == null) {
        List<String> declared = first.declaredSymbols();
        String reason = "its IR depends on the size of " + String.join(", ", first.symbols());
        if (!declared.isEmpty() && !guessed) {
          diagnostics.report(Message.NOT_SHAPE_GENERIC, m.element(), m.displayName(),
              declared.size() > 1 ? "s" : "", String.join(", ", declared), m.entryPoint(), String.join(", ", declared));
        }
        return MethodPlan.runtimeOnly(m, reason);
      }
    }
    List<MethodPlan.SizeCheck> sizeChecks;
    try {
      sizeChecks = SizeChecks.agreed(first, required, second, secondRequired);
    } catch (IllegalStateException e) {
      return MethodPlan.runtimeOnly(m, e.getMessage());
    }
    String text = first.symbolic(ir.toString(), offsets.first());
    Traced t = render(m, first, ir, text, rankPolymorphic(m, first, ir, unknownStatics), secondIr,
        second == null ? List.of() : second.sizes(), offsets, null, List.of(), derived, sizeChecks);
    return new MethodPlan(m, t.header(), t.kernel() == null ? List.of() : List.of(t.kernel()));
  }

  // ---- static arguments -----------------------------------------------------------------------------------------

  /** The most kernels one method's static cases may add to its class. */
  private static final int MAX_CASES = 16;

  /**
   * A method whose trace reads a static argument: one kernel per case of its static values ({@link StaticCase}),
   * each traced as the plain method is (two bindings, one kernel for every size). A case that cannot be traced
   * (its Java depends on the value itself: a loop bound, a comparison) is left to the run-time path, with a
   * note at the line that reads the value.
   */
  private MethodPlan planStatic(JitMethod m, InterpretException.NeedsStaticValue unknown) {
    List<Parameter> statics = new ArrayList<>();
    for (Parameter p : m.parameters()) if (p.isStatic()) statics.add(p);
    List<String> others = new ArrayList<>();
    for (Parameter p : statics) if (StaticCase.kind(p) == StaticCase.Kind.OTHER) others.add(p.name());
    if (!others.isEmpty()) return staticAtRunTime(m, unknown, "a static " + String.join(", ", others)
        + " of a type javac does not specialize on (boolean, int, long, enums and Strings are)");
    java.util.Map<String, StaticCase.EnumValues> enums = new java.util.HashMap<>();
    for (Parameter p : statics) {
      if (StaticCase.kind(p) != StaticCase.Kind.ENUM) continue;
      StaticCase.EnumValues values = enumValues(p);
      if (values == null) return staticAtRunTime(m, unknown, "the enum of " + p.name() + " cannot be loaded");
      enums.put(p.name(), values);
    }
    java.util.Map<String, List<String>> strings = new java.util.HashMap<>();
    for (Parameter p : statics) {
      if (StaticCase.kind(p) != StaticCase.Kind.STRING) continue;
      List<String> literals = stringLiterals(m);
      if (literals.isEmpty() || literals.size() > MAX_CASES) {
        return staticAtRunTime(m, unknown, "the String " + p.name() + " is compared with no string literal of the "
            + "method, or with too many");
      }
      strings.put(p.name(), literals);
    }
    List<StaticCase> cases = StaticCase.all(statics, java.util.Map.of(), enums, strings);
    if (cases.size() > MAX_CASES) return staticAtRunTime(m, unknown, "more than " + MAX_CASES + " static cases");
    StringBuilder header = new StringBuilder();
    List<MethodPlan.Kernel> kernels = new ArrayList<>();
    InterpretException.NeedsStaticValue firstUse = null;
    for (StaticCase c : cases) {
      Traced t;
      boolean readsValue = false;
      try {
        t = traceCase(m, statics, c, false);
      } catch (InterpretException.NeedsStaticValue e) {
        // In an array, the value is structure: a window or a stride (a size, traced as one below), or the axes
        // of a sum (enumerated below, as an axis passed directly).
        if (!e.inArray()) {
          if (firstUse == null) firstUse = e;
          readsValue = true;
        }
        t = e.inArray() ? tryCase(m, statics, c, true) : null;
        if (t != null && t.kernel() == null) t = null;
      } catch (RuntimeException e) {
        t = null;
      }
      if (t == null && !readsValue && !c.symbolic().isEmpty()) {
        // The value decides the structure (an axis, a shape): each value an axis of the declared ranks can be.
        List<StaticCase> each = enumerated(m, statics, c, enums, strings);
        if (each == null) {
          header.append(m.displayName()).append(" with ").append(c.description())
              .append(": no javac-time kernel (the IR depends on the value of ")
              .append(String.join(", ", c.symbolic())).append("): calls are traced at run time.\n");
          continue;
        }
        for (StaticCase e : each) {
          Traced te = tryCase(m, statics, e, false);
          if (te == null) continue;
          header.append(te.header());
          if (te.kernel() != null) kernels.add(te.kernel());
        }
        continue;
      }
      if (t == null) {
        header.append(m.displayName()).append(" with ").append(c.description()).append(": no javac-time kernel (")
            .append(readsValue ? "its Java reads the value of " + firstUse.parameter() : "tracing it failed")
            .append("): calls are traced at run time.\n");
        continue;
      }
      header.append(t.header());
      if (t.kernel() != null) kernels.add(t.kernel());
    }
    if (kernels.isEmpty()) return staticAtRunTime(m, firstUse == null ? unknown : firstUse, null);
    if (firstUse != null) {
      reporter.report(Message.STATIC_AT_RUN_TIME, firstUse.where(), m.displayName(), firstUse.parameter(),
          "some of its values", m.entryPoint(), advice(firstUse));
    }
    return new MethodPlan(m, header.toString(), kernels);
  }

  /** The distinct string literals of {@code m}'s body, in source order: the values a String static is tried with. */
  private List<String> stringLiterals(JitMethod m) {
    java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>();
    new com.sun.source.util.TreeScanner<Void, Void>() {
      @Override
      public Void visitLiteral(com.sun.source.tree.LiteralTree node, Void unused) {
        if (node.getKind() == com.sun.source.tree.Tree.Kind.STRING_LITERAL) out.add((String) node.getValue());
        return null;
      }
    }.scan(trees.getPath(m.element()).getLeaf(), null);
    return new ArrayList<>(out);
  }

  /**
   * The constants of {@code p}'s enum: stand-ins for an enum of this compilation, the loaded enum's own
   * constants otherwise (null when it cannot be loaded).
   */
  private StaticCase.EnumValues enumValues(Parameter p) {
    javax.lang.model.element.TypeElement type =
        (javax.lang.model.element.TypeElement) ((javax.lang.model.type.DeclaredType) p.type()).asElement();
    List<String> names = new ArrayList<>();
    List<Object> values = new ArrayList<>();
    boolean inSource = trees.getPath(type) != null;
    Class<?> loaded = null;
    if (!inSource) {
      try {
        loaded = Class.forName(env.getElementUtils().getBinaryName(type).toString(), false, loader);
      } catch (ClassNotFoundException | LinkageError e) {
        return null;
      }
    }
    for (javax.lang.model.element.Element e : type.getEnclosedElements()) {
      if (e.getKind() != javax.lang.model.element.ElementKind.ENUM_CONSTANT) continue;
      String name = e.getSimpleName().toString();
      names.add(name);
      if (inSource) {
        values.add(Interpreter.enumConstant(type, e));
      } else {
        Object constant = null;
        for (Object c : loaded.getEnumConstants()) if (((Enum<?>) c).name().equals(name)) constant = c;
        values.add(constant);
      }
    }
    return new StaticCase.EnumValues(type.getQualifiedName().toString(), names, values);
  }

  /** Each value in {@code [-rank, rank)} for the symbolic ints of {@code c}, or null when there are too many. */
  private static List<StaticCase> enumerated(JitMethod m, List<Parameter> statics, StaticCase c,
      java.util.Map<String, StaticCase.EnumValues> enums, java.util.Map<String, List<String>> strings) {
    int rank = 1;
    for (Parameter p : m.parameters()) {
      if (p.isStatic()) continue;
      for (var leaf : p.tree().leaves(p.name())) {
        if (!leaf.shape().anyShape()) rank = Math.max(rank, leaf.shape().dims().size());
      }
    }
    List<Integer> values = new ArrayList<>();
    for (int v = -rank; v < rank; v++) values.add(v);
    java.util.Map<String, List<Integer>> each = new java.util.LinkedHashMap<>();
    for (String name : c.symbolic()) each.put(name, values);
    List<Parameter> fixed = new ArrayList<>();
    for (Parameter p : statics) {
      if (c.concrete().containsKey(p.name()) || c.symbolic().contains(p.name())) fixed.add(p);
    }
    List<StaticCase> out = new ArrayList<>();
    for (StaticCase e : StaticCase.all(fixed, each, enums, strings)) {
      // Keep the boolean values of the case this refines.
      if (e.concrete().entrySet().containsAll(c.concrete().entrySet())) out.add(e);
    }
    return out.size() > MAX_CASES ? null : out;
  }

  /** {@link #traceCase}, or null when that case cannot be traced. */
  private Traced tryCase(JitMethod m, List<Parameter> statics, StaticCase c, boolean windows) {
    try {
      return traceCase(m, statics, c, windows);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /**
   * One static case traced with both bindings, its kernel rendered; throws when the trace fails or the two
   * traces differ (the IR depends on a symbol's value), so the caller can try the case another way. With
   * {@code windows}, the symbolic statics stored in Java arrays are sizes there too, traced small against
   * spread-out dimensions ({@link Binding#of(JitMethod, int, List, boolean)}).
   */
  private Traced traceCase(JitMethod m, List<Parameter> statics, StaticCase c, boolean windows) {
    Binding first = Binding.of(m, 0, c.symbolic(), windows);
    Binding second = Binding.of(m, 1, c.symbolic(), windows);
    if (first == null || second == null) throw new IllegalStateException("too many symbols");
    List<Object> firstValues = new ArrayList<>(), secondValues = new ArrayList<>();
    for (Parameter p : statics) {
      firstValues.add(c.value(p, first));
      secondValues.add(c.value(p, second));
    }
    List<Interpreter.Assumption> assumed = new ArrayList<>(), secondAssumed = new ArrayList<>();
    List<SizeCondition> required = new ArrayList<>(), secondRequired = new ArrayList<>();
    ClosedIr ir = traceFlat(m, first.avals(), first.argumentNames(), firstValues, assumed, required, windows,
        dimensionSizes(first, c.symbolic()));
    ClosedIr secondIr = null;
    LiteralOffsets offsets = LiteralOffsets.NONE;
    List<KernelRequest.Derived> derived = List.of();
    if (!first.symbols().isEmpty()) {
      secondIr = traceFlat(m, second.avals(), second.argumentNames(), secondValues, secondAssumed, secondRequired,
          windows, dimensionSizes(second, c.symbolic()));
      Agreement agreed = agreement(m, first, ir, second, secondIr);
      if (agreed == null) throw new IllegalStateException("the IR depends on the value of a symbol");
      first = agreed.first();
      second = agreed.second();
      offsets = agreed.offsets();
      derived = agreed.derived();
    }
    String text = first.symbolic(ir.toString(), offsets.first());
    // A static that shapes the IR serves only the sizes eager would accept; others take the run-time path.
    java.util.Set<String> guards = new java.util.LinkedHashSet<>(loopGuards(first, assumed, second, secondAssumed));
    for (String sym : c.symbolic()) {
      // In an abstract value's dims (f32[n,4]) or a shape parameter (shape=(n, 1)); a trip count may be 0.
      String word = "(?<![\\w.])" + sym + "(?![\\w.:])";
      if (java.util.regex.Pattern.compile("\\[[^\\]]*" + word + "[^\\]]*\\]|(shape|sizes)=\\([^)]*" + word)
          .matcher(text).find()) {
        guards.add(sym + " >= 1");
      }
    }
    String when = c.when();
    if (!guards.isEmpty()) when = (when == null ? "" : when + " && ") + String.join(" && ", guards);
    StaticCase guarded = new StaticCase(c.description(), when, c.suffix(), c.concrete(), c.symbolic());
    return render(m, first, ir, text, rankPolymorphic(m, first, ir, firstValues), secondIr, second.sizes(), offsets,
        guarded, statics, derived, SizeChecks.agreed(first, required, second, secondRequired));
  }

  /** How two traces agree: the bindings (with the derived sizes they name, if any) and the literal offsets. */
  private record Agreement(Binding first, Binding second, LiteralOffsets offsets, List<KernelRequest.Derived> derived) {}

  /**
   * The traces' agreement with literals read as sizes plus constants ({@link LiteralOffsets}), and failing that
   * with sizes a primitive computes named too ({@link DerivedSizes}); null when they differ otherwise.
   */
  private static Agreement agreement(JitMethod m, Binding a, ClosedIr irA, Binding b, ClosedIr irB) {
    LiteralOffsets offsets = LiteralOffsets.agreeing(a, irA, b, irB);
    if (offsets != null) return new Agreement(a, b, offsets, List.of());
    List<KernelRequest.Derived> derived = DerivedSizes.between(a, irA, b, irB, names(m, a));
    if (derived == null || derived.isEmpty()) return null;
    Binding da = withDerived(a, derived, true), db = withDerived(b, derived, false);
    offsets = LiteralOffsets.agreeing(da, irA, db, irB);
    return offsets == null ? null : new Agreement(da, db, offsets, derived);
  }

  private static Binding withDerived(Binding b, List<KernelRequest.Derived> derived, boolean first) {
    List<String> names = new ArrayList<>();
    List<Integer> sizes = new ArrayList<>();
    for (KernelRequest.Derived d : derived) {
      names.add(d.name());
      sizes.add(first ? d.first() : d.second());
    }
    return b.withDerived(names, sizes);
  }

  /** The representative values of {@code b}'s symbols that are dimensions, not the static ints among them. */
  private static Set<Integer> dimensionSizes(Binding b, List<String> staticSymbols) {
    Set<Integer> out = new HashSet<>();
    for (String s : b.symbols()) if (!staticSymbols.contains(s)) out.add(b.size(s));
    return out;
  }

  /** The names a kernel of {@code m} already uses: parameters, leaves and symbols. */
  private static Set<String> names(JitMethod m, Binding b) {
    Set<String> out = new HashSet<>(b.symbols());
    for (Parameter p : m.parameters()) out.add(p.name());
    for (Binding.Leaf l : b.leaves()) out.add(l.name());
    return out;
  }

  /**
   * The conditions under which the staged {@code while} loops of a trace leave their index at the bound
   * ({@code n >= 0}), written over the method's parameters; throws when a bound is not a static parameter itself
   * ({@code n - 1}), whose condition the generated method could not write, or the traces assumed differently.
   */
  private static List<String> loopGuards(Binding first, List<Interpreter.Assumption> assumed, Binding second,
      List<Interpreter.Assumption> secondAssumed) {
    if (assumed.size() != secondAssumed.size()) throw new IllegalStateException("the traces ran different loops");
    List<String> out = new ArrayList<>();
    for (int i = 0; i < assumed.size(); i++) {
      Interpreter.Assumption a = assumed.get(i), b = secondAssumed.get(i);
      if (!a.parameter().equals(b.parameter()) || a.atLeast() != b.atLeast()
          || first.size(a.parameter()) != a.traced() || second.size(b.parameter()) != b.traced()) {
        throw new IllegalStateException("a while loop's bound is an expression of " + a.parameter());
      }
      out.add(a.parameter() + " >= " + a.atLeast());
    }
    return out;
  }

  /** What OLY404 suggests: for a value in a Java array (a window, a shape), what javac can do with it. */
  private static String advice(InterpretException.NeedsStaticValue e) {
    return e.inArray()
        ? "In a Java array it decides the IR's shapes, and javac traces a kernel per value only when the values "
            + "are few (an axis of the declared ranks, at most " + MAX_CASES + " cases); a fixed value in the "
            + "array gets one kernel."
        : "Pass it into Olympus directly (x.mul(k)) or make it a boolean to get javac-time kernels.";
  }

  private MethodPlan staticAtRunTime(JitMethod m, InterpretException.NeedsStaticValue e, String why) {
    reporter.report(Message.STATIC_AT_RUN_TIME, e.where(), m.displayName(), e.parameter(),
        why == null ? "its values" : "its values (" + why + ")", m.entryPoint(), advice(e));
    List<String> statics = new ArrayList<>();
    for (Parameter p : m.parameters()) if (p.isStatic()) statics.add(p.name());
    return MethodPlan.runtimeOnly(m, "static argument" + (statics.size() > 1 ? "s " : " ")
        + String.join(", ", statics) + ": each value is traced and compiled when first called");
  }

  /**
   * Whether the {@code [...]} inputs may have any rank: they are the only non-scalar inputs, and the IR traced
   * with them at ranks 0, 2 and 3 is the rank-1 IR (each reading their shape as one token). Java code that
   * branches on {@code ndim()} or reads a dimension makes it differ.
   */
  private boolean rankPolymorphic(JitMethod m, Binding first, ClosedIr ir, List<Object> statics) {
    if (first.anySymbol() == null) return false;
    for (Binding.Leaf l : first.leaves()) {
      if (!l.spec().anyShape() && !l.spec().dims().isEmpty()) return false;
    }
    dev.olympus.types.Shape traced = first.leaves().stream().filter(l -> l.spec().anyShape()).findFirst()
        .orElseThrow().aval().shape();
    for (int rank : new int[] {0, 2, 3}) {
      Binding other = first.anyShapedAs(Binding.otherRankSizes(rank));
      dev.olympus.types.Shape shape = dev.olympus.types.Shape.of(Binding.otherRankSizes(rank));
      // The [...] shape reads as one token ("" at rank 0, where it is indistinguishable from other scalars).
      String token = rank == 0 ? "" : "S";
      String base = IrSignature.withShapes(ir, Integer::toString, s -> s.equals(traced) ? token : null);
      try {
        String sig = IrSignature.withShapes(traceFlat(m, other.avals(), other.argumentNames(), statics), Integer::toString,
            s -> s.equals(shape) ? token : null);
        if (!sig.equals(base)) return false;
      } catch (RuntimeException e) {
        return false;
      }
    }
    return true;
  }

  /** One traced case: its part of the file header, and its kernel (null when none could be rendered). */
  private record Traced(String header, MethodPlan.Kernel kernel) {}

  private Traced render(JitMethod m, Binding binding, ClosedIr ir, String symbolicText, boolean anyRank,
      ClosedIr secondIr, List<Integer> secondSizes, LiteralOffsets offsets, StaticCase staticCase,
      List<Parameter> statics, List<KernelRequest.Derived> derived, List<MethodPlan.SizeCheck> sizeChecks) {
    List<KernelRequest.Input> inputs = new ArrayList<>();
    Set<String> taken = new HashSet<>();
    for (Parameter p : m.parameters()) taken.add(p.name());
    for (Binding.Leaf leaf : binding.leaves()) {
      taken.add(leaf.name());
      List<dev.olympus.processor.model.ShapeSpec.Dim> dims = new ArrayList<>();
      if (leaf.spec().anyShape()) {
        dims.add(new dev.olympus.processor.model.ShapeSpec.Symbol(binding.anySymbol()));
      } else {
        dims.addAll(leaf.spec().dims());
      }
      inputs.add(new KernelRequest.Input(leaf.name(), leaf.spec().dtype(), dims));
    }
    List<String> variables = new ArrayList<>();
    for (String s : binding.symbols()) {
      String v = s;
      while (taken.contains(v) || SourceVersion.isKeyword(v) || Binding.isKernelLocal(v)) v = v + "Size";
      taken.add(v);
      variables.add(v);
    }
    String base = m.name() + (staticCase == null ? "" : staticCase.suffix());
    String kernelName = base + "Kernel";
    for (int i = 2; !kernelNames.add(m.owner().getQualifiedName() + "." + kernelName); i++) {
      kernelName = base + "Kernel" + i;
    }
    KernelRequest request = new KernelRequest(kernelName, m.displayName(), ir, inputs, binding.symbols(), variables,
        binding.sizes(), symbolicText, anyRank, binding.anySymbol(), secondIr, secondSizes, offsets.first(),
        offsets.second(), derived);
    KernelRendering rendering = renderer.render(request);
    StringBuilder header = new StringBuilder();
    header.append(m.displayName());
    if (staticCase != null && !staticCase.description().isEmpty()) {
      header.append(" with ").append(staticCase.description());
    }
    header.append(", traced by javac with ").append(binding.describe());
    if (binding.anySymbol() != null) {
      header.append(" (").append("[...] traced as [").append(binding.anySymbol()).append("])");
    }
    header.append(":\n").append(symbolicText.strip()).append('\n');
    for (KernelRequest.Derived d : derived) {
      Equation e = ir.ir().equations().get(d.equation());
      header.append("where ").append(d.name()).append(" is dimension ").append(d.dim()).append(" of what ")
          .append(e.primitive().name()).append(" computes from the sizes above, read from its result when the kernel "
              + "runs.\n");
    }
    if (rendering instanceof KernelRendering.Rendered r) {
      header.append("Kernel ").append(kernelName).append(": ").append(
          r.coverage() == KernelRendering.Coverage.ANY_SHAPE ? "any shape (elementwise)" : "the declared shapes");
      String when = staticCase == null ? null : staticCase.when();
      if (when != null) header.append(", when ").append(when);
      List<String> sizes = new ArrayList<>();
      for (MethodPlan.SizeCheck s : sizeChecks) sizes.add(s.over(symbol -> symbol));
      if (!sizes.isEmpty()) header.append(", for sizes where ").append(String.join(" and ", sizes));
      header.append(".\n");
      java.util.Map<String, String> arguments = staticCase == null ? java.util.Map.of() : staticCase.arguments(statics);
      return new Traced(header.toString(),
          new MethodPlan.Kernel(request, r.kernel(), r.helpers(), r.coverage(), when, arguments, sizeChecks));
    }
    header.append("No javac-time kernel (").append(((KernelRendering.Declined) rendering).reason())
        .append("): calls are traced at run time.\n");
    return new Traced(header.toString(), null);
  }

  // ---- failures -------------------------------------------------------------------------------------------------

  private MethodPlan failed(JitMethod m, Binding binding, boolean guessed, InterpretException e) {
    if (e instanceof InterpretException.NeedsStaticValue) {
      List<String> statics = new ArrayList<>();
      for (Parameter p : m.parameters()) if (p.isStatic()) statics.add(p.name());
      return MethodPlan.runtimeOnly(m, "static argument" + (statics.size() > 1 ? "s " : " ")
          + String.join(", ", statics) + ": each value is traced and compiled when first called");
    }
    if (e instanceof InterpretException.Unsupported u) {
      reporter.report(Message.UNSUPPORTED, u.where(), m.displayName(), u.construct(), reporter.line(u.where()),
          u.reason(), m.entryPoint());
      return MethodPlan.runtimeOnly(m, "javac cannot trace " + u.construct() + " at line " + reporter.line(u.where()));
    }
    Throwable cause = e.getCause();
    String context = context(m, binding, e);
    // Messages name avals with the representative sizes; show the declared symbols instead.
    String text = binding.symbolic(withoutStackFrame(cause.getMessage()));
    if (cause instanceof TracerBoolConversionException) {
      reporter.report(Message.TRACED_BOOL, e.where(), text, context);
    } else if (cause instanceof ConcretizationException) {
      reporter.report(Message.CONCRETIZATION, e.where(), text, context);
    } else if (guessed) {
      diagnostics.report(Message.DEFAULT_SHAPE_FAILED, m.element(), m.displayName(), "f32[...]",
          guessedCount(binding) > 1 ? "s" : "", guessedNames(binding), guessedCount(binding) > 1 ? "" : "s",
          cause.getClass().getSimpleName() + ": " + firstLine(text), m.entryPoint());
      return MethodPlan.runtimeOnly(m, "tracing it with the default shape failed");
    } else if (cause instanceof ShapeException) {
      reporter.report(Message.SHAPE_ERROR, e.where(), text, context);
    } else {
      reporter.report(Message.TRACE_EXCEPTION, e.where(), cause.getClass().getName(),
          " (with " + binding.describe() + ")", text + context);
    }
    return MethodPlan.runtimeOnly(m, "tracing it failed");
  }

  /** An exception outside any tree node, e.g. while flattening the result. */
  private MethodPlan failedOutside(JitMethod m, Binding binding, boolean guessed, RuntimeException e) {
    if (guessed) {
      diagnostics.report(Message.DEFAULT_SHAPE_FAILED, m.element(), m.displayName(), "f32[...]",
          guessedCount(binding) > 1 ? "s" : "", guessedNames(binding), guessedCount(binding) > 1 ? "" : "s",
          e.getClass().getSimpleName() + ": " + firstLine(withoutStackFrame(e.getMessage())), m.entryPoint());
    } else {
      diagnostics.report(Message.TRACE_EXCEPTION, m.element(), e.getClass().getName(),
          " (with " + binding.describe() + ")", withoutStackFrame(e.getMessage()));
    }
    return MethodPlan.runtimeOnly(m, "tracing it failed");
  }

  private static long guessedCount(Binding b) {
    return b.leaves().stream().filter(l -> l.spec().anyShape()).count();
  }

  private static String guessedNames(Binding b) {
    List<String> names = new ArrayList<>();
    for (Binding.Leaf l : b.leaves()) if (l.spec().anyShape()) names.add(l.expression());
    return String.join(", ", names);
  }

  private static String context(JitMethod m, Binding binding, InterpretException e) {
    StringBuilder sb = new StringBuilder("\n  javac traced ").append(m.displayName()).append(" with ")
        .append(binding.describe());
    List<String> chain = e.callChain();
    for (int i = chain.size() - 1; i >= 1; i--) sb.append("\n  in ").append(chain.get(i));
    return sb.toString();
  }

  /** Drops the {@code "\n  at Frame(File.java:1)"} Olympus appends: at javac time the position says where. */
  static String withoutStackFrame(String message) {
    if (message == null) return "";
    int at = message.lastIndexOf("\n  at ");
    return at < 0 ? message : message.substring(0, at);
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  // ---- tracing --------------------------------------------------------------------------------------------------

  /**
   * Traces {@code m} at javac time on explicit arguments, one per parameter: an {@link AbstractValue} for an
   * Array, a {@code List<AbstractValue>} of the flat leaves for a record or a {@code List<Array>}, the Java value
   * for a static argument. Tests hold this IR to the one {@code Olympus.makeIr} traces at run time.
   */
  public ClosedIr trace(JitMethod m, List<Object> arguments) {
    List<AbstractValue> avals = new ArrayList<>();
    List<String> names = new ArrayList<>();
    List<Object> statics = new ArrayList<>();
    for (int i = 0; i < m.parameters().size(); i++) {
      Parameter p = m.parameters().get(i);
      Object a = arguments.get(i);
      if (p.isStatic()) {
        statics.add(a);
      } else if (a instanceof AbstractValue v) {
        avals.add(v);
        names.add("the argument " + p.name());
      } else {
        List<?> leaves = (List<?>) a;
        for (int k = 0; k < leaves.size(); k++) {
          avals.add((AbstractValue) leaves.get(k));
          names.add("the argument " + p.name() + (leaves.size() > 1 ? " (leaf " + k + ")" : ""));
        }
        if (p.tree() instanceof ArgTree.ListNode) statics.add(leaves.size());
      }
    }
    return traceFlat(m, avals, names, statics);
  }

  /**
   * {@code staticsAndLengths}: in parameter order, the value of each static parameter and the length of each
   * List parameter.
   */
  private ClosedIr traceFlat(JitMethod m, List<AbstractValue> avals, List<String> names, List<Object> staticsAndLengths) {
    return traceFlat(m, avals, names, staticsAndLengths, new ArrayList<>(), new ArrayList<>(), false, Set.of());
  }

  /**
   * As above, adding to {@code assumed} what the trace's staged loops assumed of the static values and to
   * {@code required} what library code assumed of the sizes ({@link SizeCondition}); with {@code symbolsInArrays},
   * statics in Java arrays are their representative values there; {@code symbolSizes} are the symbolic
   * dimensions' representative values, whose comparisons in the method's Java are conditions too.
   */
  private ClosedIr traceFlat(JitMethod m, List<AbstractValue> avals, List<String> names, List<Object> staticsAndLengths,
      List<Interpreter.Assumption> assumed, List<SizeCondition> required, boolean symbolsInArrays,
      Set<Integer> symbolSizes) {
    Interpreter interpreter = new Interpreter(trees, env.getElementUtils(), env.getTypeUtils(), loader,
        site -> {
          if (site != null) droppedPrints.putIfAbsent(site.getLeaf(), site);
        }, symbolsInArrays, symbolSizes);
    return SizeCondition.collecting(required, () -> Staging.traceFlat("javac-time trace of " + m.displayName(), avals, names, leaves -> {
      List<Object> args = new ArrayList<>();
      int[] next = {0};
      int extra = 0;
      for (Parameter p : m.parameters()) {
        if (p.isStatic()) {
          args.add(staticsAndLengths.get(extra++));
        } else if (p.tree() instanceof ArgTree.ListNode) {
          int n = (Integer) staticsAndLengths.get(extra++);
          args.add(new ArrayList<>(leaves.subList(next[0], next[0] + n)));
          next[0] += n;
        } else {
          args.add(build(p.tree(), leaves, next));
        }
      }
      Object result = interpreter.call(m.element(), null, args, (TreePath) null);
      assumed.addAll(interpreter.assumptions());
      List<Array> out = new ArrayList<>();
      flatten(result, out);
      return out;
    }));
  }

  private static Object build(ArgTree tree, List<Array> leaves, int[] next) {
    if (tree instanceof ArgTree.RecordNode r) {
      List<Object> components = new ArrayList<>();
      for (ArgTree.Component c : r.components()) components.add(build(c.tree(), leaves, next));
      return new SourceRecord(r.type(), components);
    }
    return leaves.get(next[0]++);
  }

  /** PyTree's flattening, extended to records of this compilation. */
  private static void flatten(Object value, List<Array> out) {
    if (value instanceof Array a) {
      out.add(a);
    } else if (value instanceof SourceRecord r) {
      for (Object c : r.components()) flatten(c, out);
    } else if (value instanceof List<?> list) {
      for (Object o : list) flatten(o, out);
    } else {
      out.addAll(PyTree.flatten(Staging.asTreeArgument(value)).leaves());
    }
  }
}
