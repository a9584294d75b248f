package dev.olympus.primitive;

import dev.olympus.Array;
import dev.olympus.errors.ArgumentCheck;
import dev.olympus.errors.ShapeException;
import dev.olympus.errors.SourceLocation;
import dev.olympus.storage.Storage;
import dev.olympus.trace.TraceStack;
import dev.olympus.types.AbstractValue;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code pure_callback[callback result_avals] args...} and {@code io_callback[...]}: call a Java function on
 * the concrete operands and return its arrays, whose types were declared up front so tracing can go on without
 * calling it (JAX's {@code pure_callback_p} and {@code io_callback_p}). A pure callback may be dropped when its
 * results are unused or called again; an io callback has effects, so it is always kept and runs exactly where
 * it was written.
 */
public final class HostCallback extends Primitive {
  public static final HostCallback PURE_CALLBACK = new HostCallback("pure_callback", false);
  public static final HostCallback IO_CALLBACK = new HostCallback("io_callback", true);

  private final boolean effects;

  private HostCallback(String name, boolean effects) {
    super(name);
    this.effects = effects;
  }

  public static Params params(HostFunction callback, List<AbstractValue> resultAvals) {
    List<AbstractValue> strong = new ArrayList<>();
    for (AbstractValue a : resultAvals) strong.add(a.strong());
    return Params.of("callback", callback, "result_avals", List.copyOf(strong));
  }

  @Override
  public List<AbstractValue> abstractEval(List<AbstractValue> in, Params params) {
    return params.as("result_avals");
  }

  @Override
  public List<Storage> evaluate(List<Storage> in, Params params) {
    HostFunction callback = params.as("callback");
    List<AbstractValue> declared = params.as("result_avals");
    List<Array> args = new ArrayList<>(in.size());
    for (Storage s : in) args.add(Array.fromStorage(s, false));
    List<Array> results = TraceStack.withoutDynamic(() -> callback.call(args));
    List<AbstractValue> got = new ArrayList<>();
    if (results != null) {
      // Erased generics: a raw list can hold anything, and must be reported, not cast.
      for (Object r : results) {
        if (r != null && !(r instanceof Array)) {
          throw new ShapeException(name() + ": the callback " + callback + " returned a list holding "
              + ArgumentCheck.describe(r) + ", not an Array. Return Arrays of the declared result types "
              + SubIrs.tuple(declared) + ", e.g. Jnp.array(...)." + SourceLocation.suffix());
        }
      }
      for (Array r : results) got.add(r == null ? null : r.aval());
    }
    if (results == null || got.contains(null) || !SubIrs.sameTypes(declared, got)) {
      throw new ShapeException(name() + ": the callback " + callback + " returned "
          + (results == null || got.contains(null) ? "null" : SubIrs.tuple(got)) + " but its declared result types are "
          + SubIrs.tuple(declared) + ". Return arrays of exactly the declared shapes and dtypes (convert with "
          + "astype), or fix the declared result types.");
    }
    for (Array r : results) {
      if (r.isTracer()) {
        throw new ShapeException(name() + ": the callback " + callback + " returned a traced value, "
            + r + "; a host callback runs on concrete values and must return concrete arrays.");
      }
    }
    return SubIrs.storages(results);
  }

  @Override
  public boolean hasEffects(Params params) { return effects; }
}
