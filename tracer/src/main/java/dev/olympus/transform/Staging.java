package dev.olympus.transform;

import dev.olympus.Array;
import dev.olympus.errors.ShapeException;
import dev.olympus.errors.SourceLocation;
import dev.olympus.ir.ClosedIr;
import dev.olympus.numpy.Jnp;
import dev.olympus.pytree.PyTree;
import dev.olympus.pytree.TreeDef;
import dev.olympus.trace.IrTrace;
import dev.olympus.trace.TraceStack;
import dev.olympus.types.AbstractValue;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Traces a function into IR (JAX's {@code make_jaxpr} machinery): arguments are flattened to arrays, replaced
 * by IR tracers, the function runs once, and its flattened results become the IR's outputs.
 */
public final class Staging {
  private Staging() {}

  /**
   * A traced function: its IR and the argument/result structures around the flat IR. {@code shapeRead}:
   * Java code read a dimension of a traced value while tracing (see {@link dev.olympus.trace.Trace#shapeRead}).
   */
  public record Traced(ClosedIr ir, TreeDef inTree, TreeDef outTree, boolean shapeRead) {}

  /**
   * Turns a user argument into a tree of arrays: Java {@code Float}/{@code Double} become weakly typed f32
   * scalars and {@code Integer} a weakly typed i32 scalar, as Python scalars are in JAX.
   */
  public static Object asTreeArgument(Object arg) {
    if (arg instanceof Float || arg instanceof Double) return Jnp.literal(((Number) arg).doubleValue());
    if (arg instanceof Integer || arg instanceof Short || arg instanceof Byte) return Jnp.literal(((Number) arg).intValue());
    if (arg instanceof Long l) {
      // A Python int that does not fit int32 is an OverflowError in JAX with x64 off; never wrap silently.
      if (l != l.intValue()) {
        throw new ShapeException("the Java long " + l + " does not fit int32, the dtype of an integer argument "
            + "while x64 is off; pass Jnp.scalar(" + l + "L) for an int64 argument" + SourceLocation.suffix());
      }
      return Jnp.literal(l.intValue());
    }
    if (arg instanceof Boolean b) return Jnp.scalar(b);
    return arg;
  }

  /** Traces {@code info}'s function on the abstract values of {@code args} ({@code static} positions pass through). */
  public static Traced trace(FunctionInfo info, Object[] args, boolean[] isStatic, String purpose) {
    Object[] dynamicArgs = new Object[args.length];
    for (int i = 0; i < args.length; i++) dynamicArgs[i] = isStatic != null && isStatic[i] ? null : asTreeArgument(args[i]);
    List<AbstractValue> avals = new ArrayList<>();
    List<String> names = new ArrayList<>();
    List<TreeDef> trees = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      PyTree.Flat flat = PyTree.flatten(dynamicArgs[i]);
      trees.add(flat.tree());
      for (int k = 0; k < flat.leaves().size(); k++) {
        avals.add(flat.leaves().get(k).aval());
        String p = info.parameterNames().get(i);
        names.add((p.startsWith("argument ") ? "" : "the argument ") + p
            + (flat.leaves().size() > 1 ? " (leaf " + k + ")" : ""));
      }
    }
    TreeDef inTree = new TreeDef.ListNode(trees);
    TreeDef[] outTree = new TreeDef[1];
    IrTrace trace = new IrTrace(purpose + " of " + info.name());
    ClosedIr ir = traceFlat(trace, avals, names, leaves -> {
      Object[] rebuilt = ((List<?>) PyTree.unflatten(inTree, leaves)).toArray();
      for (int i = 0; i < args.length; i++) if (isStatic != null && isStatic[i]) rebuilt[i] = args[i];
      Object result = info.invoke(rebuilt);
      PyTree.Flat out = PyTree.flatten(asTreeArgument(result));
      outTree[0] = out.tree();
      return out.leaves();
    });
    return new Traced(ir, inTree, outTree[0], trace.shapeRead());
  }

  /** Traces a flat function of arrays into a closed IR. */
  public static ClosedIr traceFlat(String description, List<AbstractValue> avals, List<String> argNames,
      Function<List<Array>, List<Array>> fn) {
    return traceFlat(new IrTrace(description), avals, argNames, fn);
  }

  /** Traces into {@code trace}, which the caller can ask afterwards what happened while tracing. */
  public static ClosedIr traceFlat(IrTrace trace, List<AbstractValue> avals, List<String> argNames,
      Function<List<Array>, List<Array>> fn) {
    List<Array> outs;
    TraceStack.pushDynamic(trace);
    try {
      List<Array> inputs = new ArrayList<>(avals.size());
      for (int i = 0; i < avals.size(); i++) {
        inputs.add(trace.newInput(avals.get(i), argNames == null ? "argument " + i : argNames.get(i)));
      }
      outs = fn.apply(inputs);
    } finally {
      TraceStack.pop(trace);
    }
    return trace.finish(outs);
  }

  /** {@code Olympus.makeIr}: the IR of {@code fn} on the given arguments. */
  public static ClosedIr makeIr(Object fn, Object... args) {
    return trace(FunctionInfo.of(fn), args, null, "makeIr").ir();
  }
}
