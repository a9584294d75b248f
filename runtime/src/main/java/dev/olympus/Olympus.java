package dev.olympus;

import dev.olympus.autodiff.Grad;
import dev.olympus.autodiff.Remat;
import dev.olympus.errors.ArgumentCheck;
import dev.olympus.batching.Vmap;
import dev.olympus.ir.ClosedIr;
import dev.olympus.jit.Jit;
import dev.olympus.jit.JitStats;
import dev.olympus.numpy.Jnp;
import dev.olympus.transform.Staging;

/**
 * Olympus' transformations, as JAX's top-level functions: {@code makeIr} ({@code jax.make_jaxpr}), and the
 * ones that compose with it. Each takes a function value ({@link Fn1}..{@link Fn4}), typically a method
 * reference such as {@code Ex::selu}.
 */
public final class Olympus {
  private Olympus() {}

  /**
   * Traces {@code f} on the abstract values of {@code args} and returns its IR; {@code toString()} prints
   * jaxpr text. A {@code Float}/{@code Double} argument is a weakly typed f32[] scalar and an {@code Integer}
   * a weakly typed i32[], as Python scalars are in JAX. Java side effects in {@code f} happen once, now.
   */
  public static <A, R> ClosedIr makeIr(Fn1<A, R> f, Object... args) {
    ArgumentCheck.function("Olympus.makeIr", "f", f);
    checkArity("Olympus.makeIr", 1, args);
    return Staging.makeIr(f, args);
  }

  public static <A, B, R> ClosedIr makeIr(Fn2<A, B, R> f, Object... args) {
    ArgumentCheck.function("Olympus.makeIr", "f", f);
    checkArity("Olympus.makeIr", 2, args);
    return Staging.makeIr(f, args);
  }

  public static <A, B, C, R> ClosedIr makeIr(Fn3<A, B, C, R> f, Object... args) {
    ArgumentCheck.function("Olympus.makeIr", "f", f);
    checkArity("Olympus.makeIr", 3, args);
    return Staging.makeIr(f, args);
  }

  public static <A, B, C, D, R> ClosedIr makeIr(Fn4<A, B, C, D, R> f, Object... args) {
    ArgumentCheck.function("Olympus.makeIr", "f", f);
    checkArity("Olympus.makeIr", 4, args);
    return Staging.makeIr(f, args);
  }

  /** makeIr's {@code args}: one value per parameter of the function (a value may be null, an empty tree). */
  private static void checkArity(String op, int arity, Object[] args) {
    ArgumentCheck.nonNull(op, "args", args, "pass the function's arguments after it, e.g. makeIr(f, x)");
    if (args.length != arity) {
      throw ArgumentCheck.invalid(op, "args", "has " + args.length + " value" + (args.length == 1 ? "" : "s")
          + " but f takes " + arity + " argument" + (arity == 1 ? "" : "s"), "pass one value (an Array, a record or "
          + "List of Arrays, or a Java number) per parameter of f");
    }
  }

  // ---- jit ----------------------------------------------------------------------------------------------

  /**
   * {@code jax.jit}: returns a function of the same type that traces {@code f} on the first call for each
   * cache key (function identity, static values, argument dtypes/shapes/structure), compiles a fused kernel,
   * caches it, and runs it. Called inside another trace it traces through {@code f}.
   */
  public static <A, R> Fn1<A, R> jit(Fn1<A, R> f) {
    ArgumentCheck.function("Olympus.jit", "f", f);
    return Jit.jit(f, JitOptions.defaults());
  }

  public static <A, B, R> Fn2<A, B, R> jit(Fn2<A, B, R> f) {
    ArgumentCheck.function("Olympus.jit", "f", f);
    return Jit.jit(f, JitOptions.defaults());
  }

  public static <A, B, C, R> Fn3<A, B, C, R> jit(Fn3<A, B, C, R> f) {
    ArgumentCheck.function("Olympus.jit", "f", f);
    return Jit.jit(f, JitOptions.defaults());
  }

  public static <A, B, C, D, R> Fn4<A, B, C, D, R> jit(Fn4<A, B, C, D, R> f) {
    ArgumentCheck.function("Olympus.jit", "f", f);
    return Jit.jit(f, JitOptions.defaults());
  }

  private static final String OPTIONS_FIX = "pass JitOptions.defaults() or JitOptions.staticArgnums(...)";

  /** {@code jax.jit(f, static_argnums=...)}. */
  public static <A, R> Fn1<A, R> jit(Fn1<A, R> f, JitOptions options) {
    ArgumentCheck.function("Olympus.jit", "f", f);
    ArgumentCheck.nonNull("Olympus.jit", "options", options, OPTIONS_FIX);
    return Jit.jit(f, options);
  }

  public static <A, B, R> Fn2<A, B, R> jit(Fn2<A, B, R> f, JitOptions options) {
    ArgumentCheck.function("Olympus.jit", "f", f);
    ArgumentCheck.nonNull("Olympus.jit", "options", options, OPTIONS_FIX);
    return Jit.jit(f, options);
  }

  public static <A, B, C, R> Fn3<A, B, C, R> jit(Fn3<A, B, C, R> f, JitOptions options) {
    ArgumentCheck.function("Olympus.jit", "f", f);
    ArgumentCheck.nonNull("Olympus.jit", "options", options, OPTIONS_FIX);
    return Jit.jit(f, options);
  }

  public static <A, B, C, D, R> Fn4<A, B, C, D, R> jit(Fn4<A, B, C, D, R> f, JitOptions options) {
    ArgumentCheck.function("Olympus.jit", "f", f);
    ArgumentCheck.nonNull("Olympus.jit", "options", options, OPTIONS_FIX);
    return Jit.jit(f, options);
  }

  /** How many traces-and-compiles the run-time jit has done in this JVM. */
  public static long compileCount() { return Jit.compileCount(); }

  /** Hits, misses, compile time and size of the jit cache. */
  public static JitStats jitStats() { return Jit.stats(); }

  /** {@code jax.debug.print}: prints {@code fmt}, each {@code {}} replaced by an array's value when computed. */
  public static void debugPrint(String fmt, Array... args) {
    ArgumentCheck.nonNull("Olympus.debugPrint", "fmt", fmt, "pass a format, e.g. \"x = {}\" with one {} per array");
    ArgumentCheck.arrays("Olympus.debugPrint", "args", args);
    dev.olympus.debug.Debug.print(fmt, args);
  }

  // ---- transformations: grad, jvp, vjp, vmap ----
  // Thin delegates; the transformations live in the tracer module (dev.olympus.autodiff, dev.olympus.batching).

  /** {@code jax.grad}: reverse mode w.r.t. the first argument; the gradient has the argument's type. */
  public static <A> Fn1<A, A> grad(Fn1<A, Array> f) {
    ArgumentCheck.function("Olympus.grad", "f", f);
    return Grad.grad(f);
  }

  public static <A, B> Fn2<A, B, A> grad(Fn2<A, B, Array> f) {
    ArgumentCheck.function("Olympus.grad", "f", f);
    return Grad.grad(f);
  }

  public static <A, B, C> Fn3<A, B, C, A> grad(Fn3<A, B, C, Array> f) {
    ArgumentCheck.function("Olympus.grad", "f", f);
    return Grad.grad(f);
  }

  public static <A, B, C, D> Fn4<A, B, C, D, A> grad(Fn4<A, B, C, D, Array> f) {
    ArgumentCheck.function("Olympus.grad", "f", f);
    return Grad.grad(f);
  }

  /**
   * {@code jax.grad(f, argnums=argnum)}. The gradient type {@code G} is argument {@code argnum}'s type, inferred
   * from the assignment: {@code Fn2<Array, Params, Params> g = Olympus.grad(loss, 1);}.
   */
  public static <A, G> Fn1<A, G> grad(Fn1<A, Array> f, int argnum) {
    ArgumentCheck.function("Olympus.grad", "f", f);
    return Grad.grad(f, argnum);
  }

  public static <A, B, G> Fn2<A, B, G> grad(Fn2<A, B, Array> f, int argnum) {
    ArgumentCheck.function("Olympus.grad", "f", f);
    return Grad.grad(f, argnum);
  }

  public static <A, B, C, G> Fn3<A, B, C, G> grad(Fn3<A, B, C, Array> f, int argnum) {
    ArgumentCheck.function("Olympus.grad", "f", f);
    return Grad.grad(f, argnum);
  }

  public static <A, B, C, D, G> Fn4<A, B, C, D, G> grad(Fn4<A, B, C, D, Array> f, int argnum) {
    ArgumentCheck.function("Olympus.grad", "f", f);
    return Grad.grad(f, argnum);
  }

  /** {@code jax.value_and_grad}: the value and the gradient w.r.t. the first argument. */
  public static <A> Fn1<A, ValueAndGrad<A>> valueAndGrad(Fn1<A, Array> f) {
    ArgumentCheck.function("Olympus.valueAndGrad", "f", f);
    return Grad.valueAndGrad(f);
  }

  public static <A, B> Fn2<A, B, ValueAndGrad<A>> valueAndGrad(Fn2<A, B, Array> f) {
    ArgumentCheck.function("Olympus.valueAndGrad", "f", f);
    return Grad.valueAndGrad(f);
  }

  public static <A, B, C> Fn3<A, B, C, ValueAndGrad<A>> valueAndGrad(Fn3<A, B, C, Array> f) {
    ArgumentCheck.function("Olympus.valueAndGrad", "f", f);
    return Grad.valueAndGrad(f);
  }

  public static <A, B, C, D> Fn4<A, B, C, D, ValueAndGrad<A>> valueAndGrad(Fn4<A, B, C, D, Array> f) {
    ArgumentCheck.function("Olympus.valueAndGrad", "f", f);
    return Grad.valueAndGrad(f);
  }

  public static <A, G> Fn1<A, ValueAndGrad<G>> valueAndGrad(Fn1<A, Array> f, int argnum) {
    ArgumentCheck.function("Olympus.valueAndGrad", "f", f);
    return Grad.valueAndGrad(f, argnum);
  }

  public static <A, B, G> Fn2<A, B, ValueAndGrad<G>> valueAndGrad(Fn2<A, B, Array> f, int argnum) {
    ArgumentCheck.function("Olympus.valueAndGrad", "f", f);
    return Grad.valueAndGrad(f, argnum);
  }

  public static <A, B, C, G> Fn3<A, B, C, ValueAndGrad<G>> valueAndGrad(Fn3<A, B, C, Array> f, int argnum) {
    ArgumentCheck.function("Olympus.valueAndGrad", "f", f);
    return Grad.valueAndGrad(f, argnum);
  }

  public static <A, B, C, D, G> Fn4<A, B, C, D, ValueAndGrad<G>> valueAndGrad(Fn4<A, B, C, D, Array> f,
      int argnum) {
    ArgumentCheck.function("Olympus.valueAndGrad", "f", f);
    return Grad.valueAndGrad(f, argnum);
  }

  /** {@code jax.jvp}: {@code f(primal)} and its derivative along {@code tangent}. */
  public static <A, R> PrimalAndTangent<R> jvp(Fn1<A, R> f, A primal, A tangent) {
    ArgumentCheck.function("Olympus.jvp", "f", f);
    return Grad.jvp(f, primal, tangent);
  }

  /** {@code jax.vjp}: {@code f(primal)} and its pullback (cotangent of the result to cotangent of the input). */
  public static <A, R> ValueAndPullback<R, A> vjp(Fn1<A, R> f, A primal) {
    ArgumentCheck.function("Olympus.vjp", "f", f);
    return Grad.vjp(f, primal);
  }

  /**
   * {@code jax.checkpoint} (alias {@code jax.remat}): {@code f} unchanged in value, but reverse mode keeps none
   * of its intermediate values for the backward pass and recomputes them from its inputs there, trading
   * compute for memory (wrap each layer of a deep network). Prints as one {@code checkpoint} equation.
   */
  public static <A, R> Fn1<A, R> checkpoint(Fn1<A, R> f) {
    ArgumentCheck.function("Olympus.checkpoint", "f", f);
    return Remat.checkpoint(f);
  }

  public static <A, B, R> Fn2<A, B, R> checkpoint(Fn2<A, B, R> f) {
    ArgumentCheck.function("Olympus.checkpoint", "f", f);
    return Remat.checkpoint(f);
  }

  public static <A, B, C, R> Fn3<A, B, C, R> checkpoint(Fn3<A, B, C, R> f) {
    ArgumentCheck.function("Olympus.checkpoint", "f", f);
    return Remat.checkpoint(f);
  }

  public static <A, B, C, D, R> Fn4<A, B, C, D, R> checkpoint(Fn4<A, B, C, D, R> f) {
    ArgumentCheck.function("Olympus.checkpoint", "f", f);
    return Remat.checkpoint(f);
  }

  /**
   * {@code jax.tree.map(f, tree)}: {@code f} applied to every array of a record, list or map of arrays (nested
   * freely), the structure kept: {@code Olympus.treeMap(p -> p.mul(0.9), params)}. Works eagerly and under
   * jit, grad and vmap, since it only calls {@code f}.
   */
  @SuppressWarnings("unchecked")
  public static <T> T treeMap(java.util.function.UnaryOperator<Array> f, T tree) {
    ArgumentCheck.function("Olympus.treeMap", "f", f);
    return (T) dev.olympus.pytree.PyTree.map(tree, f);
  }

  /**
   * {@code jax.tree.map(f, a, b)}: {@code f} on corresponding arrays of two values of one structure, as an
   * optimizer update does: {@code Olympus.treeMap((p, g) -> p.sub(g.mul(lr)), params, grads)}.
   */
  @SuppressWarnings("unchecked")
  public static <T> T treeMap(java.util.function.BinaryOperator<Array> f, T a, T b) {
    ArgumentCheck.function("Olympus.treeMap", "f", f);
    return (T) dev.olympus.pytree.PyTree.map(a, b, f);
  }

  /**
   * {@code jax.jacfwd(f)} for an array function: the Jacobian, of shape {@code f(x).shape ++ x.shape}, one
   * forward-mode product per input element, batched with vmap (as JAX does).
   */
  public static Fn1<Array, Array> jacfwd(Fn1<Array, Array> f) {
    ArgumentCheck.function("Olympus.jacfwd", "f", f);
    return x -> {
      ArgumentCheck.array("Olympus.jacfwd", "x", x);
      int n = Math.toIntExact(x.size());
      Array basis = Jnp.eye(x.dtype(), n).reshape(prepend(n, x.shape()));
      Array columns = vmap((Array t) -> jvp(f, x, t).tangent()).apply(basis);
      // [n, out...] -> [out..., n] -> out.shape ++ x.shape
      int rank = columns.ndim();
      int[] perm = new int[rank];
      for (int d = 0; d < rank - 1; d++) perm[d] = d + 1;
      perm[rank - 1] = 0;
      int[] outShape = java.util.Arrays.copyOfRange(columns.shape(), 1, rank);
      return columns.transpose(perm).reshape(concat(outShape, x.shape()));
    };
  }

  /**
   * {@code jax.jacrev(f)} for an array function: the Jacobian, of shape {@code f(x).shape ++ x.shape}, one
   * reverse-mode product per output element, batched with vmap (as JAX does).
   */
  public static Fn1<Array, Array> jacrev(Fn1<Array, Array> f) {
    ArgumentCheck.function("Olympus.jacrev", "f", f);
    return x -> {
      ArgumentCheck.array("Olympus.jacrev", "x", x);
      ValueAndPullback<Array, Array> vp = vjp(f, x);
      Array y = vp.value();
      int m = Math.toIntExact(y.size());
      Array basis = Jnp.eye(y.dtype(), m).reshape(prepend(m, y.shape()));
      Array rows = vmap((Array ct) -> vp.pullback().apply(ct)).apply(basis);
      return rows.reshape(concat(y.shape(), x.shape()));
    };
  }

  /** {@code jax.hessian(f)}: {@code jacfwd(jacrev(f))}, of shape {@code f(x).shape ++ x.shape ++ x.shape}. */
  public static Fn1<Array, Array> hessian(Fn1<Array, Array> f) {
    ArgumentCheck.function("Olympus.hessian", "f", f);
    return jacfwd(jacrev(f));
  }

  private static int[] prepend(int n, int[] dims) {
    int[] out = new int[dims.length + 1];
    out[0] = n;
    System.arraycopy(dims, 0, out, 1, dims.length);
    return out;
  }

  private static int[] concat(int[] a, int[] b) {
    int[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  /** {@code jax.vmap(f)}: maps over axis 0 of every argument, results batched along axis 0. */
  public static <A, R> Fn1<A, R> vmap(Fn1<A, R> f) {
    ArgumentCheck.function("Olympus.vmap", "f", f);
    return Vmap.vmap(f, new int[] {0}, 0);
  }

  /** {@code jax.vmap(f, in_axes)}: one axis per argument (one for all), -1 for an argument not batched. */
  public static <A, R> Fn1<A, R> vmap(Fn1<A, R> f, int... inAxes) {
    ArgumentCheck.function("Olympus.vmap", "f", f);
    ArgumentCheck.ints("Olympus.vmap", "inAxes", inAxes);
    return Vmap.vmap(f, inAxes, 0);
  }

  public static <A, B, R> Fn2<A, B, R> vmap(Fn2<A, B, R> f, int... inAxes) {
    ArgumentCheck.function("Olympus.vmap", "f", f);
    ArgumentCheck.ints("Olympus.vmap", "inAxes", inAxes);
    return Vmap.vmap(f, inAxes.length == 0 ? new int[] {0} : inAxes, 0);
  }

  public static <A, B, C, R> Fn3<A, B, C, R> vmap(Fn3<A, B, C, R> f, int... inAxes) {
    ArgumentCheck.function("Olympus.vmap", "f", f);
    ArgumentCheck.ints("Olympus.vmap", "inAxes", inAxes);
    return Vmap.vmap(f, inAxes.length == 0 ? new int[] {0} : inAxes, 0);
  }

  public static <A, B, C, D, R> Fn4<A, B, C, D, R> vmap(Fn4<A, B, C, D, R> f, int... inAxes) {
    ArgumentCheck.function("Olympus.vmap", "f", f);
    ArgumentCheck.ints("Olympus.vmap", "inAxes", inAxes);
    return Vmap.vmap(f, inAxes.length == 0 ? new int[] {0} : inAxes, 0);
  }

  /** {@code jax.vmap(f, in_axes, out_axes)}: {@code outAxis} is where the batch goes in every result. */
  public static <A, R> Fn1<A, R> vmap(Fn1<A, R> f, int[] inAxes, int outAxis) {
    ArgumentCheck.function("Olympus.vmap", "f", f);
    ArgumentCheck.ints("Olympus.vmap", "inAxes", inAxes);
    return Vmap.vmap(f, inAxes, outAxis);
  }

  public static <A, B, R> Fn2<A, B, R> vmap(Fn2<A, B, R> f, int[] inAxes, int outAxis) {
    ArgumentCheck.function("Olympus.vmap", "f", f);
    ArgumentCheck.ints("Olympus.vmap", "inAxes", inAxes);
    return Vmap.vmap(f, inAxes, outAxis);
  }

  public static <A, B, C, R> Fn3<A, B, C, R> vmap(Fn3<A, B, C, R> f, int[] inAxes, int outAxis) {
    ArgumentCheck.function("Olympus.vmap", "f", f);
    ArgumentCheck.ints("Olympus.vmap", "inAxes", inAxes);
    return Vmap.vmap(f, inAxes, outAxis);
  }

  public static <A, B, C, D, R> Fn4<A, B, C, D, R> vmap(Fn4<A, B, C, D, R> f, int[] inAxes, int outAxis) {
    ArgumentCheck.function("Olympus.vmap", "f", f);
    ArgumentCheck.ints("Olympus.vmap", "inAxes", inAxes);
    return Vmap.vmap(f, inAxes, outAxis);
  }
}
