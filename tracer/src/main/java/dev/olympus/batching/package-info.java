/**
 * Vectorizing maps, as JAX does them: {@link dev.olympus.batching.BatchTrace} interprets primitives on values
 * that carry a batch along one axis, running each primitive's batching rule
 * ({@link dev.olympus.primitive.Primitive#batch}), written with the axis vocabulary of
 * {@link dev.olympus.batching.BatchAxis}. {@link dev.olympus.batching.Vmap} is the user-facing {@code vmap}.
 * Control-flow rules batch their branches and bodies into new sub-IRs with
 * {@link dev.olympus.batching.BatchedIr}.
 */
package dev.olympus.batching;
