package dev.olympus.processor.generate;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import dev.olympus.codegen.PlanSource;
import dev.olympus.codegen.Sizes;
import dev.olympus.fusion.NestLowering;
import dev.olympus.ir.ClosedIr;
import dev.olympus.lowering.KernelPlan;
import dev.olympus.lowering.Step;
import dev.olympus.types.AbstractValue;
import dev.olympus.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Modifier;

/**
 * The javac-time kernel of a method: its IR lowered by the run-time jit's own {@link NestLowering} and written
 * by {@link PlanSource}, the one kernel compiler, so a {@code Foo_Jit} kernel runs the same loop nests, strip
 * calls and matrix products as {@code Olympus.jit} of the same method and agrees with it bit for bit.
 *
 * <p>Sizes are written through the symbolic dimensions ({@link Sizes#symbolic}): a size the trace saw as a
 * symbol's representative value becomes that symbol's {@code int}. Reading sizes back from one trace is a guess,
 * so the method is rendered again from the second trace (other representative sizes) and the kernel is kept
 * only when both renderings are the same text. A rank-polymorphic method whose plan is loop nests over its one
 * {@code [...]} shape serves every shape: its elements are one flat row, the symbol bound to their count.
 */
public final class NestKernelRenderer implements KernelRenderer {
  @Override
  public KernelRendering render(KernelRequest request) {
    KernelPlan plan, second = null;
    try {
      plan = NestLowering.lower(request.ir());
      if (request.secondIr() != null) second = NestLowering.lower(request.secondIr());
    } catch (RuntimeException e) {
      return new KernelRendering.Declined("lowering failed: " + e.getMessage());
    }
    if (plan.constCount() > 0) {
      return new KernelRendering.Declined("it closes over constant arrays, which exist only at run time");
    }
    String anyShapeInput = request.rankPolymorphic() ? flatInput(request, plan) : null;
    PlanSource.Kernel kernel, again = null;
    try {
      kernel = PlanSource.kernel(plan, options(request, request.representativeSizes(), request.literalOffsets(),
          anyShapeInput, resultSizes(request, true)));
      if (second != null) {
        again = PlanSource.kernel(second, options(request, request.secondSizes(), request.secondLiteralOffsets(),
            anyShapeInput, resultSizes(request, false)));
      }
    } catch (PlanSource.NotRenderableException e) {
      return new KernelRendering.Declined(e.getMessage());
    }
    if (again != null && !text(kernel).equals(text(again))) {
      return new KernelRendering.Declined("its loop nests depend on the sizes of "
          + String.join(", ", request.symbols()) + " in a way the generated source cannot write");
    }
    return new KernelRendering.Rendered(kernel.method(), kernel.helpers(), anyShapeInput == null
        ? KernelRendering.Coverage.DECLARED_SHAPES : KernelRendering.Coverage.ANY_SHAPE);
  }

  /** The request's derived sizes in one trace's IR: read from the equation that first has them. */
  private static List<PlanSource.ResultSize> resultSizes(KernelRequest request, boolean first) {
    List<PlanSource.ResultSize> out = new ArrayList<>();
    ClosedIr ir = first ? request.ir() : request.secondIr();
    for (KernelRequest.Derived d : request.derived()) {
      out.add(new PlanSource.ResultSize(d.name(), ir.ir().equations().get(d.equation()), d.output(), d.dim(),
          first ? d.first() : d.second()));
    }
    return out;
  }

  private static PlanSource.Options options(KernelRequest request, List<Integer> representatives,
      Map<Long, Long> literalOffsets, String flat, List<PlanSource.ResultSize> resultSizes) {
    Sizes sizes = Sizes.withLiteralOffsets(Sizes.symbolic(representatives, request.symbolVariables()), literalOffsets);
    List<String> names = new ArrayList<>();
    for (KernelRequest.Input in : request.inputs()) names.add(in.name());
    String method = request.methodName();
    String prefix = method.endsWith("Kernel") ? method.substring(0, method.length() - "Kernel".length()) : method;
    String description = "The fused kernel of {@code " + request.sourceMethod() + "}"
        + (request.symbols().isEmpty() ? "" : ", its sizes the symbolic dimensions "
            + String.join(", ", request.symbols()));
    String irDoc = ", traced at javac time as:\n\n<pre>\n" + escaped(request.symbolicIrText().strip()) + "\n</pre>";
    if (flat == null) {
      return new PlanSource.Options(method, prefix, names, request.symbolVariables(), request.symbolVariables(), sizes,
          PlanSource::shapeOf, CodeBlock.of(""), description + irDoc, Modifier.PRIVATE, resultSizes);
    }
    // Every shape: the elements of the [...] inputs are one row of n, and outputs take the input's shape.
    Shape traced = Shape.of(representatives.get(request.symbols().indexOf(request.anySymbol())));
    String n = request.symbolVariable(request.anySymbol());
    CodeBlock prelude = CodeBlock.builder().addStatement("int $L = (int) $L.storage().shape().size()", n, flat).build();
    List<String> passed = new ArrayList<>(request.symbolVariables());
    passed.remove(n);
    return new PlanSource.Options(method, prefix, names, request.symbolVariables(), passed, sizes,
        (s, now) -> s.equals(traced) ? CodeBlock.of("$L.storage().shape()", flat) : PlanSource.shapeOf(s, now),
        prelude, description + " (every shape: its elements as one row)" + irDoc, Modifier.PRIVATE, resultSizes);
  }

  /**
   * The input whose shape a rank-polymorphic kernel serves, or null when the plan is more than loop nests over
   * that one shape and scalars (a matrix product or other primitive call reads the shape, so it cannot flatten).
   */
  private static String flatInput(KernelRequest request, KernelPlan plan) {
    String first = null;
    for (KernelRequest.Input in : request.inputs()) {
      if (!in.dims().isEmpty()) {
        first = in.name();
        break;
      }
    }
    if (first == null || request.anySymbol() == null) return null;
    for (Step s : plan.steps()) if (!(s instanceof Step.Nest)) return null;
    Shape traced = Shape.of(request.representativeSizes().get(request.symbols().indexOf(request.anySymbol())));
    for (AbstractValue a : plan.slotAvals()) {
      if (a.rank() != 0 && !a.shape().equals(traced)) return null;
    }
    return first;
  }

  /** IR text as javadoc shows it verbatim inside {@code <pre>}. */
  private static String escaped(String ir) {
    return ir.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("*/", "*&#47;")
        .replace("@", "{@literal @}");
  }

  private static String text(PlanSource.Kernel k) {
    StringBuilder sb = new StringBuilder(k.method().toString());
    for (MethodSpec h : k.helpers()) sb.append(h);
    return sb.toString();
  }
}
