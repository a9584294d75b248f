package dev.olympus.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * {@code jax.jit} at javac time. For a class {@code Foo} with {@code @Jit} methods, the Olympus annotation
 * processor generates {@code Foo_Jit} in the same package, with one public static method of the same signature
 * per {@code @Jit} method. Calling {@code Foo_Jit.m(...)} runs the fused kernel generated at javac time when the
 * arguments fit the shapes javac knew (see {@link Shape}), and otherwise traces {@code Foo.m} at run time,
 * compiles and caches it, as {@code Olympus.jit} does. Calling {@code Foo.m(...)} directly still runs eagerly.
 *
 * <pre>{@code
 * @Jit
 * public static Array selu(Array x) { ... }
 *
 * @Jit(staticArgs = "n")                     // jax.jit(g, static_argnames=['n'])
 * public static Array g(Array x, int n) { ... }
 * }</pre>
 *
 * <p>The method must be static and not private; its parameters are {@code Array}s, records of {@code Array}s
 * or {@code List<Array>}, and every other parameter (an {@code int}, a {@code double}, an enum...) must be
 * named in {@link #staticArgs}. A Java {@code if} or {@code while} on a traced value, an {@code intValue()}
 * of one, or a shape mismatch is a javac error at that line.
 *
 * <p>Class retention: the annotation is read by javac (and by Gradle's incremental processing) and adds
 * nothing to the application's run-time class path.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Jit {
  /**
   * Names of the parameters whose values are static (JAX's {@code static_argnames}): Java values known when
   * tracing, so Java control flow may use them. Each distinct value is traced and compiled once, at run time.
   */
  String[] staticArgs() default {};
}
