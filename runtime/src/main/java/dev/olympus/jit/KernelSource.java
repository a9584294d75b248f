package dev.olympus.jit;

/** An executable that can show itself as Java source (for {@code -Dolympus.dumpKernels}). */
public interface KernelSource {
  String javaSource();
}
