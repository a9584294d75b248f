package dev.olympus.lax;

import dev.olympus.Array;
import dev.olympus.DType;
import dev.olympus.Fn2;
import dev.olympus.errors.InvalidArgumentException;
import dev.olympus.errors.SourceLocation;
import dev.olympus.ir.Equation;
import dev.olympus.ir.Ir;
import dev.olympus.numpy.Jnp;
import dev.olympus.primitive.BinaryPrimitive;
import dev.olympus.primitive.ReduceWindow;
import dev.olympus.types.AbstractValue;
import dev.olympus.types.Shape;
import java.util.List;

/**
 * Which monoid a {@code reduce_window} computation is, as JAX dispatches {@code lax.reduce_window} to
 * {@code reduce_window_sum/max/min}: the computation is traced on two scalars and must be exactly one
 * {@code add}, {@code max} or {@code min} of them.
 */
final class WindowReductions {
  private WindowReductions() {}

  static ReduceWindow monoid(String op, Fn2<Array, Array, Array> computation, DType dtype) {
    AbstractValue scalar = new AbstractValue(dtype, Shape.of(), false);
    Subfunction traced;
    try {
      traced = Subfunction.trace(op + " computation", List.of(scalar, scalar), List.of("a", "b"),
          args -> computation.apply(args.get(0), args.get(1)));
    } catch (RuntimeException e) {
      throw notMonoid(op, "it failed on two scalars: " + e.getMessage());
    }
    Ir ir = traced.ir().ir();
    if (!traced.consts().isEmpty() || ir.equations().size() != 1 || ir.outputs().size() != 1) {
      throw notMonoid(op, "its IR is " + ir);
    }
    Equation e = ir.equations().get(0);
    boolean onArguments = e.inputs().size() == 2 && ir.invars().containsAll(e.inputs())
        && !e.inputs().get(0).equals(e.inputs().get(1)) && ir.outputs().get(0).equals(e.outputs().get(0));
    if (!onArguments) throw notMonoid(op, "its IR is " + ir);
    if (e.primitive() == BinaryPrimitive.ADD) return ReduceWindow.REDUCE_WINDOW_SUM;
    if (e.primitive() == BinaryPrimitive.MAX) return ReduceWindow.REDUCE_WINDOW_MAX;
    if (e.primitive() == BinaryPrimitive.MIN) return ReduceWindow.REDUCE_WINDOW_MIN;
    throw notMonoid(op, "it computes " + e.primitive().name());
  }

  /**
   * The windows reduced from {@code initValue}: a sum must start from 0 (padding would count it once per padded
   * element); for max and min, whose padding is absorbed, any start is the result's floor or ceiling.
   */
  static Array withInit(String op, ReduceWindow monoid, Array reduced, double initValue) {
    if (monoid == ReduceWindow.REDUCE_WINDOW_SUM) {
      if (initValue != 0) {
        throw new InvalidArgumentException(op + ": a window sum starts from 0, got initValue " + initValue
            + "; add the constant to the result instead." + SourceLocation.suffix());
      }
      return reduced;
    }
    boolean max = monoid == ReduceWindow.REDUCE_WINDOW_MAX;
    if (initValue == (max ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY)) return reduced;
    Array init = Lax.convertElementType(Jnp.literal(initValue), reduced.dtype(), false);
    return max ? Lax.max(reduced, init) : Lax.min(reduced, init);
  }

  private static InvalidArgumentException notMonoid(String op, String why) {
    return new InvalidArgumentException(op + ": the computation must be Lax::add, Lax::max or Lax::min of its two "
        + "arguments (" + why + "); express other reductions over windows with Lax.convGeneralDilated or slices."
        + SourceLocation.suffix());
  }
}
