package dev.olympus.autodiff;

import dev.olympus.Array;
import dev.olympus.ir.ClosedIr;
import dev.olympus.ir.IrEvaluator;
import dev.olympus.trace.IrTrace;
import dev.olympus.trace.TraceStack;
import dev.olympus.transform.Staging;
import dev.olympus.types.AbstractValue;
import java.util.ArrayList;
import java.util.List;

/**
 * An IR split into its primal computation and its tangent map (JAX's {@code ad.linearize_jaxpr}, the partial
 * evaluation of a JVP): {@link #primal} computes the outputs and the <em>residuals</em>, the primal values the
 * tangent map needs; {@link #tangent} computes the output tangents from the residuals and the input tangents,
 * and is linear in the tangents. Reverse mode needs this form for control flow: the primal part runs as one
 * primitive now, and the tangent part as another, recorded on the linearization tape and later transposed.
 *
 * <p>It is built the way {@link Linearized} linearizes a whole function: the IR runs under a {@link JvpTrace}
 * with a tape below it, primal operations go to the staging trace of {@link #primal} and tangent operations
 * to the tape, whose constants are the residuals.
 *
 * @param primal inputs as the original IR; outputs its outputs followed by the residuals
 * @param tangent inputs the residuals followed by the tangents of the inputs marked nonzero; outputs the
 *     tangents of the outputs marked in {@link #nonzeroOut}. Both IRs may have constants.
 * @param nonzeroOut which outputs have a tangent (the others' tangents are symbolic zeros)
 * @param residualAvals the residuals' types
 * @param residualInput for each residual, the index of the primal input it is (a residual that is simply an
 *     input need not be computed, and a loop can pass it without stacking it), or -1
 */
public record LinearizedIr(ClosedIr primal, ClosedIr tangent, boolean[] nonzeroOut, List<AbstractValue> residualAvals,
    int[] residualInput) {
  public LinearizedIr {
    nonzeroOut = nonzeroOut.clone();
    residualAvals = List.copyOf(residualAvals);
    residualInput = residualInput.clone();
  }

  @Override
  public boolean[] nonzeroOut() { return nonzeroOut.clone(); }

  @Override
  public int[] residualInput() { return residualInput.clone(); }

  public int residualCount() { return residualAvals.size(); }

  /** The number of outputs of the original IR (the primal IR's outputs before the residuals). */
  public int outputCount() { return nonzeroOut.length; }

  /**
   * Splits {@code f} with tangents for the inputs marked in {@code nonzeros}; an output marked in
   * {@code instantiate} gets a tangent output even where it is zero.
   */
  public static LinearizedIr of(ClosedIr f, boolean[] nonzeros, boolean[] instantiate, String description) {
    List<AbstractValue> in = f.inAvals();
    IrTrace primalTrace = new IrTrace("primal of " + description);
    IrTrace tape = new IrTrace("tangents of " + description);
    JvpTrace jvp = new JvpTrace("linearization of " + description, true);
    List<Array> primalInputs = new ArrayList<>(in.size());
    List<Array> outs;
    TraceStack.pushDynamic(primalTrace);
    try {
      for (int i = 0; i < in.size(); i++) primalInputs.add(primalTrace.newInput(in.get(i), "operand " + i + " of " + description));
      TraceStack.push(tape);
      try {
        TraceStack.push(jvp);
        try {
          List<Array> inputs = new ArrayList<>(in.size());
          for (int i = 0; i < in.size(); i++) {
            Array p = primalInputs.get(i);
            inputs.add(nonzeros[i] ? jvp.lift(p, Tangent.of(tape.newInput(in.get(i), "the tangent of operand " + i))) : p);
          }
          outs = f.call(inputs);
        } finally {
          TraceStack.pop(jvp);
        }
      } finally {
        TraceStack.pop(tape);
      }
    } finally {
      TraceStack.pop(primalTrace);
    }

    List<Array> primalOuts = new ArrayList<>(outs.size());
    List<Array> denseTangents = new ArrayList<>();
    boolean[] dense = new boolean[outs.size()];
    boolean[] nonzeroOut = new boolean[outs.size()];
    List<AbstractValue> outAvals = new ArrayList<>(outs.size());
    for (int j = 0; j < outs.size(); j++) {
      Array o = outs.get(j);
      primalOuts.add(jvp.primalOf(o));
      outAvals.add(o.aval());
      Tangent t = jvp.tangentOf(o);
      dense[j] = !t.isZero();
      nonzeroOut[j] = dense[j] || instantiate[j];
      if (dense[j]) denseTangents.add(t.value());
    }
    ClosedIr tapeIr = tape.finish(denseTangents);
    List<Array> residuals = tapeIr.consts();
    List<AbstractValue> residualAvals = new ArrayList<>(residuals.size());
    int[] residualInput = new int[residuals.size()];
    for (int r = 0; r < residuals.size(); r++) {
      Array res = residuals.get(r);
      residualAvals.add(tapeIr.ir().constvars().get(r).aval());
      residualInput[r] = -1;
      for (int i = 0; i < primalInputs.size(); i++) {
        if (res.isTracer() && res.tracer() == primalInputs.get(i).tracer()) residualInput[r] = i;
      }
    }
    List<Array> primalResults = new ArrayList<>(primalOuts);
    primalResults.addAll(residuals);
    ClosedIr primal = primalTrace.finish(primalResults);

    // The tangent IR takes the residuals as inputs, and materializes the zeros of instantiated outputs in the
    // IR itself (a staged broadcast, rather than a constant carried along as one more residual).
    List<AbstractValue> tangentIn = new ArrayList<>(residualAvals);
    List<String> names = new ArrayList<>();
    for (int r = 0; r < residuals.size(); r++) names.add("residual " + r + " of " + description);
    for (int i = 0; i < in.size(); i++) {
      if (nonzeros[i]) {
        tangentIn.add(in.get(i));
        names.add("the tangent of operand " + i + " of " + description);
      }
    }
    int nRes = residuals.size();
    ClosedIr tangent = Staging.traceFlat("tangents of " + description, tangentIn, names, args -> {
      List<Array> ts = IrEvaluator.evaluate(tapeIr.ir(), args.subList(0, nRes), args.subList(nRes, args.size()));
      List<Array> result = new ArrayList<>();
      for (int j = 0, k = 0; j < dense.length; j++) {
        if (dense[j]) result.add(ts.get(k++));
        else if (nonzeroOut[j]) result.add(Tangent.zeros(outAvals.get(j)));
      }
      return result;
    });
    return new LinearizedIr(primal, tangent, nonzeroOut, residualAvals, residualInput);
  }

  /** {@link #primal} keeping only the residual outputs marked in {@code keep} (the others are forwarded). */
  public ClosedIr primalWithResiduals(boolean[] keep) {
    var ir = primal.ir();
    List<dev.olympus.ir.Atom> outs = new ArrayList<>(ir.outputs().subList(0, outputCount()));
    for (int r = 0; r < keep.length; r++) if (keep[r]) outs.add(ir.outputs().get(outputCount() + r));
    return new ClosedIr(new dev.olympus.ir.Ir(ir.constvars(), ir.invars(), ir.equations(), outs), primal.consts());
  }
}
