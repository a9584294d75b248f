package dev.olympus.ir;

import dev.olympus.Array;
import dev.olympus.errors.OlympusException;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs an IR by binding each equation's primitive (JAX's {@code eval_jaxpr}). Because binding goes through
 * the trace stack, this one interpreter evaluates eagerly, re-stages, or transforms, depending on the traces
 * active around it.
 */
public final class IrEvaluator {
  private IrEvaluator() {}

  public static List<Array> evaluate(Ir ir, List<Array> consts, List<Array> args) {
    if (args.size() != ir.invars().size()) {
      throw new OlympusException("IR expects " + ir.invars().size() + " inputs, got " + args.size());
    }
    Map<Var, Array> env = new IdentityHashMap<>();
    for (int i = 0; i < consts.size(); i++) env.put(ir.constvars().get(i), consts.get(i));
    for (int i = 0; i < args.size(); i++) env.put(ir.invars().get(i), args.get(i));
    for (Equation eqn : ir.equations()) {
      Array[] in = new Array[eqn.inputs().size()];
      for (int i = 0; i < in.length; i++) in[i] = read(env, eqn.inputs().get(i));
      List<Array> out = eqn.primitive().bind(eqn.params(), List.of(in));
      for (int i = 0; i < out.size(); i++) env.put(eqn.outputs().get(i), out.get(i));
    }
    Array[] outs = new Array[ir.outputs().size()];
    for (int i = 0; i < outs.length; i++) outs[i] = read(env, ir.outputs().get(i));
    return List.of(outs);
  }

  private static Array read(Map<Var, Array> env, Atom atom) {
    if (atom instanceof Literal lit) return Array.fromStorage(lit.value(), lit.aval().weak());
    Array a = env.get((Var) atom);
    if (a == null) throw new IllegalStateException("IR reads an undefined variable " + atom);
    return a;
  }
}
