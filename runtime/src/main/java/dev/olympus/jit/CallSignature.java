package dev.olympus.jit;

import dev.olympus.Array;
import dev.olympus.pytree.PyTree;
import dev.olympus.pytree.TreeDef;
import dev.olympus.transform.FunctionInfo;
import dev.olympus.transform.Staging;
import dev.olympus.types.AbstractValue;
import java.util.ArrayList;
import java.util.List;

/**
 * One call's arguments, split the way the cache sees them: static values, the argument structure, and the
 * flat array leaves with their abstract values.
 */
record CallSignature(CacheKey key, Array[] leaves) {

  static CallSignature of(FunctionInfo info, Object[] args, boolean[] isStatic) {
    List<Object> statics = new ArrayList<>();
    List<TreeDef> trees = new ArrayList<>();
    List<Array> leaves = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      if (isStatic[i]) {
        StaticArgument.check(info, i, args[i]);
        statics.add(args[i]);
        trees.add(new TreeDef.Static(null));
        continue;
      }
      PyTree.Flat flat = PyTree.flatten(Staging.asTreeArgument(args[i]));
      StaticArgument.checkStructure(info, i, flat.tree());
      trees.add(flat.tree());
      leaves.addAll(flat.leaves());
    }
    List<AbstractValue> avals = new ArrayList<>(leaves.size());
    for (Array a : leaves) avals.add(a.aval());
    CacheKey key = new CacheKey(info.identity(), statics, new TreeDef.ListNode(trees), avals, false);
    return new CallSignature(key, leaves.toArray(new Array[0]));
  }
}
