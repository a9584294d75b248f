package dev.olympus;

/**
 * What {@code Olympus.jvp(f, primal, tangent)} returns (JAX's {@code (primals_out, tangents_out)}): {@code f}
 * at {@code primal}, and its directional derivative along {@code tangent}, both shaped like {@code f}'s result.
 */
public record PrimalAndTangent<R>(R primal, R tangent) {}
