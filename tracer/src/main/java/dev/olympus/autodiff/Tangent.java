package dev.olympus.autodiff;

import dev.olympus.Array;
import dev.olympus.lax.Lax;
import dev.olympus.storage.Storage;
import dev.olympus.types.AbstractValue;
import java.util.Arrays;
import java.util.function.UnaryOperator;

/**
 * A tangent (forward mode) or cotangent (reverse mode): either an array, or a symbolic {@link Zero} that
 * stands for zeros of a known abstract value without computing or storing them. Symbolic zeros are why an
 * integer input, a constant, or an unused branch costs nothing under {@code grad}/{@code jvp}: rules skip
 * them, and a primitive whose inputs all have zero tangents is never differentiated at all.
 */
public sealed interface Tangent permits Zero, Tangent.Dense {
  /** The abstract value of the (co)tangent: that of the primal it belongs to. */
  AbstractValue aval();

  /** A materialized (co)tangent. */
  record Dense(Array value) implements Tangent {
    @Override
    public AbstractValue aval() { return value.aval(); }
  }

  static Tangent of(Array value) { return new Dense(value); }

  static Zero zero(AbstractValue aval) { return new Zero(aval); }

  default boolean isZero() { return this instanceof Zero; }

  /** The array of a dense (co)tangent; rules call it only after checking {@link #isZero()}. */
  default Array value() {
    if (this instanceof Dense d) return d.value();
    throw new IllegalStateException("a symbolic zero of " + aval() + " has no array; use instantiate()");
  }

  /** The array, materializing zeros for a symbolic zero (used where a primitive needs every operand). */
  default Array instantiate() {
    if (this instanceof Dense d) return d.value();
    return zeros(aval());
  }

  /**
   * {@code f} applied to a dense (co)tangent; a symbolic zero stays zero with {@code outAval}. Valid for the
   * linear maps that jvp and transpose rules apply, which send zero to zero.
   */
  default Tangent map(AbstractValue outAval, UnaryOperator<Array> f) {
    return this instanceof Dense d ? of(f.apply(d.value())) : zero(outAval);
  }

  /**
   * The sum of {@code parts}, skipping symbolic zeros, shaped as {@code out}: a scalar part contributing to a
   * non-scalar result (the {@code x} of {@code add(x, y)} with 0-d {@code x}) is broadcast.
   */
  static Tangent sum(AbstractValue out, Tangent... parts) {
    Array acc = null;
    for (Tangent p : parts) {
      if (p.isZero()) continue;
      acc = acc == null ? p.value() : Lax.add(acc, p.value());
    }
    if (acc == null) return zero(out);
    if (!Arrays.equals(acc.shape(), out.shape().dims())) {
      acc = Lax.broadcastInDim(acc, out.shape().dims(), new int[0]);
    }
    return of(acc);
  }

  /** Concrete zeros of {@code aval} (a literal for a scalar, a broadcast of one otherwise). */
  static Array zeros(AbstractValue aval) {
    Array zero = Array.fromStorage(Storage.scalar(aval.dtype(), 0), false);
    if (aval.rank() == 0) return zero;
    return Lax.broadcastInDim(zero, aval.shape().dims(), new int[0]);
  }
}
