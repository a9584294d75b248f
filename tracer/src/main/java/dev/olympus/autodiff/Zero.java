package dev.olympus.autodiff;

import dev.olympus.types.AbstractValue;

/**
 * A symbolic zero (co)tangent of {@code aval} (JAX's {@code ad.Zero}): known to be all zeros, so it is never
 * materialized unless a primitive needs an actual operand.
 */
public record Zero(AbstractValue aval) implements Tangent {}
