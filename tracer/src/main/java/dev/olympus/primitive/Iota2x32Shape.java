package dev.olympus.primitive;

import dev.olympus.Array;
import dev.olympus.DType;
import dev.olympus.autodiff.JvpResult;
import dev.olympus.batching.BatchAxis;
import dev.olympus.batching.Batched;
import dev.olympus.autodiff.Tangent;
import dev.olympus.storage.Storage;
import dev.olympus.types.AbstractValue;
import dev.olympus.types.Shape;
import java.util.List;

/**
 * {@code iota_2x32_shape[shape]}: the row-major index of every element of {@code shape} as a u64, split into its
 * high and low u32 words (JAX's {@code prng.iota_2x32_shape}); the counters {@code jax.random} hashes.
 */
public final class Iota2x32Shape extends Primitive {
  public static final Iota2x32Shape IOTA_2X32_SHAPE = new Iota2x32Shape();

  private Iota2x32Shape() {
    super("iota_2x32_shape");
  }

  @Override
  public List<AbstractValue> abstractEval(List<AbstractValue> in, Params params) {
    ShapeRules.arity(this, in, 0);
    AbstractValue out = new AbstractValue(DType.U32, params.shape("shape"), false);
    return List.of(out, out);
  }

  @Override
  public List<Storage> evaluate(List<Storage> in, Params params) {
    Shape shape = params.shape("shape");
    Storage hi = Storage.allocate(DType.U32, shape), lo = Storage.allocate(DType.U32, shape);
    // Java arrays hold fewer than 2^31 elements, so every high word is 0.
    int[] low = lo.i32();
    for (int i = 0; i < low.length; i++) low[i] = i;
    return List.of(hi, lo);
  }

  @Override
  public JvpResult jvp(List<Array> primals, List<Tangent> tangents, Params params) {
    return JvpResult.zeroTangents(bind(params, primals));
  }

  @Override
  public Batched batch(List<Array> args, int[] dims, Params params) {
    List<Array> outs = bind(params, args);
    return new Batched(outs, new int[] {BatchAxis.NOT_BATCHED, BatchAxis.NOT_BATCHED});
  }
}
