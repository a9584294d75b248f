package dev.olympus.errors;

/**
 * Operands whose shapes or dtypes an operation cannot accept. The message names the op, the shapes, and the
 * user's source line when the call came from user code. JAX: {@code TypeError}/{@code ValueError}.
 */
public class ShapeException extends OlympusException {
  private static final long serialVersionUID = 1L;

  public ShapeException(String message) {
    super(message);
  }
}
