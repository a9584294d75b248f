package dev.olympus.transform;

import dev.olympus.ir.Atom;
import dev.olympus.ir.ClosedIr;
import dev.olympus.ir.Equation;
import dev.olympus.ir.Ir;
import dev.olympus.ir.Literal;
import dev.olympus.ir.Var;
import dev.olympus.fusion.Elementwise;
import dev.olympus.primitive.Reduce;
import dev.olympus.types.AbstractValue;
import dev.olympus.types.Shape;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Size-generic traces (torch.compile's "automatic dynamic", which JAX lacks): when tracing read no dimension
 * of a traced value and every equation is size-generic (elementwise, or a reduction over axes), the IR for
 * another size is this IR with the new input shapes pushed through each primitive's shape rule, so a new
 * batch size needs no new trace. Guarded: all non-scalar inputs share one shape, and the replay re-checks
 * every shape rule.
 */
public final class ShapeSpecialization {
  private ShapeSpecialization() {}

  /** Whether {@code traced}'s IR can be replayed for other input sizes of the same ranks. */
  public static boolean isSizeGeneric(Staging.Traced traced) {
    if (traced.shapeRead()) return false;
    Ir ir = traced.ir().ir();
    for (Var c : ir.constvars()) if (c.aval().rank() != 0) return false;
    if (commonShape(ir.inAvals()) == null) return false;
    for (Equation e : ir.equations()) {
      if (!(Elementwise.isElementwise(e.primitive()) || e.primitive() instanceof Reduce)) return false;
    }
    return true;
  }

  /** The one shape every non-scalar aval has, {@link Shape#SCALAR} if all are scalars, or null. */
  public static Shape commonShape(List<AbstractValue> avals) {
    Shape common = null;
    for (AbstractValue a : avals) {
      if (a.rank() == 0) continue;
      if (common == null) common = a.shape();
      else if (!common.equals(a.shape())) return null;
    }
    return common == null ? Shape.SCALAR : common;
  }

  /** The IR of the same program for inputs of {@code newInputs} (same dtypes, ranks and weak types). */
  public static ClosedIr withInputs(ClosedIr closed, List<AbstractValue> newInputs) {
    Ir ir = closed.ir();
    Map<Var, Var> renamed = new IdentityHashMap<>();
    List<Var> consts = new ArrayList<>();
    for (Var c : ir.constvars()) consts.add(rename(renamed, c, c.aval()));
    List<Var> ins = new ArrayList<>();
    for (int i = 0; i < ir.invars().size(); i++) ins.add(rename(renamed, ir.invars().get(i), newInputs.get(i)));
    List<Equation> eqns = new ArrayList<>();
    for (Equation e : ir.equations()) {
      List<Atom> in = new ArrayList<>();
      List<AbstractValue> avals = new ArrayList<>();
      for (Atom a : e.inputs()) {
        Atom n = a instanceof Var v ? renamed.get(v) : (Literal) a;
        in.add(n);
        avals.add(n.aval());
      }
      List<AbstractValue> outAvals = e.primitive().abstractEval(avals, e.params());
      List<Var> outs = new ArrayList<>();
      for (int k = 0; k < outAvals.size(); k++) outs.add(rename(renamed, e.outputs().get(k), outAvals.get(k)));
      eqns.add(new Equation(e.primitive(), in, e.params(), outs));
    }
    List<Atom> outs = new ArrayList<>();
    for (Atom a : ir.outputs()) outs.add(a instanceof Var v ? renamed.get(v) : a);
    return new ClosedIr(new Ir(consts, ins, eqns, outs), closed.consts());
  }

  private static Var rename(Map<Var, Var> renamed, Var old, AbstractValue aval) {
    Var v = new Var(aval);
    renamed.put(old, v);
    return v;
  }
}
