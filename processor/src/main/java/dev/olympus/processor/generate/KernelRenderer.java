package dev.olympus.processor.generate;

/**
 * The seam between the processor and lowering: turns the IR javac traced for one {@code @Jit} method into a
 * private static Java method (the fused kernel) that {@code Foo_Jit} calls when the arguments fit.
 *
 * <p>Contract of the rendered method: named {@link KernelRequest#methodName()}, it takes one {@code Array}
 * per flat IR input (named as in {@link KernelRequest#inputs()}, concrete and strongly typed when called),
 * then, for a {@link KernelRendering.Coverage#DECLARED_SHAPES} kernel, one {@code int} per symbolic dimension
 * in {@link KernelRequest#symbols()} order (its size in this call), and returns an {@code Array[]} of the IR's
 * outputs in order. What shapes it serves is its {@link KernelRendering.Coverage}; the dispatcher checks them.
 *
 * <p>The processor's renderer is {@link NestKernelRenderer}, the run-time jit's kernel compiler written as Java
 * ({@link KernelRenderers#best()}); tests substitute their own.
 */
@FunctionalInterface
public interface KernelRenderer {
  KernelRendering render(KernelRequest request);
}
