package dev.olympus.transform;

import dev.olympus.Fn1;
import dev.olympus.Fn2;
import dev.olympus.Fn3;
import dev.olympus.Fn4;
import java.io.Serializable;
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

  private FunctionInfo(Object function, int arity, String name, List<String> parameterNames, Object identity) {
    this.function = function;
    this.arity = arity;
    this.name = name;
    this.parameterNames = parameterNames;
    this.identity = identity;
  }

  /** The identity of a lambda: where its code is, and what it captured. */
  public record LambdaIdentity(String implClass, String implMethod, String implSignature, List<Object> captured) {}

  public static FunctionInfo of(Object fn) {
    Objects.requireNonNull(fn, "function");
    int arity = fn instanceof Fn1 ? 1 : fn instanceof Fn2 ? 2 : fn instanceof Fn3 ? 3 : fn instanceof Fn4 ? 4 : -1;
    if (arity < 0) throw new IllegalArgumentException("not an Olympus function type: " + fn.getClass());
    if (fn instanceof TransformedFunction t) {
      return new FunctionInfo(fn, arity, t.name(), t.parameterNames(), t.identity());
    }
    SerializedLambda lambda = serializedLambda(fn);
    if (lambda == null) {
      return new FunctionInfo(fn, arity, fn.getClass().getSimpleName(), defaultNames(arity), fn);
    }
    List<Object> captured = new ArrayList<>();
    for (int i = 0; i < lambda.getCapturedArgCount(); i++) captured.add(lambda.getCapturedArg(i));
    String cls = lambda.getImplClass().replace('/', '.');
    String simple = cls.substring(cls.lastIndexOf('.') + 1);
    String method = lambda.getImplMethodName();
    boolean synthetic = method.startsWith("lambda$");
    String name = synthetic ? "lambda in " + simple + "." + method.split("\\$")[1] : simple + "." + method;
    List<String> names = parameterNames(cls, method, lambda.getImplMethodSignature(), arity, captured.size());
    Object id = new LambdaIdentity(cls, method, lambda.getImplMethodSignature(), captured);
    return new FunctionInfo(fn, arity, name, names, id);
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

  private static List<String> parameterNames(String cls, String method, String signature, int arity, int captured) {
    try {
      Class<?> c = Class.forName(cls, false, Thread.currentThread().getContextClassLoader());
      for (Method m : c.getDeclaredMethods()) {
        if (m.getName().equals(method) && descriptor(m).equals(signature)) {
          var params = m.getParameters();
          // Captured values come first for lambdas; for instance method refs the receiver is not a parameter.
          int skip = Modifier.isStatic(m.getModifiers()) ? Math.max(0, params.length - arity) : 0;
          List<String> names = new ArrayList<>();
          for (int i = skip; i < params.length && names.size() < arity; i++) {
            names.add(params[i].isNamePresent() ? params[i].getName() : "argument " + (names.size()));
          }
          while (names.size() < arity) names.add("argument " + names.size());
          return names;
        }
      }
    } catch (ClassNotFoundException | LinkageError | SecurityException e) {
      // Fall through to positional names.
    }
    return defaultNames(arity);
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

  /** Equal for equal lambdas (same code, equal captures); use as a cache key. */
  public Object identity() { return identity; }

  /** Calls the function with {@code args}. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public Object invoke(Object... args) {
    if (args.length != arity) {
      throw new IllegalArgumentException(name + " takes " + arity + " arguments, got " + args.length);
    }
    return switch (arity) {
      case 1 -> ((Fn1) function).apply(args[0]);
      case 2 -> ((Fn2) function).apply(args[0], args[1]);
      case 3 -> ((Fn3) function).apply(args[0], args[1], args[2]);
      default -> ((Fn4) function).apply(args[0], args[1], args[2], args[3]);
    };
  }

  @Override
  public String toString() { return name + Arrays.toString(parameterNames.toArray()); }
}
