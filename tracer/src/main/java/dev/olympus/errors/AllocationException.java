package dev.olympus.errors;

/**
 * The Java heap cannot hold an array Olympus was asked to make: the message names the dtype, the shape, the
 * bytes requested and the heap's limit, and how to get more (a larger {@code -Xmx}, smaller arrays). Shapes that
 * no Java array can hold at all are {@link ShapeException}s, found before anything is allocated.
 * JAX/XLA: {@code RESOURCE_EXHAUSTED: Out of memory}.
 */
public class AllocationException extends OlympusException {
  private static final long serialVersionUID = 1L;

  public AllocationException(String message) {
    super(message);
  }

  public AllocationException(String message, Throwable cause) {
    super(message, cause);
  }
}
