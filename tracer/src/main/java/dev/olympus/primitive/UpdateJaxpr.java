package dev.olympus.primitive;

import dev.olympus.DType;
import dev.olympus.ir.Atom;
import dev.olympus.ir.Equation;
import dev.olympus.ir.Ir;
import dev.olympus.ir.PrintedAsIr;
import dev.olympus.ir.Var;
import dev.olympus.types.AbstractValue;
import dev.olympus.types.Shape;
import java.util.List;

/**
 * The {@code update_jaxpr} parameter of a combining scatter: how an update meets the element it lands on, one
 * scalar {@code combiner} of {@code dtype}, printed as JAX prints it ({@code { lambda ; i:f32[] j:f32[]. let
 * k:f32[] = add i j in (k,) }}). It documents the primitive; the primitive itself decides what it computes.
 */
public record UpdateJaxpr(BinaryPrimitive combiner, DType dtype) implements PrintedAsIr {
  @Override
  public Ir asIr() {
    AbstractValue scalar = new AbstractValue(dtype, Shape.of(), false);
    Var current = new Var(scalar), update = new Var(scalar), out = new Var(scalar);
    Equation combine = new Equation(combiner, List.<Atom>of(current, update), Params.NONE, List.of(out));
    return new Ir(List.of(), List.of(current, update), List.of(combine), List.<Atom>of(out));
  }
}
