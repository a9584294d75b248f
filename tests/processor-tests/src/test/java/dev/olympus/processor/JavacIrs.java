package dev.olympus.processor;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.sun.source.util.Trees;
import dev.olympus.Array;
import dev.olympus.Fn1;
import dev.olympus.Fn2;
import dev.olympus.Fn3;
import dev.olympus.Olympus;
import dev.olympus.ir.ClosedIr;
import dev.olympus.numpy.Jnp;
import dev.olympus.processor.diagnostic.Diagnostics;
import dev.olympus.processor.generate.KernelRenderers;
import dev.olympus.processor.model.JitMethod;
import dev.olympus.processor.trace.CompileTimeTracer;
import dev.olympus.processor.validate.JitMethodValidator;
import dev.olympus.types.AbstractValue;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * The two front-ends side by side: the IR the processor traces at javac time for each {@code @Jit} method
 * (collected by a processor while javac compiles the sources), and the IR {@code Olympus.makeIr} traces at run
 * time from the compiled method, for the same arguments.
 */
final class JavacIrs {
  private JavacIrs() {}

  /** Collects, per method ({@code Owner.name}), the argument sets and the javac-time IR text of each. */
  static final class Collector extends AbstractProcessor {
    private final Function<JitMethod, List<List<Object>>> argumentSets;
    final Map<String, List<List<Object>>> arguments = new LinkedHashMap<>();
    final Map<String, List<String>> irs = new LinkedHashMap<>();

    Collector(Function<JitMethod, List<List<Object>>> argumentSets) {
      this.argumentSets = argumentSets;
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() { return Set.of("dev.olympus.annotations.Jit"); }

    @Override
    public SourceVersion getSupportedSourceVersion() { return SourceVersion.latestSupported(); }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      TypeElement jit = processingEnv.getElementUtils().getTypeElement("dev.olympus.annotations.Jit");
      if (jit == null) return false;
      Diagnostics diagnostics = new Diagnostics(processingEnv.getMessager());
      JitMethodValidator validator = new JitMethodValidator(processingEnv, diagnostics,
          processingEnv.getElementUtils().getTypeElement("dev.olympus.Array"));
      CompileTimeTracer tracer = new CompileTimeTracer(processingEnv, Trees.instance(processingEnv), diagnostics,
          KernelRenderers.best());
      for (Element e : round.getElementsAnnotatedWith(jit)) {
        if (e.getKind() != ElementKind.METHOD) continue;
        JitMethod m = validator.validate((ExecutableElement) e);
        assertNotNull(m, "valid: " + e);
        List<List<Object>> sets = argumentSets.apply(m);
        arguments.put(m.displayName(), sets);
        List<String> texts = new ArrayList<>();
        for (List<Object> args : sets) texts.add(tracer.trace(m, args).toString());
        irs.put(m.displayName(), texts);
      }
      return false;
    }
  }

  /** A record of Arrays (flat components, in order) built from its leaves. */
  static Object record(Class<?> type, List<Array> leaves) {
    try {
      Class<?>[] componentTypes = new Class<?>[type.getRecordComponents().length];
      for (int k = 0; k < componentTypes.length; k++) componentTypes[k] = type.getRecordComponents()[k].getType();
      java.lang.reflect.Constructor<?> make = type.getDeclaredConstructor(componentTypes);
      make.setAccessible(true);
      return make.newInstance(leaves.toArray());
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  static Method find(Class<?> owner, String name) { return find(owner, name, -1); }

  /** The method {@code name} taking {@code arity} arguments (any arity when -1), for overloads such as Nn.gelu. */
  static Method find(Class<?> owner, String name, int arity) {
    for (Method m : owner.getDeclaredMethods()) {
      if (m.getName().equals(name) && (arity < 0 || m.getParameterCount() == arity)) {
        m.setAccessible(true);
        return m;
      }
    }
    throw new AssertionError("no method " + owner.getSimpleName() + "." + name);
  }

  /**
   * {@code Olympus.makeIr} of a compiled method: arguments given as avals become arrays of zeros (a weakly typed
   * scalar becomes a Java float, as {@code makeIr(f, 3.0f)} passes it); a {@code List} of avals a List of such
   * arrays; anything else is a static value bound into the traced function.
   */
  static ClosedIr runtimeIr(Method method, List<Object> args) {
    List<Object> traced = new ArrayList<>();
    List<Integer> positions = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      Object a = args.get(i);
      if (a instanceof AbstractValue v) {
        traced.add(v.weak() ? (Object) 3.0f : Jnp.zeros(v.dtype(), v.shape().dims()));
        positions.add(i);
      } else if (a instanceof List<?> leaves) {
        List<Array> arrays = new ArrayList<>();
        for (Object l : leaves) {
          AbstractValue v = (AbstractValue) l;
          arrays.add(Jnp.zeros(v.dtype(), v.shape().dims()));
        }
        Class<?> type = method.getParameterTypes()[i];
        traced.add(type.isRecord() ? record(type, arrays) : arrays);
        positions.add(i);
      }
    }
    Function<Object[], Object> call = tracedArgs -> {
      Object[] all = args.toArray();
      for (int k = 0; k < positions.size(); k++) all[positions.get(k)] = tracedArgs[k];
      try {
        return method.invoke(null, all);
      } catch (java.lang.reflect.InvocationTargetException ex) {
        if (ex.getCause() instanceof RuntimeException r) throw r;
        throw new AssertionError(ex);
      } catch (ReflectiveOperationException ex) {
        throw new AssertionError(ex);
      }
    };
    return switch (traced.size()) {
      case 1 -> Olympus.makeIr((Fn1<Object, Object>) a -> call.apply(new Object[] {a}), traced.get(0));
      case 2 -> Olympus.makeIr((Fn2<Object, Object, Object>) (a, b) -> call.apply(new Object[] {a, b}),
          traced.toArray());
      default -> Olympus.makeIr((Fn3<Object, Object, Object, Object>) (a, b, d) -> call.apply(new Object[] {a, b, d}),
          traced.toArray());
    };
  }
}
