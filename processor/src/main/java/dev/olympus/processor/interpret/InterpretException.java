package dev.olympus.processor.interpret;

import com.sun.source.util.TreePath;
import java.util.List;

/**
 * Why interpreting a method body stopped: a construct the interpreter does not support ({@link Unsupported}),
 * or an exception the method itself throws when traced ({@link TraceError}). Both carry the tree node where
 * it happened and the chain of interpreted calls that led there, so javac can report the exact spot.
 */
public abstract sealed class InterpretException extends RuntimeException
    permits InterpretException.Unsupported, InterpretException.TraceError, InterpretException.NeedsStaticValue {
  private static final long serialVersionUID = 1L;
  private final transient TreePath where;
  private final List<String> callChain;

  InterpretException(String message, Throwable cause, TreePath where, List<String> callChain) {
    super(message, cause, false, false);
    this.where = where;
    this.callChain = List.copyOf(callChain);
  }

  /** The innermost tree node being evaluated. */
  public TreePath where() { return where; }

  /** {@code "Helper.f (Helper.java:12)"}, outermost first: the interpreted calls that led to {@link #where}. */
  public List<String> callChain() { return callChain; }

  /** A Java construct the javac-time tracer cannot evaluate; the method is traced at run time instead. */
  public static final class Unsupported extends InterpretException {
    private static final long serialVersionUID = 1L;
    private final String construct;
    private final String reason;

    Unsupported(TreePath where, List<String> callChain, String construct, String reason) {
      super(construct + ": " + reason, null, where, callChain);
      this.construct = construct;
      this.reason = reason;
    }

    /** What it is, e.g. {@code "a try statement"}. */
    public String construct() { return construct; }

    public String reason() { return reason; }
  }

  /** The trace used the value of a static argument, which javac does not know. */
  public static final class NeedsStaticValue extends InterpretException {
    private static final long serialVersionUID = 1L;
    private final String parameter;
    private final boolean inArray;

    NeedsStaticValue(TreePath where, List<String> callChain, String parameter) {
      this(where, callChain, parameter, false);
    }

    /** {@code inArray}: the value is stored in a Java array ({@code new int[] {1, window}}), as shapes are. */
    NeedsStaticValue(TreePath where, List<String> callChain, String parameter, boolean inArray) {
      super("uses the value of static argument " + parameter, null, where, callChain);
      this.parameter = parameter;
      this.inArray = inArray;
    }

    public String parameter() { return parameter; }

    /**
     * Whether the value only went into a Java array. Such a value usually decides the IR's structure (the axes
     * of a sum, a window, a shape) rather than the Java code's, so a kernel per value can still be traced.
     */
    public boolean inArray() { return inArray; }
  }

  /** An exception the traced code throws: from Olympus (a tracer concretized, a shape error) or from Java. */
  public static final class TraceError extends InterpretException {
    private static final long serialVersionUID = 1L;

    TraceError(TreePath where, List<String> callChain, Throwable cause) {
      super(String.valueOf(cause), cause, where, callChain);
    }
  }
}
