package dev.olympus.processor.generate;

import dev.olympus.DType;
import dev.olympus.ir.ClosedIr;
import dev.olympus.processor.model.ShapeSpec;
import java.util.List;
import java.util.Map;

/**
 * What a {@link KernelRenderer} lowers: the IR traced at javac time (with representative sizes for symbolic
 * dimensions), and for each flat input its Java name, dtype and declared dimensions.
 *
 * @param methodName the Java name the kernel method must have
 * @param sourceMethod {@code Ex.selu}, for comments
 * @param ir the IR, traced with {@code representativeSizes} standing for the symbols
 * @param inputs one per IR input, in order
 * @param symbols the symbolic dimension names as declared, in the order of the kernel's {@code int} parameters
 * @param symbolVariables the Java names of those {@code int} parameters (a symbol's name, unless it clashes
 *     with an input's name)
 * @param representativeSizes the size each symbol had while tracing (same order as {@code symbols}); a
 *     dimension of that size in {@code ir} is that symbol
 * @param symbolicIrText the IR printed with symbol names in place of the representative sizes
 * @param rankPolymorphic every non-scalar input is declared {@code [...]} and tracing them at other ranks
 *     (0, 2, 3) gives the same program: a kernel of this IR's elements serves every shape
 * @param anySymbol the symbol the {@code [...]} inputs were traced with (their one dimension), or null
 * @param secondIr the same method traced with {@code secondSizes} for the symbols, or null when it has none;
 *     a renderer that reads sizes back as symbols checks its reading against this trace
 * @param secondSizes the representative sizes of the second trace (empty when there is none)
 * @param literalOffsets integral literals of {@code ir} that are a product of symbols plus a constant, each to
 *     that constant ({@code n - 1} traced as 82: 82 to -1), as both traces agree
 * @param secondLiteralOffsets the same for {@code secondIr}
 * @param derived sizes the IR computes that no product of symbols writes, read by the kernel from the result
 *     of the equation that first has them
 */
public record KernelRequest(String methodName, String sourceMethod, ClosedIr ir, List<Input> inputs,
    List<String> symbols, List<String> symbolVariables, List<Integer> representativeSizes,
    String symbolicIrText, boolean rankPolymorphic, String anySymbol, ClosedIr secondIr,
    List<Integer> secondSizes, Map<Long, Long> literalOffsets, Map<Long, Long> secondLiteralOffsets,
    List<Derived> derived) {
  public KernelRequest {
    derived = List.copyOf(derived);
    literalOffsets = Map.copyOf(literalOffsets);
    secondLiteralOffsets = Map.copyOf(secondLiteralOffsets);
    inputs = List.copyOf(inputs);
    symbols = List.copyOf(symbols);
    symbolVariables = List.copyOf(symbolVariables);
    representativeSizes = List.copyOf(representativeSizes);
    secondSizes = List.copyOf(secondSizes);
  }

  /** The Java variable that holds the size of {@code symbol}. */
  public String symbolVariable(String symbol) {
    return symbolVariables.get(symbols.indexOf(symbol));
  }

  /**
   * A size computed from the symbols ({@code (h - window) / stride + 1}): dimension {@code dim} of output
   * {@code output} of the IR's top-level equation {@code equation}, {@code first} in {@code ir} and
   * {@code second} in {@code secondIr}; the kernel names it {@code name}.
   */
  public record Derived(String name, int equation, int output, int dim, int first, int second) {}

  /** One flat input: its Java parameter name, dtype, and declared dims (sizes and symbol names). */
  public record Input(String name, DType dtype, List<ShapeSpec.Dim> dims) {
    public Input {
      dims = List.copyOf(dims);
    }
  }
}
