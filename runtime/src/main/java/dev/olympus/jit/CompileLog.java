package dev.olympus.jit;

import dev.olympus.pytree.TreeDef;
import dev.olympus.transform.FunctionInfo;
import dev.olympus.types.AbstractValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** What the jit says about its compiles: log lines, cache-miss explanations, and kernel dumps. */
final class CompileLog {
  private CompileLog() {}

  static void logCompile(FunctionInfo info, Compiled c, String backend) {
    System.err.printf(Locale.ROOT, "[olympus] compiled %s for %s: trace %.2f ms, %s compile %.2f ms (compile #%d)%n",
        info.name(), describe(info, c.key), c.traceNanos / 1e6, backend, c.compileNanos / 1e6,
        Jit.CACHE.stats().compiles() + 1);
  }

  static void logSpecialization(FunctionInfo info, Compiled c) {
    System.err.printf(Locale.ROOT, "[olympus] reused the size-generic trace of %s for %s: no trace, "
        + "shape replay %.2f ms, compile %.2f ms%n", info.name(), describe(info, c.key), c.traceNanos / 1e6,
        c.compileNanos / 1e6);
  }

  /** {@code (x: f32[1000], n=3)}: the key in the user's terms. */
  static String describe(FunctionInfo info, CacheKey key) {
    List<String> parts = new ArrayList<>();
    List<TreeDef> trees = ((TreeDef.ListNode) key.inTree()).children();
    int leaf = 0;
    int stat = 0;
    for (int i = 0; i < trees.size(); i++) {
      String name = info.parameterNames().get(i);
      TreeDef t = trees.get(i);
      if (t instanceof TreeDef.Static) {
        parts.add(name + "=" + key.statics().get(stat++));
      } else {
        int n = t.leafCount();
        List<String> avals = new ArrayList<>();
        for (int k = 0; k < n; k++) avals.add(weakAware(key.avals().get(leaf++)));
        parts.add(name + ": " + (t instanceof TreeDef.Leaf ? avals.get(0) : t + " " + avals));
      }
    }
    return "(" + String.join(", ", parts) + ")";
  }

  private static String weakAware(AbstractValue a) {
    return a + (a.weak() ? "{weak}" : "");
  }

  /** Explains a miss against the cached entry of the same function that differs in the fewest places. */
  static void explainMiss(FunctionInfo info, CacheKey key, List<Compiled> previous) {
    List<String> best = null;
    for (Compiled c : previous) {
      List<String> diffs = differences(info, key, c.key);
      if (best == null || diffs.size() < best.size()) best = diffs;
    }
    System.err.println("[olympus] cache miss for " + info.name() + " " + describe(info, key) + ": "
        + previous.size() + " compiled entr" + (previous.size() == 1 ? "y" : "ies") + ", the nearest differs in "
        + String.join("; ", best));
  }

  static List<String> differences(FunctionInfo info, CacheKey now, CacheKey before) {
    List<String> diffs = new ArrayList<>();
    for (int i = 0; i < Math.min(now.statics().size(), before.statics().size()); i++) {
      if (!Objects.equals(now.statics().get(i), before.statics().get(i))) {
        diffs.add("static argument " + staticName(info, now, i) + ": " + now.statics().get(i)
            + " (cached: " + before.statics().get(i) + ")");
      }
    }
    if (!now.inTree().equals(before.inTree())) {
      diffs.add("argument structure: " + now.inTree() + " (cached: " + before.inTree() + ")");
      return diffs;
    }
    List<TreeDef> trees = ((TreeDef.ListNode) now.inTree()).children();
    int leaf = 0;
    for (int i = 0; i < trees.size(); i++) {
      for (int k = 0; k < trees.get(i).leafCount(); k++, leaf++) {
        AbstractValue a = now.avals().get(leaf);
        AbstractValue b = before.avals().get(leaf);
        if (a.equals(b)) continue;
        String what = a.dtype() != b.dtype() ? "dtype" : !a.shape().equals(b.shape()) ? "shape" : "weak type";
        diffs.add("argument " + info.parameterNames().get(i) + (trees.get(i).leafCount() > 1 ? " leaf " + k : "")
            + ": " + what + " " + weakAware(a) + " (cached: " + weakAware(b) + ")");
      }
    }
    return diffs;
  }

  private static String staticName(FunctionInfo info, CacheKey key, int staticIndex) {
    List<TreeDef> trees = ((TreeDef.ListNode) key.inTree()).children();
    int seen = 0;
    for (int i = 0; i < trees.size(); i++) {
      if (trees.get(i) instanceof TreeDef.Static && seen++ == staticIndex) return info.parameterNames().get(i);
    }
    return "#" + staticIndex;
  }

  static void dump(Path dir, FunctionInfo info, Compiled c, Backend backend) {
    try {
      Files.createDirectories(dir);
      String base = info.name().replaceAll("[^A-Za-z0-9_.]", "_") + "_" + Jit.CACHE.stats().compiles();
      StringBuilder text = new StringBuilder();
      text.append("// ").append(info.name()).append(' ').append(describe(info, c.key)).append('\n');
      text.append(c.traced.ir()).append('\n');
      Files.writeString(dir.resolve(base + ".ir.txt"), text, StandardCharsets.UTF_8);
      if (c.executable instanceof KernelSource source) {
        Files.writeString(dir.resolve(base + ".java"), source.javaSource(), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot dump kernel to " + dir + ": " + e.getMessage(), e);
    }
  }
}
