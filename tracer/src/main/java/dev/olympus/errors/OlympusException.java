package dev.olympus.errors;

/** Base of every error Olympus raises on purpose; the message always says what to change. */
public class OlympusException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public OlympusException(String message) {
    super(message);
  }

  public OlympusException(String message, Throwable cause) {
    super(message, cause);
  }
}
