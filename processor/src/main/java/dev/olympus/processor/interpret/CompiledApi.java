package dev.olympus.processor.interpret;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * The already compiled code the interpreter may call reflectively: Olympus itself (so javac-time tracing builds
 * IR through the same tracer as run-time tracing) and side-effect-free parts of the JDK (math, boxes,
 * strings, collections, exceptions). Anything else, e.g. I/O or {@code System}, is not called at javac time:
 * the interpreter reports it as unsupported and the method is traced at run time.
 */
final class CompiledApi {
  private static final Set<String> JDK = Set.of(
      "java.lang.Math", "java.lang.StrictMath", "java.lang.Integer", "java.lang.Long", "java.lang.Float",
      "java.lang.Double", "java.lang.Boolean", "java.lang.Character", "java.lang.Short", "java.lang.Byte",
      "java.lang.Number", "java.lang.String", "java.lang.StringBuilder", "java.lang.CharSequence",
      "java.lang.Object", "java.lang.Enum", "java.lang.Comparable", "java.lang.Iterable", "java.lang.Record",
      "java.lang.Throwable", "java.lang.Exception", "java.lang.RuntimeException", "java.lang.Error",
      "java.lang.AssertionError", "java.lang.IllegalArgumentException", "java.lang.IllegalStateException",
      "java.lang.UnsupportedOperationException", "java.lang.ArithmeticException",
      "java.lang.IndexOutOfBoundsException", "java.lang.ArrayIndexOutOfBoundsException",
      "java.lang.NullPointerException", "java.lang.ClassCastException",
      "java.util.Objects", "java.util.List", "java.util.ArrayList", "java.util.LinkedList", "java.util.Arrays",
      "java.util.Collections", "java.util.Collection", "java.util.AbstractList", "java.util.AbstractCollection",
      "java.util.Map", "java.util.Map$Entry", "java.util.HashMap", "java.util.LinkedHashMap", "java.util.TreeMap",
      "java.util.Set", "java.util.HashSet", "java.util.LinkedHashSet", "java.util.TreeSet", "java.util.Iterator",
      "java.util.ListIterator", "java.util.Optional");

  private final ClassLoader loader;
  private final Elements elements;
  private final Types types;
  private final Map<String, Class<?>> classes = new HashMap<>();

  CompiledApi(ClassLoader loader, Elements elements, Types types) {
    this.loader = loader;
    this.elements = elements;
    this.types = types;
  }

  ClassLoader loader() { return loader; }

  /** Whether javac-time tracing may run code of {@code c}. */
  static boolean allowed(Class<?> c) { return allowed(c.getName()); }

  private static boolean allowed(String name) {
    if (name.startsWith("dev.olympus.") && !name.startsWith("dev.olympus.processor.")) return true;
    if (name.startsWith("java.util.function.")) return true;
    return JDK.contains(name);
  }

  /** What a class file names to create its lambdas and string concatenations: no code of the user's runs there. */
  private static final Set<String> BOOTSTRAP = Set.of("java.lang.invoke.LambdaMetafactory",
      "java.lang.invoke.StringConcatFactory", "java.lang.invoke.MethodHandles$Lookup", "java.lang.invoke.MethodHandles");

  private final Map<String, Boolean> runnable = new HashMap<>();

  /**
   * Whether javac-time tracing may run code of {@code c}: Olympus and the pure JDK ({@link #allowed}), or a
   * compiled class of the compilation's class path (a helper in a jar the user depends on) whose class file
   * names only such classes, transitively, and which holds no mutable static state. Code can only reach what
   * its constant pool names, so such a helper cannot do I/O or touch global state; javac runs it with
   * tracers, as run-time tracing does.
   */
  boolean mayRun(Class<?> c) {
    return allowed(c) || runnable.computeIfAbsent(c.getName(), n -> pureOnClassPath(n, new java.util.HashSet<>()));
  }

  private boolean pureOnClassPath(String name, Set<String> visiting) {
    if (allowed(name) || BOOTSTRAP.contains(name)) return true;
    if (!visiting.add(name)) return true;  // a cycle: the other classes on it decide
    if (!(loader instanceof ClassPathLoader classPath)) return false;
    ClassFileReferences refs;
    try {
      refs = ClassFileReferences.parse(classPath.classFile(name));
    } catch (java.io.IOException | RuntimeException e) {
      return false;  // not on the class path (a JDK class outside the list above), or unreadable
    }
    if (refs.mutableStatics()) return false;
    for (String r : refs.classes()) if (!r.equals(name) && !pureOnClassPath(r, visiting)) return false;
    return true;
  }

  /** The loaded class of a type element, or null when it is not on the processor's class path. */
  Class<?> load(TypeElement type) {
    String name = elements.getBinaryName(type).toString();
    return classes.computeIfAbsent(name, n -> {
      try {
        return Class.forName(n, false, loader);
      } catch (ClassNotFoundException | LinkageError e) {
        return null;
      }
    });
  }

  /** The run-time class of an (erased) type, or null when it cannot be loaded. */
  Class<?> classOf(TypeMirror type) {
    TypeMirror t = types.erasure(type);
    switch (t.getKind()) {
      case BOOLEAN: return boolean.class;
      case BYTE: return byte.class;
      case SHORT: return short.class;
      case CHAR: return char.class;
      case INT: return int.class;
      case LONG: return long.class;
      case FLOAT: return float.class;
      case DOUBLE: return double.class;
      case VOID: return void.class;
      case ARRAY: {
        Class<?> component = classOf(((ArrayType) t).getComponentType());
        return component == null ? null : java.lang.reflect.Array.newInstance(component, 0).getClass();
      }
      case DECLARED:
        return load((TypeElement) ((DeclaredType) t).asElement());
      default:
        return null;
    }
  }

  private Class<?>[] parameterClasses(ExecutableElement m) {
    List<? extends VariableElement> params = m.getParameters();
    Class<?>[] out = new Class<?>[params.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = classOf(params.get(i).asType());
      if (out[i] == null) return null;
    }
    return out;
  }

  /** The public method for {@code m}, or null. */
  Method method(ExecutableElement m) {
    Class<?> owner = load((TypeElement) m.getEnclosingElement());
    Class<?>[] params = parameterClasses(m);
    if (owner == null || params == null) return null;
    try {
      Method method = owner.getMethod(m.getSimpleName().toString(), params);
      return Modifier.isPublic(method.getDeclaringClass().getModifiers()) || method.getDeclaringClass().isInterface()
          ? method : null;
    } catch (NoSuchMethodException | SecurityException e) {
      return null;
    }
  }

  /** The public constructor for {@code m}, or null. */
  Constructor<?> constructor(ExecutableElement m) {
    Class<?> owner = load((TypeElement) m.getEnclosingElement());
    Class<?>[] params = parameterClasses(m);
    if (owner == null || params == null) return null;
    try {
      return owner.getConstructor(params);
    } catch (NoSuchMethodException | SecurityException e) {
      return null;
    }
  }

  /** The public static field for {@code f}, or null. */
  Field field(VariableElement f) {
    Class<?> owner = load((TypeElement) f.getEnclosingElement());
    if (owner == null) return null;
    try {
      return owner.getField(f.getSimpleName().toString());
    } catch (NoSuchFieldException | SecurityException e) {
      return null;
    }
  }
}
