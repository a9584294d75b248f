package dev.olympus.trace;

import dev.olympus.Array;
import dev.olympus.errors.SourceLocation;
import dev.olympus.errors.UnexpectedTracerException;
import dev.olympus.primitive.Params;
import dev.olympus.primitive.Primitive;
import dev.olympus.storage.Storage;
import dev.olympus.types.AbstractValue;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The per-thread stack of active traces (JAX's trace stack). Level 0 is implicit eager evaluation. The
 * innermost IR-staging trace is also the <em>dynamic</em> trace: every primitive bound while it is active is
 * staged into it, even on concrete inputs (JAX's omnistaging), so a constant like {@code log(2.0)} appears in
 * the IR rather than being folded at trace time.
 */
public final class TraceStack {
  private TraceStack() {}

  private static final class State {
    final ArrayList<Trace> stack = new ArrayList<>();
    // Dynamic traces nest independently of the full stack: popping an inner staging trace must restore the
    // staging trace that was dynamic before it, not whichever IrTrace happens to sit below (a linearization
    // tape, for example, records only tangent ops and must never become dynamic).
    final ArrayList<Trace> dynamicStack = new ArrayList<>();
    Trace dynamic;
  }

  private static final ThreadLocal<State> STATE = ThreadLocal.withInitial(State::new);

  /** Pushes {@code trace} as the new innermost level; pair with {@link #pop} in a finally block. */
  public static <T extends Trace> T push(T trace) {
    State s = STATE.get();
    trace.activate(s.stack.size() + 1);
    s.stack.add(trace);
    return trace;
  }

  /** Pushes a staging trace and makes it the dynamic trace. */
  public static <T extends Trace> T pushDynamic(T trace) {
    push(trace);
    State s = STATE.get();
    s.dynamicStack.add(trace);
    s.dynamic = trace;
    return trace;
  }

  public static void pop(Trace trace) {
    State s = STATE.get();
    if (s.stack.isEmpty() || s.stack.get(s.stack.size() - 1) != trace) {
      throw new IllegalStateException("trace stack out of order: popping " + trace.description());
    }
    s.stack.remove(s.stack.size() - 1);
    trace.deactivate();
    if (!s.dynamicStack.isEmpty() && s.dynamicStack.get(s.dynamicStack.size() - 1) == trace) {
      s.dynamicStack.remove(s.dynamicStack.size() - 1);
      s.dynamic = s.dynamicStack.isEmpty() ? null : s.dynamicStack.get(s.dynamicStack.size() - 1);
    }
  }

  /** Runs {@code body} with {@code trace} pushed, popping it however {@code body} ends. */
  public static <R> R with(Trace trace, boolean dynamic, Supplier<R> body) {
    if (dynamic) pushDynamic(trace); else push(trace);
    try {
      return body.get();
    } finally {
      pop(trace);
    }
  }

  /**
   * Runs {@code body} with no dynamic trace, so primitives on concrete values evaluate eagerly. Used by
   * transformations that must compute something concrete while a staging trace is active.
   */
  public static <R> R withoutDynamic(Supplier<R> body) {
    State s = STATE.get();
    Trace saved = s.dynamic;
    s.dynamic = null;
    try {
      return body.get();
    } finally {
      s.dynamic = saved;
    }
  }

  /** Records that a tracer's dimensions were read, in every active trace (see {@link Trace#shapeRead}). */
  public static void noteShapeRead() {
    for (Trace t : STATE.get().stack) t.markShapeRead();
  }

  /** The innermost staging trace, or {@code null} when ops on concrete values run eagerly. */
  public static Trace dynamicTrace() { return STATE.get().dynamic; }

  public static boolean isTracing() { return !STATE.get().stack.isEmpty(); }

  /** Hands {@code primitive} to the innermost trace among its arguments and the dynamic trace. */
  public static List<Array> bind(Primitive primitive, List<Array> args, Params params) {
    Trace top = STATE.get().dynamic;
    for (Array a : args) {
      if (a.isTracer()) {
        Trace t = a.tracer().trace();
        if (!t.isActive()) throw leaked(primitive, a);
        if (top == null || t.level() > top.level()) top = t;
      }
    }
    if (top == null) return evaluateEagerly(primitive, args, params);
    return top.process(primitive, args, params);
  }

  /** Level-0 evaluation: check the shape rule, then run the primitive's implementation. */
  public static List<Array> evaluateEagerly(Primitive primitive, List<Array> args, Params params) {
    List<AbstractValue> inAvals = new ArrayList<>(args.size());
    List<Storage> inData = new ArrayList<>(args.size());
    for (Array a : args) {
      inAvals.add(a.aval());
      inData.add(a.storage());
    }
    List<AbstractValue> outAvals = primitive.abstractEval(inAvals, params);
    List<Storage> outs = primitive.run(inData, params);
    List<Array> result = new ArrayList<>(outs.size());
    for (int i = 0; i < outs.size(); i++) result.add(Array.fromStorage(outs.get(i), outAvals.get(i).weak()));
    return result;
  }

  static UnexpectedTracerException leaked(Primitive primitive, Array a) {
    Tracer t = a.tracer();
    String created = t.createdAt();
    return new UnexpectedTracerException(
        "Encountered an unexpected tracer: " + t + " was passed to '" + primitive.name()
            + "' after the trace that created it had ended (" + t.trace().description() + ").\n"
            + (created == null ? "" : "The tracer was created at " + created + ".\n")
            + "A traced value escaped its function, e.g. stored in a field, a static list or a captured "
            + "variable. Return it from the function instead, or use Olympus.debugPrint to look at it."
            + SourceLocation.suffix());
  }
}
