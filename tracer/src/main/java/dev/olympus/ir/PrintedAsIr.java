package dev.olympus.ir;

/**
 * A parameter value that a jaxpr prints as a nested jaxpr although no transformation walks into it (scatter's
 * {@code update_jaxpr}, the scalar combiner): its variables take names from the enclosing IR's sequence.
 */
public interface PrintedAsIr {
  Ir asIr();
}
