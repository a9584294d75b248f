package dev.olympus.processor.javac;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import dev.olympus.processor.diagnostic.Diagnostics;
import dev.olympus.processor.diagnostic.Message;

/**
 * Reports catalog messages at a tree node, so javac shows the exact line and column: for a call, the method
 * name ({@code x.gt(0).bool()} is reported at {@code .bool}), as javac reports its own errors about calls.
 */
public final class TreeReporter {
  private final Trees trees;
  private final Diagnostics diagnostics;

  public TreeReporter(Trees trees, Diagnostics diagnostics) {
    this.trees = trees;
    this.diagnostics = diagnostics;
  }

  public void report(Message message, TreePath at, Object... args) {
    Tree leaf = at.getLeaf();
    if (leaf instanceof MethodInvocationTree call) leaf = call.getMethodSelect();
    diagnostics.count(message);
    trees.printMessage(message.kind(), message.format(args), leaf, at.getCompilationUnit());
  }

  /** The 1-based line of a node. */
  public long line(TreePath at) {
    CompilationUnitTree cu = at.getCompilationUnit();
    long pos = trees.getSourcePositions().getStartPosition(cu, at.getLeaf());
    return pos < 0 ? 0 : cu.getLineMap().getLineNumber(pos);
  }
}
