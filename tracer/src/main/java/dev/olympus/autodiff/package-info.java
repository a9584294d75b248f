/**
 * Automatic differentiation, as JAX does it. Forward mode is an interpretation of primitives
 * ({@link dev.olympus.autodiff.JvpTrace}) that runs each primitive's JVP rule on primal/tangent pairs, with
 * symbolic {@link dev.olympus.autodiff.Zero} tangents for values that do not depend on the inputs. Reverse mode
 * is forward mode staged and then transposed: {@link dev.olympus.autodiff.Linearized} records the tangent
 * operations on a tape (the primal ones go to the enclosing trace), and {@link dev.olympus.autodiff.BackwardPass}
 * runs the tape backwards with each linear primitive's transpose rule. The rules live with their primitives
 * ({@link dev.olympus.primitive.Primitive#jvp}, {@link dev.olympus.primitive.Primitive#transpose});
 * {@link dev.olympus.autodiff.Grad} holds the user-facing grad, valueAndGrad, jvp and vjp.
 *
 * <p>Control-flow rules differentiate their sub-IRs with {@link dev.olympus.autodiff.JvpIr} (forward mode: one
 * IR computing primals and tangents) and {@link dev.olympus.autodiff.LinearizedIr} (reverse mode: the primal
 * part and the tangent map as two IRs, so that only the tangent map is recorded and transposed), and transpose
 * them with {@link dev.olympus.autodiff.BackwardPass}. A rule knows which of the two it must build from
 * {@link dev.olympus.autodiff.JvpTrace#ruleIsLinearizing()}.
 */
package dev.olympus.autodiff;
