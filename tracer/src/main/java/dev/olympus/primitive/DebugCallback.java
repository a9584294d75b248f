package dev.olympus.primitive;

import dev.olympus.Array;
import dev.olympus.autodiff.JvpResult;
import dev.olympus.autodiff.Tangent;
import dev.olympus.batching.BatchAxis;
import dev.olympus.batching.Batched;
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

  /** The callback sees the primal values and has no results to differentiate (JAX's debug_callback_jvp_rule). */
  @Override
  public JvpResult jvp(List<Array> primals, List<Tangent> tangents, Params params) {
    bind(params, primals);
    return new JvpResult(List.of(), List.of());
  }

  /** One call per example, in order, as JAX unrolls a debug callback over the batch. */
  @Override
  public Batched batch(List<Array> args, int[] dims, Params params) {
    int size = BatchAxis.size(args, dims);
    for (int e = 0; e < size; e++) {
      List<Array> example = new ArrayList<>(args.size());
      for (int i = 0; i < args.size(); i++) example.add(BatchAxis.example(args.get(i), dims[i], e));
      bind(params, example);
    }
    return new Batched(List.of(), new int[0]);
  }
}
