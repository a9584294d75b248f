package dev.olympus.processor.trace;

import dev.olympus.processor.generate.MethodPlan;
import dev.olympus.processor.model.JitMethod;

/**
 * Decides what javac prepares for a validated {@code @Jit} method: traces it (reporting tracing errors at
 * their tree nodes) and renders a kernel, or explains why it is traced at run time only.
 */
@FunctionalInterface
public interface MethodTracing {
  MethodPlan plan(JitMethod method);

  /** No javac-time tracing: every method is traced at run time. */
  static MethodTracing runtimeOnly(String reason) {
    return method -> MethodPlan.runtimeOnly(method, reason);
  }
}
