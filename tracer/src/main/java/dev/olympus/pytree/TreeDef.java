package dev.olympus.pytree;

import java.util.List;

/**
 * The structure of a value once its arrays are taken out (JAX's {@code PyTreeDef}). Two values with equal
 * tree definitions have the same record types, list lengths, map keys and static leaves, so a compiled kernel
 * for one serves the other. Records compare by value.
 */
public sealed interface TreeDef {
  /** How many arrays this structure holds. */
  int leafCount();

  /** An array. */
  record Leaf() implements TreeDef {
    public int leafCount() { return 1; }

    @Override
    public String toString() { return "*"; }
  }

  /** A value that is not an array (a number in a record, a string): part of the structure, not traced. */
  record Static(Object value) implements TreeDef {
    public int leafCount() { return 0; }

    @Override
    public String toString() { return "static(" + value + ")"; }
  }

  /** A Java record whose components are themselves trees. */
  record RecordNode(Class<?> type, List<TreeDef> children) implements TreeDef {
    public RecordNode {
      children = List.copyOf(children);
    }

    public int leafCount() { return children.stream().mapToInt(TreeDef::leafCount).sum(); }

    @Override
    public String toString() { return type.getSimpleName() + children; }
  }

  /** A {@code java.util.List} of trees. */
  record ListNode(List<TreeDef> children) implements TreeDef {
    public ListNode {
      children = List.copyOf(children);
    }

    public int leafCount() { return children.stream().mapToInt(TreeDef::leafCount).sum(); }

    @Override
    public String toString() { return children.toString(); }
  }

  /** A {@code java.util.Map} with string keys, flattened in sorted key order as JAX does for dicts. */
  record MapNode(List<String> keys, List<TreeDef> children) implements TreeDef {
    public MapNode {
      keys = List.copyOf(keys);
      children = List.copyOf(children);
    }

    public int leafCount() { return children.stream().mapToInt(TreeDef::leafCount).sum(); }

    @Override
    public String toString() { return "{" + keys + "=" + children + "}"; }
  }

  /** {@code null}, e.g. an absent optional field. */
  record None() implements TreeDef {
    public int leafCount() { return 0; }

    @Override
    public String toString() { return "None"; }
  }
}
