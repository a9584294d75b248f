package dev.olympus.primitive;

import dev.olympus.Array;
import dev.olympus.batching.BatchAxis;
import dev.olympus.batching.Batched;
import dev.olympus.types.AbstractValue;
import java.util.ArrayList;
import java.util.List;

/**
 * What the linear-algebra primitives share: they act on the last two axes and run over any leading (batch)
 * axes, so their batching rules move the mapped axis to the front of every operand and bind again.
 */
final class MatrixBatch {
  private MatrixBatch() {}

  /** The number of matrices in a value of shape {@code [..., m, n]}. */
  static int count(int[] shape) {
    int n = 1;
    for (int i = 0; i < shape.length - 2; i++) n *= shape[i];
    return n;
  }

  static void requireMatrix(String op, AbstractValue x) {
    if (x.rank() < 2) throw ShapeRules.error(op, "needs a matrix (or a batch of them, [..., m, n]), got " + x);
    if (!x.dtype().isFloating()) throw ShapeRules.error(op, "needs floating matrices, got " + x);
  }

  static void requireSquare(String op, AbstractValue x) {
    requireMatrix(op, x);
    int m = x.shape().dim(x.rank() - 2), n = x.shape().dim(x.rank() - 1);
    if (m != n) throw ShapeRules.error(op, "needs square matrices, got " + x);
  }

  /** Binds {@code p} on {@code args} with each batched one's mapped axis in front (the others broadcast). */
  static Batched front(Primitive p, List<Array> args, int[] dims, Params params) {
    int size = BatchAxis.size(args, dims);
    List<Array> moved = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) moved.add(BatchAxis.toFront(args.get(i), dims[i], size));
    List<Array> out = p.bind(params, moved);
    int[] outDims = new int[out.size()];
    return new Batched(out, outDims);
  }
}
