package dev.olympus.processor.generate;

import java.util.List;

/** Which {@link KernelRenderer} the processor uses. */
public final class KernelRenderers {
  private KernelRenderers() {}

  /**
   * Pure elementwise chains become one rank-polymorphic loop ({@link ElementwiseKernelRenderer}, serving any
   * shape); everything else is lowered by {@code dev.olympus.lowering} for the declared shapes, with symbolic
   * dimensions as loop bounds ({@link LoweringKernelRenderer}).
   */
  public static KernelRenderer best() {
    return firstOf(List.of(new ElementwiseKernelRenderer(), new LoweringKernelRenderer()));
  }

  /** The first renderer that renders a kernel; when all decline, the last one's reason. */
  public static KernelRenderer firstOf(List<KernelRenderer> renderers) {
    return request -> {
      KernelRendering last = new KernelRendering.Declined("no renderer");
      for (KernelRenderer r : renderers) {
        last = r.render(request);
        if (last instanceof KernelRendering.Rendered) return last;
      }
      return last;
    };
  }
}
