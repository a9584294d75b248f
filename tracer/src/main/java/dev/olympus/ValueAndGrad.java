package dev.olympus;

/**
 * What {@code Olympus.valueAndGrad(f)} returns (JAX's {@code (value, grad)} pair): the scalar value of
 * {@code f} and its gradient with respect to the differentiated argument, of that argument's type (a record of
 * Arrays comes back as the same record type).
 */
public record ValueAndGrad<G>(Array value, G grad) {}
