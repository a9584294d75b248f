package dev.olympus.processor.generate;

/** Which {@link KernelRenderer} the processor uses. */
public final class KernelRenderers {
  private KernelRenderers() {}

  /**
   * The interim elementwise renderer until {@code dev.olympus.lowering} lands; then a renderer that adapts
   * its kernel plan and JavaPoet renderer takes this place.
   */
  public static KernelRenderer best() {
    return new ElementwiseKernelRenderer();
  }
}
