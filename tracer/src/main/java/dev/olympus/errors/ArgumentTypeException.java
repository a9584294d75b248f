package dev.olympus.errors;

/**
 * An argument of a type the function cannot take, found before the call instead of as a
 * {@code ClassCastException} inside it. JAX: {@code TypeError: Argument ... is not a valid JAX type}.
 */
public class ArgumentTypeException extends OlympusException {
  private static final long serialVersionUID = 1L;

  public ArgumentTypeException(String message) {
    super(message);
  }
}
