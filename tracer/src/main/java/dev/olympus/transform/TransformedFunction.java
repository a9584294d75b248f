package dev.olympus.transform;

import dev.olympus.Fn1;
import dev.olympus.Fn2;
import dev.olympus.Fn3;
import dev.olympus.Fn4;
import java.util.List;
import java.util.function.Function;

/**
 * A function that a transformation returned ({@code grad(f)}, {@code vmap(f)}, ...). It carries a readable
 * name ("grad of Ex.fun"), the parameter names of the function it transforms, and an identity made of the
 * transformation, its settings and the identity of {@code f}. Two {@code grad(Ex::fun)} built separately are
 * therefore equal, so a jit of either hits the same cache entry, which a lambda returned by the transformation
 * could not do (its captured {@code Ex::fun} object differs each time).
 */
public abstract sealed class TransformedFunction {
  private final String name;
  private final List<String> parameterNames;
  private final Object identity;
  private final transient Function<Object[], Object> body;

  private TransformedFunction(String name, List<String> parameterNames, Object identity,
      Function<Object[], Object> body) {
    this.name = name;
    this.parameterNames = List.copyOf(parameterNames);
    this.identity = identity;
    this.body = body;
  }

  public String name() { return name; }

  public List<String> parameterNames() { return parameterNames; }

  public Object identity() { return identity; }

  protected final Object call(Object... args) { return body.apply(args); }

  /**
   * The identity of a transformed function: which transformation, its settings, and the transformed function's
   * own identity (see {@link FunctionInfo#identity()}).
   */
  public static Object identityOf(String transformation, Object settings, FunctionInfo f) {
    return List.of(transformation, settings, f.identity());
  }

  public static <A, R> Fn1<A, R> of1(String name, List<String> params, Object identity, Function<Object[], Object> body) {
    return new One<>(name, params, identity, body);
  }

  public static <A, B, R> Fn2<A, B, R> of2(String name, List<String> params, Object identity,
      Function<Object[], Object> body) {
    return new Two<>(name, params, identity, body);
  }

  public static <A, B, C, R> Fn3<A, B, C, R> of3(String name, List<String> params, Object identity,
      Function<Object[], Object> body) {
    return new Three<>(name, params, identity, body);
  }

  public static <A, B, C, D, R> Fn4<A, B, C, D, R> of4(String name, List<String> params, Object identity,
      Function<Object[], Object> body) {
    return new Four<>(name, params, identity, body);
  }

  @Override
  public final boolean equals(Object o) {
    return o instanceof TransformedFunction t && t.getClass() == getClass() && t.identity.equals(identity);
  }

  @Override
  public final int hashCode() { return identity.hashCode(); }

  @Override
  public String toString() { return name; }

  private static final class One<A, R> extends TransformedFunction implements Fn1<A, R> {
    private static final long serialVersionUID = 1L;

    One(String name, List<String> params, Object identity, Function<Object[], Object> body) {
      super(name, params, identity, body);
    }

    @SuppressWarnings("unchecked")
    @Override
    public R apply(A a) { return (R) call(a); }
  }

  private static final class Two<A, B, R> extends TransformedFunction implements Fn2<A, B, R> {
    private static final long serialVersionUID = 1L;

    Two(String name, List<String> params, Object identity, Function<Object[], Object> body) {
      super(name, params, identity, body);
    }

    @SuppressWarnings("unchecked")
    @Override
    public R apply(A a, B b) { return (R) call(a, b); }
  }

  private static final class Three<A, B, C, R> extends TransformedFunction implements Fn3<A, B, C, R> {
    private static final long serialVersionUID = 1L;

    Three(String name, List<String> params, Object identity, Function<Object[], Object> body) {
      super(name, params, identity, body);
    }

    @SuppressWarnings("unchecked")
    @Override
    public R apply(A a, B b, C c) { return (R) call(a, b, c); }
  }

  private static final class Four<A, B, C, D, R> extends TransformedFunction implements Fn4<A, B, C, D, R> {
    private static final long serialVersionUID = 1L;

    Four(String name, List<String> params, Object identity, Function<Object[], Object> body) {
      super(name, params, identity, body);
    }

    @SuppressWarnings("unchecked")
    @Override
    public R apply(A a, B b, C c, D d) { return (R) call(a, b, c, d); }
  }
}
