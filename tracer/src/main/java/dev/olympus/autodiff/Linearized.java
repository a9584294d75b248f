package dev.olympus.autodiff;

import dev.olympus.Array;
import dev.olympus.ir.ClosedIr;
import dev.olympus.trace.IrTrace;
import dev.olympus.trace.TraceStack;
import dev.olympus.types.AbstractValue;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A function evaluated at a point together with its derivative there as a linear IR (JAX's
 * {@code linearize}): the primal results, and the tangent computation staged separately so that reverse mode
 * can transpose it ({@link #pullback}).
 *
 * <p>How it is built, as JAX does it: a staging trace (the <em>tape</em>, pushed without becoming the dynamic
 * trace) sits below a {@link JvpTrace} whose input tangents are the tape's inputs. Each JVP rule computes
 * primal values from primals only, so those operations go past the tape to the enclosing trace (evaluated now,
 * or staged into the enclosing IR in program order); tangent operations read tape variables, so the tape
 * records them, with the primal values they use as its constants (the residuals).
 */
public final class Linearized {
  private final List<Array> primalsOut;
  private final ClosedIr linear;
  private final List<AbstractValue> inAvals;
  private final boolean[] differentiable;
  private final List<AbstractValue> outAvals;
  private final int[] outputIndex;

  private Linearized(List<Array> primalsOut, ClosedIr linear, List<AbstractValue> inAvals, boolean[] differentiable,
      List<AbstractValue> outAvals, int[] outputIndex) {
    this.primalsOut = List.copyOf(primalsOut);
    this.linear = linear;
    this.inAvals = List.copyOf(inAvals);
    this.differentiable = differentiable.clone();
    this.outAvals = List.copyOf(outAvals);
    this.outputIndex = outputIndex.clone();
  }

  /**
   * Linearizes {@code f} at {@code primals}. {@code differentiable[i]} false makes input {@code i} a constant of
   * the differentiation (a symbolic zero tangent, and a zero cotangent from {@link #pullback}).
   */
  public static Linearized of(String description, Function<List<Array>, List<Array>> f, List<Array> primals,
      boolean[] differentiable, List<String> names) {
    IrTrace tape = new IrTrace("linearization of " + description);
    JvpTrace jvp = new JvpTrace("differentiation of " + description, true);
    List<Array> outs;
    List<AbstractValue> inAvals = new ArrayList<>();
    TraceStack.push(tape);
    try {
      TraceStack.push(jvp);
      try {
        List<Array> inputs = new ArrayList<>(primals.size());
        for (int i = 0; i < primals.size(); i++) {
          Array p = primals.get(i);
          inAvals.add(p.aval());
          inputs.add(differentiable[i] ? jvp.lift(p, Tangent.of(tape.newInput(p.aval(), names.get(i)))) : p);
        }
        outs = f.apply(inputs);
      } finally {
        TraceStack.pop(jvp);
      }
    } finally {
      TraceStack.pop(tape);
    }
    List<Array> primalsOut = new ArrayList<>(outs.size());
    List<Array> tangentsOut = new ArrayList<>();
    List<AbstractValue> outAvals = new ArrayList<>(outs.size());
    int[] index = new int[outs.size()];
    for (int i = 0; i < outs.size(); i++) {
      Array o = outs.get(i);
      primalsOut.add(jvp.primalOf(o));
      Tangent t = jvp.tangentOf(o);
      outAvals.add(t.aval());
      index[i] = t.isZero() ? -1 : tangentsOut.size();
      if (!t.isZero()) tangentsOut.add(t.value());
    }
    return new Linearized(primalsOut, tape.finish(tangentsOut), inAvals, differentiable, outAvals, index);
  }

  /** The function's results at the linearization point. */
  public List<Array> primalsOut() { return primalsOut; }

  /** The tangent map as IR: inputs are the differentiable inputs' tangents, constants the residuals. */
  public ClosedIr linear() { return linear; }

  /** Abstract values of the output tangents (those of the primal results). */
  public List<AbstractValue> outAvals() { return outAvals; }

  /**
   * Reverse mode: the cotangent of every input, given a cotangent for every output (JAX's {@code vjp}
   * function). Inputs that were not differentiated, or that the outputs do not depend on, get a symbolic zero.
   */
  public List<Tangent> pullback(List<Tangent> outputCotangents) {
    if (outputCotangents.size() != outAvals.size()) {
      throw new IllegalArgumentException(outAvals.size() + " outputs but " + outputCotangents.size() + " cotangents");
    }
    List<Tangent> linearCts = new ArrayList<>();
    for (int i = 0; i < outputIndex.length; i++) if (outputIndex[i] >= 0) linearCts.add(outputCotangents.get(i));
    List<Tangent> tapeCts = BackwardPass.transpose(linear, linearCts);
    List<Tangent> result = new ArrayList<>(inAvals.size());
    for (int i = 0, k = 0; i < inAvals.size(); i++) {
      result.add(differentiable[i] ? tapeCts.get(k++) : Tangent.zero(inAvals.get(i)));
    }
    return result;
  }
}
