package dev.olympus.errors;

/** {@code bool()} was called on a traced value, e.g. in {@code if (x.gt(0).bool())}. JAX: {@code TracerBoolConversionError}. */
public class TracerBoolConversionException extends ConcretizationException {
  private static final long serialVersionUID = 1L;

  public TracerBoolConversionException(String message) {
    super(message);
  }
}
