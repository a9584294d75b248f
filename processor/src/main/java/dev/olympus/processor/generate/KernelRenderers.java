package dev.olympus.processor.generate;

/** Which {@link KernelRenderer} the processor uses. */
public final class KernelRenderers {
  private KernelRenderers() {}

  /** The one kernel compiler the run-time jit uses, written as Java ({@link NestKernelRenderer}). */
  public static KernelRenderer best() {
    return new NestKernelRenderer();
  }
}
