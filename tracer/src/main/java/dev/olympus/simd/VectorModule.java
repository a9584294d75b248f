package dev.olympus.simd;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Whether the strip operations run on the Vector API: only when {@code jdk.incubator.vector} is in the boot
 * layer (the JVM was started with {@code --add-modules jdk.incubator.vector}) and {@code -Dolympus.vector=false}
 * was not given. Users' builds never need the module: only this library is compiled against it, and its vector
 * classes are loaded only when it is present.
 */
public final class VectorModule {
  private VectorModule() {}

  public static final boolean PRESENT = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

  public static final boolean ENABLED = PRESENT && !"false".equals(System.getProperty("olympus.vector"));

  private static final AtomicBoolean HINTED = new AtomicBoolean();

  /** Prints, once per JVM, how to turn on SIMD kernels, when the module is missing and not turned off on purpose. */
  public static void hintOnce() {
    if (ENABLED || "false".equals(System.getProperty("olympus.vector")) || !HINTED.compareAndSet(false, true)) return;
    System.err.println("[olympus] kernels are running without SIMD (exp, log, tanh, matrix products ...). Add "
        + "'--add-modules jdk.incubator.vector' to the java command line (or to MAVEN_OPTS / surefire argLine) "
        + "for vectorized kernels; -Dolympus.vector=false silences this hint.");
  }
}
