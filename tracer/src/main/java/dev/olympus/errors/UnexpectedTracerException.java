package dev.olympus.errors;

/** A tracer was used after the trace that created it had ended. JAX: {@code UnexpectedTracerError}. */
public class UnexpectedTracerException extends OlympusException {
  private static final long serialVersionUID = 1L;

  public UnexpectedTracerException(String message) {
    super(message);
  }
}
