package dev.olympus.primitive;

import dev.olympus.Array;
import dev.olympus.storage.Storage;
import dev.olympus.trace.TraceStack;
import dev.olympus.types.AbstractValue;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code debug_callback[callback] args...}: calls a Java function with the concrete values of its operands and
 * has no results (JAX's {@code debug_callback_p}, behind {@code jax.debug.print}). Outside a trace it runs at
 * once; inside one it is an equation that stays in the IR although nothing reads it, so compiled code runs it
 * on every call.
 */
public final class DebugCallback extends Primitive {
  public static final DebugCallback DEBUG_CALLBACK = new DebugCallback();

  private DebugCallback() {
    super("debug_callback");
  }

  public static Params params(HostFunction callback) { return Params.of("callback", callback); }

  @Override
  public List<AbstractValue> abstractEval(List<AbstractValue> in, Params params) {
    return List.of();
  }

  @Override
  public List<Storage> evaluate(List<Storage> in, Params params) {
    HostFunction callback = params.as("callback");
    // The callback sees NumPy-like arrays (no weak types), and whatever Olympus ops it uses run eagerly even
    // if a trace is active on this thread.
    List<Array> args = new ArrayList<>(in.size());
    for (Storage s : in) args.add(Array.fromStorage(s, false));
    TraceStack.withoutDynamic(() -> callback.call(args));
    return List.of();
  }

  @Override
  public boolean hasEffects(Params params) { return true; }
}
