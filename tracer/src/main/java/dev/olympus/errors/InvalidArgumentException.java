package dev.olympus.errors;

/**
 * An argument of a public Olympus method that no call could accept: {@code null}, a value of the wrong type (a
 * {@code List} holding something other than Arrays, a function that is not an Olympus function type), or a
 * number outside its range (a negative count, an {@code argnum} past the last argument). The message names the
 * method, the parameter, the value and the fix. Problems with shapes and dtypes are {@link ShapeException}s.
 * JAX: {@code TypeError}/{@code ValueError}.
 */
public class InvalidArgumentException extends OlympusException {
  private static final long serialVersionUID = 1L;

  public InvalidArgumentException(String message) {
    super(message);
  }
}
