package dev.olympus.autodiff;

import dev.olympus.Array;
import dev.olympus.ir.Atom;
import dev.olympus.ir.ClosedIr;
import dev.olympus.ir.Equation;
import dev.olympus.ir.Ir;
import dev.olympus.ir.Literal;
import dev.olympus.ir.Var;
import dev.olympus.lax.Lax;
import dev.olympus.types.AbstractValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Transposes a linear IR (JAX's {@code backward_pass}): walks the equations in reverse, hands each one the
 * cotangents of its results and collects the cotangents of its linear inputs, adding up contributions to a
 * variable read more than once. The IR's inputs are linear; its constants are residuals. Equations that read
 * no linear variable are evaluated forward first, as residual computations.
 *
 * <p>Every transpose rule binds primitives, so the backward computation goes to the traces active now: it runs
 * eagerly, or is staged after the forward computation into the enclosing IR (which is how
 * {@code makeIr(grad(f))} shows the primal operations followed by the cotangent ones).
 */
public final class BackwardPass {
  private BackwardPass() {}

  /**
   * Transposes {@code ir} with respect to some of its inputs (JAX's {@code backward_pass} with undefined
   * primals): {@code inputs.get(i) == null} marks input {@code i} as linear, any other entry is its (residual)
   * value. Returns a cotangent for every input, a symbolic zero for the residual ones.
   */
  public static List<Tangent> transpose(Ir ir, List<Array> consts, List<Array> inputs, List<Tangent> outputCotangents) {
    List<Var> constvars = new ArrayList<>(ir.constvars());
    List<Array> residuals = new ArrayList<>(consts);
    List<Var> linear = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      Var v = ir.invars().get(i);
      if (inputs.get(i) == null) {
        linear.add(v);
      } else {
        constvars.add(v);
        residuals.add(inputs.get(i));
      }
    }
    ClosedIr view = new ClosedIr(new Ir(constvars, linear, ir.equations(), ir.outputs()), residuals);
    List<Tangent> linearCts = transpose(view, outputCotangents);
    List<Tangent> result = new ArrayList<>(inputs.size());
    for (int i = 0, k = 0; i < inputs.size(); i++) {
      result.add(inputs.get(i) == null ? linearCts.get(k++) : Tangent.zero(ir.invars().get(i).aval()));
    }
    return result;
  }

  /** The cotangents of {@code linear}'s inputs, given cotangents of its outputs (symbolic zeros allowed). */
  public static List<Tangent> transpose(ClosedIr linear, List<Tangent> outputCotangents) {
    Ir ir = linear.ir();
    if (outputCotangents.size() != ir.outputs().size()) {
      throw new IllegalArgumentException(ir.outputs().size() + " outputs but " + outputCotangents.size()
          + " cotangents");
    }
    Set<Var> linearVars = Collections.newSetFromMap(new IdentityHashMap<>());
    linearVars.addAll(ir.invars());
    Map<Var, Array> residuals = new IdentityHashMap<>();
    for (int i = 0; i < linear.consts().size(); i++) residuals.put(ir.constvars().get(i), linear.consts().get(i));
    List<Equation> linearEquations = new ArrayList<>();
    for (Equation e : ir.equations()) {
      boolean isLinear = false;
      for (Atom a : e.inputs()) isLinear |= a instanceof Var v && linearVars.contains(v);
      if (isLinear) {
        linearVars.addAll(e.outputs());
        linearEquations.add(e);
      } else {
        List<Array> in = new ArrayList<>();
        for (Atom a : e.inputs()) in.add(read(residuals, a));
        List<Array> out = e.primitive().bind(e.params(), in);
        for (int i = 0; i < out.size(); i++) residuals.put(e.outputs().get(i), out.get(i));
      }
    }

    Map<Var, Array> cotangents = new IdentityHashMap<>();
    for (int i = 0; i < outputCotangents.size(); i++) {
      Tangent ct = outputCotangents.get(i);
      if (!ct.isZero() && ir.outputs().get(i) instanceof Var v && linearVars.contains(v)) {
        accumulate(cotangents, v, ct.value());
      }
    }
    for (int k = linearEquations.size() - 1; k >= 0; k--) {
      Equation e = linearEquations.get(k);
      List<Tangent> cts = new ArrayList<>(e.outputs().size());
      boolean any = false;
      for (Var out : e.outputs()) {
        Array ct = cotangents.remove(out);
        any |= ct != null;
        cts.add(ct == null ? Tangent.zero(out.aval()) : Tangent.of(ct));
      }
      if (!any) continue;
      List<Array> values = new ArrayList<>(e.inputs().size());
      List<AbstractValue> avals = new ArrayList<>(e.inputs().size());
      for (Atom a : e.inputs()) {
        boolean undefined = a instanceof Var v && linearVars.contains(v);
        values.add(undefined ? null : read(residuals, a));
        avals.add(a.aval());
      }
      List<Tangent> inCts = e.primitive().transpose(cts, new LinearInputs(values, avals), e.params());
      for (int i = 0; i < e.inputs().size(); i++) {
        if (values.get(i) == null && !inCts.get(i).isZero()) {
          accumulate(cotangents, (Var) e.inputs().get(i), inCts.get(i).value());
        }
      }
    }
    List<Tangent> result = new ArrayList<>(ir.invars().size());
    for (Var v : ir.invars()) {
      Array ct = cotangents.get(v);
      result.add(ct == null ? Tangent.zero(v.aval()) : Tangent.of(ct));
    }
    return result;
  }

  private static void accumulate(Map<Var, Array> cotangents, Var v, Array ct) {
    cotangents.merge(v, ct, Lax::add);
  }

  private static Array read(Map<Var, Array> env, Atom a) {
    if (a instanceof Literal lit) return Array.fromStorage(lit.value(), lit.aval().weak());
    Array v = env.get((Var) a);
    if (v == null) throw new IllegalStateException("linear IR reads an undefined variable " + a);
    return v;
  }
}
