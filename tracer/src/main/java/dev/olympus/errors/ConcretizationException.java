package dev.olympus.errors;

/**
 * A traced value was needed as a concrete Java value ({@code intValue()}, {@code floatValue()}, a copy-out,
 * or a shape that depends on data). JAX: {@code ConcretizationTypeError}.
 */
public class ConcretizationException extends OlympusException {
  private static final long serialVersionUID = 1L;

  public ConcretizationException(String message) {
    super(message);
  }
}
