/**
 * Loop nests: the one kernel form between the IR and code.
 *
 * <p>How a primitive becomes a kernel: {@link dev.olympus.fusion.NestLowering} turns each elementwise primitive
 * into an {@link dev.olympus.loopnest.Expr} node through one table ({@code fusion.Elementwise}: a primitive is
 * the strip op of the same name), each reduction over the domain's trailing axes into a
 * {@link dev.olympus.loopnest.Expr.Reduce}, and reshapes, transposes, slices and broadcasts into the
 * {@link dev.olympus.loopnest.IndexMap}s of loads. {@link dev.olympus.loopnest.Schedule} then fixes, once for
 * every back end, the order of operations and where each value lives (read in place, strip scratch, row scratch,
 * register). The run-time kernel ({@link dev.olympus.execution.NestKernel}) interprets the schedule, calling one
 * {@link dev.olympus.simd} strip method per node and strip; a generated kernel calls the same methods in the
 * same order, so the two agree bit for bit and run at the same speed.
 *
 * <p>Why strips and not one fused loop per element: the strip methods are compiled once, by the JVM, for all
 * kernels, so a new kernel needs no code generation at all (no javac, no class loading: fast from its second
 * call); they are the only code that touches the incubating Vector API, so user builds never need
 * {@code --add-modules}; and a strip of 1,024 elements keeps every intermediate in L1, so chaining costs a few
 * L1 passes, not memory traffic.
 */
package dev.olympus.loopnest;
