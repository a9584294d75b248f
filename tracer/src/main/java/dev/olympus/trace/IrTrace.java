package dev.olympus.trace;

import dev.olympus.Array;
import dev.olympus.errors.SourceLocation;
import dev.olympus.ir.Atom;
import dev.olympus.ir.ClosedIr;
import dev.olympus.ir.Equation;
import dev.olympus.ir.Ir;
import dev.olympus.ir.Literal;
import dev.olympus.ir.Var;
import dev.olympus.primitive.Params;
import dev.olympus.primitive.Primitive;
import dev.olympus.types.AbstractValue;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Stages primitives into an {@link Ir} (JAX's {@code DynamicJaxprTrace}). Values from outside the trace become
 * inline literals (scalars) or constant variables (everything else, including tracers of enclosing traces,
 * which is how a nested IR closes over outer values).
 */
public final class IrTrace extends Trace {
  private final List<Var> invars = new ArrayList<>();
  private final List<Equation> equations = new ArrayList<>();
  private final Map<Object, Var> constIndex = new IdentityHashMap<>();
  private final List<Var> constvars = new ArrayList<>();
  private final List<Array> constValues = new ArrayList<>();

  public IrTrace(String description) {
    super(description);
  }

  /** A new input variable; {@code argName} ("the argument n") feeds error messages. */
  public Array newInput(AbstractValue aval, String argName) {
    Var v = new Var(aval);
    invars.add(v);
    return Array.fromTracer(new IrTracer(this, v, Set.of(argName), SourceLocation.userFrame().orElse(null)));
  }

  @Override
  public List<Array> process(Primitive primitive, List<Array> args, Params params) {
    List<Atom> inputs = new ArrayList<>(args.size());
    List<AbstractValue> avals = new ArrayList<>(args.size());
    // Dependencies flow through closed-over tracers of enclosing traces too, so an error inside a loop body
    // can name the outer function's argument a value came from.
    Set<String> deps = new LinkedHashSet<>();
    for (Array a : args) {
      inputs.add(atom(a));
      avals.add(a.aval());
      if (a.isTracer() && a.tracer() instanceof IrTracer t) deps.addAll(t.deps);
    }
    List<AbstractValue> outAvals = primitive.abstractEval(avals, params);
    StackWalker.StackFrame frame = SourceLocation.userFrame().orElse(null);
    List<Var> outVars = new ArrayList<>(outAvals.size());
    List<Array> outs = new ArrayList<>(outAvals.size());
    for (AbstractValue aval : outAvals) {
      Var v = new Var(aval);
      outVars.add(v);
      outs.add(Array.fromTracer(new IrTracer(this, v, deps, frame)));
    }
    equations.add(new Equation(primitive, inputs, params, outVars));
    return outs;
  }

  /** The operand form of {@code a} in this IR. */
  public Atom atom(Array a) {
    if (owns(a)) return ((IrTracer) a.tracer()).var;
    if (!a.isTracer() && a.ndim() == 0) return new Literal(a.storage(), a.aval());
    Object key = a.isTracer() ? a.tracer() : a.storage();
    Var v = constIndex.get(key);
    if (v == null) {
      v = new Var(a.aval());
      constIndex.put(key, v);
      constvars.add(v);
      constValues.add(a);
    }
    return v;
  }

  /** Ends staging: the IR with {@code outputs} as its results. Call after popping this trace. */
  public ClosedIr finish(List<Array> outputs) {
    List<Atom> outAtoms = new ArrayList<>(outputs.size());
    for (Array o : outputs) outAtoms.add(atom(o));
    return new ClosedIr(new Ir(constvars, invars, equations, outAtoms), constValues);
  }

  /** An IR variable standing for a value during staging. */
  static final class IrTracer extends Tracer {
    private final IrTrace trace;
    final Var var;
    /** What the value depends on, in words: "the argument n", "the loop carry". */
    final Set<String> deps;
    private final StackWalker.StackFrame frame;

    IrTracer(IrTrace trace, Var var, Set<String> deps, StackWalker.StackFrame frame) {
      this.trace = trace;
      this.var = var;
      this.deps = deps;
      this.frame = frame;
    }

    @Override
    public Trace trace() { return trace; }

    @Override
    public AbstractValue aval() { return var.aval(); }

    @Override
    public String dependsOn() {
      return deps.isEmpty() ? null : String.join(" and ", deps);
    }

    @Override
    public String createdAt() { return frame == null ? null : SourceLocation.format(frame); }
  }
}
