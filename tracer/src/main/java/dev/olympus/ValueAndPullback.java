package dev.olympus;

/**
 * What {@code Olympus.vjp(f, primal)} returns (JAX's {@code (primals_out, vjp_fun)}): {@code f} at
 * {@code primal}, and the pullback that maps a cotangent shaped like the result to the cotangent of the input
 * (a vector-Jacobian product). The pullback may be called any number of times.
 */
public record ValueAndPullback<R, A>(R value, Fn1<R, A> pullback) {}
