package dev.olympus.primitive;

import dev.olympus.Array;
import dev.olympus.DType;
import dev.olympus.autodiff.JvpResult;
import dev.olympus.autodiff.LinearInputs;
import dev.olympus.autodiff.Tangent;
import dev.olympus.batching.Batched;
import dev.olympus.errors.OlympusException;
import dev.olympus.storage.Storage;
import dev.olympus.trace.TraceStack;
import dev.olympus.types.AbstractValue;
import java.util.ArrayList;
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
   * Evaluates on concrete data of any dtype; every caller outside a primitive's own rules uses this, not
   * {@link #evaluate}. Narrow operands (bf16, f16, i8, i16, u8, u16, u32) are widened to their
   * {@link DType#computeType()}, evaluated there, and each result converted to the dtype the shape rule gives:
   * one rounding (or two's-complement wrap) per primitive, as XLA's CPU back end computes bf16 in f32. That is
   * exact for every integer op that wraps, divides or compares, since the compute type holds every value of the
   * narrow one. A primitive whose result depends on the operands' bit width overrides
   * {@link #evaluatesNarrowTypes} and handles them itself.
   */
  public final List<Storage> run(List<Storage> inputs, Params params) {
    boolean narrow = false;
    for (Storage s : inputs) narrow |= s.dtype().isNarrow();
    if (!narrow || evaluatesNarrowTypes(params)) return evaluate(inputs, params);
    List<AbstractValue> avals = new ArrayList<>(inputs.size());
    List<Storage> wide = new ArrayList<>(inputs.size());
    for (Storage s : inputs) {
      avals.add(new AbstractValue(s.dtype(), s.shape(), false));
      wide.add(s.dtype().isNarrow() ? s.convert(s.dtype().computeType()) : s);
    }
    List<AbstractValue> outAvals = abstractEval(avals, params);
    List<Storage> outs = new ArrayList<>(evaluate(wide, params));
    for (int i = 0; i < outs.size(); i++) {
      DType want = outAvals.get(i).dtype();
      if (outs.get(i).dtype() != want) outs.set(i, outs.get(i).convert(want));
    }
    return outs;
  }

  /**
   * Whether {@link #evaluate} takes narrow operands as they are: true for primitives that see bit widths
   * (shifts, bitcasts) and for control flow, whose sub-IRs widen equation by equation.
   */
  protected boolean evaluatesNarrowTypes(Params params) {
    return !CompiledSubIrs.of(params).isEmpty();
  }

  /** Binds with the innermost trace: evaluates, records, or transforms. */
  public final List<Array> bind(Params params, List<Array> args) {
    return TraceStack.bind(this, args, params);
  }

  /** Binds a primitive with exactly one result. */
  public final Array bind1(Params params, Array... args) {
    return TraceStack.bind(this, List.of(args), params).get(0);
  }

  /**
   * Whether an equation of this primitive does something besides computing its results (prints, calls the
   * host), so it must be neither removed when its results are unused nor moved or merged with another
   * (JAX's effects). Control flow has the effects of the IRs it runs.
   */
  public boolean hasEffects(Params params) { return false; }

  /**
   * Forward-mode rule (JAX's {@code primitive_jvps}): the primal results for {@code primals} and their
   * tangents for input {@code tangents}. A tangent may be a symbolic {@link dev.olympus.autodiff.Zero} (an
   * integer input, a constant, an input not differentiated); at least one is not. The primal results must be
   * computed by binding primitives on {@code primals} and the tangents by primitives that are linear in the
   * tangents, with a {@link #transpose} rule: reverse mode stages exactly those tangent operations and then
   * transposes them.
   */
  public JvpResult jvp(List<Array> primals, List<Tangent> tangents, Params params) {
    throw new OlympusException("no differentiation rule for " + name + ": grad, jvp and vjp cannot see through "
        + "this primitive yet. Express the computation with differentiable operations, or compute it outside "
        + "the differentiated function.");
  }

  /**
   * Reverse-mode rule for a primitive that is linear in its undefined inputs (JAX's {@code primitive_transposes}):
   * given the cotangents of the results ({@code cotangents}, not all symbolic zeros), the cotangent of every
   * undefined input; entries for defined (residual) inputs are ignored and may be zeros.
   */
  public List<Tangent> transpose(List<Tangent> cotangents, LinearInputs inputs, Params params) {
    throw new OlympusException("no transpose rule for " + name + ": it is not linear in its inputs, so reverse mode "
        + "cannot run it backwards. (A JVP rule that applies " + name + " to tangents is a bug in that rule.)");
  }

  /**
   * Batching rule (JAX's {@code primitive_batchers}): the results for operands {@code args} of which those with
   * {@code dims[i] >= 0} carry a batch along that axis (others, {@link dev.olympus.batching.BatchAxis#NOT_BATCHED},
   * are shared by the whole batch; at least one operand is batched), and the batch axis of each result.
   */
  public Batched batch(List<Array> args, int[] dims, Params params) {
    throw new OlympusException("no batching rule for " + name + ": vmap cannot map it over a batch axis yet. "
        + "Loop over the batch in Java, or express the computation with other operations.");
  }

  /**
   * The JVP of a primitive that is linear in all its operands (reshape, slice, reduce_sum, ...): the tangent is
   * the primitive applied to the tangents, with symbolic zeros materialized only when some tangent is not zero.
   */
  protected final JvpResult linearJvp(List<Array> primals, List<Tangent> tangents, Params params) {
    List<Array> outs = bind(params, primals);
    List<Array> ts = new ArrayList<>(tangents.size());
    for (Tangent t : tangents) ts.add(t.instantiate());
    List<Array> tangentOuts = bind(params, ts);
    List<Tangent> result = new ArrayList<>(outs.size());
    for (Array t : tangentOuts) result.add(Tangent.of(t));
    return new JvpResult(outs, result);
  }

  /** A strongly typed scalar of {@code like}'s dtype, for constants in rules (JAX's {@code _const}). */
  protected static Array scalarLike(Array like, double value) {
    return Array.fromStorage(Storage.scalar(like.dtype(), value), false);
  }

  @Override
  public String toString() { return name; }
}
