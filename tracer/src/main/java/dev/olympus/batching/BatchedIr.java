package dev.olympus.batching;

import dev.olympus.Array;
import dev.olympus.ir.ClosedIr;
import dev.olympus.trace.TraceStack;
import dev.olympus.transform.Staging;
import dev.olympus.types.AbstractValue;
import dev.olympus.types.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * An IR vectorized over a batch axis, as one IR (JAX's {@code batching.batch_jaxpr}): inputs marked batched
 * take an extra leading axis of the batch size, and each output is batched along axis 0 or shared by the
 * whole batch, as {@link #outBatched} says. The control-flow primitives batch their branches and bodies with
 * it, so the batched computation is again one {@code cond}, {@code while} or {@code scan}.
 *
 * @param ir the batched IR; it may have constants (call {@link ClosedIr#constsAsInputs()} for a sub-IR)
 * @param outBatched which outputs carry the batch (along axis 0)
 */
public record BatchedIr(ClosedIr ir, boolean[] outBatched) {
  public BatchedIr {
    outBatched = outBatched.clone();
  }

  @Override
  public boolean[] outBatched() { return outBatched.clone(); }

  /**
   * {@code f} batched over {@code size} examples, with the inputs marked in {@code inBatched} batched along
   * axis 0; an output marked in {@code forceOut} is batched even when it does not vary over the batch (it is
   * broadcast), so that, e.g., a loop carry keeps one type on every iteration.
   */
  public static BatchedIr of(ClosedIr f, int size, boolean[] inBatched, boolean[] forceOut, String description) {
    List<AbstractValue> in = f.inAvals();
    List<AbstractValue> avals = new ArrayList<>(in.size());
    List<String> names = new ArrayList<>(in.size());
    for (int i = 0; i < in.size(); i++) {
      AbstractValue a = in.get(i);
      avals.add(inBatched[i] ? a.withShape(Shape.of(BatchAxis.prepend(size, a.shape().dims()))) : a);
      names.add("operand " + i + " of " + description);
    }
    boolean[] outBatched = new boolean[f.outAvals().size()];
    ClosedIr ir = Staging.traceFlat("vmap of " + description, avals, names, args -> {
      BatchTrace trace = new BatchTrace("vmap of " + description, size);
      List<Array> outs;
      TraceStack.push(trace);
      try {
        List<Array> inputs = new ArrayList<>(args.size());
        for (int i = 0; i < args.size(); i++) inputs.add(trace.lift(args.get(i), inBatched[i] ? 0 : BatchAxis.NOT_BATCHED));
        outs = f.call(inputs);
      } finally {
        TraceStack.pop(trace);
      }
      List<Array> result = new ArrayList<>(outs.size());
      for (int j = 0; j < outs.size(); j++) {
        Array v = trace.valueOf(outs.get(j));
        int d = trace.dimOf(outs.get(j));
        outBatched[j] = d != BatchAxis.NOT_BATCHED || forceOut[j];
        result.add(outBatched[j] ? BatchAxis.toFront(v, d, size) : v);
      }
      return result;
    });
    return new BatchedIr(ir, outBatched);
  }
}
