package dev.olympus.processor.generate;

import com.palantir.javapoet.MethodSpec;
import dev.olympus.processor.model.JitMethod;
import java.util.List;

/**
 * What to generate for one {@code @Jit} method: its dispatcher, the header text that says what javac traced
 * (the IR, or why the method is traced at run time only), and the javac-time kernel if there is one.
 */
public record MethodPlan(JitMethod method, String header, Kernel kernel) {
  /** A rendered kernel with the request it was rendered from. */
  public record Kernel(KernelRequest request, MethodSpec method, List<MethodSpec> helpers,
      KernelRendering.Coverage coverage) {
    public Kernel {
      helpers = List.copyOf(helpers);
    }
  }

  public static MethodPlan runtimeOnly(JitMethod method, String reason) {
    return new MethodPlan(method, method.displayName() + ": traced at run time only (" + reason + ").", null);
  }
}
