package dev.olympus.processor.model;

import java.util.List;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * A {@code @Jit} method that passed validation: what the generator and the javac-time tracer work from.
 * {@code generatedClass} is the simple name of the class that holds its entry point ({@code Foo_Jit}).
 */
public record JitMethod(ExecutableElement element, TypeElement owner, String generatedClass,
    List<Parameter> parameters, ArgTree result) {
  public JitMethod {
    parameters = List.copyOf(parameters);
  }

  public String name() { return element.getSimpleName().toString(); }

  /** {@code Ex.selu}: how messages name it. */
  public String displayName() { return owner.getSimpleName() + "." + name(); }

  /** {@code Ex_Jit.selu}. */
  public String entryPoint() { return generatedClass + "." + name(); }

  public boolean hasStaticArgs() { return parameters.stream().anyMatch(Parameter::isStatic); }
}
