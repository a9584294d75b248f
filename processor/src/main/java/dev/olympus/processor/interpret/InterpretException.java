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

    NeedsStaticValue(TreePath where, List<String> callChain, String parameter) {
      super("uses the value of static argument " + parameter, null, where, callChain);
      this.parameter = parameter;
    }

    public String parameter() { return parameter; }
  }

  /** An exception the traced code throws: from Olympus (a tracer concretized, a shape error) or from Java. */
  public static final class TraceError extends InterpretException {
    private static final long serialVersionUID = 1L;

    TraceError(TreePath where, List<String> callChain, Throwable cause) {
      super(String.valueOf(cause), cause, where, callChain);
    }
  }
}
