package dev.olympus.processor.trace;

import dev.olympus.processor.diagnostic.Diagnostics;
import dev.olympus.processor.diagnostic.Message;
import dev.olympus.processor.generate.KernelRenderer;
import dev.olympus.processor.javac.TreesAccess;
import javax.annotation.processing.ProcessingEnvironment;

/** Chooses how methods are traced in this compiler: at javac time when it offers the Trees API. */
public final class Tracings {
  private Tracings() {}

  /** {@code -Aolympus.javacTracing=false}: trace every {@code @Jit} method at run time only. */
  public static final String JAVAC_TRACING_OPTION = "olympus.javacTracing";

  public static MethodTracing create(ProcessingEnvironment env, Diagnostics diagnostics, KernelRenderer renderer) {
    if ("false".equalsIgnoreCase(env.getOptions().get(JAVAC_TRACING_OPTION))) {
      return MethodTracing.runtimeOnly("javac-time tracing is off: -A" + JAVAC_TRACING_OPTION + "=false");
    }
    String problem;
    try {
      TreesAccess.Found found = TreesAccess.find(env);
      if (found.trees() != null) {
        return new CompileTimeTracer(env, found.trees(), diagnostics, renderer);
      }
      problem = found.problem();
    } catch (LinkageError e) {
      problem = "the com.sun.source API is missing (" + e + ")";
    }
    diagnostics.report(Message.NO_TREES, problem);
    return MethodTracing.runtimeOnly("this compiler does not let the processor read method bodies");
  }
}
