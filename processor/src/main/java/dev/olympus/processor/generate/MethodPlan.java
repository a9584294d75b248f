package dev.olympus.processor.generate;

import com.palantir.javapoet.MethodSpec;
import dev.olympus.processor.model.JitMethod;
import java.util.List;

/**
 * What to generate for one {@code @Jit} method: its dispatcher, the header text that says what javac traced
 * (the IR, or why the method is traced at run time only), and the javac-time kernels: one, or one per case of
 * the static arguments (each value of a boolean, each axis a static int can name), tried in order.
 */
public record MethodPlan(JitMethod method, String header, List<Kernel> kernels) {
  public MethodPlan {
    kernels = List.copyOf(kernels);
  }

  /**
   * A rendered kernel with the request it was rendered from.
   *
   * @param when the Java condition on the static parameters under which it serves a call ({@code training},
   *     {@code axis == 1}), or null for every call
   * @param staticArguments for each symbol of the request that is a static parameter, the Java expression
   *     the dispatcher passes for it ({@code n})
   * @param sizeChecks conditions on the symbols' values the trace held for only ({@code h % 2 == 1}), checked
   *     once the dispatcher has bound them
   */
  public record Kernel(KernelRequest request, MethodSpec method, List<MethodSpec> helpers,
      KernelRendering.Coverage coverage, String when, java.util.Map<String, String> staticArguments,
      List<SizeCheck> sizeChecks) {
    public Kernel {
      helpers = List.copyOf(helpers);
      staticArguments = java.util.Map.copyOf(staticArguments);
      sizeChecks = List.copyOf(sizeChecks);
    }

    /** The Java variable that holds {@code symbol}'s value in the dispatcher. */
    public String variableOf(String symbol) {
      String fromStatic = staticArguments.get(symbol);
      return fromStatic != null ? fromStatic : request.symbolVariable(symbol);
    }
  }

  /**
   * A condition on symbols' values, {@code template} with {@code %1$s}, {@code %2$s} where the values of
   * {@code symbols} go ({@code %1$s % 2 == 1}, {@code %1$s <= %2$s}): what the traced Java assumed of sizes it
   * computed with (a residue, a range, an order), which no shape shows.
   */
  public record SizeCheck(List<String> symbols, String template) {
    public SizeCheck {
      symbols = List.copyOf(symbols);
    }

    /** The condition in Java, each symbol written as {@code variable} names it. */
    public String over(java.util.function.UnaryOperator<String> variable) {
      return String.format(template, symbols.stream().map(variable).toArray());
    }
  }

  public static MethodPlan runtimeOnly(JitMethod method, String reason) {
    return new MethodPlan(method, method.displayName() + ": traced at run time only (" + reason + ").", List.of());
  }
}
