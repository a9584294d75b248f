package dev.olympus.transform;

/**
 * A function object that stands for another function (what {@code Olympus.jit} returns): it implements
 * every arity's interface, so its own arity, name and parameter names are those of the function it wraps.
 * Transformations applied to it ({@code grad(jit(f))}, {@code vmap(jit(f))}, {@code jit(jit(f))}) read them
 * here instead of guessing from the interfaces it implements.
 */
public interface WrappedFunction {
  /** What is known about the wrapped function. */
  FunctionInfo wrapped();

  /** The wrapper's kind, e.g. {@code "jit"}, as in its readable name {@code jit(Ex.f)}. */
  String wrapperName();

  /** The wrapper's settings (e.g. which arguments are static): part of its identity. */
  Object settings();
}
