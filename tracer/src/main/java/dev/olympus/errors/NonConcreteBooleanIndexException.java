package dev.olympus.errors;

/**
 * Boolean-mask selection on a traced array: the result's shape would depend on the mask's values, which a
 * trace does not know. JAX: {@code NonConcreteBooleanIndexError}.
 */
public class NonConcreteBooleanIndexException extends ShapeException {
  private static final long serialVersionUID = 1L;

  public NonConcreteBooleanIndexException(String message) {
    super(message);
  }
}
