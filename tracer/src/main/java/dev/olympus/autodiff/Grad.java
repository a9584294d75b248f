package dev.olympus.autodiff;

import dev.olympus.Array;
import dev.olympus.Fn1;
import dev.olympus.Fn2;
import dev.olympus.Fn3;
import dev.olympus.Fn4;
import dev.olympus.PrimalAndTangent;
import dev.olympus.ValueAndGrad;
import dev.olympus.ValueAndPullback;
import dev.olympus.errors.ArgumentCheck;
import dev.olympus.errors.ShapeException;
import dev.olympus.errors.SourceLocation;
import dev.olympus.pytree.PyTree;
import dev.olympus.pytree.TreeDef;
import dev.olympus.storage.Storage;
import dev.olympus.trace.TraceStack;
import dev.olympus.transform.FunctionInfo;
import dev.olympus.transform.Staging;
import dev.olympus.transform.TransformedFunction;
import dev.olympus.types.AbstractValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reverse and forward mode for user functions: {@code grad}, {@code valueAndGrad}, {@code vjp} and
 * {@code jvp}, as JAX defines them. Reverse mode linearizes ({@link Linearized}) and transposes the linear
 * part ({@link BackwardPass}); forward mode runs a {@link JvpTrace}. Arguments and results are pytrees
 * (Arrays, records of Arrays, Lists, Maps), and a gradient has the structure and type of its argument.
 *
 * <p>Everything binds primitives through the trace stack, so these compose with each other, with
 * {@code vmap}, and with staging: {@code makeIr(grad(f))} prints the forward computation followed by the
 * backward one.
 */
public final class Grad {
  private Grad() {}

  // ---- grad and valueAndGrad ------------------------------------------------------------------------------

  public static <A> Fn1<A, A> grad(Fn1<A, Array> f) { return grad(f, 0); }

  public static <A, B> Fn2<A, B, A> grad(Fn2<A, B, Array> f) { return grad(f, 0); }

  public static <A, B, C> Fn3<A, B, C, A> grad(Fn3<A, B, C, Array> f) { return grad(f, 0); }

  public static <A, B, C, D> Fn4<A, B, C, D, A> grad(Fn4<A, B, C, D, Array> f) { return grad(f, 0); }

  /**
   * The gradient with respect to argument {@code argnum}. Its type {@code G} is that argument's type; Java
   * cannot tie it to the position, so it is inferred from the assignment (a wrong {@code G} fails with a
   * {@link ClassCastException} where the gradient is used).
   */
  public static <A, G> Fn1<A, G> grad(Fn1<A, Array> f, int argnum) {
    FunctionInfo info = FunctionInfo.of(f);
    return TransformedFunction.of1(describe("grad", info, argnum), info.parameterNames(), identity("grad", info, argnum),
        args -> gradient(info, args, argnum, false));
  }

  public static <A, B, G> Fn2<A, B, G> grad(Fn2<A, B, Array> f, int argnum) {
    FunctionInfo info = FunctionInfo.of(f);
    return TransformedFunction.of2(describe("grad", info, argnum), info.parameterNames(), identity("grad", info, argnum),
        args -> gradient(info, args, argnum, false));
  }

  public static <A, B, C, G> Fn3<A, B, C, G> grad(Fn3<A, B, C, Array> f, int argnum) {
    FunctionInfo info = FunctionInfo.of(f);
    return TransformedFunction.of3(describe("grad", info, argnum), info.parameterNames(), identity("grad", info, argnum),
        args -> gradient(info, args, argnum, false));
  }

  public static <A, B, C, D, G> Fn4<A, B, C, D, G> grad(Fn4<A, B, C, D, Array> f, int argnum) {
    FunctionInfo info = FunctionInfo.of(f);
    return TransformedFunction.of4(describe("grad", info, argnum), info.parameterNames(), identity("grad", info, argnum),
        args -> gradient(info, args, argnum, false));
  }

  public static <A> Fn1<A, ValueAndGrad<A>> valueAndGrad(Fn1<A, Array> f) { return valueAndGrad(f, 0); }

  public static <A, B> Fn2<A, B, ValueAndGrad<A>> valueAndGrad(Fn2<A, B, Array> f) { return valueAndGrad(f, 0); }

  public static <A, B, C> Fn3<A, B, C, ValueAndGrad<A>> valueAndGrad(Fn3<A, B, C, Array> f) {
    return valueAndGrad(f, 0);
  }

  public static <A, B, C, D> Fn4<A, B, C, D, ValueAndGrad<A>> valueAndGrad(Fn4<A, B, C, D, Array> f) {
    return valueAndGrad(f, 0);
  }

  public static <A, G> Fn1<A, ValueAndGrad<G>> valueAndGrad(Fn1<A, Array> f, int argnum) {
    FunctionInfo info = FunctionInfo.of(f);
    return TransformedFunction.of1(describe("valueAndGrad", info, argnum), info.parameterNames(),
        identity("valueAndGrad", info, argnum), args -> gradient(info, args, argnum, true));
  }

  public static <A, B, G> Fn2<A, B, ValueAndGrad<G>> valueAndGrad(Fn2<A, B, Array> f, int argnum) {
    FunctionInfo info = FunctionInfo.of(f);
    return TransformedFunction.of2(describe("valueAndGrad", info, argnum), info.parameterNames(),
        identity("valueAndGrad", info, argnum), args -> gradient(info, args, argnum, true));
  }

  public static <A, B, C, G> Fn3<A, B, C, ValueAndGrad<G>> valueAndGrad(Fn3<A, B, C, Array> f, int argnum) {
    FunctionInfo info = FunctionInfo.of(f);
    return TransformedFunction.of3(describe("valueAndGrad", info, argnum), info.parameterNames(),
        identity("valueAndGrad", info, argnum), args -> gradient(info, args, argnum, true));
  }

  public static <A, B, C, D, G> Fn4<A, B, C, D, ValueAndGrad<G>> valueAndGrad(Fn4<A, B, C, D, Array> f,
      int argnum) {
    FunctionInfo info = FunctionInfo.of(f);
    return TransformedFunction.of4(describe("valueAndGrad", info, argnum), info.parameterNames(),
        identity("valueAndGrad", info, argnum), args -> gradient(info, args, argnum, true));
  }

  private static String describe(String transformation, FunctionInfo info, int argnum) {
    if (argnum < 0 || argnum >= info.arity()) {
      throw ArgumentCheck.invalid("Olympus." + transformation, "argnum", "is " + argnum + ", out of range for "
          + info.name() + ", which takes " + info.arity() + " argument" + (info.arity() == 1 ? "" : "s"),
          "pass the position of the argument to differentiate, 0 .. " + (info.arity() - 1));
    }
    return transformation + " of " + info.name() + (argnum == 0 ? "" : " (argument " + argnum + ")");
  }

  private static Object identity(String transformation, FunctionInfo info, int argnum) {
    return TransformedFunction.identityOf(transformation, argnum, info);
  }

  /** grad / valueAndGrad of {@code info} at {@code args}, with respect to {@code args[argnum]}. */
  private static Object gradient(FunctionInfo info, Object[] args, int argnum, boolean withValue) {
    String what = withValue ? "valueAndGrad" : "grad";
    requireArrays(what, info, argnum, args[argnum]);
    PyTree.Flat flat = PyTree.flatten(args[argnum]);
    List<String> names = leafNames(info, argnum, flat.tree());
    if (flat.leaves().isEmpty()) {
      throw new ShapeException(what + " of " + info.name() + ": " + argumentName(info, argnum)
          + " holds no arrays, so there is nothing to differentiate with respect to." + SourceLocation.suffix());
    }
    for (int i = 0; i < flat.leaves().size(); i++) {
      AbstractValue a = flat.leaves().get(i).aval();
      if (!a.dtype().isFloating()) {
        throw new ShapeException(what + " requires real-valued inputs (f32/f64), got " + a + " for " + names.get(i)
            + "; use astype(F32) or jvp/vjp with float tangents. (Differentiating " + info.name() + ".)"
            + SourceLocation.suffix());
      }
    }
    boolean[] all = new boolean[flat.leaves().size()];
    Arrays.fill(all, true);
    Linearized lin = Linearized.of(what + " of " + info.name(), leaves -> {
      Object[] call = args.clone();
      call[argnum] = PyTree.unflatten(flat.tree(), leaves);
      Object out = Staging.asTreeArgument(info.invoke(call));
      if (!(out instanceof Array result)) {
        throw new ShapeException(what + " requires a scalar (f32[]) output, got a " + typeName(out) + " from "
            + info.name() + "; use vjp or jvp for other results." + SourceLocation.suffix());
      }
      AbstractValue a = result.aval();
      if (!a.dtype().isFloating()) {
        throw new ShapeException(what + " requires a real-valued (f32/f64) scalar output, got " + a + " from "
            + info.name() + "; convert it with astype(F32) if it should be differentiable." + SourceLocation.suffix());
      }
      if (a.rank() != 0) {
        throw new ShapeException(what + " requires a scalar (" + a.dtype().shortName() + "[]) output, got " + a
            + "; use vjp or jvp, or sum() the output. (Differentiating " + info.name() + ".)"
            + SourceLocation.suffix());
      }
      return List.of(result);
    }, flat.leaves(), all, names);
    Array value = lin.primalsOut().get(0);
    Array one = Array.fromStorage(Storage.scalar(value.dtype(), 1.0), value.weakType());
    List<Tangent> cts = lin.pullback(List.of(Tangent.of(one)));
    List<Array> grads = new ArrayList<>(cts.size());
    for (Tangent t : cts) grads.add(t.instantiate());
    Object gradient = PyTree.unflatten(flat.tree(), grads);
    return withValue ? new ValueAndGrad<>(value, gradient) : gradient;
  }

  // ---- vjp and jvp ----------------------------------------------------------------------------------------

  /**
   * {@code f} at {@code primal} and its pullback (JAX's {@code vjp}): the pullback maps a cotangent shaped like
   * the result to one shaped like {@code primal}. Integer and bool leaves of {@code primal} get zero
   * cotangents.
   */
  @SuppressWarnings("unchecked")
  public static <A, R> ValueAndPullback<R, A> vjp(Fn1<A, R> f, A primal) {
    FunctionInfo info = FunctionInfo.of(f);
    requireArrays("vjp", info, 0, primal);
    PyTree.Flat flat = PyTree.flatten(primal);
    boolean[] differentiable = new boolean[flat.leaves().size()];
    for (int i = 0; i < differentiable.length; i++) differentiable[i] = flat.leaves().get(i).dtype().isFloating();
    TreeDef[] outTree = new TreeDef[1];
    Linearized lin = Linearized.of("vjp of " + info.name(), leaves -> {
      PyTree.Flat out = PyTree.flatten(Staging.asTreeArgument(info.invoke(PyTree.unflatten(flat.tree(), leaves))));
      outTree[0] = out.tree();
      return out.leaves();
    }, flat.leaves(), differentiable, leafNames(info, 0, flat.tree()));
    R value = (R) PyTree.unflatten(outTree[0], lin.primalsOut());
    Fn1<R, A> pullback = cotangent -> {
      PyTree.Flat ct = PyTree.flatten(Staging.asTreeArgument(cotangent));
      checkSameStructure("the cotangent passed to the pullback of " + info.name(), outTree[0], lin.outAvals(),
          "the result", ct);
      List<Tangent> cts = new ArrayList<>();
      for (Array a : ct.leaves()) cts.add(Tangent.of(a));
      List<Array> inCts = new ArrayList<>();
      for (Tangent t : lin.pullback(cts)) inCts.add(t.instantiate());
      return (A) PyTree.unflatten(flat.tree(), inCts);
    };
    return new ValueAndPullback<>(value, pullback);
  }

  /**
   * {@code f} at {@code primal} and its derivative along {@code tangent} (JAX's {@code jvp}). The tangent has
   * the structure, dtypes and shapes of the primal; tangents of integer or bool leaves are ignored (zero).
   */
  @SuppressWarnings("unchecked")
  public static <A, R> PrimalAndTangent<R> jvp(Fn1<A, R> f, A primal, A tangent) {
    FunctionInfo info = FunctionInfo.of(f);
    requireArrays("jvp", info, 0, primal);
    PyTree.Flat p = PyTree.flatten(primal);
    PyTree.Flat t = PyTree.flatten(tangent);
    List<AbstractValue> primalAvals = new ArrayList<>();
    for (Array a : p.leaves()) primalAvals.add(a.aval());
    checkSameStructure("the tangent passed to jvp of " + info.name(), p.tree(), primalAvals, "the primal", t);
    JvpTrace trace = new JvpTrace("jvp of " + info.name());
    PyTree.Flat out;
    TraceStack.push(trace);
    try {
      List<Array> inputs = new ArrayList<>();
      for (int i = 0; i < p.leaves().size(); i++) {
        Array x = p.leaves().get(i);
        inputs.add(x.dtype().isFloating() ? trace.lift(x, Tangent.of(t.leaves().get(i))) : x);
      }
      out = PyTree.flatten(Staging.asTreeArgument(info.invoke(PyTree.unflatten(p.tree(), inputs))));
    } finally {
      TraceStack.pop(trace);
    }
    List<Array> primals = new ArrayList<>();
    List<Array> tangents = new ArrayList<>();
    for (Array o : out.leaves()) {
      primals.add(trace.primalOf(o));
      tangents.add(trace.tangentOf(o).instantiate());
    }
    return new PrimalAndTangent<>((R) PyTree.unflatten(out.tree(), primals), (R) PyTree.unflatten(out.tree(), tangents));
  }

  // ---- naming and checks ----------------------------------------------------------------------------------

  private static String argumentName(FunctionInfo info, int argnum) {
    String p = info.parameterNames().get(argnum);
    return p.startsWith("argument ") ? p : "the argument " + p;
  }

  /** "the argument params.w" for each leaf of argument {@code argnum}. */
  private static List<String> leafNames(FunctionInfo info, int argnum, TreeDef tree) {
    String base = argumentName(info, argnum);
    List<String> names = new ArrayList<>();
    for (String path : PyTree.leafPaths(tree)) names.add(base + path);
    return names;
  }

  private static String typeName(Object o) {
    return o == null ? "null" : o.getClass().getSimpleName();
  }

  /**
   * A Java number cannot stand for a traced value (the function receives exactly what it declares), so
   * differentiating with respect to one is an error that says what to pass instead.
   */
  private static void requireArrays(String what, FunctionInfo info, int argnum, Object arg) {
    if (arg instanceof Number n) {
      throw new ShapeException(what + " of " + info.name() + " differentiates with respect to Arrays (or records, "
          + "Lists and Maps of Arrays), but " + argumentName(info, argnum) + " is the Java " + typeName(n) + " " + n
          + ", a constant to Olympus. Declare the parameter as Array and pass Jnp.scalar(" + n + ")."
          + SourceLocation.suffix());
    }
  }

  private static void checkSameStructure(String what, TreeDef tree, List<AbstractValue> avals, String against,
      PyTree.Flat given) {
    if (!given.tree().equals(tree)) {
      throw new ShapeException(what + " must have the structure of " + against + ", " + tree + ", got "
          + given.tree() + "." + SourceLocation.suffix());
    }
    for (int i = 0; i < avals.size(); i++) {
      AbstractValue want = avals.get(i), got = given.leaves().get(i).aval();
      if (want.dtype() != got.dtype() || !want.shape().equals(got.shape())) {
        throw new ShapeException(what + " must match " + against + " in dtype and shape: leaf " + i + " is " + got
            + " but " + against + " has " + want + "." + SourceLocation.suffix());
      }
    }
  }
}
