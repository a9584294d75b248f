package dev.olympus.processor.generate;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import dev.olympus.lowering.JavaKernelRenderer;
import dev.olympus.lowering.KernelPlan;
import dev.olympus.lowering.Lowering;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Modifier;

/**
 * Lowers the javac-time IR with the same {@link Lowering} the run-time jit uses (fusion regions, reductions
 * fused with their producers, other primitives called as such) and renders the plan with
 * {@link JavaKernelRenderer}, writing every size through the symbolic dimensions: a size the trace saw as a
 * symbol's representative value becomes that symbol's {@code int} parameter, so loop bounds, strides and
 * output shapes follow the sizes of each call.
 */
public final class LoweringKernelRenderer implements KernelRenderer {
  @Override
  public KernelRendering render(KernelRequest request) {
    KernelPlan plan;
    try {
      plan = Lowering.lower(request.ir());
    } catch (RuntimeException e) {
      return new KernelRendering.Declined("lowering failed: " + e.getMessage());
    }
    if (plan.constCount() > 0) {
      return new KernelRendering.Declined("it closes over constant arrays, which exist only at run time");
    }
    Map<Integer, String> symbolOf = new HashMap<>();
    for (int i = 0; i < request.symbols().size(); i++) {
      symbolOf.put(request.representativeSizes().get(i), request.symbolVariables().get(i));
    }
    List<String> names = new ArrayList<>();
    for (KernelRequest.Input in : request.inputs()) names.add(in.name());
    MethodSpec rendered;
    try {
      rendered = JavaKernelRenderer.method(plan, request.methodName(), names,
          size -> symbolOf.getOrDefault(size, Integer.toString(size)));
    } catch (JavaKernelRenderer.NotRenderableException e) {
      return new KernelRendering.Declined(e.getMessage());
    }
    MethodSpec.Builder kernel = MethodSpec.methodBuilder(request.methodName())
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .addJavadoc("The fused kernel of {@code $L}, lowered by {@code dev.olympus.lowering}$L.\n",
            request.sourceMethod(), request.symbols().isEmpty() ? ""
                : "; its sizes are the symbolic dimensions " + String.join(", ", request.symbols()))
        // The shared renderer rounds every result to its dtype with a cast, also where Java arithmetic
        // already has that type (float + float); those casts are redundant, not wrong.
        .addAnnotation(AnnotationSpec.builder(SuppressWarnings.class).addMember("value", "$S", "cast").build())
        .returns(rendered.returnType())
        .addParameters(rendered.parameters());
    for (String v : request.symbolVariables()) kernel.addParameter(TypeName.INT, v);
    kernel.addCode(rendered.code());
    return new KernelRendering.Rendered(kernel.build(), KernelRendering.Coverage.DECLARED_SHAPES);
  }
}
