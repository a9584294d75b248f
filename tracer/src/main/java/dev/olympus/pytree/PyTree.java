package dev.olympus.pytree;

import dev.olympus.Array;
import dev.olympus.errors.ArgumentCheck;
import dev.olympus.errors.OlympusException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Flattening of user values into arrays plus structure, and back. Arrays are leaves; records, lists and
 * string-keyed maps are containers; anything else is a static part of the structure.
 */
public final class PyTree {
  private PyTree() {}

  /** Leaves and structure of a value. */
  public record Flat(List<Array> leaves, TreeDef tree) {}

  public static Flat flatten(Object value) {
    List<Array> leaves = new ArrayList<>();
    TreeDef tree = flatten(value, leaves);
    return new Flat(leaves, tree);
  }

  private static TreeDef flatten(Object value, List<Array> leaves) {
    if (value == null) return new TreeDef.None();
    if (value instanceof Array a) {
      leaves.add(a);
      return new TreeDef.Leaf();
    }
    if (value instanceof Record r) {
      RecordLayout layout = LAYOUTS.get(r.getClass());
      List<TreeDef> children = new ArrayList<>(layout.accessors().length);
      for (Method accessor : layout.accessors()) children.add(flatten(layout.read(r, accessor), leaves));
      return new TreeDef.RecordNode(r.getClass(), children);
    }
    if (value instanceof List<?> l) {
      List<TreeDef> children = new ArrayList<>();
      for (Object o : l) children.add(flatten(o, leaves));
      return new TreeDef.ListNode(children);
    }
    if (value instanceof Map<?, ?> m && m.keySet().stream().allMatch(k -> k instanceof String)) {
      TreeMap<String, Object> sorted = new TreeMap<>();
      for (Map.Entry<?, ?> e : m.entrySet()) sorted.put((String) e.getKey(), e.getValue());
      List<TreeDef> children = new ArrayList<>();
      for (Object v : sorted.values()) children.add(flatten(v, leaves));
      return new TreeDef.MapNode(new ArrayList<>(sorted.keySet()), children);
    }
    return new TreeDef.Static(value);
  }

  /**
   * A record type's component accessors and canonical constructor, looked up and made accessible once per
   * class: a jitted call flattens its record arguments and rebuilds its record results on every call, and
   * reflective lookups and access checks would cost more than a small kernel.
   */
  private record RecordLayout(Class<?> type, Method[] accessors, Constructor<?> constructor) {
    static RecordLayout of(Class<?> type) {
      RecordComponent[] comps = type.getRecordComponents();
      Method[] accessors = new Method[comps.length];
      Class<?>[] types = new Class<?>[comps.length];
      for (int i = 0; i < comps.length; i++) {
        accessors[i] = comps[i].getAccessor();
        types[i] = comps[i].getType();
      }
      Constructor<?> ctor;
      try {
        ctor = type.getDeclaredConstructor(types);
      } catch (NoSuchMethodException e) {
        throw new IllegalStateException("record " + type.getName() + " has no canonical constructor", e);
      }
      // Where access is refused, read and build report it with the component or record it concerns.
      for (Method m : accessors) m.trySetAccessible();
      ctor.trySetAccessible();
      return new RecordLayout(type, accessors, ctor);
    }

    Object read(Record r, Method accessor) {
      try {
        return accessor.invoke(r);
      } catch (ReflectiveOperationException | RuntimeException e) {
        throw new OlympusException("cannot read component " + accessor.getName() + " of record "
            + type.getName() + ": " + e + ". Make the record public (or its package open to Olympus).", e);
      }
    }

    Object build(Object[] values) {
      try {
        return constructor.newInstance(values);
      } catch (ReflectiveOperationException | RuntimeException e) {
        throw new OlympusException("cannot rebuild record " + type.getName() + ": " + e
            + ". Make the record public (or its package open to Olympus).", e);
      }
    }
  }

  private static final ClassValue<RecordLayout> LAYOUTS = new ClassValue<>() {
    @Override
    protected RecordLayout computeValue(Class<?> type) { return RecordLayout.of(type); }
  };

  /** Rebuilds a value of structure {@code tree} from {@code leaves} (consumed in order). */
  public static Object unflatten(TreeDef tree, List<Array> leaves) {
    ArgumentCheck.nonNull("PyTree.unflatten", "tree", tree, "pass the TreeDef that PyTree.flatten returned");
    ArgumentCheck.arrayList("PyTree.unflatten", "leaves", leaves);
    // Counted while building rather than up front: leafCount() walks the whole tree, and jitted calls with
    // record results unflatten on every call.
    Iterator<Array> it = leaves.iterator();
    try {
      Object value = build(tree, it);
      if (!it.hasNext()) return value;
    } catch (java.util.NoSuchElementException e) {
      // Too few leaves: reported below.
    }
    throw ArgumentCheck.invalid("PyTree.unflatten", "leaves", "holds " + leaves.size() + " arrays, but the structure "
        + tree + " needs " + tree.leafCount(), "pass one array per leaf of the tree, in the order flatten gave them");
  }

  private static Object build(TreeDef tree, Iterator<Array> it) {
    if (tree instanceof TreeDef.Leaf) return it.next();
    if (tree instanceof TreeDef.None) return null;
    if (tree instanceof TreeDef.Static s) return s.value();
    if (tree instanceof TreeDef.ListNode l) {
      List<Object> out = new ArrayList<>();
      for (TreeDef c : l.children()) out.add(build(c, it));
      return java.util.Collections.unmodifiableList(out);
    }
    if (tree instanceof TreeDef.MapNode m) {
      Map<String, Object> out = new java.util.LinkedHashMap<>();
      for (int i = 0; i < m.keys().size(); i++) out.put(m.keys().get(i), build(m.children().get(i), it));
      return java.util.Collections.unmodifiableMap(out);
    }
    TreeDef.RecordNode r = (TreeDef.RecordNode) tree;
    Object[] values = new Object[r.children().size()];
    for (int i = 0; i < values.length; i++) values[i] = build(r.children().get(i), it);
    return LAYOUTS.get(r.type()).build(values);
  }

  /** Applies {@code f} to every array of {@code value}, keeping the structure. */
  public static Object map(Object value, java.util.function.UnaryOperator<Array> f) {
    ArgumentCheck.function("PyTree.map", "f", f);
    Flat flat = flatten(value);
    List<Array> mapped = new ArrayList<>(flat.leaves().size());
    for (Array a : flat.leaves()) {
      Object r = f.apply(a);
      if (!(r instanceof Array)) {
        throw ArgumentCheck.invalid("PyTree.map", "f", "returned " + ArgumentCheck.describe(r) + " for the leaf "
            + a.aval(), "f must return an Array for every array in the tree");
      }
      mapped.add((Array) r);
    }
    return unflatten(flat.tree(), mapped);
  }

  /**
   * {@code jax.tree.map(f, a, b)}: {@code f} on each pair of corresponding arrays of two values of the same
   * structure (an optimizer's {@code p - lr * g} over a record of parameters and its gradient), keeping it.
   */
  public static Object map(Object a, Object b, java.util.function.BinaryOperator<Array> f) {
    ArgumentCheck.function("PyTree.map", "f", f);
    Flat fa = flatten(a), fb = flatten(b);
    if (!fa.tree().equals(fb.tree())) {
      throw ArgumentCheck.invalid("PyTree.map", "b", "has the structure " + fb.tree() + ", but a has " + fa.tree(),
          "pass two values of one structure (the same record types, list lengths, map keys and static parts)");
    }
    List<Array> mapped = new ArrayList<>(fa.leaves().size());
    List<String> paths = leafPaths(fa.tree());
    for (int i = 0; i < fa.leaves().size(); i++) {
      Object r = f.apply(fa.leaves().get(i), fb.leaves().get(i));
      if (!(r instanceof Array)) {
        throw ArgumentCheck.invalid("PyTree.map", "f", "returned " + ArgumentCheck.describe(r) + " for the leaf "
            + paths.get(i) + " " + fa.leaves().get(i).aval(), "f must return an Array for every pair of arrays");
      }
      mapped.add((Array) r);
    }
    return unflatten(fa.tree(), mapped);
  }

  /**
   * Where each leaf of {@code tree} sits, in leaf order, as Java would reach it: {@code ""} for a bare array,
   * {@code ".w"} for a record component, {@code "[0]"} for a list element, {@code "[\"k\"]"} for a map entry.
   * Error messages append it to an argument's name.
   */
  public static List<String> leafPaths(TreeDef tree) {
    ArgumentCheck.nonNull("PyTree.leafPaths", "tree", tree, "pass the TreeDef that PyTree.flatten returned");
    List<String> out = new ArrayList<>();
    paths(tree, "", out);
    return out;
  }

  private static void paths(TreeDef tree, String prefix, List<String> out) {
    if (tree instanceof TreeDef.Leaf) {
      out.add(prefix);
    } else if (tree instanceof TreeDef.RecordNode r) {
      RecordComponent[] comps = r.type().getRecordComponents();
      for (int i = 0; i < comps.length; i++) paths(r.children().get(i), prefix + "." + comps[i].getName(), out);
    } else if (tree instanceof TreeDef.ListNode l) {
      for (int i = 0; i < l.children().size(); i++) paths(l.children().get(i), prefix + "[" + i + "]", out);
    } else if (tree instanceof TreeDef.MapNode m) {
      for (int i = 0; i < m.keys().size(); i++) {
        paths(m.children().get(i), prefix + "[\"" + m.keys().get(i) + "\"]", out);
      }
    }
  }
}
