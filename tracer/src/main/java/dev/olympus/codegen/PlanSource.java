package dev.olympus.codegen;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.olympus.DType;
import dev.olympus.execution.BoundNest;
import dev.olympus.ir.Equation;
import dev.olympus.ir.Literal;
import dev.olympus.loopnest.Expr;
import dev.olympus.loopnest.LoopNest;
import dev.olympus.loopnest.Schedule;
import dev.olympus.lowering.KernelPlan;
import dev.olympus.lowering.Step;
import dev.olympus.fusion.NestLowering;
import dev.olympus.ir.ClosedIr;
import dev.olympus.primitive.Cond;
import dev.olympus.primitive.DotGeneral;
import dev.olympus.primitive.Params;
import dev.olympus.primitive.Primitive;
import dev.olympus.primitive.Scan;
import dev.olympus.primitive.While;
import dev.olympus.types.AbstractValue;
import dev.olympus.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;
import javax.lang.model.element.Modifier;

/**
 * A {@link KernelPlan} of loop nests ({@code dev.olympus.fusion.NestLowering}'s) written as Java: a kernel
 * method over the plan's inputs that allocates each buffer, calls one generated method pair per nest
 * ({@link NestSource}), runs a matrix product with its epilogue nest fused per block of rows (as the run-time
 * jit does), and every other step through its primitive. The annotation processor's {@code Foo_Jit} kernels and
 * the run-time jit's {@code javaSource()} dumps are both this.
 */
public final class PlanSource {
  static final ClassName ARRAY = ClassName.get("dev.olympus", "Array");
  static final ClassName DTYPE = ClassName.get("dev.olympus", "DType");
  static final ClassName STORAGE = ClassName.get("dev.olympus.storage", "Storage");
  static final ClassName SHAPE = ClassName.get("dev.olympus.types", "Shape");
  static final ClassName GEMM = ClassName.get("dev.olympus.gemm", "Gemm");
  static final ClassName DOT_GENERAL = ClassName.get(DotGeneral.class);
  static final ClassName LIST = ClassName.get("java.util", "List");

  /** A plan Java cannot express: closed-over constants, control flow over sub-IRs, unrenderable parameters. */
  public static final class NotRenderableException extends RuntimeException {
    NotRenderableException(String message) {
      super(message);
    }
  }

  /**
   * How to write one kernel.
   *
   * @param methodName the kernel method's name
   * @param prefix the nest methods are {@code prefix + "Nest" + k} and {@code ...Rows}
   * @param inputNames the kernel's {@code Array} parameters, one per plan input
   * @param symbols the {@code int} sizes {@code sizes} writes dimensions with, passed on to the nest methods
   * @param parameterSymbols those of {@code symbols} that are the kernel's {@code int} parameters after the arrays
   *     (the others are locals the prelude binds)
   * @param sizes how integers are written
   * @param shapes how an output's shape is written (default {@code Shape.of(dims)} through {@code sizes})
   * @param prelude statements before the body (binding sizes the kernel reads from its arguments)
   * @param description what the kernel's javadoc says it is: sentences, each ending in its period
   * @param visibility the kernel method's access ({@code public} in dumps, {@code private} in {@code Foo_Jit})
   * @param resultSizes sizes the kernel reads from a primitive's result, each a symbol from then on
   */
  public record Options(String methodName, String prefix, List<String> inputNames, List<String> symbols,
      List<String> parameterSymbols, Sizes sizes, BiFunction<Shape, Sizes, CodeBlock> shapes, CodeBlock prelude,
      String description, Modifier visibility, List<ResultSize> resultSizes) {
    public Options {
      inputNames = List.copyOf(inputNames);
      symbols = List.copyOf(symbols);
      parameterSymbols = List.copyOf(parameterSymbols);
      resultSizes = List.copyOf(resultSizes);
    }
  }

  /**
   * A size the plan computes that the symbols do not write ({@code (h - window) / stride + 1}): dimension
   * {@code dim} of output {@code output} of {@code equation}, {@code value} in the traced plan, read into the
   * {@code int name} once that equation has run ({@code int d0 = st7.shape().dim(2)}) and written through
   * {@code name} after that.
   */
  public record ResultSize(String name, Equation equation, int output, int dim, long value) {}

  /** The kernel method and the nest methods it calls, in order. */
  public record Kernel(MethodSpec method, List<MethodSpec> helpers) {}

  private final KernelPlan plan;
  private final Options o;
  /** How integers are written at this point of the kernel: {@link Options#sizes} and the result sizes read so far. */
  private Sizes sizes;
  private final List<String> symbols;
  private final List<Long> resultValues = new ArrayList<>();
  private final List<String> resultNames = new ArrayList<>();
  private final String[] data;
  private final String[] storage;
  private final CodeBlock.Builder body = CodeBlock.builder();
  private final List<MethodSpec> helpers = new ArrayList<>();
  private int nestCount;
  private int bodyCount;

  private PlanSource(KernelPlan plan, Options o) {
    this.plan = plan;
    this.o = o;
    this.sizes = o.sizes();
    this.symbols = new ArrayList<>(o.symbols());
    this.data = new String[plan.slotCount()];
    this.storage = new String[plan.slotCount()];
  }

  public static Kernel kernel(KernelPlan plan, Options options) {
    if (plan.constCount() > 0) {
      throw new NotRenderableException("the function closes over " + plan.constCount()
          + " constant array(s), which only exist at run time");
    }
    Kernel k = new PlanSource(plan, options).render();
    // A size read from a result that nothing after it uses (a pooled output returned whole) is not declared.
    List<ResultSize> read = new ArrayList<>();
    // Code only: the javadoc may name the size in the IR it shows.
    StringBuilder text = new StringBuilder(k.method().code().toString());
    for (MethodSpec h : k.helpers()) text.append(h.code());
    for (ResultSize r : options.resultSizes()) {
      if (java.util.regex.Pattern.compile("(?<![\\w$])" + r.name() + "(?![\\w$])").matcher(text).results().count() > 1) {
        read.add(r);
      }
    }
    if (read.size() == options.resultSizes().size()) return k;
    Options o = options;
    return new PlanSource(plan, new Options(o.methodName(), o.prefix(), o.inputNames(), o.symbols(), o.parameterSymbols(),
        o.sizes(), o.shapes(), o.prelude(), o.description(), o.visibility(), read)).render();
  }

  /** {@code Shape.of(b, n)}, each dimension through {@code sizes}. */
  public static CodeBlock shapeOf(Shape s, Sizes sizes) {
    List<String> dims = new ArrayList<>();
    for (int d : s.dims()) dims.add(sizes.of(d));
    return CodeBlock.of("$T.of($L)", SHAPE, String.join(", ", dims));
  }

  /**
   * A whole compilation unit holding the kernel as {@code public static Array[] run(Array...)}, for dumps; for
   * a plan Java cannot express ({@link #unrenderable}), a comment saying why, with the IR.
   */
  public static String unit(KernelPlan plan, String functionName) {
    String simple = "Kernel_" + functionName.replaceAll("[^A-Za-z0-9_]", "_");
    Kernel k;
    try {
      k = kernel(plan, dumpOptions(plan, functionName));
    } catch (NotRenderableException e) {
      return ("// " + functionName + ": not renderable as Java source: " + e.getMessage() + "\nIR:\n"
          + plan.source()).replace("\n", "\n// ") + "\n";
    }
    TypeSpec type = TypeSpec.classBuilder(simple)
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addJavadoc("Fused kernel for $L, generated by Olympus from:\n\n<pre>\n$L\n</pre>\n", functionName,
            plan.source().toString().replace("&", "&amp;").replace("<", "&lt;"))
        .addMethod(k.method())
        .addMethods(k.helpers())
        .build();
    return JavaFile.builder("dev.olympus.kernels", type).skipJavaLangImports(true).indent("  ").build().toString();
  }

  /** Why {@link #unit} cannot write {@code plan} as a class, or null when it can. */
  public static String unrenderable(KernelPlan plan) {
    try {
      kernel(plan, dumpOptions(plan, "check"));
      return null;
    } catch (NotRenderableException e) {
      return e.getMessage();
    }
  }

  private static Options dumpOptions(KernelPlan plan, String functionName) {
    List<String> params = new ArrayList<>();
    for (int i = 0; i < plan.inputCount(); i++) params.add("in" + i);
    return new Options("run", "kernel", params, List.of(), List.of(), Sizes.NUMERIC, PlanSource::shapeOf,
        CodeBlock.of(""), "The fused kernel of " + functionName + ".", Modifier.PUBLIC, List.of());
  }

  private Kernel render() {
    MethodSpec.Builder m = MethodSpec.methodBuilder(o.methodName()).addModifiers(o.visibility(), Modifier.STATIC)
        .returns(ArrayTypeName.of(ARRAY)).addJavadoc("$L\n", o.description());
    for (String in : o.inputNames()) m.addParameter(ParameterSpec.builder(ARRAY, in).build());
    for (String sym : o.parameterSymbols()) m.addParameter(TypeName.INT, sym);
    body.add(o.prelude());
    for (int i = 0; i < plan.inputCount(); i++) storage[plan.constCount() + i] = o.inputNames().get(i) + ".storage()";
    for (Map.Entry<Integer, Literal> e : new TreeMap<>(plan.literalSlots()).entrySet()) {
      Literal lit = e.getValue();
      DType d = lit.aval().dtype();
      String name = "literal" + e.getKey();
      // Through the sizes, as a nest's constants: a literal that is a symbolic size is read from the symbol.
      if (d.isFloating()) {
        body.addStatement("$T $L = $T.scalar($T.$L, $L)", STORAGE, name, STORAGE, DTYPE, d.name(),
            NestSource.constant(lit, DType.F64, sizes));
      } else {
        body.addStatement("$T $L = $T.scalarLong($T.$L, $L)", STORAGE, name, STORAGE, DTYPE, d.name(),
            NestSource.constant(lit, DType.I64, sizes));
      }
      storage[e.getKey()] = name;
    }
    List<Step> steps = plan.steps();
    for (int i = 0; i < steps.size(); i++) {
      Step s = steps.get(i);
      Step.Nest epilogue = BoundNest.epilogueAt(steps, i);
      if (epilogue != null) {
        productWithEpilogue((Step.Primitive) s, epilogue);
        i++;
        continue;
      }
      if (s instanceof Step.Nest n) {
        nest(n);
      } else if (s instanceof Step.Primitive p) {
        primitive(p);
      } else {
        throw new NotRenderableException("a " + s.getClass().getSimpleName() + " step is not a loop nest");
      }
    }
    List<CodeBlock> outs = new ArrayList<>();
    List<AbstractValue> outAvals = plan.source().outAvals();
    for (int i = 0; i < plan.outputSlots().length; i++) {
      outs.add(CodeBlock.of("$T.fromStorage($L, $L)", ARRAY, storage(plan.outputSlots()[i]), outAvals.get(i).weak()));
    }
    body.addStatement("return new $T[] {$L}", ARRAY, CodeBlock.join(outs, ", "));
    return new Kernel(m.addCode(body.build()).build(), List.copyOf(helpers));
  }

  // ---- buffers -----------------------------------------------------------------------------------------------

  private DType dtype(int slot) {
    return plan.slotAvals().get(slot).dtype();
  }

  /** The slot's Java array, declared from its storage the first time it is needed. */
  private String data(int slot) {
    if (data[slot] == null) {
      String name = slot >= plan.constCount() && slot < plan.constCount() + plan.inputCount()
          ? o.inputNames().get(slot - plan.constCount()) + "Data" : "buf" + slot;
      body.addStatement("$L[] $L = $L.$L()", NestSource.javaType(dtype(slot)), name, storage[slot],
          dev.olympus.storage.Storage.accessorName(dtype(slot)));
      data[slot] = name;
    }
    return data[slot];
  }

  /** The slot's {@code Storage}, wrapped around its array the first time it is needed. */
  private String storage(int slot) {
    if (storage[slot] == null) {
      String name = "st" + slot;
      body.addStatement("$T $L = $T.wrap($T.$L, $L, $L)", STORAGE, name, STORAGE, DTYPE, dtype(slot).name(),
          o.shapes().apply(plan.slotAvals().get(slot).shape(), sizes), data[slot]);
      storage[slot] = name;
    }
    return storage[slot];
  }

  /** {@code float[] buf5 = new float[b * n]}: a nest's output, written whole by the nest. */
  private void allocate(int slot) {
    String name = "buf" + slot;
    String t = NestSource.javaType(dtype(slot));
    body.addStatement("$L[] $L = new $L[$L]", t, name, t, sizes.of(plan.slotAvals().get(slot).shape().size()));
    data[slot] = name;
  }

  // ---- steps -------------------------------------------------------------------------------------------------

  private List<NestSource.Buffer> buffers(Step.Nest n) {
    boolean[] written = new boolean[n.slots().length];
    for (LoopNest.Output out : n.nest().outputs()) written[out.slot()] = true;
    List<NestSource.Buffer> bs = new ArrayList<>();
    for (int k = 0; k < n.slots().length; k++) {
      int slot = n.slots()[k];
      if (written[k] && data[slot] == null) allocate(slot);
      bs.add(new NestSource.Buffer(written[k] ? data[slot] : data(slot), dtype(slot)));
    }
    return bs;
  }

  private String describe(LoopNest nest) {
    List<String> rows = new ArrayList<>(), cols = new ArrayList<>(), ops = new ArrayList<>();
    for (int d : nest.rows()) rows.add(sizes.of(d));
    for (int d : nest.cols()) cols.add(sizes.of(d));
    for (Expr e : nest.nodes()) {
      String op = e instanceof Expr.Unary u ? u.op().method() : e instanceof Expr.Binary b ? b.op().method()
          : e instanceof Expr.Compare c ? c.op().method() : e instanceof Expr.Where ? "select"
          : e instanceof Expr.Convert ? "convert" : e instanceof Expr.IntegerPow ? "integer_pow"
          : e instanceof Expr.Reduce r ? "reduce_" + r.op().method() : null;
      if (op != null) ops.add(op);
    }
    return "Loop nest " + nestCount + " of " + o.methodName() + ": for each row of [" + String.join(", ", rows)
        + "], the columns [" + String.join(", ", cols) + "]: " + (ops.isEmpty() ? "copy" : String.join(", ", ops))
        + ".\n";
  }

  private void nest(Step.Nest n) {
    List<NestSource.Buffer> bs = buffers(n);
    String name = o.prefix() + "Nest" + nestCount;
    Schedule schedule = Schedule.of(n.nest());
    List<String> used = NestSource.usedSymbols(schedule, bs, symbols, sizes);
    helpers.addAll(NestSource.methods(schedule, name, bs, used, sizes, describe(n.nest())));
    nestCount++;
    body.addStatement("$L($L)", name, NestSource.arguments(bs, used));
  }

  /** As the run-time jit's product kernel: each finished block of rows runs through the epilogue nest at once. */
  private void productWithEpilogue(Step.Primitive dot, Step.Nest epilogue) {
    int out = dot.outSlots()[0];
    String lhs = storage(dot.inSlots()[0]), rhs = storage(dot.inSlots()[1]);
    String name = "st" + out;
    body.addStatement("$T $L = $T.allocate($T.$L, $L)", STORAGE, name, STORAGE, DTYPE, dtype(out).name(),
        o.shapes().apply(plan.slotAvals().get(out).shape(), sizes));
    storage[out] = name;
    data(out);
    List<NestSource.Buffer> bs = buffers(epilogue);
    String nest = o.prefix() + "Nest" + nestCount;
    Schedule schedule = Schedule.of(epilogue.nest());
    List<String> used = NestSource.rowSymbols(schedule, bs, symbols, sizes);
    helpers.add(NestSource.rowsMethod(schedule, nest, bs, used, sizes,
        describe(epilogue.nest()).replace(": for each", ", run on each block of the product's rows: for each")));
    nestCount++;
    body.addStatement("$T.multiply($T.canonical($L, $L, $L), $L, $T.standard(),\n"
            + "    (rowFrom, rowTo) -> $LRows($L, rowFrom, rowTo, 0, $L))", DOT_GENERAL, DOT_GENERAL, lhs, rhs,
        ParamSource.value("dimension_numbers", dot.equation().params().as("dimension_numbers"), sizes),
        name, GEMM, nest, NestSource.arguments(bs, used), sizes.of(epilogue.nest().colCount()));
  }

  private void primitive(Step.Primitive step) {
    Primitive p = step.equation().primitive();
    if (p == Scan.SCAN || p == While.WHILE || p == Cond.COND) {
      controlFlow(step);
      return;
    }
    List<String> args = new ArrayList<>();
    for (int s : step.inSlots()) args.add(storage(s));
    String result = "result" + step.outSlots()[0];
    body.addStatement("$T<$T> $L = $L.run($T.of($L), $L)", LIST, STORAGE, result,
        ParamSource.primitive(step.equation().primitive()), LIST, String.join(", ", args),
        ParamSource.params(step.equation().params(), sizes));
    results(step, result);
  }

  private void results(Step.Primitive step, String result) {
    for (int i = 0; i < step.outSlots().length; i++) {
      int slot = step.outSlots()[i];
      body.addStatement("$T st$L = $L.get($L)", STORAGE, slot, result, i);
      storage[slot] = "st" + slot;
      for (ResultSize r : o.resultSizes()) {
        if (r.equation() != step.equation() || r.output() != i) continue;
        body.addStatement("int $L = st$L.shape().dim($L)", r.name(), slot, r.dim());
        resultValues.add(r.value());
        resultNames.add(r.name());
        symbols.add(r.name());
        sizes = Sizes.withFactors(o.sizes(), resultValues, resultNames);
      }
    }
  }

  // ---- control flow --------------------------------------------------------------------------------------------

  /**
   * {@code scan}, {@code while} and {@code cond} as their primitives' own loops ({@link Scan#run} and kin) over
   * bodies that are kernels of their own ({@link #body}), as the run-time jit runs them over compiled bodies.
   */
  private void controlFlow(Step.Primitive step) {
    Params params = step.equation().params();
    List<String> in = new ArrayList<>();
    for (int s : step.inSlots()) in.add(storage(s));
    CodeBlock operands = CodeBlock.of("$T.of($L)", LIST, String.join(", ", in));
    CodeBlock call;
    Primitive p = step.equation().primitive();
    if (p == Scan.SCAN) {
      ClosedIr bodyIr = params.as("jaxpr");
      int nCarry = params.integer("num_carry");
      call = CodeBlock.of("$T.run($L, $L, $L, $L, $L,\n    $L,\n    $L,\n    $L)", ClassName.get(Scan.class), operands,
          sizes.of(params.integer("length")), params.flag("reverse"), params.integer("num_consts"), nCarry,
          avals(bodyIr.inAvals()), avals(bodyIr.outAvals().subList(nCarry, bodyIr.outAvals().size())), body(bodyIr));
    } else if (p == While.WHILE) {
      ClosedIr condIr = params.as("cond_jaxpr");
      ClosedIr bodyIr = params.as("body_jaxpr");
      call = CodeBlock.of("$T.run($L, $L, $L,\n    $L,\n    $L,\n    $L,\n    $L)", ClassName.get(While.class), operands,
          params.integer("cond_nconsts"), params.integer("body_nconsts"), avals(condIr.inAvals()),
          avals(bodyIr.inAvals()), body(condIr), body(bodyIr));
    } else {
      List<ClosedIr> branches = Cond.branches(params);
      List<CodeBlock> bodies = new ArrayList<>();
      for (ClosedIr b : branches) bodies.add(body(b));
      call = CodeBlock.of("$T.run($L,\n    $L,\n    $T.of($L))", ClassName.get(Cond.class), operands,
          avals(branches.get(0).inAvals()), LIST, CodeBlock.join(bodies, ",\n        "));
    }
    String result = "result" + step.outSlots()[0];
    body.addStatement("$T<$T> $L = $L", LIST, STORAGE, result, call);
    results(step, result);
  }

  /** {@code List.of(new AbstractValue(DType.F32, Shape.of(n), false), ...)}. */
  private CodeBlock avals(List<AbstractValue> avals) {
    List<CodeBlock> each = new ArrayList<>();
    for (AbstractValue a : avals) each.add(ParamSource.value("aval", a, sizes));
    return CodeBlock.of("$T.of($L)", LIST, CodeBlock.join(each, ", "));
  }

  /** {@code args -> List.of(kernelBody0(args.get(0), n))}: a sub-IR lowered and written as a kernel of its own. */
  private CodeBlock body(ClosedIr sub) {
    KernelPlan subPlan = NestLowering.lower(sub);
    String name = o.prefix() + "Body" + bodyCount++;
    List<String> inputs = new ArrayList<>();
    for (int i = 0; i < subPlan.inputCount(); i++) inputs.add("in" + i);
    Options so = new Options(name, name, inputs, symbols, symbols, sizes, PlanSource::shapeOf,
        CodeBlock.of(""), "A loop body or branch of " + o.methodName() + ", a kernel of its own.", Modifier.PRIVATE,
        List.of());
    Kernel k = kernel(subPlan, so);
    helpers.add(k.method());
    helpers.addAll(k.helpers());
    List<String> args = new ArrayList<>();
    for (int i = 0; i < subPlan.inputCount(); i++) args.add("args.get(" + i + ")");
    args.addAll(symbols);
    return CodeBlock.of("args -> $T.of($L($L))", LIST, name, String.join(", ", args));
  }
}
