package dev.olympus.autodiff;

import dev.olympus.Array;
import dev.olympus.ir.ClosedIr;
import dev.olympus.trace.TraceStack;
import dev.olympus.transform.Staging;
import dev.olympus.types.AbstractValue;
import java.util.ArrayList;
import java.util.List;

/**
 * The forward-mode derivative of an IR as one IR (JAX's {@code ad.jvp_jaxpr}): inputs are the original inputs
 * followed by the tangents of the inputs marked nonzero, outputs the original outputs followed by the tangents
 * of the outputs marked in {@link #nonzeroOut}. The control-flow primitives differentiate their branches and
 * bodies with it in forward mode and run the result as one primitive, so primal and tangent share one loop.
 *
 * @param ir the JVP; it may have constants (call {@link ClosedIr#constsAsInputs()} for a sub-IR)
 * @param nonzeroOut which outputs have a tangent output (the others' tangents are symbolic zeros)
 */
public record JvpIr(ClosedIr ir, boolean[] nonzeroOut) {
  public JvpIr {
    nonzeroOut = nonzeroOut.clone();
  }

  @Override
  public boolean[] nonzeroOut() { return nonzeroOut.clone(); }

  /**
   * The JVP of {@code f} with tangents for the inputs marked in {@code nonzeros}; an output marked in
   * {@code instantiate} gets a tangent output even where it is zero (a loop carry must keep its type).
   */
  public static JvpIr of(ClosedIr f, boolean[] nonzeros, boolean[] instantiate, String description) {
    List<AbstractValue> in = f.inAvals();
    List<AbstractValue> avals = new ArrayList<>(in);
    List<String> names = new ArrayList<>();
    for (int i = 0; i < in.size(); i++) names.add("operand " + i + " of " + description);
    for (int i = 0; i < in.size(); i++) {
      if (nonzeros[i]) {
        avals.add(in.get(i));
        names.add("the tangent of operand " + i + " of " + description);
      }
    }
    int n = in.size();
    boolean[] nonzeroOut = new boolean[f.outAvals().size()];
    ClosedIr ir = Staging.traceFlat("jvp of " + description, avals, names, args -> {
      JvpTrace jvp = new JvpTrace("jvp of " + description);
      List<Array> outs;
      TraceStack.push(jvp);
      try {
        List<Array> inputs = new ArrayList<>(n);
        for (int i = 0, t = n; i < n; i++) {
          inputs.add(nonzeros[i] ? jvp.lift(args.get(i), Tangent.of(args.get(t++))) : args.get(i));
        }
        outs = f.call(inputs);
      } finally {
        TraceStack.pop(jvp);
      }
      List<Array> result = new ArrayList<>();
      for (Array o : outs) result.add(jvp.primalOf(o));
      for (int j = 0; j < outs.size(); j++) {
        Tangent t = jvp.tangentOf(outs.get(j));
        if (t.isZero() && !instantiate[j]) continue;
        nonzeroOut[j] = true;
        result.add(t.instantiate());
      }
      return result;
    });
    return new JvpIr(ir, nonzeroOut);
  }
}
