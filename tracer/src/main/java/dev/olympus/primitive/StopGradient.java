package dev.olympus.primitive;

import dev.olympus.Array;
import dev.olympus.autodiff.JvpResult;
import dev.olympus.autodiff.Tangent;
import dev.olympus.batching.Batched;
import dev.olympus.storage.Storage;
import dev.olympus.types.AbstractValue;
import java.util.List;

/**
 * {@code stop_gradient x}: {@code x} itself, but a constant to differentiation (JAX's {@code lax.stop_gradient}):
 * its tangent is zero, so no cotangent flows back through it. {@code vmap} of a {@code cond} whose predicate
 * varies over the batch runs every branch on every example and uses it to keep cotangents of branches an
 * example did not take (possibly {@code 0 * inf}) away from that example's operands, as JAX does.
 */
public final class StopGradient extends Primitive {
  public static final StopGradient STOP_GRADIENT = new StopGradient();

  private StopGradient() {
    super("stop_gradient");
  }

  @Override
  public List<AbstractValue> abstractEval(List<AbstractValue> in, Params params) {
    ShapeRules.arity(this, in, 1);
    return List.of(in.get(0));
  }

  @Override
  public List<Storage> evaluate(List<Storage> in, Params params) { return List.of(in.get(0)); }

  @Override
  public JvpResult jvp(List<Array> primals, List<Tangent> tangents, Params params) {
    return JvpResult.zeroTangents(List.of(bind1(params, primals.get(0))));
  }

  @Override
  public Batched batch(List<Array> args, int[] dims, Params params) {
    return Batched.of(bind1(params, args.get(0)), dims[0]);
  }
}
