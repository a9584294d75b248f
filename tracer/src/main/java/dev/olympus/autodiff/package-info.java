/**
 * Automatic differentiation, as JAX does it. Forward mode is an interpretation of primitives
 * ({@link dev.olympus.autodiff.JvpTrace}) that runs each primitive's JVP rule on primal/tangent pairs, with
 * symbolic {@link dev.olympus.autodiff.Zero} tangents for values that do not depend on the inputs. Reverse mode
 * is forward mode staged and then transposed: {@link dev.olympus.autodiff.Linearized} records the tangent
 * operations on a tape (the primal ones go to the enclosing trace), and {@link dev.olympus.autodiff.BackwardPass}
 * runs the tape backwards with each linear primitive's transpose rule. The rules live with their primitives
 * ({@link dev.olympus.primitive.Primitive#jvp}, {@link dev.olympus.primitive.Primitive#transpose});
 * {@link dev.olympus.autodiff.Grad} holds the user-facing grad, valueAndGrad, jvp and vjp.
 */
package dev.olympus.autodiff;
