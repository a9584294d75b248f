package dev.olympus.primitive;

import dev.olympus.Array;
import dev.olympus.DType;
import dev.olympus.autodiff.JvpResult;
import dev.olympus.autodiff.Tangent;
import dev.olympus.batching.BatchAxis;
import dev.olympus.batching.Batched;
import dev.olympus.storage.Storage;
import dev.olympus.types.AbstractValue;
import dev.olympus.types.Shape;
import java.util.List;

/**
 * {@code threefry2x32 k1 k2 x1 x2}: the Threefry-2x32 block cipher (Salmon et al., "Parallel random numbers: as
 * easy as 1, 2, 3", 2011) with 20 rounds, keyed by {@code (k1, k2)}, applied to each counter pair
 * {@code (x1, x2)}; two u32 results. The operands are u32 of one shape or 0-d. This is JAX's
 * {@code threefry2x32_p}, unrolled exactly as its lowering is, so every key and bit agrees with
 * {@code jax.random}'s default implementation.
 */
public final class Threefry2x32 extends Primitive {
  public static final Threefry2x32 THREEFRY2X32 = new Threefry2x32();

  private static final int[] ROTATIONS_0 = {13, 15, 26, 6};
  private static final int[] ROTATIONS_1 = {17, 29, 16, 24};

  private Threefry2x32() {
    super("threefry2x32");
  }

  @Override
  public List<AbstractValue> abstractEval(List<AbstractValue> in, Params params) {
    ShapeRules.arity(this, in, 4);
    Shape shape = Shape.SCALAR;
    for (AbstractValue a : in) {
      if (a.dtype() != DType.U32) {
        throw ShapeRules.error(name(), "needs uint32 operands, got " + ShapeRules.describe(in));
      }
      if (a.rank() == 0) continue;
      if (shape.rank() != 0 && !shape.equals(a.shape())) {
        throw ShapeRules.error(name(), "needs operands of one shape or 0-d, got " + ShapeRules.describe(in));
      }
      shape = a.shape();
    }
    AbstractValue out = new AbstractValue(DType.U32, shape, false);
    return List.of(out, out);
  }

  @Override
  public List<Storage> evaluate(List<Storage> in, Params params) {
    Shape shape = Shape.SCALAR;
    for (Storage s : in) if (s.shape().rank() > 0) shape = s.shape();
    Storage out1 = Storage.allocate(DType.U32, shape), out2 = Storage.allocate(DType.U32, shape);
    int[] k1 = in.get(0).i32(), k2 = in.get(1).i32(), x1 = in.get(2).i32(), x2 = in.get(3).i32();
    int s1 = step(in.get(0)), s2 = step(in.get(1)), s3 = step(in.get(2)), s4 = step(in.get(3));
    int[] o1 = out1.i32(), o2 = out2.i32();
    int[] pair = new int[2];
    for (int i = 0; i < o1.length; i++) {
      hash(k1[i * s1], k2[i * s2], x1[i * s3], x2[i * s4], pair);
      o1[i] = pair[0];
      o2[i] = pair[1];
    }
    return List.of(out1, out2);
  }

  private static int step(Storage s) {
    return s.shape().rank() == 0 ? 0 : 1;
  }

  /** Java's int arithmetic is u32 arithmetic modulo 2^32, which is what the cipher asks for. */
  static void hash(int key1, int key2, int c1, int c2, int[] out) {
    int[] ks = {key1, key2, key1 ^ key2 ^ 0x1BD11BDA};
    int x0 = c1 + ks[0];
    int x1 = c2 + ks[1];
    for (int block = 1; block <= 5; block++) {
      int[] rotations = block % 2 == 1 ? ROTATIONS_0 : ROTATIONS_1;
      for (int r : rotations) {
        x0 += x1;
        x1 = Integer.rotateLeft(x1, r);
        x1 ^= x0;
      }
      x0 += ks[block % 3];
      x1 += ks[(block + 1) % 3] + block;
    }
    out[0] = x0;
    out[1] = x1;
  }

  /** u32 operands are used bit for bit. */
  @Override
  protected boolean evaluatesNarrowTypes(Params params) {
    return true;
  }

  @Override
  public JvpResult jvp(List<Array> primals, List<Tangent> tangents, Params params) {
    return JvpResult.zeroTangents(bind(params, primals));
  }

  @Override
  public Batched batch(List<Array> args, int[] dims, Params params) {
    return BatchAxis.elementwise(this, args, dims, params);
  }
}
