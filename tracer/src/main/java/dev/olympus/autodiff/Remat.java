package dev.olympus.autodiff;

import dev.olympus.Array;
import dev.olympus.Fn1;
import dev.olympus.Fn2;
import dev.olympus.Fn3;
import dev.olympus.Fn4;
import dev.olympus.primitive.Checkpoint;
import dev.olympus.pytree.PyTree;
import dev.olympus.transform.FunctionInfo;
import dev.olympus.transform.Staging;
import dev.olympus.transform.TransformedFunction;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code jax.checkpoint} (also {@code jax.remat}): a function that computes what {@code f} computes, but whose
 * intermediate values reverse mode does not keep for the backward pass; it recomputes them from the
 * function's inputs when the backward pass reaches it. Each call traces {@code f} into one {@code checkpoint}
 * equation ({@link Checkpoint}), so it composes with grad, jvp, vmap and jit like any primitive.
 *
 * <p>Arguments and results are pytrees; Java numbers are weakly typed scalars, as elsewhere. Only JAX's default
 * policy is offered (save nothing but the inputs), the one that bounds memory by the checkpointed block's
 * inputs and outputs.
 */
public final class Remat {
  private Remat() {}

  public static <A, R> Fn1<A, R> checkpoint(Fn1<A, R> f) {
    FunctionInfo info = FunctionInfo.of(f);
    return TransformedFunction.of1(describe(info), info.parameterNames(), identity(info), args -> run(info, args));
  }

  public static <A, B, R> Fn2<A, B, R> checkpoint(Fn2<A, B, R> f) {
    FunctionInfo info = FunctionInfo.of(f);
    return TransformedFunction.of2(describe(info), info.parameterNames(), identity(info), args -> run(info, args));
  }

  public static <A, B, C, R> Fn3<A, B, C, R> checkpoint(Fn3<A, B, C, R> f) {
    FunctionInfo info = FunctionInfo.of(f);
    return TransformedFunction.of3(describe(info), info.parameterNames(), identity(info), args -> run(info, args));
  }

  public static <A, B, C, D, R> Fn4<A, B, C, D, R> checkpoint(Fn4<A, B, C, D, R> f) {
    FunctionInfo info = FunctionInfo.of(f);
    return TransformedFunction.of4(describe(info), info.parameterNames(), identity(info), args -> run(info, args));
  }

  private static String describe(FunctionInfo info) { return "checkpoint of " + info.name(); }

  private static Object identity(FunctionInfo info) { return TransformedFunction.identityOf("checkpoint", "", info); }

  private static Object run(FunctionInfo info, Object[] args) {
    Staging.Traced traced = Staging.trace(info, args, null, "checkpoint");
    List<Array> operands = new ArrayList<>();
    for (Object a : args) operands.addAll(PyTree.flatten(Staging.asTreeArgument(a)).leaves());
    List<Array> outs = Checkpoint.call(traced.ir(), operands, false);
    return PyTree.unflatten(traced.outTree(), outs);
  }

}
