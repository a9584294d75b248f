package dev.olympus.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.JavaFile;
import dev.olympus.processor.diagnostic.Diagnostics;
import dev.olympus.processor.diagnostic.Message;
import dev.olympus.processor.generate.JitClassGenerator;
import dev.olympus.processor.generate.KernelRenderer;
import dev.olympus.processor.generate.KernelRenderers;
import dev.olympus.processor.generate.MethodPlan;
import dev.olympus.processor.model.JitMethod;
import dev.olympus.processor.trace.MethodTracing;
import dev.olympus.processor.trace.Tracings;
import dev.olympus.processor.validate.JitMethodValidator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * The Olympus annotation processor: for each class {@code Foo} with {@code @Jit} methods it validates them,
 * traces each one at javac time by interpreting its body with the real tracer, and writes {@code Foo_Jit}
 * with the fused kernels and run-time fallbacks. It never lets an exception reach javac: a failure of its own
 * becomes an {@code OLY900} error that says so.
 *
 * <p>Options: {@code -Aolympus.javacTracing=false} skips javac-time tracing (every method is traced at run
 * time); {@code -Aolympus.timing=true} notes how long each class took.
 */
@AutoService(Processor.class)
public final class JitProcessor extends AbstractProcessor {
  public static final String JIT_ANNOTATION = "dev.olympus.annotations.Jit";
  public static final String SHAPE_ANNOTATION = "dev.olympus.annotations.Shape";
  static final String GENERATED_ANNOTATION = "javax.annotation.processing.Generated";
  public static final String OPTION_JAVAC_TRACING = Tracings.JAVAC_TRACING_OPTION;
  /** {@code -Aolympus.timing=true}: a note per class with how long validating, tracing and generating took. */
  public static final String OPTION_TIMING = "olympus.timing";

  private final KernelRenderer renderer;
  private Diagnostics diagnostics;
  private MethodTracing tracing;
  private final Set<String> done = new HashSet<>();
  private final Set<String> deferred = new java.util.TreeSet<>();
  private long tracingNanos;

  public JitProcessor() {
    this(KernelRenderers.best());
  }

  /** A processor that lowers kernels with {@code renderer} (tests exercise the lowering seam with it). */
  JitProcessor(KernelRenderer renderer) {
    this.renderer = renderer;
  }

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    // The generated classes carry @Generated; claiming it too keeps -Xlint:all -Werror builds of them clean.
    return Set.of(JIT_ANNOTATION, SHAPE_ANNOTATION, GENERATED_ANNOTATION);
  }

  @Override
  public Set<String> getSupportedOptions() { return Set.of(OPTION_JAVAC_TRACING, OPTION_TIMING); }

  @Override
  public SourceVersion getSupportedSourceVersion() { return SourceVersion.latestSupported(); }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    if (diagnostics == null) diagnostics = new Diagnostics(processingEnv.getMessager());
    try {
      TypeElement jit = processingEnv.getElementUtils().getTypeElement(JIT_ANNOTATION);
      if (jit == null) return true;
      // Owners in name order and methods in source order: the output never depends on hash order.
      TreeMap<String, TypeElement> owners = new TreeMap<>();
      for (Element e : round.getElementsAnnotatedWith(jit)) {
        if (e.getKind() == ElementKind.METHOD && e.getEnclosingElement() instanceof TypeElement owner) {
          owners.put(owner.getQualifiedName().toString(), owner);
        }
      }
      // Owners deferred by an earlier round: their types may exist now.
      for (String name : deferred) {
        TypeElement owner = processingEnv.getElementUtils().getTypeElement(name);
        if (owner != null) owners.put(name, owner);
      }
      deferred.clear();
      for (TypeElement owner : owners.values()) {
        String name = owner.getQualifiedName().toString();
        if (done.contains(name)) continue;
        // A type another processor generates later in this build (AutoValue, records, protobuf) is an error
        // type until then: wait for it, as Dagger does, and judge only in the last round.
        if (!round.processingOver() && MissingTypes.anyIn(owner, jit)) {
          deferred.add(name);
          continue;
        }
        done.add(name);
        processOwner(owner, jit);
      }
    } catch (Throwable t) {
      diagnostics.report(Message.INTERNAL, "processing a round", describe(t));
    }
    // Both annotations are Olympus': claiming them keeps -Xlint:processing quiet.
    return true;
  }

  private void processOwner(TypeElement owner, TypeElement jit) {
    long start = System.nanoTime();
    long tracingBefore = tracingNanos;
    TypeElement array = processingEnv.getElementUtils().getTypeElement("dev.olympus.Array");
    List<ExecutableElement> methods = new ArrayList<>();
    for (Element e : owner.getEnclosedElements()) {
      if (e.getKind() == ElementKind.METHOD && e.getAnnotationMirrors().stream()
          .anyMatch(a -> a.getAnnotationType().asElement().equals(jit))) {
        methods.add((ExecutableElement) e);
      }
    }
    if (array == null) {
      for (ExecutableElement m : methods) diagnostics.report(Message.MISSING_RUNTIME, m);
      return;
    }
    JitMethodValidator validator = new JitMethodValidator(processingEnv, diagnostics, array);
    List<MethodPlan> plans = new ArrayList<>();
    for (ExecutableElement m : methods) {
      try {
        JitMethod method = validator.validate(m);
        if (method != null) plans.add(plan(method));
      } catch (Throwable t) {
        diagnostics.report(Message.INTERNAL, m, "processing @Jit method " + owner.getSimpleName() + "."
            + m.getSimpleName(), describe(t));
      }
    }
    if (plans.isEmpty()) return;
    String name = JitMethodValidator.generatedClassName(owner);
    try {
      JavaFile file = new JitClassGenerator(processingEnv.getElementUtils()).generate(owner, name, plans);
      file.writeTo(processingEnv.getFiler());
    } catch (IOException e) {
      diagnostics.report(Message.CANNOT_WRITE, owner, name, e.getMessage());
    } catch (Throwable t) {
      diagnostics.report(Message.INTERNAL, owner, "generating " + name, describe(t));
    }
    if ("true".equalsIgnoreCase(processingEnv.getOptions().get(OPTION_TIMING))) {
      diagnostics.report(Message.TIMING, owner, name, plans.size(), (System.nanoTime() - start) / 1_000_000,
          (tracingNanos - tracingBefore) / 1_000_000);
    }
  }

  private MethodPlan plan(JitMethod method) {
    if (tracing == null) tracing = Tracings.create(processingEnv, diagnostics, renderer);
    long start = System.nanoTime();
    try {
      return tracing.plan(method);
    } catch (Throwable t) {
      diagnostics.report(Message.INTERNAL, method.element(), "tracing " + method.displayName(), describe(t));
      return MethodPlan.runtimeOnly(method, "the processor failed while tracing it");
    } finally {
      tracingNanos += System.nanoTime() - start;
    }
  }

  /** The exception and where it came from, short enough for a compiler message. */
  static String describe(Throwable t) {
    StringBuilder sb = new StringBuilder(t.toString());
    StackTraceElement[] frames = t.getStackTrace();
    for (int i = 0; i < Math.min(4, frames.length); i++) sb.append("\n    at ").append(frames[i]);
    return sb.toString();
  }
}
