package dev.olympus.types;

import dev.olympus.DType;

/**
 * What tracing knows of an array: dtype, shape, and whether its type is weak (it came from a Java
 * literal and yields to the other operand in promotion). JAX calls this a {@code ShapedArray}.
 */
public record AbstractValue(DType dtype, Shape shape, boolean weak) {

  public static AbstractValue of(DType dtype, int... dims) {
    return new AbstractValue(dtype, Shape.of(dims), false);
  }

  public AbstractValue withDtype(DType d) { return new AbstractValue(d, shape, weak); }

  public AbstractValue withShape(Shape s) { return new AbstractValue(dtype, s, weak); }

  public AbstractValue strong() { return weak ? new AbstractValue(dtype, shape, false) : this; }

  public int rank() { return shape.rank(); }

  /** {@code f32[3,4]}: the jaxpr spelling (weak types are not shown, as in jaxprs). */
  @Override
  public String toString() { return dtype.shortName() + "[" + shape.commaList() + "]"; }
}
