package dev.olympus.processor.interpret;

import java.util.HashMap;
import java.util.Map;
import javax.lang.model.element.Element;

/**
 * The local variables of one block, method call or lambda call. Variables are keyed by their javac element,
 * so shadowing is resolved by javac. A block gets a frame per execution, so a lambda created in a loop
 * captures that iteration's variables, as Java's effectively final captures do.
 */
final class Frame {
  /** Stands for a declared variable without a value yet. */
  static final Object UNASSIGNED = new Object() {
    @Override
    public String toString() { return "<unassigned>"; }
  };

  private final Frame parent;
  private final Object self;
  private final Map<Element, Object[]> locals = new HashMap<>();

  Frame(Frame parent, Object self) {
    this.parent = parent;
    this.self = self;
  }

  /** A frame for a nested block: sees this frame's variables. */
  Frame child() { return new Frame(this, self); }

  /** The receiver of the method being interpreted ({@code this}), or null in a static method. */
  Object self() { return self; }

  void declare(Element variable, Object value) {
    locals.put(variable, new Object[] {value});
  }

  /** The cell holding {@code variable}, or null when it is not visible from this frame. */
  Object[] cell(Element variable) {
    for (Frame f = this; f != null; f = f.parent) {
      Object[] cell = f.locals.get(variable);
      if (cell != null) return cell;
    }
    return null;
  }
}
