package dev.olympus.processor.interpret;

import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BindingPatternTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.InstanceOfTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.tree.YieldTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import dev.olympus.trace.SizeCondition;
import dev.olympus.trace.TraceStack;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Name;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;

/**
 * Runs a method body at javac time by walking its source tree (the {@code com.sun.source} API, attributed on
 * demand by {@link Trees#getElement}), so that a {@code @Jit} method can be traced before its bytecode exists.
 *
 * <p>Java values (ints, doubles, booleans, strings, Java arrays, local collections) are computed as the
 * compiled method would compute them; every call into already compiled code (the Olympus API, {@code Math},
 * collections) is made reflectively with the real objects, so an {@code Array} argument that is a tracer builds
 * IR through the very tracer that run-time tracing uses. Calls to methods whose source is in the same
 * compilation are interpreted in turn. Records declared in the sources become {@link SourceRecord}s; lambdas
 * and method references become proxies of their functional interface.
 *
 * <p>Anything else (try, synchronized, local and anonymous classes, mutable static state, I/O ...) raises
 * {@link InterpretException.Unsupported} at its tree node; an exception of the traced code raises
 * {@link InterpretException.TraceError} there.
 */
public final class Interpreter {
  /** Statements and loop iterations one trace may execute: Java loops over static bounds are unrolled. */
  public static final long STEP_LIMIT = 2_000_000;
  /** Interpreted calls that may be active at once. */
  public static final int DEPTH_LIMIT = 64;

  private final Trees trees;
  private final Types types;
  private final CompiledApi api;
  private final Map<Element, Object> staticFields = new HashMap<>();
  private final Deque<String> calls = new ArrayDeque<>();
  private final Map<CompilationUnitTree, CharSequence> sources = new HashMap<>();
  private long steps;
  private final java.util.function.Consumer<TreePath> droppedPrint;
  private final boolean symbolsInArrays;
  private final java.util.Set<Integer> symbolSizes;

  public Interpreter(Trees trees, javax.lang.model.util.Elements elements, Types types, ClassLoader loader) {
    this(trees, elements, types, loader, path -> {}, false, java.util.Set.of());
  }

  /**
   * {@code droppedPrint} hears of each {@code System.out/err} call the trace skips, at its call. With
   * {@code symbolsInArrays}, a static traced as a symbol stored in a Java array ({@code new int[] {1, window}})
   * is its representative value there, as it is passed into Olympus directly: the trace then reads it as a size
   * (a window, a stride) rather than stopping, and only two agreeing traces make a kernel of it.
   * {@code symbolSizes} are the representative values of the symbolic dimensions: a comparison or remainder of one
   * of them with another value is what the trace assumed of that size ({@link SizeCondition}), which two traces
   * can agree on although other sizes would branch otherwise (every representative is odd, and they are ordered).
   */
  public Interpreter(Trees trees, javax.lang.model.util.Elements elements, Types types, ClassLoader loader,
      java.util.function.Consumer<TreePath> droppedPrint, boolean symbolsInArrays, java.util.Set<Integer> symbolSizes) {
    this.trees = trees;
    this.types = types;
    this.api = new CompiledApi(loader, elements, types);
    this.droppedPrint = droppedPrint;
    this.symbolsInArrays = symbolsInArrays;
    this.symbolSizes = java.util.Set.copyOf(symbolSizes);
  }

  /**
   * Records what {@code op} on {@code l} and {@code r} assumed when one is a symbolic dimension's value: a
   * remainder by a number its residue, a comparison with a number the range of sizes on the same side of it (or
   * that it is not that number), two sizes compared their order. A size divided, shifted or masked is a number
   * whose later uses no condition on the size follows ({@code n / 2 > 40}), so the kernel is given up; so is a
   * size passed to the JDK ({@code Math.min(n, 64)}).
   */
  private void assumeOfSizes(Tree.Kind op, Object l, Object r) {
    boolean left = l instanceof Integer a && symbolSizes.contains(a);
    boolean right = r instanceof Integer b && symbolSizes.contains(b);
    if (!left && !right) return;
    if (left && right) {
      int a = (Integer) l, b = (Integer) r;
      String holds = switch (op) {
        case LESS_THAN, LESS_THAN_EQUAL, GREATER_THAN, GREATER_THAN_EQUAL -> a < b ? "<" : a == b ? "==" : ">";
        case EQUAL_TO, NOT_EQUAL_TO -> a == b ? "==" : "!=";
        default -> null;
      };
      SizeCondition.require(holds == null ? new SizeCondition.Unchecked(a) : new SizeCondition.Compared(a, holds, b));
      return;
    }
    int size = (Integer) (left ? l : r);
    Object otherValue = left ? r : l;
    if (!(otherValue instanceof Integer || otherValue instanceof Short || otherValue instanceof Byte
        || otherValue instanceof Long)) {
      return;
    }
    long other = ((Number) otherValue).longValue();
    Tree.Kind flipped = left ? op : switch (op) {
      case LESS_THAN -> Tree.Kind.GREATER_THAN;
      case GREATER_THAN -> Tree.Kind.LESS_THAN;
      case LESS_THAN_EQUAL -> Tree.Kind.GREATER_THAN_EQUAL;
      case GREATER_THAN_EQUAL -> Tree.Kind.LESS_THAN_EQUAL;
      default -> op;
    };
    switch (flipped) {
      case REMAINDER -> {
        if (left && other != 0 && Math.abs(other) > 1 && Math.abs(other) <= Integer.MAX_VALUE) {
          SizeCondition.require(new SizeCondition.Residue(size, (int) Math.abs(other)));
        } else if (!left) {
          SizeCondition.require(new SizeCondition.Unchecked(size));
        }
      }
      case LESS_THAN, GREATER_THAN_EQUAL -> SizeCondition.require(size < other
          ? new SizeCondition.Range(size, 0, (int) Math.min(Integer.MAX_VALUE, other - 1))
          : new SizeCondition.Range(size, (int) Math.max(0, other), Integer.MAX_VALUE));
      case GREATER_THAN, LESS_THAN_EQUAL -> SizeCondition.require(size > other
          ? new SizeCondition.Range(size, (int) Math.max(0, other + 1), Integer.MAX_VALUE)
          : new SizeCondition.Range(size, 0, (int) Math.min(Integer.MAX_VALUE, other)));
      case EQUAL_TO, NOT_EQUAL_TO -> SizeCondition.require(size == other
          ? new SizeCondition.Range(size, size, size)
          : new SizeCondition.Unequal(size, other));
      case DIVIDE, LEFT_SHIFT, RIGHT_SHIFT, UNSIGNED_RIGHT_SHIFT, AND, OR, XOR ->
          SizeCondition.require(new SizeCondition.Unchecked(size));
      default -> { }
    }
  }

  // ---- entry ----------------------------------------------------------------------------------------------

  /** Calls a method whose source is in this compilation. {@code self} is its receiver, or null if static. */
  public Object call(ExecutableElement method, Object self, List<Object> args, TreePath site) {
    TreePath path = trees.getPath(method);
    if (path == null || !(path.getLeaf() instanceof MethodTree tree) || tree.getBody() == null) {
      throw unsupported(site, "the call to " + describe(method), "its body is not available to javac");
    }
    if (calls.size() >= DEPTH_LIMIT) {
      throw unsupported(site, "the call to " + describe(method), "calls nest deeper than " + DEPTH_LIMIT);
    }
    attribute(path);
    Frame frame = new Frame(null, self);
    List<? extends VariableElement> params = method.getParameters();
    for (int i = 0; i < params.size(); i++) {
      frame.declare(params.get(i), JavaValues.coerce(args.get(i), params.get(i).asType()));
    }
    calls.push(describe(method) + (site == null ? "" : ", called at" + where(site)));
    try {
      exec(new TreePath(path, tree.getBody()), frame);
      return null;
    } catch (Return r) {
      return JavaValues.coerce(r.value, method.getReturnType());
    } finally {
      calls.pop();
    }
  }

  /** {@code Trees.getElement} attributes the enclosing class on demand; types are known only after that. */
  private void attribute(TreePath methodPath) {
    new TreePathScanner<Void, Void>() {
      private boolean done;

      @Override
      public Void scan(Tree tree, Void unused) {
        if (done || tree == null) return null;
        if (tree instanceof ExpressionTree) {
          trees.getElement(new TreePath(getCurrentPath(), tree));
          done = true;
          return null;
        }
        return super.scan(tree, unused);
      }
    }.scan(methodPath, null);
  }

  // ---- statements -----------------------------------------------------------------------------------------

  private static final class Return extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient Object value;

    Return(Object value) {
      super(null, null, false, false);
      this.value = value;
    }
  }

  /** {@code break} or {@code continue}, with its label or null. */
  private static final class Jump extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final boolean isBreak;
    final transient Name label;

    Jump(boolean isBreak, Name label) {
      super(null, null, false, false);
      this.isBreak = isBreak;
      this.label = label;
    }

    boolean targets(Name loopLabel) {
      return label == null || (loopLabel != null && label.contentEquals(loopLabel));
    }
  }

  private void step(TreePath path) {
    if (++steps > STEP_LIMIT) {
      throw unsupported(path, "this loop", "javac stopped tracing after " + STEP_LIMIT + " steps: the loop does "
          + "not end with the values javac knows, or is too long to unroll (use Lax.foriLoop to keep a loop in "
          + "the IR)");
    }
  }

  private void exec(TreePath path, Frame f) {
    exec(path, f, null);
  }

  private void exec(TreePath path, Frame f, Name label) {
    try {
      execNode(path, f, label);
    } catch (InterpretException | Return | Jump | Yield e) {
      throw e;
    } catch (RuntimeException e) {
      throw failedOn(path, e);
    }
  }

  /**
   * A failure of the interpreter itself on a node (a case its Java semantics do not cover): the method is
   * traced at run time instead, and the message says so; it is never blamed on the user's code.
   */
  private InterpretException failedOn(TreePath path, RuntimeException e) {
    return unsupported(path, describe(path.getLeaf()), "the javac-time tracer failed on it: " + e);
  }

  private void execNode(TreePath path, Frame f, Name label) {
    Tree t = path.getLeaf();
    step(path);
    switch (t.getKind()) {
      case BLOCK -> {
        if (((BlockTree) t).isStatic()) throw unsupported(path, "a static block", "not inside a method");
        Frame inner = f.child();
        for (StatementTree s : ((BlockTree) t).getStatements()) exec(new TreePath(path, s), inner);
      }
      case VARIABLE -> {
        VariableTree v = (VariableTree) t;
        Element e = trees.getElement(path);
        Object value = v.getInitializer() == null ? Frame.UNASSIGNED
            : JavaValues.coerce(eval(new TreePath(path, v.getInitializer()), f), e.asType());
        f.declare(e, value);
      }
      case EXPRESSION_STATEMENT -> eval(new TreePath(path, ((ExpressionStatementTree) t).getExpression()), f);
      case EMPTY_STATEMENT -> { }
      case IF -> {
        IfTree s = (IfTree) t;
        if (truth(new TreePath(path, s.getCondition()), f)) {
          exec(new TreePath(path, s.getThenStatement()), f.child());
        } else if (s.getElseStatement() != null) {
          exec(new TreePath(path, s.getElseStatement()), f.child());
        }
      }
      case WHILE_LOOP -> {
        WhileLoopTree s = (WhileLoopTree) t;
        if (stagedLoop(path, CountedLoop.of(trees, path, s), f)) return;
        while (truth(new TreePath(path, s.getCondition()), f)) {
          step(path);
          if (!body(new TreePath(path, s.getStatement()), f.child(), label)) break;
        }
      }
      case DO_WHILE_LOOP -> {
        DoWhileLoopTree s = (DoWhileLoopTree) t;
        do {
          step(path);
          if (!body(new TreePath(path, s.getStatement()), f.child(), label)) break;
        } while (truth(new TreePath(path, s.getCondition()), f));
      }
      case FOR_LOOP -> {
        ForLoopTree s = (ForLoopTree) t;
        if (stagedLoop(path, CountedLoop.of(trees, path, s), f)) return;
        Frame loop = f.child();
        for (StatementTree init : s.getInitializer()) exec(new TreePath(path, init), loop);
        while (s.getCondition() == null || truth(new TreePath(path, s.getCondition()), loop)) {
          step(path);
          if (!body(new TreePath(path, s.getStatement()), loop.child(), label)) break;
          for (ExpressionStatementTree u : s.getUpdate()) eval(new TreePath(path, u.getExpression()), loop);
        }
      }
      case ENHANCED_FOR_LOOP -> enhancedFor(path, (EnhancedForLoopTree) t, f, label);
      case LABELED_STATEMENT -> {
        LabeledStatementTree s = (LabeledStatementTree) t;
        try {
          exec(new TreePath(path, s.getStatement()), f, s.getLabel());
        } catch (Jump j) {
          if (!j.isBreak || j.label == null || !j.label.contentEquals(s.getLabel())) throw j;
        }
      }
      case SWITCH -> switchStatement(path, (SwitchTree) t, f, label);
      case YIELD -> throw new Yield(eval(new TreePath(path, ((YieldTree) t).getValue()), f));
      case BREAK -> throw new Jump(true, ((BreakTree) t).getLabel());
      case CONTINUE -> throw new Jump(false, ((ContinueTree) t).getLabel());
      case RETURN -> {
        ExpressionTree e = ((ReturnTree) t).getExpression();
        throw new Return(e == null ? null : eval(new TreePath(path, e), f));
      }
      case THROW -> {
        Object thrown = eval(new TreePath(path, ((ThrowTree) t).getExpression()), f);
        if (!(thrown instanceof Throwable ex)) throw unsupported(path, "this throw", "javac cannot build the exception");
        throw new InterpretException.TraceError(path, chain(), ex);
      }
      // Assertions are disabled unless the JVM runs with -ea, and tracing at run time skips them then too.
      case ASSERT -> { }
      default -> throw unsupported(path, describe(t), "the javac-time tracer runs locals, arithmetic, if, switch, "
          + "loops, calls and lambdas");
    }
  }

  /** {@code yield v} out of a switch expression. */
  private static final class Yield extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient Object value;

    Yield(Object value) {
      super(null, null, false, false);
      this.value = value;
    }
  }

  /** The case whose label equals the selector, else the default case, else -1. */
  private int selectCase(TreePath path, Object selector, List<? extends CaseTree> cases, Frame f) {
    int fallback = -1;
    for (int k = 0; k < cases.size(); k++) {
      CaseTree c = cases.get(k);
      TreePath casePath = new TreePath(path, c);
      if (c.getExpressions().isEmpty()) {
        fallback = k;
        continue;
      }
      for (ExpressionTree label : c.getExpressions()) {
        Object v = eval(new TreePath(casePath, label), f);
        boolean equal = JavaValues.isNumeric(selector) && JavaValues.isNumeric(v)
            ? (Boolean) JavaValues.binary(Tree.Kind.EQUAL_TO, selector, v)
            : selector instanceof String ? selector.equals(v) : same(selector, v);
        if (equal) return k;
      }
    }
    return fallback;
  }

  private void switchStatement(TreePath path, SwitchTree t, Frame f, Name label) {
    Object selector = known(path, eval(new TreePath(path, t.getExpression()), f));
    List<? extends CaseTree> cases = t.getCases();
    int k = selectCase(path, selector, cases, f);
    if (k < 0) return;
    Frame block = f.child();
    try {
      if (cases.get(k).getCaseKind() == CaseTree.CaseKind.RULE) {
        TreePath casePath = new TreePath(path, cases.get(k));
        Tree body = cases.get(k).getBody();
        if (body instanceof ExpressionTree e) {
          eval(new TreePath(casePath, e), block);
        } else {
          exec(new TreePath(casePath, body), block);
        }
        return;
      }
      // Statement groups fall through to the next until a break.
      for (int i = k; i < cases.size(); i++) {
        TreePath casePath = new TreePath(path, cases.get(i));
        for (StatementTree st : cases.get(i).getStatements()) exec(new TreePath(casePath, st), block);
      }
    } catch (Jump j) {
      if (!j.isBreak || (j.label != null && (label == null || !j.label.contentEquals(label)))) throw j;
    }
  }

  private Object switchExpression(TreePath path, SwitchExpressionTree t, Frame f) {
    Object selector = known(path, eval(new TreePath(path, t.getExpression()), f));
    List<? extends CaseTree> cases = t.getCases();
    int k = selectCase(path, selector, cases, f);
    if (k < 0) throw unsupported(path, describe(t), "no case matches " + selector);
    Frame block = f.child();
    TypeMirror type = trees.getTypeMirror(path);
    try {
      if (cases.get(k).getCaseKind() == CaseTree.CaseKind.RULE) {
        TreePath casePath = new TreePath(path, cases.get(k));
        Tree body = cases.get(k).getBody();
        if (body instanceof ExpressionTree e) return JavaValues.coerce(eval(new TreePath(casePath, e), block), type);
        exec(new TreePath(casePath, body), block);
      } else {
        for (int i = k; i < cases.size(); i++) {
          TreePath casePath = new TreePath(path, cases.get(i));
          for (StatementTree st : cases.get(i).getStatements()) exec(new TreePath(casePath, st), block);
        }
      }
    } catch (Yield y) {
      return JavaValues.coerce(y.value, type);
    }
    throw unsupported(path, describe(t), "its case did not yield a value");
  }

  /**
   * A counted loop over a static argument traced as a symbol ({@link CountedLoop}), staged as one
   * {@code Lax.foriLoop(start, bound, (i, carries) -> body, carries)}: the kernel loops at run time, so javac's
   * work does not grow with the bound. False when the loop is not of that form, its carries are not arrays, or
   * the body changes their types; the loop then runs in Java (and a symbolic bound stops the trace there).
   * A {@code while} loop's index is the bound afterwards, under an {@link Assumption} the kernel is guarded by.
   */
  private boolean stagedLoop(TreePath path, CountedLoop loop, Frame f) {
    if (loop == null || !(eval(loop.bound(), f) instanceof SymbolicStatic bound)
        || !(bound.value() instanceof Integer trips)) {
      return false;
    }
    Object[] indexCell = loop.indexOutlives() ? f.cell(loop.index()) : null;
    if (loop.indexOutlives() && (indexCell == null || !(indexCell[0] instanceof Integer))) return false;
    int start = indexCell == null ? 0 : (Integer) indexCell[0];
    List<Element> carries = loop.carries();
    // Without carries a body could still act through a call (list.add): only a bare count is skipped.
    if (carries.isEmpty() ? !loop.body().isEmpty() : !stagedTrips(path, loop, f, start, trips)) return false;
    if (indexCell != null) {
      indexCell[0] = bound;
      assumptions.add(new Assumption(path, bound.parameter(), trips, start));
    }
    return true;
  }

  /** The trips of {@code loop} as one {@code Lax.foriLoop}, its carries updated; false when they cannot be. */
  private boolean stagedTrips(TreePath path, CountedLoop loop, Frame f, int start, int trips) {
    Class<?> array;
    Method foriLoop;
    Class<?> fn2;
    try {
      array = arrayClass();
      fn2 = Class.forName("dev.olympus.Fn2", false, api.loader());
      foriLoop = Class.forName("dev.olympus.lax.Lax", false, api.loader())
          .getMethod("foriLoop", int.class, int.class, fn2, Object.class);
    } catch (ReflectiveOperationException e) {
      return false;
    }
    List<Element> carries = loop.carries();
    List<Object[]> cells = new ArrayList<>();
    List<Object> init = new ArrayList<>();
    for (Element e : carries) {
      Object[] cell = f.cell(e);
      if (cell == null || !array.isInstance(cell[0])) return false;
      cells.add(cell);
      init.add(cell[0]);
    }
    Object body = proxy(fn2, path, args -> {
      List<?> carry = (List<?>) args[1];
      Frame iteration = f.child();
      if (loop.readsIndex()) iteration.declare(loop.index(), new LoopIndex(args[0]));
      for (int k = 0; k < carries.size(); k++) iteration.declare(carries.get(k), carry.get(k));
      Frame block = iteration.child();
      for (TreePath statement : loop.body()) exec(statement, loop.indexOutlives() ? block : iteration.child());
      List<Object> next = new ArrayList<>();
      for (Element e : carries) next.add(iteration.cell(e)[0]);
      return next;
    });
    List<?> result;
    try {
      result = (List<?>) invoke(path, () -> foriLoop.invoke(null, start, trips, body, init));
    } catch (InterpretException.TraceError e) {
      return false;  // e.g. the body changes a carry's shape: only the Java loop can express that
    } catch (InterpretException e) {
      // The body used the index as a Java int: running the loop in Java says so, at the line that does.
      if (loop.readsIndex()) return false;
      throw e;
    }
    for (int k = 0; k < cells.size(); k++) cells.get(k)[0] = result.get(k);
    return true;
  }

  /**
   * What a staged {@code while} loop took for granted: that the static {@code parameter} (traced as
   * {@code traced}) is at least {@code atLeast}, the index's value before the loop, so the loop leaves the
   * index at the bound. The kernel of this trace is used only when it holds.
   */
  public record Assumption(TreePath where, String parameter, int traced, int atLeast) {}

  private final List<Assumption> assumptions = new ArrayList<>();

  /** What the staged loops of the calls so far assumed, in the order they ran. */
  public List<Assumption> assumptions() {
    return List.copyOf(assumptions);
  }

  /** Runs a loop body; false when it broke out of this loop. */
  private boolean body(TreePath path, Frame f, Name loopLabel) {
    try {
      exec(path, f);
      return true;
    } catch (Jump j) {
      if (!j.targets(loopLabel)) throw j;
      return !j.isBreak;
    }
  }

  private void enhancedFor(TreePath path, EnhancedForLoopTree s, Frame f, Name label) {
    Object iterable = known(path, eval(new TreePath(path, s.getExpression()), f));
    TreePath varPath = new TreePath(path, s.getVariable());
    Element variable = trees.getElement(varPath);
    Iterator<?> it;
    if (iterable != null && iterable.getClass().isArray()) {
      List<Object> items = new ArrayList<>();
      for (int i = 0; i < java.lang.reflect.Array.getLength(iterable); i++) {
        items.add(java.lang.reflect.Array.get(iterable, i));
      }
      it = items.iterator();
    } else if (iterable instanceof Iterable<?> i) {
      it = i.iterator();
    } else {
      throw unsupported(new TreePath(path, s.getExpression()), "this for-each loop",
          "javac iterates over Java arrays and collections only");
    }
    while (it.hasNext()) {
      step(path);
      Frame iteration = f.child();
      iteration.declare(variable, JavaValues.coerce(it.next(), variable.asType()));
      if (!body(new TreePath(path, s.getStatement()), iteration, label)) break;
    }
  }

  private boolean truth(TreePath path, Frame f) {
    Object v = known(path, eval(path, f));
    if (!(v instanceof Boolean b)) throw new IllegalStateException("condition is not a boolean: " + v);
    return b;
  }

  // ---- expressions ----------------------------------------------------------------------------------------

  private Object eval(TreePath path, Frame f) {
    try {
      return evalNode(path, f);
    } catch (InterpretException | Return | Jump | Yield e) {
      throw e;
    } catch (RuntimeException e) {
      throw failedOn(path, e);
    }
  }

  private Object evalNode(TreePath path, Frame f) {
    Tree t = path.getLeaf();
    switch (t.getKind()) {
      case INT_LITERAL, LONG_LITERAL, FLOAT_LITERAL, DOUBLE_LITERAL, BOOLEAN_LITERAL, CHAR_LITERAL, STRING_LITERAL,
          NULL_LITERAL:
        return ((LiteralTree) t).getValue();
      case PARENTHESIZED:
        return eval(new TreePath(path, ((ParenthesizedTree) t).getExpression()), f);
      case IDENTIFIER:
        return identifier(path, (IdentifierTree) t, f);
      case MEMBER_SELECT:
        return memberSelect(path, (MemberSelectTree) t, f);
      case METHOD_INVOCATION:
        return invocation(path, (MethodInvocationTree) t, f);
      case NEW_CLASS:
        return newInstance(path, (NewClassTree) t, f);
      case NEW_ARRAY:
        return newArray(path, (NewArrayTree) t, f);
      case ARRAY_ACCESS:
        return lvalue(path, f).get.get();
      case ASSIGNMENT: {
        AssignmentTree a = (AssignmentTree) t;
        Lvalue target = lvalue(new TreePath(path, a.getVariable()), f);
        Object value = JavaValues.coerce(eval(new TreePath(path, a.getExpression()), f), target.type);
        target.set.accept(value);
        return value;
      }
      case PLUS_ASSIGNMENT, MINUS_ASSIGNMENT, MULTIPLY_ASSIGNMENT, DIVIDE_ASSIGNMENT, REMAINDER_ASSIGNMENT,
          AND_ASSIGNMENT, OR_ASSIGNMENT, XOR_ASSIGNMENT, LEFT_SHIFT_ASSIGNMENT, RIGHT_SHIFT_ASSIGNMENT,
          UNSIGNED_RIGHT_SHIFT_ASSIGNMENT: {
        CompoundAssignmentTree a = (CompoundAssignmentTree) t;
        Lvalue target = lvalue(new TreePath(path, a.getVariable()), f);
        Object old = target.get.get();
        Object rhs = eval(new TreePath(path, a.getExpression()), f);
        Object value = JavaValues.coerce(operate(path, JavaValues.operatorOf(t.getKind()), old, rhs,
            t.getKind() == Tree.Kind.PLUS_ASSIGNMENT && old instanceof String), target.type);
        target.set.accept(value);
        return value;
      }
      case PREFIX_INCREMENT, PREFIX_DECREMENT, POSTFIX_INCREMENT, POSTFIX_DECREMENT: {
        Lvalue target = lvalue(new TreePath(path, ((UnaryTree) t).getExpression()), f);
        Object old = target.get.get();
        boolean up = t.getKind() == Tree.Kind.PREFIX_INCREMENT || t.getKind() == Tree.Kind.POSTFIX_INCREMENT;
        Object value = JavaValues.coerce(JavaValues.binary(up ? Tree.Kind.PLUS : Tree.Kind.MINUS, known(path, old), 1),
            target.type);
        target.set.accept(value);
        boolean prefix = t.getKind() == Tree.Kind.PREFIX_INCREMENT || t.getKind() == Tree.Kind.PREFIX_DECREMENT;
        return prefix ? value : old;
      }
      case UNARY_PLUS, UNARY_MINUS, BITWISE_COMPLEMENT, LOGICAL_COMPLEMENT: {
        Object v = eval(new TreePath(path, ((UnaryTree) t).getExpression()), f);
        if (v instanceof LoopIndex index && t.getKind() == Tree.Kind.UNARY_MINUS && isInt(path)) {
          return new LoopIndex(onCounter(path, index.array(), "neg"));
        }
        if (v instanceof LoopIndex && t.getKind() == Tree.Kind.UNARY_PLUS) return v;
        if (v instanceof SymbolicStatic s && s.value() instanceof Integer i && isInt(path)
            && (t.getKind() == Tree.Kind.UNARY_MINUS || t.getKind() == Tree.Kind.UNARY_PLUS)) {
          return new SymbolicStatic(s.parameter(), t.getKind() == Tree.Kind.UNARY_MINUS ? -i : i);
        }
        return JavaValues.unary(t.getKind(), known(path, v));
      }
      case CONDITIONAL_AND: {
        BinaryTree b = (BinaryTree) t;
        return truth(new TreePath(path, b.getLeftOperand()), f) && truth(new TreePath(path, b.getRightOperand()), f);
      }
      case CONDITIONAL_OR: {
        BinaryTree b = (BinaryTree) t;
        return truth(new TreePath(path, b.getLeftOperand()), f) || truth(new TreePath(path, b.getRightOperand()), f);
      }
      case PLUS, MINUS, MULTIPLY, DIVIDE, REMAINDER, LEFT_SHIFT, RIGHT_SHIFT, UNSIGNED_RIGHT_SHIFT, LESS_THAN,
          GREATER_THAN, LESS_THAN_EQUAL, GREATER_THAN_EQUAL, EQUAL_TO, NOT_EQUAL_TO, AND, XOR, OR: {
        BinaryTree b = (BinaryTree) t;
        TreePath left = new TreePath(path, b.getLeftOperand());
        TreePath right = new TreePath(path, b.getRightOperand());
        Object l = eval(left, f);
        Object r = eval(right, f);
        boolean concat = t.getKind() == Tree.Kind.PLUS && isString(trees.getTypeMirror(path));
        if ((t.getKind() == Tree.Kind.EQUAL_TO || t.getKind() == Tree.Kind.NOT_EQUAL_TO)
            && !isPrimitive(trees.getTypeMirror(left)) && !isPrimitive(trees.getTypeMirror(right))) {
          known(path, l);
          known(path, r);
          return same(l, r) == (t.getKind() == Tree.Kind.EQUAL_TO);
        }
        if ((l instanceof LoopIndex || r instanceof LoopIndex) && isInt(path)) {
          Object staged = indexArithmetic(path, t.getKind(), l, r);
          if (staged != null) return staged;
        }
        if ((l instanceof SymbolicStatic || r instanceof SymbolicStatic) && isInt(path)) {
          Object symbolic = staticArithmetic(t.getKind(), l, r);
          if (symbolic != null) return symbolic;
        }
        if (!concat) assumeOfSizes(t.getKind(), l, r);
        return operate(path, t.getKind(), l, r, concat);
      }
      case CONDITIONAL_EXPRESSION: {
        ConditionalExpressionTree c = (ConditionalExpressionTree) t;
        Object v = truth(new TreePath(path, c.getCondition()), f)
            ? eval(new TreePath(path, c.getTrueExpression()), f)
            : eval(new TreePath(path, c.getFalseExpression()), f);
        return JavaValues.coerce(v, trees.getTypeMirror(path));
      }
      case TYPE_CAST: {
        TypeCastTree c = (TypeCastTree) t;
        Object v = known(path, eval(new TreePath(path, c.getExpression()), f));
        TypeMirror target = trees.getTypeMirror(path);
        if (target != null && target.getKind().isPrimitive()) return JavaValues.convert(v, target.getKind());
        return JavaValues.coerce(v, target);
      }
      case INSTANCE_OF:
        return instanceOf(path, (InstanceOfTree) t, f);
      case SWITCH_EXPRESSION:
        return switchExpression(path, (SwitchExpressionTree) t, f);
      case LAMBDA_EXPRESSION:
        return lambda(path, (LambdaExpressionTree) t, f);
      case MEMBER_REFERENCE:
        return methodReference(path, (MemberReferenceTree) t, f);
      default:
        throw unsupported(path, describe(t), "the javac-time tracer evaluates literals, variables, operators, "
            + "calls, new, arrays, casts, lambdas and method references");
    }
  }

  private Object operate(TreePath path, Tree.Kind op, Object l, Object r, boolean concat) {
    known(path, l);
    known(path, r);
    if (concat) return String.valueOf(l) + r;
    if (!(JavaValues.isNumeric(l) || l instanceof Boolean) || !(JavaValues.isNumeric(r) || r instanceof Boolean)) {
      throw unsupported(path, describe(path.getLeaf()), "an operator on " + typeName(l) + " and " + typeName(r));
    }
    try {
      return JavaValues.binary(op, l, r);
    } catch (ArithmeticException e) {
      throw new InterpretException.TraceError(path, chain(), e);
    }
  }

  /**
   * Java int arithmetic on a staged loop's index ({@code q * q}, {@code 2 * j + 1}, {@code 7 - j}): the same
   * operation on the loop primitive's i32 counter, which wraps on overflow exactly as Java's int does, so the
   * kernel computes what the Java loop would. Null for what stays Java's: division and remainder (Java throws
   * on a zero divisor, XLA does not), shifts, comparisons, and operands that are not ints known here.
   */
  private Object indexArithmetic(TreePath path, Tree.Kind op, Object l, Object r) {
    String method = switch (op) {
      case PLUS -> "add";
      case MINUS -> "sub";
      case MULTIPLY -> "mul";
      default -> null;
    };
    if (method == null) return null;
    if (l instanceof LoopIndex a && r instanceof LoopIndex b) {
      return new LoopIndex(onCounter(path, a.array(), method, b.array()));
    }
    // A symbolic static is its representative int here: a literal the kernel reads back as the parameter.
    if (l instanceof LoopIndex a && staticInt(r) instanceof Integer b) {
      return new LoopIndex(onCounter(path, a.array(), method, b));
    }
    if (staticInt(l) instanceof Integer a && r instanceof LoopIndex b) {
      // c - j as (-j) + c: equal to Java's int subtraction, overflow included, in two's complement.
      Object counter = op == Tree.Kind.MINUS ? onCounter(path, b.array(), "neg") : b.array();
      return new LoopIndex(onCounter(path, counter, op == Tree.Kind.MINUS ? "add" : method, a));
    }
    return null;
  }

  /**
   * Java int {@code +}, {@code -} and {@code *} on a symbolic static ({@code n - 1}, {@code 2 * n}): the result
   * is symbolic too, its representative value what Java computes from the operands' (wrapping as Java's int
   * does). The kernel reads it back as that expression of the parameter, and keeps it only when the second
   * trace, with another representative value, reads the same; anything else (division, shifts, comparisons)
   * needs the value itself. Null when this is not such an operation.
   */
  private static Object staticArithmetic(Tree.Kind op, Object l, Object r) {
    if (op != Tree.Kind.PLUS && op != Tree.Kind.MINUS && op != Tree.Kind.MULTIPLY) return null;
    if (!(staticInt(l) instanceof Integer a) || !(staticInt(r) instanceof Integer b)) return null;
    String parameter = l instanceof SymbolicStatic s ? s.parameter() : ((SymbolicStatic) r).parameter();
    int value = switch (op) {
      case PLUS -> a + b;
      case MINUS -> a - b;
      default -> a * b;
    };
    return new SymbolicStatic(parameter, value);
  }

  /** An int operand as staged arithmetic reads it: a Java int, or a symbolic static's representative int. */
  private static Object staticInt(Object v) {
    Object value = v instanceof SymbolicStatic s ? s.value() : v;
    return value instanceof Integer ? value : null;
  }

  /** {@code counter.method(arg)} on the traced i32 counter ({@code Array.add(int)}, {@code Array.neg()}, ...). */
  private Object onCounter(TreePath path, Object counter, String method, Object... arg) {
    try {
      Class<?> array = arrayClass();
      Class<?>[] types = new Class<?>[arg.length];
      for (int i = 0; i < arg.length; i++) types[i] = arg[i] instanceof Integer ? int.class : array;
      Method m = array.getMethod(method, types);
      return invoke(path, () -> m.invoke(counter, arg));
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("dev.olympus.Array." + method + " is missing from the processor path", e);
    }
  }

  /** Olympus's {@code Array}, as the processor path loads it. */
  private Class<?> arrayClass() throws ClassNotFoundException {
    return Class.forName("dev.olympus.Array", false, api.loader());
  }

  private boolean isInt(TreePath path) {
    TypeMirror t = trees.getTypeMirror(path);
    return t != null && t.getKind() == TypeKind.INT;
  }

  private static String typeName(Object v) {
    return v == null ? "null" : v.getClass().getSimpleName();
  }

  private static boolean isString(TypeMirror t) {
    return t != null && t.getKind() == TypeKind.DECLARED && t.toString().equals("java.lang.String");
  }

  private static boolean isPrimitive(TypeMirror t) {
    return t != null && t.getKind().isPrimitive();
  }

  // ---- names, fields, variables -----------------------------------------------------------------------------

  /** Something that can be read and assigned: a variable, an array element. */
  private record Lvalue(Supplier<Object> get, Consumer<Object> set, TypeMirror type) {}

  private Lvalue lvalue(TreePath path, Frame f) {
    Tree t = path.getLeaf();
    if (t instanceof ParenthesizedTree p) return lvalue(new TreePath(path, p.getExpression()), f);
    if (t instanceof ArrayAccessTree a) {
      Object array = known(path, eval(new TreePath(path, a.getExpression()), f));
      Object index = known(path, eval(new TreePath(path, a.getIndex()), f));
      if (array == null || !array.getClass().isArray()) {
        throw unsupported(path, "this array access", "javac indexes Java arrays only");
      }
      int i = (Integer) JavaValues.convert(index, TypeKind.INT);
      TypeMirror type = trees.getTypeMirror(path);
      return new Lvalue(() -> {
        try {
          return java.lang.reflect.Array.get(array, i);
        } catch (ArrayIndexOutOfBoundsException e) {
          throw new InterpretException.TraceError(path, chain(), e);
        }
      }, v -> {
        known(path, v);
        try {
          java.lang.reflect.Array.set(array, i, v);
        } catch (ArrayIndexOutOfBoundsException e) {
          throw new InterpretException.TraceError(path, chain(), e);
        } catch (IllegalArgumentException e) {
          throw unsupported(path, "this array store", "javac cannot store a " + typeName(v) + " there");
        }
      }, type);
    }
    Element e = trees.getElement(path);
    if (e != null && isLocal(e)) {
      Object[] cell = f.cell(e);
      if (cell == null) throw unsupported(path, "the variable " + e.getSimpleName(), "it is not visible here");
      return new Lvalue(() -> read(path, e, cell), v -> cell[0] = v, e.asType());
    }
    if (e instanceof VariableElement field && e.getKind() == ElementKind.FIELD) {
      throw unsupported(path, "the assignment to the field " + field.getSimpleName(),
          "javac-time tracing does not change fields: the compiled method would change them at run time");
    }
    throw unsupported(path, describe(t), "javac cannot assign to it");
  }

  private Object read(TreePath path, Element e, Object[] cell) {
    if (cell[0] == Frame.UNASSIGNED) {
      throw unsupported(path, "the variable " + e.getSimpleName(), "it has no value here");
    }
    return cell[0];
  }

  private static boolean isLocal(Element e) {
    return switch (e.getKind()) {
      case LOCAL_VARIABLE, PARAMETER, EXCEPTION_PARAMETER, RESOURCE_VARIABLE, BINDING_VARIABLE -> true;
      default -> false;
    };
  }

  private Object identifier(TreePath path, IdentifierTree t, Frame f) {
    if (t.getName().contentEquals("this")) {
      if (f.self() == null) throw unsupported(path, "this", "a @Jit method is static");
      return f.self();
    }
    Element e = trees.getElement(path);
    if (e == null) throw unsupported(path, "the name " + t.getName(), "javac could not resolve it");
    if (isLocal(e)) {
      Object[] cell = f.cell(e);
      if (cell == null) throw unsupported(path, "the variable " + t.getName(), "it is not visible here");
      return read(path, e, cell);
    }
    if (e.getKind() == ElementKind.FIELD || e.getKind() == ElementKind.ENUM_CONSTANT) {
      VariableElement v = (VariableElement) e;
      if (v.getModifiers().contains(javax.lang.model.element.Modifier.STATIC)) return staticField(path, v);
      return instanceField(path, v, f.self());
    }
    return new QualifierName(e);
  }

  /** A class or package name used as a qualifier, e.g. {@code Jnp} in {@code Jnp.exp}. */
  private record QualifierName(Element element) {}

  private Object memberSelect(TreePath path, MemberSelectTree t, Frame f) {
    Element e = trees.getElement(path);
    TreePath qualifier = new TreePath(path, t.getExpression());
    if (e != null && (e.getKind() == ElementKind.FIELD || e.getKind() == ElementKind.ENUM_CONSTANT)
        && e.getModifiers().contains(javax.lang.model.element.Modifier.STATIC)) {
      return staticField(path, (VariableElement) e);
    }
    if (e != null && (e.getKind().isClass() || e.getKind().isInterface() || e.getKind() == ElementKind.PACKAGE)) {
      return new QualifierName(e);
    }
    Object receiver = known(path, eval(qualifier, f));
    if (receiver != null && receiver.getClass().isArray() && t.getIdentifier().contentEquals("length")) {
      return java.lang.reflect.Array.getLength(receiver);
    }
    if (e instanceof VariableElement v && e.getKind() == ElementKind.FIELD) return instanceField(path, v, receiver);
    throw unsupported(path, describe(t), "javac cannot read it");
  }

  private Object instanceField(TreePath path, VariableElement v, Object receiver) {
    if (receiver instanceof SourceRecord r) {
      Object value = r.component(v.getSimpleName().toString());
      if (value != Frame.UNASSIGNED) return value;
    }
    throw unsupported(path, "the field " + v.getSimpleName(), "javac reads fields of records only");
  }

  private Object staticField(TreePath path, VariableElement v) {
    Object constant = v.getConstantValue();
    if (constant != null) return constant;
    TypeElement owner = (TypeElement) v.getEnclosingElement();
    if (owner.getQualifiedName().contentEquals("java.lang.System")
        && (v.getSimpleName().contentEquals("out") || v.getSimpleName().contentEquals("err"))) {
      return PrintSink.INSTANCE;
    }
    if (staticFields.containsKey(v)) return staticFields.get(v);
    Object value;
    TreePath declaration = trees.getPath(v);
    if (declaration != null && declaration.getLeaf() instanceof VariableTree tree) {
      if (!v.getModifiers().contains(javax.lang.model.element.Modifier.FINAL) || tree.getInitializer() == null) {
        throw unsupported(path, "the static field " + owner.getSimpleName() + "." + v.getSimpleName(),
            "it is not final, so its value when the method runs is unknown at javac time");
      }
      if (v.getKind() == ElementKind.ENUM_CONSTANT) return enumConstant(owner, v);
      // Static initializers run when the class is initialized, outside any trace: constants, not IR.
      attribute(declaration);
      calls.push("the initializer of " + owner.getSimpleName() + "." + v.getSimpleName() + ", read at" + where(path));
      try {
        value = TraceStack.withoutDynamic(
            () -> JavaValues.coerce(eval(new TreePath(declaration, tree.getInitializer()), new Frame(null, null)),
                v.asType()));
      } finally {
        calls.pop();
      }
    } else {
      Field field = api.field(v);
      if (field == null || !Modifier.isStatic(field.getModifiers()) || !api.mayRun(field.getDeclaringClass())) {
        throw unsupported(path, "the field " + owner.getSimpleName() + "." + v.getSimpleName(),
            "javac-time tracing reads constants, Olympus' fields and final fields of this compilation");
      }
      try {
        value = field.get(null);
      } catch (IllegalAccessException | RuntimeException | ExceptionInInitializerError ex) {
        throw unsupported(path, "the field " + owner.getSimpleName() + "." + v.getSimpleName(), ex.toString());
      }
    }
    staticFields.put(v, value);
    return value;
  }

  /** A constant of an enum of this compilation, as the canonical {@link SourceEnumConstant}. */
  public static SourceEnumConstant enumConstant(TypeElement owner, Element constant) {
    int ordinal = 0;
    for (Element e : owner.getEnclosedElements()) {
      if (e.getKind() != ElementKind.ENUM_CONSTANT) continue;
      if (e.getSimpleName().contentEquals(constant.getSimpleName())) break;
      ordinal++;
    }
    return new SourceEnumConstant(owner.getQualifiedName().toString(), constant.getSimpleName().toString(), ordinal);
  }

  /** Stands for {@code System.out}/{@code System.err}: printing happens when the method is traced at run time. */
  enum PrintSink { INSTANCE }

  // ---- calls --------------------------------------------------------------------------------------------------

  private Object invocation(TreePath path, MethodInvocationTree t, Frame f) {
    TreePath select = new TreePath(path, t.getMethodSelect());
    Element e = trees.getElement(select);
    if (!(e instanceof ExecutableElement m)) throw unsupported(path, describe(t), "javac could not resolve the call");
    boolean isStatic = m.getModifiers().contains(javax.lang.model.element.Modifier.STATIC);
    Object receiver = null;
    if (!isStatic) {
      if (t.getMethodSelect() instanceof MemberSelectTree ms) {
        if (ms.getExpression() instanceof IdentifierTree id && id.getName().contentEquals("super")) {
          throw unsupported(path, describe(t), "javac does not trace super calls");
        }
        receiver = eval(new TreePath(select, ms.getExpression()), f);
      } else {
        receiver = f.self();
      }
      if (receiver == null) {
        throw new InterpretException.TraceError(path, chain(),
            new NullPointerException("cannot call " + m.getSimpleName() + "() on null"));
      }
    }
    List<Object> args = new ArrayList<>();
    List<TypeMirror> argTypes = new ArrayList<>();
    for (ExpressionTree a : t.getArguments()) {
      TreePath ap = new TreePath(path, a);
      args.add(eval(ap, f));
      argTypes.add(trees.getTypeMirror(ap));
    }
    return dispatch(path, m, receiver, adapt(path, m, args, argTypes));
  }

  /** Packs variable-arity arguments into the array parameter, as javac does for the compiled call. */
  private List<Object> adapt(TreePath site, ExecutableElement m, List<Object> args, List<TypeMirror> argTypes) {
    List<? extends VariableElement> params = m.getParameters();
    if (!m.isVarArgs()) return args;
    int fixed = params.size() - 1;
    TypeMirror arrayType = params.get(fixed).asType();
    if (args.size() == params.size()) {
      TypeMirror last = argTypes == null ? null : argTypes.get(fixed);
      Object lastValue = args.get(fixed);
      boolean passesArray = last != null ? types.isAssignable(types.erasure(last), types.erasure(arrayType))
          : lastValue == null || lastValue.getClass().isArray();
      if (passesArray) return args;
    }
    TypeMirror component = ((ArrayType) arrayType).getComponentType();
    Class<?> componentClass = api.classOf(component);
    if (componentClass == null) componentClass = Object.class;
    Object array = java.lang.reflect.Array.newInstance(componentClass, args.size() - fixed);
    Class<?> callee = api.classOf(m.getEnclosingElement().asType());
    for (int i = fixed; i < args.size(); i++) {
      Object v = JavaValues.coerce(intoOlympus(site, args.get(i), callee), component);
      java.lang.reflect.Array.set(array, i - fixed, v);
    }
    List<Object> out = new ArrayList<>(args.subList(0, fixed));
    out.add(array);
    return out;
  }

  /** Calls {@code m}: interpreted when its source is in this compilation, reflectively otherwise. */
  private Object dispatch(TreePath site, ExecutableElement m, Object receiver, List<Object> args) {
    if (receiver == PrintSink.INSTANCE) {
      droppedPrint.accept(site);
      return null;
    }
    if (receiver instanceof SourceEnumConstant c && args.isEmpty()) {
      switch (m.getSimpleName().toString()) {
        case "name", "toString": return c.name();
        case "ordinal": return c.ordinal();
        case "hashCode": return c.hashCode();
        default: break;
      }
    }
    if (receiver instanceof SourceEnumConstant c && args.size() == 1 && m.getSimpleName().contentEquals("equals")) {
      return same(c, args.get(0));
    }
    known(site, receiver);
    if (receiver instanceof SourceRecord r) {
      if (args.isEmpty()) {
        for (RecordComponentElement c : r.type().getRecordComponents()) {
          if (c.getSimpleName().contentEquals(m.getSimpleName())) return r.component(c.getSimpleName().toString());
        }
      }
      if (isInSource(m)) return call(m, r, args, site);
      throw unsupported(site, "the call to " + m.getSimpleName() + "() on a record of this compilation",
          "javac cannot run it before the record is compiled");
    }
    boolean isStatic = m.getModifiers().contains(javax.lang.model.element.Modifier.STATIC);
    if (isStatic && isInSource(m)) return call(m, null, args, site);
    Method method = api.method(m);
    if (method == null) {
      throw unsupported(site, "the call to " + describe(m), isInSource(m)
          ? "javac traces static methods of this compilation and methods of records only"
          : "its class is neither in this compilation nor on the annotation processor path");
    }
    Object target = isStatic ? null : receiver;
    if (!api.mayRun(method.getDeclaringClass())) {
      throw unsupported(site, "the call to " + describe(m), "javac-time tracing only runs Olympus, pure JDK "
          + "code (math, strings, collections) and compiled helpers that use nothing else, never I/O or global state");
    }
    if (args.stream().anyMatch(a -> a instanceof LoopIndex)) method = arrayOverload(site, method, args);
    Method callee = method;
    Object[] actual = new Object[args.size()];
    List<? extends VariableElement> params = m.getParameters();
    for (int i = 0; i < actual.length; i++) {
      if (args.get(i) instanceof LoopIndex index) {
        actual[i] = index.array();
        continue;
      }
      actual[i] = JavaValues.coerce(intoOlympus(site, args.get(i), method.getDeclaringClass()), params.get(i).asType());
      if (actual[i] instanceof SourceRecord) {
        throw unsupported(site, "passing a record of this compilation to " + describe(m),
            "javac cannot build the record's class before it is compiled");
      }
    }
    // The JDK runs compiled and reports nothing: what Math.min(n, 64) assumed of n no condition follows.
    if (callee.getDeclaringClass().getName().startsWith("java.")) {
      for (Object a : actual) {
        if (a instanceof Integer size && symbolSizes.contains(size)) SizeCondition.require(new SizeCondition.Unchecked(size));
      }
    }
    return invoke(site, () -> callee.invoke(target, actual));
  }

  /**
   * The overload of an Olympus {@code method} that takes an {@code Array} wherever {@code args} holds a loop
   * index ({@code Array.add(Array)} for {@code x.add(j)}), as JAX's traced index would be passed.
   */
  private Method arrayOverload(TreePath site, Method method, List<Object> args) {
    if (method.getDeclaringClass().getName().startsWith("dev.olympus.")) {
      try {
        Class<?> array = arrayClass();
        Class<?>[] want = method.getParameterTypes().clone();
        for (int i = 0; i < want.length; i++) if (args.get(i) instanceof LoopIndex) want[i] = array;
        Method overload = method.getDeclaringClass().getMethod(method.getName(), want);
        if (java.lang.reflect.Modifier.isStatic(overload.getModifiers())
            == java.lang.reflect.Modifier.isStatic(method.getModifiers())) {
          return overload;
        }
      } catch (ReflectiveOperationException none) {
        // fall through: no Array overload
      }
    }
    throw unsupported(site, describe(site.getLeaf()), "it passes a staged loop's index where an Array cannot go");
  }

  private interface Reflective {
    Object run() throws ReflectiveOperationException;
  }

  private Object invoke(TreePath site, Reflective call) {
    try {
      return call.run();
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof UndeclaredThrowableException u && u.getCause() != null) cause = u.getCause();
      if (cause instanceof InterpretException ie) throw ie;
      if (cause instanceof StackOverflowError || cause instanceof LinkageError) {
        throw unsupported(site, describe(site.getLeaf()), "it failed inside the processor: " + cause);
      }
      throw new InterpretException.TraceError(site, chain(), cause);
    } catch (ReflectiveOperationException e) {
      throw unsupported(site, describe(site.getLeaf()), "javac cannot call it: " + e);
    }
  }

  private boolean isInSource(ExecutableElement m) {
    return trees.getTree(m) != null;
  }

  private Object newInstance(TreePath path, NewClassTree t, Frame f) {
    if (t.getClassBody() != null) throw unsupported(path, "an anonymous class", "use a lambda");
    if (t.getEnclosingExpression() != null) throw unsupported(path, describe(t), "an inner class instance");
    Element e = trees.getElement(path);
    if (!(e instanceof ExecutableElement ctor)) throw unsupported(path, describe(t), "javac could not resolve it");
    List<Object> args = new ArrayList<>();
    List<TypeMirror> argTypes = new ArrayList<>();
    for (ExpressionTree a : t.getArguments()) {
      TreePath ap = new TreePath(path, a);
      args.add(eval(ap, f));
      argTypes.add(trees.getTypeMirror(ap));
    }
    args = adapt(path, ctor, args, argTypes);
    TypeElement type = (TypeElement) ctor.getEnclosingElement();
    if (trees.getTree(type) != null) {
      List<? extends RecordComponentElement> components = type.getRecordComponents();
      if (type.getKind() == ElementKind.RECORD && components.size() == args.size()) {
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) values.add(JavaValues.coerce(args.get(i), components.get(i).asType()));
        return new SourceRecord(type, values);
      }
      throw unsupported(path, describe(t), "javac builds records of this compilation only (canonical constructor)");
    }
    Constructor<?> constructor = api.constructor(ctor);
    if (constructor == null || !api.mayRun(constructor.getDeclaringClass())) {
      throw unsupported(path, describe(t), "javac-time tracing only creates Olympus and pure JDK objects");
    }
    Object[] actual = new Object[args.size()];
    for (int i = 0; i < actual.length; i++) {
      actual[i] = JavaValues.coerce(known(path, args.get(i)), ctor.getParameters().get(i).asType());
    }
    return invoke(path, () -> constructor.newInstance(actual));
  }

  private Object newArray(TreePath path, NewArrayTree t, Frame f) {
    TypeMirror type = trees.getTypeMirror(path);
    if (!(type instanceof ArrayType arrayType)) throw unsupported(path, describe(t), "unknown array type");
    TypeMirror component = arrayType.getComponentType();
    if (t.getInitializers() != null) {
      Class<?> componentClass = api.classOf(component);
      if (componentClass == null) throw unsupported(path, describe(t), "an array of a type javac cannot load");
      Object array = java.lang.reflect.Array.newInstance(componentClass, t.getInitializers().size());
      for (int i = 0; i < t.getInitializers().size(); i++) {
        // A static argument's value stored in an array (a window size, an axis list) is read as a value.
        TreePath element = new TreePath(path, t.getInitializers().get(i));
        Object value = eval(element, f);
        if (symbolsInArrays && value instanceof SymbolicStatic s) value = s.value();
        String parameter = staticParameter(value);
        if (parameter != null) throw new InterpretException.NeedsStaticValue(element, chain(), parameter, true);
        Object v = JavaValues.coerce(known(element, value), component);
        java.lang.reflect.Array.set(array, i, v);
      }
      return array;
    }
    int[] dims = new int[t.getDimensions().size()];
    TypeMirror element = type;
    for (int i = 0; i < dims.length; i++) {
      dims[i] = (Integer) JavaValues.convert(eval(new TreePath(path, t.getDimensions().get(i)), f), TypeKind.INT);
      if (dims[i] < 0) {
        throw new InterpretException.TraceError(path, chain(), new NegativeArraySizeException(Integer.toString(dims[i])));
      }
      element = ((ArrayType) element).getComponentType();
    }
    Class<?> elementClass = api.classOf(element);
    if (elementClass == null) throw unsupported(path, describe(t), "an array of a type javac cannot load");
    return java.lang.reflect.Array.newInstance(elementClass, dims);
  }

  private Object instanceOf(TreePath path, InstanceOfTree t, Frame f) {
    Object v = known(path, eval(new TreePath(path, t.getExpression()), f));
    TypeMirror target = trees.getTypeMirror(new TreePath(path, t.getType()));
    boolean result;
    if (v == null) {
      result = false;
    } else if (v instanceof SourceRecord r) {
      result = types.isSubtype(types.erasure(r.type().asType()), types.erasure(target));
    } else {
      Class<?> c = api.classOf(target);
      if (c == null) throw unsupported(path, describe(t), "javac cannot load the type");
      result = c.isInstance(v);
    }
    if (result && t.getPattern() instanceof BindingPatternTree binding) {
      TreePath varPath = new TreePath(new TreePath(path, binding), binding.getVariable());
      f.declare(trees.getElement(varPath), v);
    }
    return result;
  }

  // ---- lambdas and method references --------------------------------------------------------------------------

  private Object lambda(TreePath path, LambdaExpressionTree t, Frame f) {
    List<Element> params = new ArrayList<>();
    for (VariableTree p : t.getParameters()) params.add(trees.getElement(new TreePath(path, p)));
    TreePath body = new TreePath(path, t.getBody());
    boolean expression = t.getBodyKind() == LambdaExpressionTree.BodyKind.EXPRESSION;
    return proxy(path, args -> {
      Frame frame = new Frame(f, f.self());
      for (int i = 0; i < params.size(); i++) {
        frame.declare(params.get(i), JavaValues.coerce(args[i], params.get(i).asType()));
      }
      if (expression) return eval(body, frame);
      try {
        exec(body, frame);
        return null;
      } catch (Return r) {
        return r.value;
      }
    });
  }

  private Object methodReference(TreePath path, MemberReferenceTree t, Frame f) {
    if (t.getMode() != MemberReferenceTree.ReferenceMode.INVOKE) {
      throw unsupported(path, describe(t), "javac traces method references, not constructor references");
    }
    Element e = trees.getElement(path);
    if (!(e instanceof ExecutableElement m)) throw unsupported(path, describe(t), "javac could not resolve it");
    boolean isStatic = m.getModifiers().contains(javax.lang.model.element.Modifier.STATIC);
    TreePath qualifier = new TreePath(path, t.getQualifierExpression());
    Element q = trees.getElement(qualifier);
    boolean unbound = !isStatic && q != null && (q.getKind().isClass() || q.getKind().isInterface());
    Object bound = isStatic || unbound ? null : eval(qualifier, f);
    return proxy(path, args -> {
      List<Object> list = new ArrayList<>(List.of(args == null ? new Object[0] : args));
      Object receiver = bound;
      if (unbound) receiver = list.remove(0);
      return dispatch(path, m, receiver, adapt(path, m, list, null));
    });
  }

  private interface Body {
    Object apply(Object[] args);
  }

  /** A proxy of the lambda's functional interface whose single abstract method runs {@code body}. */
  private Object proxy(TreePath path, Body body) {
    TypeMirror target = trees.getTypeMirror(path);
    Class<?> iface = target == null ? null : api.classOf(target);
    if (iface == null || !iface.isInterface()) {
      throw unsupported(path, describe(path.getLeaf()), "its functional interface is not on the processor path");
    }
    if (!CompiledApi.allowed(iface)) {
      throw unsupported(path, describe(path.getLeaf()), "javac-time tracing makes lambdas of Olympus' and the JDK's "
          + "functional interfaces only, not " + iface.getName());
    }
    return proxy(iface, path, body);
  }

  /** A proxy of {@code iface} whose single abstract method runs {@code body}; {@code path} names it. */
  private Object proxy(Class<?> iface, TreePath path, Body body) {
    String where = where(path);
    InvocationHandler handler = (proxy, method, args) -> {
      if (method.getDeclaringClass() == Object.class) {
        return switch (method.getName()) {
          case "equals" -> proxy == args[0];
          case "hashCode" -> System.identityHashCode(proxy);
          default -> "lambda at" + where;
        };
      }
      if (method.isDefault()) return InvocationHandler.invokeDefault(proxy, method, args);
      Object result = body.apply(args == null ? new Object[0] : args);
      Class<?> returns = method.getReturnType();
      if (returns.isPrimitive() && returns != void.class && result != null) {
        result = JavaValues.convert(result, JavaValues.kindOf(java.lang.reflect.Array.get(
            java.lang.reflect.Array.newInstance(returns, 1), 0)));
      }
      if (result instanceof SourceRecord) {
        throw unsupported(path, describe(path.getLeaf()), "it returns a record of this compilation to compiled "
            + "code, and javac cannot build the record's class before it is compiled");
      }
      return result;
    };
    return Proxy.newProxyInstance(api.loader(), new Class<?>[] {iface}, handler);
  }

  // ---- messages -------------------------------------------------------------------------------------------------

  private List<String> chain() {
    List<String> out = new ArrayList<>(calls);
    java.util.Collections.reverse(out);
    return out;
  }

  /** Stops when {@code v} is the unknown value of a static argument: what follows depends on it. */
  private Object known(TreePath path, Object v) {
    if (v instanceof LoopIndex) {
      throw unsupported(path, describe(path.getLeaf()), "it uses a staged loop's index as a Java value");
    }
    String parameter = staticParameter(v);
    if (parameter != null) throw new InterpretException.NeedsStaticValue(path, chain(), parameter);
    return v;
  }

  /** The static argument {@code v} stands for (unknown, or symbolic), or null when it is a plain value. */
  private static String staticParameter(Object v) {
    if (v instanceof UnknownStatic u) return u.parameter();
    return v instanceof SymbolicStatic s ? s.parameter() : null;
  }

  /** An argument of a call into {@code callee}: a symbolic static is its representative value in Olympus. */
  private Object intoOlympus(TreePath path, Object v, Class<?> callee) {
    if (v instanceof SymbolicStatic s && callee != null && callee.getName().startsWith("dev.olympus.")) {
      return s.value();
    }
    return known(path, v);
  }

  /** Java's {@code ==} on references, with a stand-in enum constant equal to the same constant. */
  private static boolean same(Object a, Object b) {
    return a instanceof SourceEnumConstant ? a.equals(b) : a == b;
  }

  InterpretException.Unsupported unsupported(TreePath path, String construct, String reason) {
    String snippet = path == null ? null : snippet(path);
    return new InterpretException.Unsupported(path, chain(),
        snippet == null ? construct : construct + " `" + snippet + "`", reason);
  }

  private String where(TreePath path) {
    if (path == null) return "";
    CompilationUnitTree cu = path.getCompilationUnit();
    long pos = trees.getSourcePositions().getStartPosition(cu, path.getLeaf());
    String file = cu.getSourceFile().getName();
    file = file.substring(file.lastIndexOf('/') + 1);
    return " " + file + ":" + (pos < 0 ? "?" : cu.getLineMap().getLineNumber(pos));
  }

  private static String describe(ExecutableElement m) {
    return m.getEnclosingElement().getSimpleName() + "." + m.getSimpleName();
  }

  /** What a construct is called in messages: {@code "the try statement"}. */
  static String describe(Tree t) {
    return switch (t.getKind()) {
      case TRY -> "the try statement";
      case SWITCH -> "the switch statement";
      case SWITCH_EXPRESSION -> "the switch expression";
      case SYNCHRONIZED -> "the synchronized block";
      case CLASS, INTERFACE, ENUM, RECORD -> "the local class";
      case NEW_CLASS -> "the object creation";
      case METHOD_INVOCATION -> "the call";
      case MEMBER_REFERENCE -> "the method reference";
      case LAMBDA_EXPRESSION -> "the lambda";
      case YIELD -> "the yield statement";
      default -> "the " + t.getKind().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    };
  }

  /** The first line of the source of {@code path}'s node, shortened, or null. */
  private String snippet(TreePath path) {
    CompilationUnitTree cu = path.getCompilationUnit();
    CharSequence text = sources.computeIfAbsent(cu, c -> {
      try {
        return c.getSourceFile().getCharContent(true);
      } catch (IOException | RuntimeException e) {
        return "";
      }
    });
    long start = trees.getSourcePositions().getStartPosition(cu, path.getLeaf());
    long end = trees.getSourcePositions().getEndPosition(cu, path.getLeaf());
    if (start < 0 || end <= start || end > text.length()) return null;
    String s = text.subSequence((int) start, (int) end).toString();
    int nl = s.indexOf('\n');
    if (nl >= 0) s = s.substring(0, nl).stripTrailing() + " ...";
    if (s.length() > 60) s = s.substring(0, 57) + "...";
    return s;
  }

}
