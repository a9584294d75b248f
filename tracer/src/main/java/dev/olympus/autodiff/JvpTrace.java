package dev.olympus.autodiff;

import dev.olympus.Array;
import dev.olympus.errors.OlympusException;
import dev.olympus.primitive.Params;
import dev.olympus.primitive.Primitive;
import dev.olympus.trace.Trace;
import dev.olympus.trace.Tracer;
import dev.olympus.types.AbstractValue;
import java.util.ArrayList;
import java.util.List;

/**
 * Forward-mode differentiation as an interpretation of primitives (JAX's {@code JVPTrace}): a value is a
 * primal together with its tangent, and each primitive runs its {@link Primitive#jvp} rule. The primal and
 * tangent computations bind primitives themselves, so they go to whatever trace lies below: eager evaluation,
 * an IR being staged, a batch, or the linearization tape that reverse mode transposes afterwards.
 */
public final class JvpTrace extends Trace {
  // The trace whose jvp rule is running on this thread. Rules see primals and tangents but not the trace, and
  // the control-flow rules need one fact about it (linearizes()); a thread-local keeps the rule signature small.
  private static final ThreadLocal<JvpTrace> RUNNING_RULE = new ThreadLocal<>();

  private final boolean linearizes;

  /** A forward-mode trace ({@code jvp}). */
  public JvpTrace(String description) {
    this(description, false);
  }

  /**
   * {@code linearizes}: this trace is reverse mode's linearization ({@link Linearized}), whose tangent operations
   * are recorded to be transposed. Rules must then bind the primal and the tangent computation as separate
   * primitives, and a loop whose trip count is only known at run time cannot be differentiated.
   */
  public JvpTrace(String description, boolean linearizes) {
    super(description);
    this.linearizes = linearizes;
  }

  /** Whether this trace records tangents for reverse mode (see {@link #JvpTrace(String, boolean)}). */
  public boolean linearizes() { return linearizes; }

  /**
   * Whether the jvp rule running now on this thread was called by a linearizing trace (reverse mode). Only
   * meaningful inside {@link Primitive#jvp}; false elsewhere.
   */
  public static boolean ruleIsLinearizing() {
    JvpTrace t = RUNNING_RULE.get();
    return t != null && t.linearizes;
  }

  /** {@code primal} with {@code tangent}: a tracer of this trace, or just the primal when the tangent is zero. */
  public Array lift(Array primal, Tangent tangent) {
    if (tangent.isZero()) return primal;
    return Array.fromTracer(new JvpTracer(this, primal, tangent.value()));
  }

  /** The primal part of a value seen by this trace (a value from below is its own primal). */
  public Array primalOf(Array a) {
    return owns(a) ? ((JvpTracer) a.tracer()).primal : a;
  }

  /** The tangent part: a value from below does not vary with this trace's inputs, so its tangent is zero. */
  public Tangent tangentOf(Array a) {
    return owns(a) ? Tangent.of(((JvpTracer) a.tracer()).tangent) : Tangent.zero(a.aval());
  }

  @Override
  public List<Array> process(Primitive primitive, List<Array> args, Params params) {
    List<Array> primals = new ArrayList<>(args.size());
    List<Tangent> tangents = new ArrayList<>(args.size());
    for (Array a : args) {
      primals.add(primalOf(a));
      tangents.add(tangentOf(a));
    }
    JvpTrace caller = RUNNING_RULE.get();
    RUNNING_RULE.set(this);
    JvpResult r;
    try {
      r = primitive.jvp(primals, tangents, params);
    } finally {
      RUNNING_RULE.set(caller);
    }
    List<Array> outs = new ArrayList<>(r.primals().size());
    for (int i = 0; i < r.primals().size(); i++) {
      Array p = r.primals().get(i);
      Tangent t = r.tangents().get(i);
      if (!t.isZero() && !sameType(p.aval(), t.aval())) {
        throw new OlympusException("internal error: the jvp rule of " + primitive.name() + " returned a tangent of "
            + t.aval() + " for a result of " + p.aval());
      }
      outs.add(lift(p, t));
    }
    return outs;
  }

  private static boolean sameType(AbstractValue a, AbstractValue b) {
    return a.dtype() == b.dtype() && a.shape().equals(b.shape());
  }

  /** A primal value and its (non-zero) tangent. */
  static final class JvpTracer extends Tracer {
    private final JvpTrace trace;
    final Array primal;
    final Array tangent;

    JvpTracer(JvpTrace trace, Array primal, Array tangent) {
      this.trace = trace;
      this.primal = primal;
      this.tangent = tangent;
    }

    @Override
    public Trace trace() { return trace; }

    @Override
    public AbstractValue aval() { return primal.aval(); }

    @Override
    public String dependsOn() { return primal.isTracer() ? primal.tracer().dependsOn() : null; }

    @Override
    public String createdAt() { return primal.isTracer() ? primal.tracer().createdAt() : null; }
  }
}
