package dev.olympus.processor.interpret;

/**
 * The value of a static argument while javac checks a method without knowing it: it may be passed along and
 * stored, but any use that could change the trace (arithmetic, a branch, a call into compiled code) stops the
 * check with {@link InterpretException.NeedsStaticValue}. What the check saw before that is independent of
 * the value, so errors found there are errors for every value.
 */
public record UnknownStatic(String parameter) {
  @Override
  public String toString() { return "<static " + parameter + ">"; }
}
