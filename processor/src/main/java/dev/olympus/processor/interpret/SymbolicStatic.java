package dev.olympus.processor.interpret;

/**
 * A static int argument traced as a symbol: {@code value} is its representative value (an odd prime, as for
 * symbolic dimensions). Passed directly into Olympus ({@code x.mul(k)}, {@code x.reshape(k, -1)}) it is that
 * number, so the IR holds it where the generated kernel can read it back as the parameter. Java int {@code +},
 * {@code -} and {@code *} on it give a symbolic static of the same parameter ({@code n - 1} traced as 82 is read
 * back as {@code n - 1}, when the second trace agrees); any other use in Java (division, a comparison, a branch)
 * stops the trace with {@link InterpretException.NeedsStaticValue}, since the code would then depend on the
 * value itself.
 */
public record SymbolicStatic(String parameter, Object value) {
  @Override
  public String toString() { return "<static " + parameter + ">"; }
}
