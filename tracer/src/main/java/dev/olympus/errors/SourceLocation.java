package dev.olympus.errors;

import java.util.Optional;
import java.util.Set;

/** Finds the user's frame on the current stack, so errors can name the user's file and line. */
public final class SourceLocation {
  private SourceLocation() {}

  // Packages that make up Olympus itself. Examples and the nn kernels are user code as far as errors go.
  private static final Set<String> INTERNAL_PACKAGES = Set.of(
      "dev.olympus", "dev.olympus.numpy", "dev.olympus.lax", "dev.olympus.errors", "dev.olympus.types",
      "dev.olympus.storage", "dev.olympus.primitive", "dev.olympus.trace", "dev.olympus.ir",
      "dev.olympus.pytree", "dev.olympus.autodiff", "dev.olympus.batching", "dev.olympus.lowering",
      "dev.olympus.jit", "dev.olympus.compile", "dev.olympus.debug", "dev.olympus.transform",
      "dev.olympus.callback", "dev.olympus.random");

  /** {@code Ex.java:42} style location of the innermost user frame, if any. */
  public static Optional<StackWalker.StackFrame> userFrame() {
    return WALKER.walk(frames -> frames.filter(SourceLocation::isUser).findFirst());
  }

  // Tracing asks for every equation's user frame; fetching the usual depth in one batch saves most of the walk.
  private static final StackWalker WALKER = StackWalker.getInstance(Set.of(), 32);

  public static String describeUserFrame() {
    return userFrame().map(SourceLocation::format).orElse(null);
  }

  public static String format(StackWalker.StackFrame f) {
    String cls = f.getClassName();
    String simple = cls.substring(cls.lastIndexOf('.') + 1);
    String file = f.getFileName() == null ? simple + ".java" : f.getFileName();
    return simple + "." + f.getMethodName() + "(" + file + ":" + f.getLineNumber() + ")";
  }

  /** Appends {@code " (at Ex.f(Ex.java:12))"} when a user frame is known. */
  public static String suffix() {
    String where = describeUserFrame();
    return where == null ? "" : "\n  at " + where;
  }

  public static boolean isUser(StackWalker.StackFrame f) {
    String cls = f.getClassName();
    if (cls.startsWith("java.") || cls.startsWith("jdk.") || cls.startsWith("sun.") || cls.startsWith("com.sun.")
        || cls.startsWith("org.junit.") || cls.startsWith("org.apache.maven.")) {
      return false;
    }
    int dot = cls.lastIndexOf('.');
    String pkg = dot < 0 ? "" : cls.substring(0, dot);
    // Olympus' own classes, including the lambdas it defines, are not user code.
    return !INTERNAL_PACKAGES.contains(pkg);
  }
}
