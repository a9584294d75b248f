package dev.olympus.jit;

import dev.olympus.errors.SourceLocation;
import dev.olympus.errors.StaticArgumentException;
import dev.olympus.pytree.StaticValue;
import dev.olympus.pytree.TreeDef;
import dev.olympus.transform.FunctionInfo;

/**
 * The rule for what becomes part of a cache key besides abstract values: static arguments, and the non-array
 * parts of an argument's structure. Both must be hashable and immutable ({@link StaticValue}), or a cached
 * kernel could be returned for a value that has since changed.
 */
final class StaticArgument {
  private StaticArgument() {}

  static void check(FunctionInfo info, int position, Object value) {
    String problem = StaticValue.problem(value);
    if (problem != null) {
      throw new StaticArgumentException("static " + info.describeParameter(position) + " is " + problem + "."
          + SourceLocation.suffix());
    }
  }

  /** The static leaves inside a traced argument's structure (a number in a record, a string in a list). */
  static void checkStructure(FunctionInfo info, int position, TreeDef tree) {
    if (tree instanceof TreeDef.Static s) {
      String problem = StaticValue.problem(s.value());
      if (problem != null) {
        throw new StaticArgumentException(info.describeParameter(position) + " holds " + s.value() + ", which is not an array and so becomes part of the "
            + "cache key, but it is " + problem + "." + SourceLocation.suffix());
      }
    } else if (tree instanceof TreeDef.RecordNode r) {
      for (TreeDef t : r.children()) checkStructure(info, position, t);
    } else if (tree instanceof TreeDef.ListNode l) {
      for (TreeDef t : l.children()) checkStructure(info, position, t);
    } else if (tree instanceof TreeDef.MapNode m) {
      for (TreeDef t : m.children()) checkStructure(info, position, t);
    }
  }
}
