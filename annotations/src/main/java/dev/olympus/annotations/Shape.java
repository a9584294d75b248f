package dev.olympus.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The dtype and shape an {@code Array} parameter of a {@link Jit} method has, written as jaxprs print abstract
 * values, so javac can trace the method and generate a kernel for it:
 *
 * <pre>{@code
 * @Jit
 * public static Array dense(@Shape("f32[b,784]") Array x, @Shape("f32[784,512]") Array w,
 *                           @Shape("f32[512]") Array bias) { ... }
 * }</pre>
 *
 * <ul>
 *   <li>dtypes: {@code f32 f64 bf16 f16 i8 i16 i32 i64 u8 u16 u32 bool};</li>
 *   <li>a dimension is a size ({@code 784}) or a name ({@code b}): a symbolic dimension, one name standing for
 *       one size across all parameters of the call, as in {@code jax.export.symbolic_shape("b, 784")}. The
 *       kernel takes it as a loop bound, so one kernel serves every batch size;</li>
 *   <li>{@code f32[]} is a scalar; {@code f32[...]} is any shape (jaxtyping's {@code "..."}), which suits
 *       elementwise code: all {@code [...]} parameters of a method share one shape.</li>
 * </ul>
 *
 * <p>An {@code Array} parameter without {@code @Shape} is {@code f32[...]}. Calls whose arguments do not fit
 * take the run-time path ({@code Olympus.jit}), so a declaration narrows nothing: it only says which call javac
 * prepares a kernel for. On a record component, it declares that component's shape wherever the record is a
 * {@code @Jit} parameter.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
public @interface Shape {
  /** The abstract value in jaxpr spelling, e.g. {@code "f32[b,784]"}, {@code "i32[]"}, {@code "f32[...]"}. */
  String value();
}
