package dev.olympus.batching;

import dev.olympus.Array;
import dev.olympus.errors.OlympusException;
import dev.olympus.primitive.Params;
import dev.olympus.primitive.Primitive;
import dev.olympus.trace.Trace;
import dev.olympus.trace.Tracer;
import dev.olympus.types.AbstractValue;
import dev.olympus.types.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * Vectorization as an interpretation of primitives (JAX's {@code BatchTrace}): a value is an array with one
 * extra axis that runs over the batch, and each primitive runs its {@link Primitive#batch} rule on whole
 * batches at once. User code sees the per-example abstract value, so it is written for one example.
 */
public final class BatchTrace extends Trace {
  private final int axisSize;

  public BatchTrace(String description, int axisSize) {
    super(description);
    this.axisSize = axisSize;
  }

  public int axisSize() { return axisSize; }

  /** {@code value} batched along {@code dim}: a tracer of this trace, or the value itself if not batched. */
  public Array lift(Array value, int dim) {
    if (dim == BatchAxis.NOT_BATCHED) return value;
    return Array.fromTracer(new BatchTracer(this, value, dim));
  }

  /** The whole batch behind a value this trace sees (a value from below is not batched). */
  public Array valueOf(Array a) { return owns(a) ? ((BatchTracer) a.tracer()).value : a; }

  /** The batch axis of a value, or {@link BatchAxis#NOT_BATCHED}. */
  public int dimOf(Array a) { return owns(a) ? ((BatchTracer) a.tracer()).dim : BatchAxis.NOT_BATCHED; }

  @Override
  public List<Array> process(Primitive primitive, List<Array> args, Params params) {
    List<Array> values = new ArrayList<>(args.size());
    int[] dims = new int[args.size()];
    for (int i = 0; i < args.size(); i++) {
      values.add(valueOf(args.get(i)));
      dims[i] = dimOf(args.get(i));
    }
    Batched r = primitive.batch(values, dims, params);
    List<Array> outs = new ArrayList<>(r.values().size());
    for (int i = 0; i < r.values().size(); i++) {
      Array v = r.values().get(i);
      int d = r.dim(i);
      if (d != BatchAxis.NOT_BATCHED && (d >= v.ndim() || v.shape()[d] != axisSize)) {
        throw new OlympusException("internal error: the batching rule of " + primitive.name() + " returned "
            + v.aval() + " batched along axis " + d + ", but the batch has size " + axisSize);
      }
      outs.add(lift(v, d));
    }
    return outs;
  }

  /** One example's view of a batched array. */
  static final class BatchTracer extends Tracer {
    private final BatchTrace trace;
    final Array value;
    final int dim;

    BatchTracer(BatchTrace trace, Array value, int dim) {
      this.trace = trace;
      this.value = value;
      this.dim = dim;
    }

    @Override
    public Trace trace() { return trace; }

    @Override
    public AbstractValue aval() {
      AbstractValue a = value.aval();
      return a.withShape(Shape.of(BatchAxis.exampleShape(value, dim)));
    }

    @Override
    public String dependsOn() { return value.isTracer() ? value.tracer().dependsOn() : null; }

    @Override
    public String createdAt() { return value.isTracer() ? value.tracer().createdAt() : null; }
  }
}
