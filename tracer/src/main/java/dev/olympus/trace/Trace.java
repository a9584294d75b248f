package dev.olympus.trace;

import dev.olympus.Array;
import dev.olympus.primitive.Params;
import dev.olympus.primitive.Primitive;
import java.util.List;

/**
 * One level of the trace stack: an interpretation of primitives (staging into IR, forward-mode
 * differentiation, batching, ...). A trace receives every primitive applied to at least one of its tracers,
 * and values of lower levels (concrete arrays or outer tracers) are constants to it.
 */
public abstract class Trace {
  private int level = -1;
  private boolean active;
  private boolean shapeRead;
  private final String description;

  protected Trace(String description) {
    this.description = description;
  }

  /** Applies {@code primitive} to {@code args}, some of which are this trace's tracers. */
  public abstract List<Array> process(Primitive primitive, List<Array> args, Params params);

  /** What this trace is doing, e.g. {@code "jit of Ex.selu"}: used in error messages. */
  public String description() { return description; }

  public final int level() { return level; }

  public final boolean isActive() { return active; }

  /** True when {@code a} is a tracer of this very trace (not of a lower or ended one). */
  public final boolean owns(Array a) {
    return a.isTracer() && a.tracer().trace() == this;
  }

  /**
   * Whether Java code read a dimension of a traced value ({@code shape()}, {@code size()}) while this trace
   * was active: then the IR may depend on sizes in ways it does not show (a loop bound, a divisor), and a
   * kernel traced for one size must not serve another.
   */
  public final boolean shapeRead() { return shapeRead; }

  final void markShapeRead() { shapeRead = true; }

  final void activate(int level) {
    this.level = level;
    this.active = true;
  }

  final void deactivate() {
    this.active = false;
  }
}
