package dev.olympus.processor.model;

import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;

/**
 * How javac sees the pytree structure of a {@code @Jit} parameter or result: an Array leaf, a record of
 * subtrees, a {@code List<Array>} (whose length javac cannot know), or a static Java value. Flattening order
 * is PyTree's: record components in declaration order.
 */
public sealed interface ArgTree {
  /** An Array, with its declared (or default) abstract value. */
  record Leaf(ShapeSpec shape) implements ArgTree {}

  /** A record of Arrays; {@code accessor} is the component's accessor method name. */
  record RecordNode(TypeElement type, List<Component> components) implements ArgTree {
    public RecordNode {
      components = List.copyOf(components);
    }
  }

  record Component(String accessor, ArgTree tree) {}

  /** {@code List<Array>}: a pytree whose length is only known at run time. */
  record ListNode() implements ArgTree {}

  /** A value named in {@code staticArgs}. */
  record Static(TypeMirror type) implements ArgTree {}

  /** Whether javac knows how many leaves this has and each leaf's declared abstract value. */
  default boolean fixedStructure() {
    if (this instanceof ListNode) return false;
    if (this instanceof RecordNode r) return r.components().stream().allMatch(c -> c.tree().fixedStructure());
    return true;
  }

  /** The leaves in flattening order, each with the Java expression that reads it from {@code root}. */
  default List<LeafAccess> leaves(String root) {
    List<LeafAccess> out = new ArrayList<>();
    collect(this, root, out);
    return out;
  }

  /** One leaf: how to read it from the parameter, and its declared abstract value. */
  record LeafAccess(String expression, ShapeSpec shape) {}

  private static void collect(ArgTree t, String expr, List<LeafAccess> out) {
    if (t instanceof Leaf l) {
      out.add(new LeafAccess(expr, l.shape()));
    } else if (t instanceof RecordNode r) {
      for (Component c : r.components()) collect(c.tree(), expr + "." + c.accessor() + "()", out);
    }
  }
}
