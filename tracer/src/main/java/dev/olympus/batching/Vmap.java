package dev.olympus.batching;

import dev.olympus.Array;
import dev.olympus.Fn1;
import dev.olympus.Fn2;
import dev.olympus.Fn3;
import dev.olympus.Fn4;
import dev.olympus.errors.ArgumentCheck;
import dev.olympus.errors.ShapeException;
import dev.olympus.errors.SourceLocation;
import dev.olympus.pytree.PyTree;
import dev.olympus.trace.TraceStack;
import dev.olympus.transform.FunctionInfo;
import dev.olympus.transform.Staging;
import dev.olympus.transform.TransformedFunction;
import dev.olympus.types.AbstractValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code vmap} (JAX's {@code jax.vmap}): maps a function written for one example over a batch axis of its
 * arguments, by running it once under a {@link BatchTrace}. {@code inAxes} gives, per argument, the axis that
 * carries the batch in every array of that argument (records and lists included), or {@link #NOT_BATCHED}
 * (-1, JAX's {@code None}) for an argument shared by the whole batch; one entry applies to all arguments.
 * {@code outAxis} is where the batch axis goes in every result array; -1 requires results that do not vary
 * over the batch. Unlike JAX, -1 never means "the last axis".
 */
public final class Vmap {
  private Vmap() {}

  /** In {@code inAxes}/{@code outAxis}: not batched (JAX's {@code None}). */
  public static final int NOT_BATCHED = BatchAxis.NOT_BATCHED;

  public static <A, R> Fn1<A, R> vmap(Fn1<A, R> f, int[] inAxes, int outAxis) {
    FunctionInfo info = FunctionInfo.of(f);
    int[] axes = checkedAxes(info, inAxes);
    return TransformedFunction.of1(name(info), info.parameterNames(), identity(info, axes, outAxis),
        args -> apply(info, axes, outAxis, args));
  }

  public static <A, B, R> Fn2<A, B, R> vmap(Fn2<A, B, R> f, int[] inAxes, int outAxis) {
    FunctionInfo info = FunctionInfo.of(f);
    int[] axes = checkedAxes(info, inAxes);
    return TransformedFunction.of2(name(info), info.parameterNames(), identity(info, axes, outAxis),
        args -> apply(info, axes, outAxis, args));
  }

  public static <A, B, C, R> Fn3<A, B, C, R> vmap(Fn3<A, B, C, R> f, int[] inAxes, int outAxis) {
    FunctionInfo info = FunctionInfo.of(f);
    int[] axes = checkedAxes(info, inAxes);
    return TransformedFunction.of3(name(info), info.parameterNames(), identity(info, axes, outAxis),
        args -> apply(info, axes, outAxis, args));
  }

  public static <A, B, C, D, R> Fn4<A, B, C, D, R> vmap(Fn4<A, B, C, D, R> f, int[] inAxes, int outAxis) {
    FunctionInfo info = FunctionInfo.of(f);
    int[] axes = checkedAxes(info, inAxes);
    return TransformedFunction.of4(name(info), info.parameterNames(), identity(info, axes, outAxis),
        args -> apply(info, axes, outAxis, args));
  }

  private static String name(FunctionInfo info) { return "vmap of " + info.name(); }

  private static Object identity(FunctionInfo info, int[] axes, int outAxis) {
    List<Integer> settings = new ArrayList<>();
    for (int a : axes) settings.add(a);
    settings.add(outAxis);
    return TransformedFunction.identityOf("vmap", settings, info);
  }

  /** One in-axis per argument; a single entry applies to every argument, as an int {@code in_axes} does in JAX. */
  private static int[] checkedAxes(FunctionInfo info, int[] inAxes) {
    int[] axes = inAxes.length == 1 && info.arity() > 1 ? fill(info.arity(), inAxes[0]) : inAxes.clone();
    if (axes.length != info.arity()) {
      throw ArgumentCheck.invalid("Olympus.vmap", "inAxes", "is " + Arrays.toString(axes) + ": " + axes.length
          + " in_axes for " + info.name() + ", a function of " + info.arity() + " argument"
          + (info.arity() == 1 ? "" : "s"), "give one axis per argument (-1 for an argument that is not batched)");
    }
    for (int a : axes) {
      if (a < NOT_BATCHED) {
        throw ArgumentCheck.invalid("Olympus.vmap", "inAxes", "is " + Arrays.toString(axes) + " (for " + info.name()
            + "), which holds " + a, "axes count from 0, and -1 means not batched (negative axes do not count from "
            + "the end)");
      }
    }
    return axes;
  }

  private static int[] fill(int n, int v) {
    int[] a = new int[n];
    Arrays.fill(a, v);
    return a;
  }

  private static Object apply(FunctionInfo info, int[] inAxes, int outAxis, Object[] args) {
    List<PyTree.Flat> flats = new ArrayList<>();
    List<String> where = new ArrayList<>();
    List<Integer> sizes = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      // A Java number stays what the function declared; as a static part of the tree it is not batched.
      PyTree.Flat flat = PyTree.flatten(args[i]);
      flats.add(flat);
      if (inAxes[i] == NOT_BATCHED) continue;
      List<String> paths = PyTree.leafPaths(flat.tree());
      for (int k = 0; k < flat.leaves().size(); k++) {
        AbstractValue a = flat.leaves().get(k).aval();
        String name = argumentName(info, i) + paths.get(k);
        if (inAxes[i] >= a.rank()) {
          throw new ShapeException("vmap of " + info.name() + " was given in_axes " + inAxes[i] + " for " + name
              + " of type " + a + ", which has " + (a.rank() == 0 ? "no axes (it is 0-d)" : "rank " + a.rank())
              + "; use an axis below " + a.rank() + ", or -1 if this argument is the same for the whole batch."
              + SourceLocation.suffix());
        }
        where.add("axis " + inAxes[i] + " of " + name + " of type " + a);
        sizes.add(a.shape().dim(inAxes[i]));
      }
    }
    if (sizes.isEmpty()) {
      throw new ShapeException("vmap of " + info.name() + " needs at least one batched array, but in_axes "
          + Arrays.toString(inAxes) + " maps none" + (Arrays.stream(inAxes).allMatch(a -> a == NOT_BATCHED)
              ? " (every entry is -1, not batched)" : " (the batched arguments hold no arrays)")
          + "." + SourceLocation.suffix());
    }
    int size = sizes.get(0);
    if (sizes.stream().anyMatch(s -> s != size)) {
      StringBuilder sb = new StringBuilder("vmap of " + info.name()
          + " got inconsistent sizes for the array axes to be mapped:");
      for (int k = 0; k < sizes.size(); k++) sb.append("\n  * size ").append(sizes.get(k)).append(": ").append(where.get(k));
      sb.append("\nEvery mapped axis must have the batch size; pass -1 in inAxes for an argument that is shared by "
          + "the whole batch.").append(SourceLocation.suffix());
      throw new ShapeException(sb.toString());
    }

    BatchTrace trace = new BatchTrace("vmap of " + info.name(), size);
    PyTree.Flat out;
    TraceStack.push(trace);
    try {
      Object[] batched = new Object[args.length];
      for (int i = 0; i < args.length; i++) {
        List<Array> leaves = new ArrayList<>();
        for (Array leaf : flats.get(i).leaves()) leaves.add(trace.lift(leaf, inAxes[i]));
        batched[i] = PyTree.unflatten(flats.get(i).tree(), leaves);
      }
      out = PyTree.flatten(Staging.asTreeArgument(info.invoke(batched)));
    } finally {
      TraceStack.pop(trace);
    }
    List<String> outPaths = PyTree.leafPaths(out.tree());
    List<Array> results = new ArrayList<>();
    for (int k = 0; k < out.leaves().size(); k++) {
      Array o = out.leaves().get(k);
      Array value = trace.valueOf(o);
      int dim = trace.dimOf(o);
      if (outAxis == NOT_BATCHED) {
        if (dim != NOT_BATCHED) {
          throw new ShapeException("vmap of " + info.name() + " has out axis -1 (not batched), but the result"
              + outPaths.get(k) + " of type " + o.aval() + " varies over the batch; give an out axis (0 puts the "
              + "batch first)." + SourceLocation.suffix());
        }
        results.add(value);
        continue;
      }
      int rank = o.aval().rank();
      if (outAxis > rank) {
        throw new ShapeException("vmap of " + info.name() + ": out axis " + outAxis + " is out of range for the result"
            + outPaths.get(k) + " of type " + o.aval() + " (per example), which allows 0.." + rank + "."
            + SourceLocation.suffix());
      }
      results.add(dim == NOT_BATCHED ? BatchAxis.moveAxis(BatchAxis.toFront(value, dim, size), 0, outAxis)
          : BatchAxis.moveAxis(value, dim, outAxis));
    }
    return PyTree.unflatten(out.tree(), results);
  }

  private static String argumentName(FunctionInfo info, int i) {
    String p = info.parameterNames().get(i);
    return p.startsWith("argument ") ? p : "the argument " + p;
  }
}
