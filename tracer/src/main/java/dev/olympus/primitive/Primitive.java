package dev.olympus.primitive;

import dev.olympus.Array;
import dev.olympus.storage.Storage;
import dev.olympus.trace.TraceStack;
import dev.olympus.types.AbstractValue;
import java.util.List;

/**
 * A unit of computation that every trace understands (JAX's {@code Primitive}). Each subclass keeps all of
 * its rules in one place: the shape/dtype rule ({@link #abstractEval}), the eager implementation
 * ({@link #evaluate}), and the transformation rules added by the transformations that need them.
 *
 * <p>User code never calls {@link #evaluate} directly: {@link #bind} hands the operation to the innermost
 * active trace, which evaluates eagerly, records an equation, or applies a transformation.
 */
public abstract class Primitive {
  private final String name;

  protected Primitive(String name) {
    this.name = name;
  }

  /** The name the IR prints, e.g. {@code exp}, {@code reduce_sum}. */
  public final String name() { return name; }

  /**
   * The shape and dtype rule: output avals for input avals, or a {@link dev.olympus.errors.ShapeException}
   * that names this primitive and the offending shapes.
   */
  public abstract List<AbstractValue> abstractEval(List<AbstractValue> inputs, Params params);

  /** The eager implementation on concrete data; inputs already passed {@link #abstractEval}. */
  public abstract List<Storage> evaluate(List<Storage> inputs, Params params);

  /**
   * Whether an equation of this primitive does something besides computing its results (prints, calls the
   * host), so it must be neither removed when its results are unused nor moved or merged with another
   * (JAX's effects). Control flow has the effects of the IRs it runs.
   */
  public boolean hasEffects(Params params) { return false; }

  /** Binds with the innermost trace: evaluates, records, or transforms. */
  public final List<Array> bind(Params params, List<Array> args) {
    return TraceStack.bind(this, args, params);
  }

  /** Binds a primitive with exactly one result. */
  public final Array bind1(Params params, Array... args) {
    return TraceStack.bind(this, List.of(args), params).get(0);
  }

  @Override
  public String toString() { return name; }
}
