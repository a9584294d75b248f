package dev.olympus.ir;

import dev.olympus.storage.ArrayFormat;
import dev.olympus.storage.Storage;
import dev.olympus.types.AbstractValue;

/** A 0-d constant inlined into an equation, printed {@code 2.0:f32[]}. */
public record Literal(Storage value, AbstractValue aval) implements Atom {
  public Literal {
    if (value.shape().rank() != 0) throw new IllegalArgumentException("literals are scalars, got " + aval);
  }

  public double doubleValue() { return value.getDouble(0); }

  public long longValue() { return value.getLong(0); }

  @Override
  public boolean equals(Object o) {
    // Same dtype and weak type (aval) and the same bits: then the printed text is the same too.
    return o instanceof Literal l && l.aval.equals(aval) && l.longValue() == longValue()
        && Double.doubleToLongBits(doubleValue()) == Double.doubleToLongBits(l.doubleValue());
  }

  @Override
  public int hashCode() { return aval.hashCode() * 31 + Double.hashCode(doubleValue()); }

  public String text() { return ArrayFormat.literal(value, aval.weak()); }

  @Override
  public String toString() { return text() + ":" + aval; }
}
