package dev.olympus.processor.interpret;

/**
 * A static int argument traced as a symbol: {@code value} is its representative value (an odd prime, as for
 * symbolic dimensions). Passed directly into Olympus ({@code x.mul(k)}, {@code x.reshape(k, -1)}) it is that
 * number, so the IR holds it where the generated kernel can read it back as the parameter; any other use in
 * Java (arithmetic, a comparison, a branch, a loop bound) stops the trace with
 * {@link InterpretException.NeedsStaticValue}, since the code would then depend on the value itself.
 */
public record SymbolicStatic(String parameter, Object value) {
  @Override
  public String toString() { return "<static " + parameter + ">"; }
}
