package dev.olympus.processor.interpret;

import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.type.TypeKind;

/**
 * A Java loop that applies its body {@code bound} times to some state: {@code for (int i = 0; i < bound; i++)
 * body}, or {@code while (i < bound) { body; i++; }} over an int local declared before it. The body neither
 * assigns {@code i} (but for the {@code while} form's last statement) nor jumps out, and assigns only to local
 * variables. When {@code bound} is a static argument traced as a symbol, the interpreter stages such a loop as
 * one {@code Lax.foriLoop} over those variables (the carries), so the generated kernel loops {@code bound}
 * times at run time instead of javac unrolling it for one value. A body that reads {@code i} sees the loop
 * primitive's counter ({@link LoopIndex}). After a {@code while} loop, {@code i} is {@code bound}, the value
 * Java leaves there whenever {@code bound} is at least {@code i}'s value before the loop: the kernel is used
 * under that condition only.
 *
 * @param bound the condition's right-hand side
 * @param index the loop variable
 * @param readsIndex whether the body reads the loop variable
 * @param carries the variables declared before the loop that its body assigns, in order of first assignment
 *     (besides the index)
 * @param body the statements run once per trip, each in the frame of one trip
 * @param indexOutlives whether the index is declared before the loop (the {@code while} form), so code after
 *     the loop reads its final value
 */
record CountedLoop(TreePath bound, Element index, boolean readsIndex, List<Element> carries, List<TreePath> body,
    boolean indexOutlives) {

  /** The loop at {@code path} in this form, or null. */
  static CountedLoop of(Trees trees, TreePath path, ForLoopTree loop) {
    if (loop.getInitializer().size() != 1 || !(loop.getInitializer().get(0) instanceof VariableTree init)) return null;
    if (!(init.getInitializer() instanceof LiteralTree zero) || !Integer.valueOf(0).equals(zero.getValue())) return null;
    Element index = trees.getElement(new TreePath(path, init));
    if (index == null || !init.getType().toString().equals("int")) return null;
    if (!(loop.getCondition() instanceof BinaryTree cond) || cond.getKind() != Tree.Kind.LESS_THAN
        || !isVariable(trees, new TreePath(path, cond.getLeftOperand()), index)) {
      return null;
    }
    if (loop.getUpdate().size() != 1
        || !incrementsByOne(trees, new TreePath(path, loop.getUpdate().get(0)), index)) {
      return null;
    }
    Body body = new Body(trees, index);
    TreePath statement = new TreePath(path, loop.getStatement());
    body.scan(statement, null);
    if (body.rejected) return null;
    List<Element> carries = body.carries();
    if (carries.isEmpty()) return null;
    return new CountedLoop(new TreePath(new TreePath(path, cond), cond.getRightOperand()), index, body.readsIndex,
        carries, List.of(statement), false);
  }

  /**
   * The loop at {@code path} in the form {@code while (i < bound) { ...; i++; }}, {@code i} an int local
   * declared before the loop, or null. Its carries may be empty: the loop then only moves {@code i} to
   * {@code bound}.
   */
  static CountedLoop of(Trees trees, TreePath path, WhileLoopTree loop) {
    TreePath condPath = new TreePath(path, loop.getCondition());
    while (condPath.getLeaf() instanceof ParenthesizedTree p) condPath = new TreePath(condPath, p.getExpression());
    if (!(condPath.getLeaf() instanceof BinaryTree cond) || cond.getKind() != Tree.Kind.LESS_THAN
        || !(cond.getLeftOperand() instanceof IdentifierTree)) {
      return null;
    }
    Element index = trees.getElement(new TreePath(condPath, cond.getLeftOperand()));
    if (index == null || index.getKind() != ElementKind.LOCAL_VARIABLE || index.asType().getKind() != TypeKind.INT) {
      return null;
    }
    if (!(loop.getStatement() instanceof BlockTree block) || block.getStatements().isEmpty()) return null;
    TreePath blockPath = new TreePath(path, block);
    List<? extends StatementTree> statements = block.getStatements();
    if (!(statements.get(statements.size() - 1) instanceof ExpressionStatementTree last)
        || !incrementsByOne(trees, new TreePath(blockPath, last), index)) {
      return null;
    }
    Body body = new Body(trees, index);
    List<TreePath> each = new ArrayList<>();
    for (StatementTree s : statements.subList(0, statements.size() - 1)) {
      TreePath at = new TreePath(blockPath, s);
      body.scan(at, null);
      each.add(at);
    }
    if (body.rejected) return null;
    return new CountedLoop(new TreePath(condPath, cond.getRightOperand()), index, body.readsIndex, body.carries(),
        each, true);
  }

  private static boolean isVariable(Trees trees, TreePath path, Element variable) {
    return path.getLeaf() instanceof IdentifierTree && trees.getElement(path) == variable;
  }

  /** {@code i++}, {@code ++i} or {@code i += 1}. */
  private static boolean incrementsByOne(Trees trees, TreePath update, Element index) {
    ExpressionTree e = ((ExpressionStatementTree) update.getLeaf()).getExpression();
    TreePath at = new TreePath(update, e);
    if (e instanceof UnaryTree u && (u.getKind() == Tree.Kind.POSTFIX_INCREMENT || u.getKind() == Tree.Kind.PREFIX_INCREMENT)) {
      return isVariable(trees, new TreePath(at, u.getExpression()), index);
    }
    if (e instanceof CompoundAssignmentTree c && c.getKind() == Tree.Kind.PLUS_ASSIGNMENT
        && c.getExpression() instanceof LiteralTree one && Integer.valueOf(1).equals(one.getValue())) {
      return isVariable(trees, new TreePath(at, c.getVariable()), index);
    }
    return false;
  }

  /** Walks the body: what it declares and assigns, whether it reads the index, and whether it leaves early. */
  private static final class Body extends TreePathScanner<Void, Void> {
    private final Trees trees;
    private final Element index;
    final Set<Element> declared = Collections.newSetFromMap(new IdentityHashMap<>());
    final Set<Element> assigned = new LinkedHashSet<>();
    boolean rejected;
    boolean readsIndex;
    private int lambdaDepth;

    Body(Trees trees, Element index) {
      this.trees = trees;
      this.index = index;
    }

    /** The variables assigned but declared before the loop. */
    List<Element> carries() {
      List<Element> out = new ArrayList<>();
      for (Element e : assigned) if (!declared.contains(e)) out.add(e);
      return out;
    }

    @Override
    public Void visitIdentifier(IdentifierTree t, Void unused) {
      if (trees.getElement(getCurrentPath()) == index) readsIndex = true;
      return null;
    }

    @Override
    public Void visitVariable(VariableTree t, Void unused) {
      Element e = trees.getElement(getCurrentPath());
      if (e != null) declared.add(e);
      return super.visitVariable(t, unused);
    }

    @Override
    public Void visitLambdaExpression(LambdaExpressionTree t, Void unused) {
      // A lambda's own returns and assignments stay inside it (its captures are effectively final).
      lambdaDepth++;
      try {
        return super.visitLambdaExpression(t, unused);
      } finally {
        lambdaDepth--;
      }
    }

    @Override
    public Void visitAssignment(AssignmentTree t, Void unused) {
      target(t.getVariable());
      return super.visitAssignment(t, unused);
    }

    @Override
    public Void visitCompoundAssignment(CompoundAssignmentTree t, Void unused) {
      target(t.getVariable());
      return super.visitCompoundAssignment(t, unused);
    }

    @Override
    public Void visitUnary(UnaryTree t, Void unused) {
      switch (t.getKind()) {
        case POSTFIX_INCREMENT, PREFIX_INCREMENT, POSTFIX_DECREMENT, PREFIX_DECREMENT -> target(t.getExpression());
        default -> { }
      }
      return super.visitUnary(t, unused);
    }

    @Override
    public Void visitBreak(BreakTree t, Void unused) { return leaves(); }

    @Override
    public Void visitContinue(ContinueTree t, Void unused) { return leaves(); }

    @Override
    public Void visitReturn(ReturnTree t, Void unused) {
      if (lambdaDepth == 0) rejected = true;
      return super.visitReturn(t, unused);
    }

    @Override
    public Void visitThrow(ThrowTree t, Void unused) { return leaves(); }

    /** Jumps are allowed only where they cannot leave the loop body: never, to keep the rule simple. */
    private Void leaves() {
      rejected = true;
      return null;
    }

    private void target(ExpressionTree variable) {
      if (lambdaDepth > 0) return;
      if (!(variable instanceof IdentifierTree)) {
        rejected = true;  // an array element or a field: state outside the loop's variables
        return;
      }
      Element e = trees.getElement(new TreePath(getCurrentPath(), variable));
      if (e == index || e == null || e.getKind() != ElementKind.LOCAL_VARIABLE && e.getKind() != ElementKind.PARAMETER) {
        rejected = true;
        return;
      }
      assigned.add(e);
    }

    @Override
    public Void scan(Tree tree, Void unused) {
      if (rejected) return null;
      return super.scan(tree, unused);
    }
  }
}
