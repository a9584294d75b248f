package dev.olympus.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static dev.olympus.processor.Compilations.generated;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import org.junit.jupiter.api.Test;

/**
 * Build tools hand processors a wrapped environment that {@code Trees.instance} refuses. The processor looks
 * through wrappers that hold javac's environment, and otherwise generates run-time dispatchers with a note.
 */
class WrappedEnvironmentTest {
  /** Runs the Olympus processor with the environment javac gives, wrapped by {@code wrap}. */
  static final class Wrapping extends AbstractProcessor {
    private final JitProcessor inner = new JitProcessor();
    private final Function<ProcessingEnvironment, ProcessingEnvironment> wrap;

    Wrapping(Function<ProcessingEnvironment, ProcessingEnvironment> wrap) {
      this.wrap = wrap;
    }

    @Override
    public synchronized void init(ProcessingEnvironment env) {
      super.init(env);
      inner.init(wrap.apply(env));
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() { return inner.getSupportedAnnotationTypes(); }

    @Override
    public SourceVersion getSupportedSourceVersion() { return SourceVersion.latestSupported(); }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      return inner.process(annotations, round);
    }
  }

  /** IntelliJ's style: a dynamic proxy whose handler keeps the real environment in a field. */
  static final class Delegating implements InvocationHandler {
    private final ProcessingEnvironment delegateTo;

    Delegating(ProcessingEnvironment delegateTo) {
      this.delegateTo = delegateTo;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      try {
        return method.invoke(delegateTo, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    }
  }

  /** A wrapper that hides the environment behind a supplier: nothing to unwrap. */
  static final class Opaque implements InvocationHandler {
    private final Supplier<ProcessingEnvironment> hidden;

    Opaque(ProcessingEnvironment env) {
      this.hidden = () -> env;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      try {
        return method.invoke(hidden.get(), args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    }
  }

  static ProcessingEnvironment proxy(InvocationHandler handler) {
    return (ProcessingEnvironment) Proxy.newProxyInstance(WrappedEnvironmentTest.class.getClassLoader(),
        new Class<?>[] {ProcessingEnvironment.class}, handler);
  }

  @Test
  void aWrapperThatHoldsJavacsEnvironmentIsLookedThrough() {
    Compilation c = javac().withProcessors(new Wrapping(env -> proxy(new Delegating(env))))
        .compile(GeneratedCodeTest.SELU);
    assertThat(c).succeededWithoutWarnings();
    assertTrue(generated(c, "demo.Act_Jit").contains("private static Array[] seluKernel(Array x)"));
  }

  @Test
  void withoutTreesEveryMethodIsTracedAtRunTimeWithANote() {
    Compilation c = javac().withProcessors(new Wrapping(env -> proxy(new Opaque(env))))
        .compile(GeneratedCodeTest.SELU);
    assertThat(c).succeededWithoutWarnings();
    assertThat(c).hadNoteContaining("[OLY401] the Olympus processor cannot read method bodies in this compiler");
    String code = generated(c, "demo.Act_Jit");
    assertFalse(code.contains("seluKernel"), code);
    assertTrue(code.contains("return SELU.apply(x);"), code);
  }
}
