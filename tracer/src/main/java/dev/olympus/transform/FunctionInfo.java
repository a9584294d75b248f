package dev.olympus.transform;

import dev.olympus.Fn1;
import dev.olympus.Fn2;
import dev.olympus.Fn3;
import dev.olympus.Fn4;
import dev.olympus.Array;
import dev.olympus.errors.ArgumentCheck;
import dev.olympus.errors.InvalidArgumentException;
import dev.olympus.errors.SourceLocation;
import java.io.Serializable;
import java.lang.invoke.MethodType;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What Olympus can learn about a user function: a readable name, its parameter names, and an identity that
 * equal lambdas share. A lambda or method reference is identified by its implementation method and its
 * captured values (read back through {@link SerializedLambda}), so {@code x -> f(x)} built again in a loop is
 * the same function to the jit cache. Any other object is identified by itself.
 */
public final class FunctionInfo {
  private final Object function;
  private final int arity;
  private final String name;
  private final List<String> parameterNames;
  private final Object identity;
  /** The declared parameter types when the implementation method is known, else null. */
  private final List<Class<?>> parameterTypes;

  private FunctionInfo(Object function, int arity, String name, List<String> parameterNames, Object identity,
      List<Class<?>> parameterTypes) {
    this.function = function;
    this.arity = arity;
    this.name = name;
    this.parameterNames = parameterNames;
    this.identity = identity;
    this.parameterTypes = parameterTypes;
  }

  /** The identity of a lambda: where its code is, and what it captured. */
  public record LambdaIdentity(String implClass, String implMethod, String implSignature, List<Object> captured) {}

  public static FunctionInfo of(Object fn) {
    Objects.requireNonNull(fn, "function");
    if (fn instanceof WrappedFunction w) {
      FunctionInfo inner = w.wrapped();
      return new FunctionInfo(fn, inner.arity, w.wrapperName() + "(" + inner.name + ")", inner.parameterNames,
          java.util.List.of(w.wrapperName(), w.settings(), inner.identity), inner.parameterTypes);
    }
    int arity = fn instanceof Fn1 ? 1 : fn instanceof Fn2 ? 2 : fn instanceof Fn3 ? 3 : fn instanceof Fn4 ? 4 : -1;
    if (arity < 0) throw new IllegalArgumentException("not an Olympus function type: " + fn.getClass());
    if (fn instanceof TransformedFunction t) {
      return new FunctionInfo(fn, arity, t.name(), t.parameterNames(), t.identity(), null);
    }
    SerializedLambda lambda = serializedLambda(fn);
    if (lambda == null) {
      return new FunctionInfo(fn, arity, fn.getClass().getSimpleName(), defaultNames(arity), fn, null);
    }
    List<Object> captured = new ArrayList<>();
    for (int i = 0; i < lambda.getCapturedArgCount(); i++) captured.add(lambda.getCapturedArg(i));
    String cls = lambda.getImplClass().replace('/', '.');
    String simple = cls.substring(cls.lastIndexOf('.') + 1);
    String method = lambda.getImplMethodName();
    boolean synthetic = method.startsWith("lambda$");
    String name = synthetic ? "lambda in " + simple + "." + method.split("\\$")[1] : simple + "." + method;
    Signature sig = signature(cls, method, lambda.getImplMethodSignature(), arity);
    Object id = new LambdaIdentity(cls, method, lambda.getImplMethodSignature(), captured);
    return new FunctionInfo(fn, arity, name, sig.names(), id, sig.types());
  }

  private static SerializedLambda serializedLambda(Object fn) {
    if (!(fn instanceof Serializable) || !fn.getClass().isSynthetic()) return null;
    try {
      Method writeReplace = fn.getClass().getDeclaredMethod("writeReplace");
      writeReplace.setAccessible(true);
      Object r = writeReplace.invoke(fn);
      return r instanceof SerializedLambda s ? s : null;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  /** The names and declared types of a function's own parameters (without captured values or a receiver). */
  private record Signature(List<String> names, List<Class<?>> types) {}

  private static Signature signature(String cls, String method, String descriptor, int arity) {
    try {
      Class<?> c = Class.forName(cls, false, Thread.currentThread().getContextClassLoader());
      for (Method m : c.getDeclaredMethods()) {
        if (m.getName().equals(method) && descriptor(m).equals(descriptor)) {
          var params = m.getParameters();
          // Captured values come first for lambdas; for instance method refs the receiver is not a parameter.
          int skip = Modifier.isStatic(m.getModifiers()) ? Math.max(0, params.length - arity) : 0;
          List<String> names = new ArrayList<>();
          List<Class<?>> types = new ArrayList<>();
          for (int i = skip; i < params.length && names.size() < arity; i++) {
            names.add(params[i].isNamePresent() ? params[i].getName() : "argument " + (names.size()));
            types.add(params[i].getType());
          }
          if (names.size() < arity) return new Signature(padded(names, arity), null);
          return new Signature(names, types);
        }
      }
    } catch (ClassNotFoundException | LinkageError | SecurityException e) {
      // Fall through to positional names.
    }
    return new Signature(defaultNames(arity), null);
  }

  private static List<String> padded(List<String> names, int arity) {
    List<String> r = new ArrayList<>(names);
    while (r.size() < arity) r.add("argument " + r.size());
    return r;
  }

  private static String descriptor(Method m) {
    StringBuilder sb = new StringBuilder("(");
    for (Class<?> p : m.getParameterTypes()) sb.append(p.descriptorString());
    return sb.append(')').append(m.getReturnType().descriptorString()).toString();
  }

  private static List<String> defaultNames(int arity) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < arity; i++) names.add("argument " + i);
    return names;
  }

  public Object function() { return function; }

  public int arity() { return arity; }

  /** {@code Ex.selu}, or {@code lambda in Ex.main}. */
  public String name() { return name; }

  public List<String> parameterNames() { return parameterNames; }

  /** Whether parameter {@code i} is known by its name (the class was compiled with {@code -parameters}). */
  public boolean hasParameterName(int i) { return !parameterNames.get(i).equals("argument " + i); }

  /**
   * Parameter {@code i} as messages name it, with the user's line that made the call:
   * {@code argument 'x' (parameter 0 of MyModel.loss, Main.java:42)}. Without {@code -parameters} the name is
   * unknown and the message says how to get it.
   */
  public String describeParameter(int i) {
    String where = SourceLocation.userFrame()
        .map(f -> ", " + (f.getFileName() == null ? f.getClassName() : f.getFileName()) + ":" + f.getLineNumber())
        .orElse("");
    return hasParameterName(i)
        ? "argument '" + parameterNames.get(i) + "' (parameter " + i + " of " + name + where + ")"
        : "argument " + i + " of " + name + " (" + (where.isEmpty() ? "" : where.substring(2) + "; ")
            + "compile with -parameters to see its name)";
  }

  /** Equal for equal lambdas (same code, equal captures); use as a cache key. */
  public Object identity() { return identity; }

  /** Calls the function with {@code args}, after checking them against its declared parameter types. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public Object invoke(Object... args) {
    checkArguments(args);
    return switch (arity) {
      case 1 -> ((Fn1) function).apply(args[0]);
      case 2 -> ((Fn2) function).apply(args[0], args[1]);
      case 3 -> ((Fn3) function).apply(args[0], args[1], args[2]);
      default -> ((Fn4) function).apply(args[0], args[1], args[2], args[3]);
    };
  }

  /**
   * Fails with a message naming the parameter when an argument cannot be passed to the function: the wrong
   * count, or a value of the wrong type (which would otherwise surface as a {@code ClassCastException} from
   * inside the call). A Java number stands for an {@code Array} parameter, as a Python scalar does in JAX.
   */
  public void checkArguments(Object[] args) {
    if (args.length != arity) {
      throw new InvalidArgumentException(name + " takes " + arity + " argument" + (arity == 1 ? "" : "s") + " "
          + parameterNames + ", but was called with " + args.length + "." + SourceLocation.suffix());
    }
    if (parameterTypes == null) return;
    for (int i = 0; i < arity; i++) {
      Class<?> want = parameterTypes.get(i);
      Object arg = args[i];
      if (arg == null && want == Array.class) ArgumentCheck.array(name, parameterNames.get(i), null);
      if (arg == null || accepts(want, arg)) continue;
      throw new InvalidArgumentException(describeParameter(i) + " must be a "
          + want.getSimpleName() + ", but it is a " + arg.getClass().getName() + ": " + abbreviated(arg) + ". "
          + (want == Array.class ? "Pass an Array (Jnp.array(...)), or a Java number for a scalar."
              : arg instanceof Array ? "A Java value the function computes with while tracing must be static: "
                  + "list its position in JitOptions.staticArgnums (or its name in @Jit(staticArgs = ...))."
              : "Pass a " + want.getSimpleName() + ".") + SourceLocation.suffix());
    }
  }

  private static boolean accepts(Class<?> want, Object arg) {
    if (want.isPrimitive()) want = MethodType.methodType(want).wrap().returnType();
    if (want.isInstance(arg)) return true;
    return want == Array.class && (arg instanceof Number || arg instanceof Boolean);
  }

  private static String abbreviated(Object arg) {
    String s = String.valueOf(arg);
    return s.length() > 60 ? s.substring(0, 57) + "..." : s;
  }

  @Override
  public String toString() { return name + Arrays.toString(parameterNames.toArray()); }
}
