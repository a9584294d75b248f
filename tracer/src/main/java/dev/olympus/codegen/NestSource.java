package dev.olympus.codegen;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeName;
import dev.olympus.DType;
import dev.olympus.simd.HalfStrips;
import dev.olympus.simd.NarrowIntStrips;
import dev.olympus.types.AbstractValue;
import dev.olympus.ir.Literal;
import dev.olympus.loopnest.Expr;
import dev.olympus.loopnest.IndexMap;
import dev.olympus.loopnest.LoopNest;
import dev.olympus.loopnest.Schedule;
import dev.olympus.simd.StripOp;
import dev.olympus.storage.Storage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * A {@link Schedule} written as Java: the same strip-method calls, in the same order, as the run-time kernel
 * ({@code dev.olympus.execution.NestKernel}) makes when it interprets the schedule, so a generated kernel and a
 * run-time one agree bit for bit and run the same compiled strip code. Two methods per nest: {@code nameRows}
 * runs rows {@code [from, to)} over columns {@code [colFrom, colTo)} on the calling thread, and {@code name}
 * spreads the rows (or a long row's column blocks) over cores as the run-time kernel does.
 *
 * <p>Names in the output: {@code row} and its multi-index {@code i0, i1...}; {@code at5} the buffer offset of
 * node 5's column 0 in this row; {@code v5} node 5's value when it is one per row ({@code sum5}, {@code max5}
 * for reductions); {@code f32Strip0} a strip of scratch, {@code f32Row0} a row of it; {@code lanes5} and
 * {@code rowLanes5} a reduction's partial sums per block and per row; {@code c0} a strip's first column and
 * {@code len} its length.
 */
public final class NestSource {
  static final ClassName SCHEDULE = ClassName.get("dev.olympus.loopnest", "Schedule");
  static final ClassName LANES = ClassName.get("dev.olympus.simd", "Lanes");
  static final ClassName PARALLEL = ClassName.get("dev.olympus.execution", "Parallel");
  static final ClassName ARRAYS = ClassName.get("java.util", "Arrays");
  static final ClassName HALF = ClassName.get("dev.olympus.simd", "HalfStrips");
  static final ClassName NARROW_INT = ClassName.get("dev.olympus.simd", "NarrowIntStrips");
  static final ClassName DTYPE = ClassName.get("dev.olympus", "DType");

  /** One buffer of the nest (by its slot): the Java array variable holding it and its dtype. */
  public record Buffer(String name, DType dtype) {}

  private final Schedule s;
  private final LoopNest nest;
  private final List<Expr> nodes;
  private final List<Buffer> buffers;
  /** The driver's symbols; {@code rowSymbols} those of them the rows method reads, all it takes. */
  private final List<String> symbols;
  private final List<String> rowSymbols;
  private final Sizes sizes;
  /** Per node, its row offset when that is the same in every row (else null: the local {@code at<i>}). */
  private final String[] at;

  private NestSource(Schedule s, List<Buffer> buffers, List<String> symbols, Sizes sizes) {
    this(s, buffers, symbols, sizes, readBy(rowsText(s, buffers, symbols, sizes), symbols));
  }

  private NestSource(Schedule s, List<Buffer> buffers, List<String> symbols, Sizes sizes, List<String> rowSymbols) {
    this.s = s;
    this.nest = s.nest();
    this.nodes = nest.nodes();
    this.buffers = buffers;
    this.symbols = symbols;
    this.rowSymbols = rowSymbols;
    this.sizes = sizes;
    this.at = new String[s.nest().nodes().size()];
  }

  /**
   * The driver {@code name(buffers..., symbols...)} and {@code nameRows(buffers..., symbols..., from, to,
   * colFrom, colTo)}; {@code buffers} in slot order, {@code symbols} the {@code int} sizes {@code sizes} writes.
   */
  public static List<MethodSpec> methods(Schedule s, String name, List<Buffer> buffers, List<String> symbols,
      Sizes sizes, String javadoc) {
    NestSource src = new NestSource(s, buffers, symbols, sizes);
    return List.of(src.driver(name, javadoc), src.rows(name + "Rows"));
  }

  /** Only {@code nameRows}: a matrix product's epilogue, whose rows the product hands over as it finishes them. */
  public static MethodSpec rowsMethod(Schedule s, String name, List<Buffer> buffers, List<String> symbols,
      Sizes sizes, String javadoc) {
    NestSource src = new NestSource(s, buffers, symbols, sizes);
    return src.rows(name + "Rows").toBuilder().addJavadoc("$L", javadoc).build();
  }

  /**
   * Those of {@code symbols} the nest's driver reads or passes on (its row count, and what its rows method
   * reads), in order: no method takes a size it never uses.
   */
  public static List<String> usedSymbols(Schedule s, List<Buffer> buffers, List<String> symbols, Sizes sizes) {
    NestSource probe = new NestSource(s, buffers, symbols, sizes, symbols);
    return readBy(probe.rows("probe").code() + " " + probe.longOf(s.nest().rowCount()), symbols);
  }

  /** Those of {@code symbols} the rows method reads: what a call of it passes. */
  public static List<String> rowSymbols(Schedule s, List<Buffer> buffers, List<String> symbols, Sizes sizes) {
    return readBy(rowsText(s, buffers, symbols, sizes), symbols);
  }

  /** The body of the rows method, written with every symbol available. */
  private static String rowsText(Schedule s, List<Buffer> buffers, List<String> symbols, Sizes sizes) {
    return new NestSource(s, buffers, symbols, sizes, symbols).rows("probe").code().toString();
  }

  private static List<String> readBy(String text, List<String> symbols) {
    List<String> used = new ArrayList<>();
    for (String sym : symbols) {
      if (java.util.regex.Pattern.compile("(?<![\\w$])" + java.util.regex.Pattern.quote(sym) + "(?![\\w$])")
          .matcher(text).find()) {
        used.add(sym);
      }
    }
    return used;
  }

  /** The argument list {@code a, b, n} of a call of either method, without the row range. */
  static String arguments(List<Buffer> buffers, List<String> symbols) {
    List<String> args = new ArrayList<>();
    for (Buffer b : buffers) args.add(b.name());
    args.addAll(symbols);
    return String.join(", ", args);
  }

  // ---- the driver --------------------------------------------------------------------------------------------

  private MethodSpec driver(String name, String javadoc) {
    MethodSpec.Builder m = MethodSpec.methodBuilder(name).addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .addJavadoc("$L", javadoc);
    addParameters(m, symbols);
    CodeBlock.Builder b = CodeBlock.builder();
    String args = arguments(buffers, rowSymbols);
    if (nest.rowCount() == 1) return m.addCode(singleRow(name, args)).build();
    b.addStatement("long rows = $L", longOf(nest.rowCount()));
    b.addStatement("int cols = $L", sizes.of(nest.colCount()));
    b.beginControlFlow("if (rows == 0)").addStatement("return").endControlFlow();
    // The same cost estimate as the run-time kernel, so both split the work alike.
    b.addStatement("long work = rows * Math.max(1, cols) * $L", stepCount());
    if (s.phases().size() == 1 && !s.reduces()) {
      // One long row (a big elementwise map): its column blocks go to the cores.
      b.beginControlFlow("if (cols > $T.BLOCK && rows < 2L * $T.THREADS && $T.threadsFor(work, cols / $T.BLOCK) > 1)",
          LANES, PARALLEL, PARALLEL, LANES);
      b.addStatement("int blocks = (cols + $T.BLOCK - 1) / $T.BLOCK", LANES, LANES);
      b.addStatement("int threads = $T.threadsFor(work / rows, blocks)", PARALLEL);
      b.beginControlFlow("for (long r = 0; r < rows; r++)");
      b.addStatement("long row = r");
      b.addStatement("$T.forRanges(blocks, threads, (b0, b1) -> $LRows($L, row, row + 1, (int) b0 * $T.BLOCK, "
          + "(int) Math.min(cols, b1 * $T.BLOCK)))", PARALLEL, name, args, LANES, LANES);
      b.endControlFlow();
      b.addStatement("return");
      b.endControlFlow();
    }
    b.addStatement("$T.forRanges(rows, $T.threadsFor(work, rows), (from, to) -> $LRows($L, from, to, 0, cols))",
        PARALLEL, PARALLEL, name, args);
    return m.addCode(b.build()).build();
  }

  /** The driver of a nest with one row (an elementwise map over a flat array): the same split, fewer words. */
  private CodeBlock singleRow(String name, String args) {
    CodeBlock.Builder b = CodeBlock.builder();
    b.addStatement("int cols = $L", sizes.of(nest.colCount()));
    if (s.phases().size() == 1 && !s.reduces()) {
      b.addStatement("long work = Math.max(1, cols) * $LL", stepCount());
      b.beginControlFlow("if (cols > $T.BLOCK && $T.threadsFor(work, cols / $T.BLOCK) > 1)", LANES, PARALLEL, LANES);
      b.addStatement("int blocks = (cols + $T.BLOCK - 1) / $T.BLOCK", LANES, LANES);
      b.addStatement("$T.forRanges(blocks, $T.threadsFor(work, blocks), (b0, b1) -> $LRows($L, 0, 1, (int) b0 * $T.BLOCK, "
          + "(int) Math.min(cols, b1 * $T.BLOCK)))", PARALLEL, PARALLEL, name, args, LANES, LANES);
      b.addStatement("return");
      b.endControlFlow();
    }
    b.addStatement("$LRows($L, 0, 1, 0, cols)", name, args);
    return b.build();
  }

  /** The run-time kernel's per-element step count: one, plus a step per computed strip value and store. */
  private int stepCount() {
    int steps = 1;
    for (Schedule.Phase p : s.phases()) {
      for (int i : p.stripNodes()) if (!(s.place(i) instanceof Schedule.Direct)) steps++;
      steps += p.stores().size();
    }
    return steps;
  }

  private void addParameters(MethodSpec.Builder m, List<String> syms) {
    for (Buffer b : buffers) m.addParameter(ParameterSpec.builder(arrayType(b.dtype()), b.name()).build());
    for (String sym : syms) m.addParameter(TypeName.INT, sym);
  }

  // ---- the rows ----------------------------------------------------------------------------------------------

  private MethodSpec rows(String name) {
    MethodSpec.Builder m = MethodSpec.methodBuilder(name).addModifiers(Modifier.PRIVATE, Modifier.STATIC);
    addParameters(m, rowSymbols);
    m.addParameter(TypeName.LONG, "from").addParameter(TypeName.LONG, "to")
        .addParameter(TypeName.INT, "colFrom").addParameter(TypeName.INT, "colTo");
    CodeBlock.Builder b = CodeBlock.builder();
    b.addStatement("int cols = $L", sizes.of(nest.colCount()));
    declareScratch(b);
    for (int i : s.constNodes()) rowNode(b, i, true);
    b.beginControlFlow("for (long row = from; row < to; row++)");
    rowIndex(b);
    for (int i = 0; i < nodes.size(); i++) base(b, i);
    if (needsOutAt()) b.addStatement("int outAt = (int) (row * cols)");
    for (Schedule.Phase p : s.phases()) phase(b, p);
    for (int i : s.finalRowNodes()) rowNode(b, i, false);
    for (LoopNest.Output o : s.rowOutputs()) {
      String v = register(o.node());
      DType t = nest.dtype(o.node());
      b.addStatement("$L[(int) row] = $L", buffers.get(o.slot()).name(), t == DType.BOOL ? v + " != 0"
          : HalfStrips.isHalf(t) ? CodeBlock.of("$T.narrow($T.$L, $L)", HALF, DTYPE, t.name(), v).toString()
          : NarrowIntStrips.isNarrowInt(t) ? "(" + javaType(t) + ") " + v : v);
    }
    if (!s.filledOutputs().isEmpty()) {
      stripLoop(b, "colFrom", "colTo");
      for (LoopNest.Output o : s.filledOutputs()) {
        String out = buffers.get(o.slot()).name();
        String v = register(o.node());
        if (nest.dtype(o.node()) == DType.BOOL) {
          b.addStatement("$T.fill($L, outAt + c0, outAt + c0 + len, $L != 0)", ARRAYS, out, v);
        } else if (Schedule.widened(nest.dtype(o.node()))) {
          b.addStatement("$T.fill($T.$L, $L, $L, outAt + c0, len)", widening(nest.dtype(o.node())), DTYPE,
              nest.dtype(o.node()).name(), v, out);
        } else {
          b.addStatement("$T.fill($L, $L, outAt + c0, len)", strips(nest.dtype(o.node())), v, out);
        }
      }
      b.endControlFlow();
    }
    b.endControlFlow();
    return m.addCode(b.build()).build();
  }

  /** Strip and row scratch, fill strips, constant index arrays and reduction lanes, once per call. */
  private void declareScratch(CodeBlock.Builder b) {
    boolean anyStrip = false;
    for (DType d : computeTypes()) anyStrip |= s.stripCount(d) > 0;
    if (anyStrip) b.addStatement("int strip = Math.min($T.STRIP, Math.max(1, cols))", SCHEDULE);
    for (DType d : computeTypes()) {
      for (int k = 0; k < s.stripCount(d); k++) {
        b.addStatement("$L[] $L = new $L[strip]", javaType(d), stripName(d, k), javaType(d));
      }
      for (int k = 0; k < s.rowScratchCount(d); k++) {
        b.addStatement("$L[] $L = new $L[cols]", javaType(d), rowName(d, k), javaType(d));
      }
    }
    boolean colDims = false;
    for (int i = 0; i < nodes.size(); i++) {
      if (s.place(i) == null || s.level(i) != Schedule.Level.ELEM) continue;
      if (nodes.get(i) instanceof Expr.Load l && !(s.place(i) instanceof Schedule.Direct)
          && !((l.dtype() == DType.BOOL || Schedule.widened(l.dtype())) && contiguous(l))) {
        colDims = true;
        b.addStatement("int[] strides$L = $L", i, intArray(l.map().colStrides()));
      } else if (nodes.get(i) instanceof Expr.Index x) {
        colDims = true;
        b.addStatement("int[] coeffs$L = $L", i, intArray(x.colCoeffs()));
      }
    }
    if (colDims) b.addStatement("int[] colDims = $L", intArray(nest.cols()));
    for (int i = 0; i < nodes.size(); i++) {
      if (s.place(i) != null && nodes.get(i) instanceof Expr.Reduce r) {
        String t = javaType(Schedule.computeType(r.dtype()));
        b.addStatement("$L[] lanes$L = new $L[$T.COUNT]", t, i, t, LANES);
        b.addStatement("$L[] rowLanes$L = new $L[$T.COUNT]", t, i, t, LANES);
      }
    }
  }

  private static List<DType> computeTypes() {
    return List.of(DType.F32, DType.F64, DType.I32, DType.I64);
  }

  /** The row's multi-index {@code i0, i1...} (last dimension fastest), where an offset needs it. */
  private void rowIndex(CodeBlock.Builder b) {
    int[] dims = nest.rows();
    boolean[] used = new boolean[dims.length];
    boolean any = false;
    for (int i = 0; i < nodes.size(); i++) {
      int[] st = rowCoefficients(i);
      if (st == null) continue;
      for (int k = 0; k < dims.length; k++) {
        if (st[k] != 0 && dims[k] != 1) {
          used[k] = true;
          any = true;
        }
      }
    }
    if (!any) return;
    if (dims.length == 1) {
      b.addStatement("int i0 = (int) row");
      return;
    }
    if (Arrays.stream(dims).anyMatch(d -> d == 0)) {
      // No row runs; the indices only have to exist, and `rest % 0` would not compile under -Werror.
      for (int k = 0; k < dims.length; k++) if (used[k]) b.addStatement("int i$L = 0", k);
      return;
    }
    int first = 0;
    while (!used[first]) first++;
    b.addStatement("long rest = row");
    for (int k = dims.length - 1; k >= first; k--) {
      String d = Sizes.atomic(sizes.of(dims[k]));
      if (used[k]) b.addStatement("int i$L = (int) (rest % $L)", k, d);
      if (k > first) b.addStatement("rest /= $L", d);
    }
  }

  /** The row strides (loads) or row coefficients (index values) of node {@code i}, when it has a per-row offset. */
  private int[] rowCoefficients(int i) {
    if (s.place(i) == null || s.level(i) == Schedule.Level.CONST) return null;
    if (nodes.get(i) instanceof Expr.Load l) return l.map().rowStrides();
    if (nodes.get(i) instanceof Expr.Index x) return x.rowCoeffs();
    return null;
  }

  /** {@code at<i>}: where node {@code i}'s column 0 is in this row (a load's buffer offset, an index's value). */
  private void base(CodeBlock.Builder b, int i) {
    int[] st = rowCoefficients(i);
    if (st == null) return;
    long offset = nodes.get(i) instanceof Expr.Load l ? l.map().offset() : ((Expr.Index) nodes.get(i)).offset();
    List<String> terms = new ArrayList<>();
    if (offset != 0) terms.add(sizes.of(offset));
    for (int k = 0; k < st.length; k++) {
      if (st[k] == 0 || nest.rows()[k] == 1) continue;
      terms.add(st[k] == 1 ? "i" + k : Sizes.atomic(sizes.of(st[k])) + " * i" + k);
    }
    String sum = terms.isEmpty() ? "0" : String.join(" + ", terms);
    boolean perRow = false;
    for (int k = 0; k < st.length; k++) perRow |= st[k] != 0 && nest.rows()[k] != 1;
    if (!perRow) {
      // The same in every row: written where it is used, not as a local.
      at[i] = sum;
      return;
    }
    at[i] = "at" + i;
    b.addStatement("$L at$L = $L", nodes.get(i) instanceof Expr.Index ? "long" : "int", i, sum);
  }

  /** Node {@code i}'s offset in this row: {@code at<i>}, or the expression itself when no row changes it. */
  private String at(int i) {
    return at[i] == null ? "at" + i : at[i];
  }

  /** {@code at<i> + c0}, or {@code c0} when node {@code i}'s row offset is 0. */
  private String atColumn(int i) {
    String a = at(i);
    return a.equals("0") ? "c0" : Sizes.atomic(a).equals(a) ? a + " + c0" : "(" + a + ") + c0";
  }

  private boolean needsOutAt() {
    for (int i = 0; i < nodes.size(); i++) if (s.place(i) instanceof Schedule.Out) return true;
    for (Schedule.Phase p : s.phases()) if (!p.stores().isEmpty()) return true;
    return !s.filledOutputs().isEmpty();
  }

  private void phase(CodeBlock.Builder b, Schedule.Phase p) {
    for (int i : p.rowNodes()) rowNode(b, i, false);
    if (p.stripNodes().isEmpty() && p.stores().isEmpty()) return;
    if (p.folds().isEmpty()) {
      stripLoop(b, "colFrom", "colTo");
      stripSteps(b, p);
      b.endControlFlow();
      return;
    }
    // Reductions fold each block of the row into fresh lanes, then add the block's lanes to the row's.
    for (int i : p.folds()) resetLanes(b, "rowLanes" + i, (Expr.Reduce) nodes.get(i));
    b.beginControlFlow("for (int b0 = colFrom; b0 < colTo; b0 += $T.BLOCK)", LANES);
    b.addStatement("int b1 = Math.min(colTo, b0 + $T.BLOCK)", LANES);
    for (int i : p.folds()) resetLanes(b, "lanes" + i, (Expr.Reduce) nodes.get(i));
    stripLoop(b, "b0", "b1");
    stripSteps(b, p);
    b.endControlFlow();
    for (int i : p.folds()) {
      Expr.Reduce r = (Expr.Reduce) nodes.get(i);
      b.addStatement("$T.$LCombine(rowLanes$L, lanes$L)", strips(r.dtype()), r.op().method(), i, i);
    }
    b.endControlFlow();
    for (int i : p.folds()) {
      Expr.Reduce r = (Expr.Reduce) nodes.get(i);
      CodeBlock value = CodeBlock.of("$T.$LLanes(rowLanes$L)", strips(r.dtype()), r.op().method(), i);
      value = narrowed(r, value);
      b.addStatement("$L $L = $L", javaType(Schedule.computeType(r.dtype())), register(i), value);
    }
  }

  private void stripLoop(CodeBlock.Builder b, String from, String to) {
    b.beginControlFlow("for (int c0 = $L; c0 < $L; c0 += $T.STRIP)", from, to, SCHEDULE);
    b.addStatement("int len = Math.min($T.STRIP, $L - c0)", SCHEDULE, to);
  }

  private void resetLanes(CodeBlock.Builder b, String lanes, Expr.Reduce r) {
    DType d = Schedule.computeType(r.dtype());
    String identity = switch (d) {
      case F32 -> floatLiteral((float) r.op().identity(d));
      case F64 -> doubleLiteral(r.op().identity(d));
      case I64 -> longLiteral(r.op().longIdentity());
      default -> intLiteral((int) r.op().identity(d));
    };
    b.addStatement("$T.fill($L, $L)", ARRAYS, lanes, identity);
  }

  // ---- per strip ---------------------------------------------------------------------------------------------

  /** A run of a node's elements in the current strip: an array and the strip's offset in it. */
  private record Run(String array, String offset) {
    @Override
    public String toString() { return array + ", " + offset; }
  }

  private boolean isRun(int node) {
    return !(s.place(node) instanceof Schedule.Reg);
  }

  private Run run(int node) {
    Schedule.Place p = s.place(node);
    if (p instanceof Schedule.Direct) {
      return new Run(buffers.get(((Expr.Load) nodes.get(node)).slot()).name(), atColumn(node));
    }
    if (p instanceof Schedule.Strip st) return new Run(stripName(st.dtype(), st.index()), "0");
    if (p instanceof Schedule.RowScratch rs) return new Run(rowName(rs.dtype(), rs.index()), "c0");
    if (p instanceof Schedule.Out o) return new Run(buffers.get(o.slot()).name(), "outAt + c0");
    throw new IllegalStateException("node " + node + " is not a run of elements: " + p);
  }

  /** A node as an operand: its run ({@code array, offset}) or its register. */
  private String operand(int node) {
    return isRun(node) ? run(node).toString() : register(node);
  }

  private void stripSteps(CodeBlock.Builder b, Schedule.Phase p) {
    for (int i : p.stripNodes()) stripNode(b, i);
    for (Schedule.Store st : p.stores()) {
      Run a = run(st.node());
      String out = buffers.get(st.slot()).name();
      if (nest.dtype(st.node()) == DType.BOOL) {
        b.addStatement("$T.toBools($L, $L, outAt + c0, len)", strips(DType.I32), a, out);
      } else if (Schedule.widened(nest.dtype(st.node()))) {
        b.addStatement("$T.store($T.$L, $L, $L, outAt + c0, len)", widening(nest.dtype(st.node())), DTYPE,
            nest.dtype(st.node()).name(), a, out);
      } else {
        b.addStatement("System.arraycopy($L, $L, outAt + c0, len)", a, out);
      }
    }
  }

  private void stripNode(CodeBlock.Builder b, int i) {
    Expr e = nodes.get(i);
    if (s.place(i) instanceof Schedule.Direct) return;
    if (e instanceof Expr.Reduce r) {
      fold(b, i, r);
      return;
    }
    Run d = run(i);
    DType ct = Schedule.computeType(e.dtype());
    if (e instanceof Expr.Load l) {
      String src = buffers.get(l.slot()).name();
      if (Schedule.widened(l.dtype()) && l.dtype() != DType.BOOL) {
        if (contiguous(l)) {
          b.addStatement("$T.load($T.$L, $L, $L, $L, len)", widening(l.dtype()), DTYPE, l.dtype().name(), src,
              atColumn(i), d);
        } else {
          b.addStatement("$T.gather($T.$L, $L, $L, colDims, strides$L, c0, $L, len)", widening(l.dtype()), DTYPE,
              l.dtype().name(), src, at(i), i, d);
        }
      } else if (l.dtype() == DType.BOOL && contiguous(l)) {
        b.addStatement("$T.fromBools($L, $L, $L, len)", strips(DType.I32), src, atColumn(i), d);
      } else {
        b.addStatement("$T.$L($L, $L, colDims, strides$L, c0, $L, len)", strips(l.dtype()),
            l.dtype() == DType.BOOL ? "gatherBools" : "gather", src, at(i), i, d);
      }
    } else if (e instanceof Expr.Index x) {
      b.addStatement("$T.affine($L, colDims, coeffs$L, c0, $L, len)", strips(x.dtype()), at(i), i, d);
    } else if (e instanceof Expr.Unary u) {
      b.addStatement("$T.$L($L, $L, len)", strips(ct), u.op().method(), run(u.x()), d);
    } else if (e instanceof Expr.Binary bin) {
      b.addStatement("$T.$L($L, $L, $L, len)", strips(ct), bin.op().method(), operand(bin.x()), operand(bin.y()), d);
    } else if (e instanceof Expr.Compare c) {
      b.addStatement("$T.$L($L, $L, $L, len)", strips(c.operandDtype()), c.op().method(), operand(c.x()),
          operand(c.y()), d);
    } else if (e instanceof Expr.Where w) {
      if (!isRun(w.pred())) {
        // One predicate for the whole row: the row takes one side.
        b.beginControlFlow("if ($L != 0)", register(w.pred()));
        copy(b, ct, w.onTrue(), d);
        b.nextControlFlow("else");
        copy(b, ct, w.onFalse(), d);
        b.endControlFlow();
      } else {
        b.addStatement("$T.where($L, $L, $L, $L, len)", strips(ct), run(w.pred()), operand(w.onTrue()),
            operand(w.onFalse()), d);
      }
    } else if (e instanceof Expr.Convert c) {
      DType from = Schedule.computeType(nest.dtype(c.x()));
      boolean fromBool = nest.dtype(c.x()) == DType.BOOL;
      if (c.dtype() == DType.BOOL && !fromBool) {
        b.addStatement("$T.toBool($L, $L, len)", strips(from), run(c.x()), d);
      } else if (from == ct) {
        b.addStatement("System.arraycopy($L, $L, len)", run(c.x()), d);
      } else {
        b.addStatement("$T.to$L($L, $L, len)", strips(from), ct.name(), run(c.x()), d);
      }
    } else {
      Expr.IntegerPow p = (Expr.IntegerPow) e;
      b.addStatement("$T.integerPow($L, $L, $L, len)", strips(ct), run(p.x()), p.y(), d);
    }
    Schedule.Narrowing n = Schedule.narrowing(nest, e);
    if (n != Schedule.Narrowing.NONE) {
      b.addStatement("$T.$L($T.$L, $L, len)", widening(e.dtype()), n.method(), DTYPE, e.dtype().name(), d);
    }
  }

  private void copy(CodeBlock.Builder b, DType d, int x, Run o) {
    if (isRun(x)) {
      b.addStatement("System.arraycopy($L, $L, len)", run(x), o);
    } else {
      b.addStatement("$T.fill($L, $L, len)", strips(d), register(x), o);
    }
  }

  private void fold(CodeBlock.Builder b, int i, Expr.Reduce r) {
    DType d = Schedule.computeType(r.dtype());
    Run a;
    if (isRun(r.x())) {
      a = run(r.x());
    } else {
      Schedule.Strip fs = s.fillStrip(r.dtype());
      a = new Run(stripName(fs.dtype(), fs.index()), "0");
      b.addStatement("$T.fill($L, $L, len)", strips(d), register(r.x()), a);
    }
    b.addStatement("$T.$LInto(lanes$L, $L, len)", strips(d), r.op().method(), i, a);
  }

  // ---- per row -----------------------------------------------------------------------------------------------

  /** {@code v<i> = ...}: node {@code i}'s one value per row (or per call, {@code once}). */
  private void rowNode(CodeBlock.Builder b, int i, boolean once) {
    Expr e = nodes.get(i);
    Schedule.Reg reg = (Schedule.Reg) s.place(i);
    DType d = reg.dtype();
    CodeBlock value;
    if (e instanceof Expr.Constant c) {
      value = CodeBlock.of("$L", constant(c.literal(), d, sizes));
    } else if (e instanceof Expr.Load l && Schedule.widened(l.dtype()) && l.dtype() != DType.BOOL) {
      String at = once ? sizes.of(l.map().offset()) : at(i);
      value = CodeBlock.of("$T.widen($T.$L, $L[$L])", widening(l.dtype()), DTYPE, l.dtype().name(),
          buffers.get(l.slot()).name(), at);
    } else if (e instanceof Expr.Load l) {
      String at = once ? sizes.of(l.map().offset()) : at(i);
      value = CodeBlock.of("$L[$L]$L", buffers.get(l.slot()).name(), at, l.dtype() == DType.BOOL ? " ? 1 : 0" : "");
    } else if (e instanceof Expr.Index x) {
      String at = once ? sizes.of(x.offset()) : at(i);
      value = CodeBlock.of("$L", d == DType.I64 || once ? at : "(int) " + Sizes.atomic(at));
    } else if (e instanceof Expr.Unary u) {
      value = call(strips(d), u.op().method(), register(u.x()));
    } else if (e instanceof Expr.Binary bin) {
      value = call(strips(d), bin.op().method(), register(bin.x()), register(bin.y()));
    } else if (e instanceof Expr.Compare c) {
      value = call(strips(c.operandDtype()), c.op().method(), register(c.x()), register(c.y()));
    } else if (e instanceof Expr.Where w) {
      value = CodeBlock.of("$L != 0 ? $L : $L", register(w.pred()), register(w.onTrue()), register(w.onFalse()));
    } else if (e instanceof Expr.Convert c) {
      value = CodeBlock.of("$L", convertScalar(register(c.x()), Schedule.computeType(nest.dtype(c.x())),
          nest.dtype(c.x()) == DType.BOOL, c.dtype()));
    } else {
      Expr.IntegerPow p = (Expr.IntegerPow) e;
      value = call(strips(d), "integerPow", register(p.x()), Integer.toString(p.y()));
    }
    b.addStatement("$L $L = $L", javaType(d), register(i), narrowed(e, value));
  }

  /** {@code value}, node {@code e}'s result in its compute type, narrowed to its type ({@link Schedule#narrowing}). */
  private CodeBlock narrowed(Expr e, CodeBlock value) {
    Schedule.Narrowing n = Schedule.narrowing(nest, e);
    if (n == Schedule.Narrowing.NONE) return value;
    return CodeBlock.of("$T.$L($T.$L, $L)", widening(e.dtype()), n.method(), DTYPE, e.dtype().name(), value);
  }

  /** The strip class that widens, narrows and stores a narrow type: {@code HalfStrips} or {@code NarrowIntStrips}. */
  private static ClassName widening(DType d) {
    return HalfStrips.isHalf(d) ? HALF : NARROW_INT;
  }

  private static CodeBlock call(ClassName owner, String method, String... args) {
    return CodeBlock.of("$T.$L($L)", owner, method, String.join(", ", args));
  }

  /** The same conversions as the strip ones, on one value: Java's casts, and non-zero is true. */
  private static String convertScalar(String a, DType from, boolean fromBool, DType to) {
    if (to == DType.BOOL) return fromBool ? a : a + " != 0 ? 1 : 0";
    DType ct = Schedule.computeType(to);
    if (ct == from) return a;
    return switch (ct) {
      case F32 -> "(float) " + a;
      case F64 -> from == DType.F32 || from == DType.I32 ? a : "(double) " + a;
      case I64 -> from == DType.I32 ? a : "(long) " + a;
      default -> "(int) " + a;
    };
  }

  /** The local holding node {@code i}'s value per row: {@code v3}, or {@code sum3} for a reduction. */
  private String register(int i) {
    return nodes.get(i) instanceof Expr.Reduce r ? r.op().method() + i : "v" + i;
  }

  // ---- names and literals ------------------------------------------------------------------------------------

  private boolean contiguous(Expr.Load l) {
    return l.map().access(nest.cols()) == IndexMap.Access.CONTIGUOUS;
  }

  private String intArray(int[] values) {
    List<String> parts = new ArrayList<>();
    for (int v : values) parts.add(sizes.of(v));
    return "{" + String.join(", ", parts) + "}";
  }

  private String longOf(long v) {
    String e = sizes.of(v);
    return e.contains("*") ? "(long) " + e : e;
  }

  static String stripName(DType d, int k) {
    return d.shortName() + "Strip" + k;
  }

  static String rowName(DType d, int k) {
    return d.shortName() + "Row" + k;
  }

  /** The strip class of compute dtype {@code d} ({@code FloatStrips}...; bools compute as ints). */
  static ClassName strips(DType d) {
    return ClassName.get("dev.olympus.simd", switch (Schedule.computeType(d)) {
      case F32 -> "FloatStrips";
      case F64 -> "DoubleStrips";
      case I64 -> "LongStrips";
      default -> "IntStrips";
    });
  }

  static String javaType(DType d) {
    return Storage.javaElementType(d);
  }

  static TypeName arrayType(DType d) {
    return com.palantir.javapoet.ArrayTypeName.of(TypeName.get(Storage.arrayClass(d).getComponentType()));
  }

  /**
   * A literal in compute dtype {@code d}, as the run-time kernel's registers hold it. An integral one that
   * {@code sizes} writes through a symbol is that size ({@code mean}'s divisor {@code (float) n}), converted as
   * the literal was, so the value is the same.
   */
  static String constant(Literal lit, DType d, Sizes sizes) {
    DType t = lit.aval().dtype();
    if (HalfStrips.isHalf(t) && d == DType.F32) {
      // A literal of the type holds a value of it; a size the kernel reads ((float) n) is rounded there.
      Literal wide = new Literal(Storage.scalar(DType.F32, lit.doubleValue()),
          new AbstractValue(DType.F32, lit.aval().shape(), lit.aval().weak()));
      String exact = constant(wide, d, sizes);
      return exact.equals(floatLiteral((float) lit.doubleValue())) ? exact
          : CodeBlock.of("$T.round($T.$L, $L)", HALF, DTYPE, t.name(), exact).toString();
    }
    double v = lit.doubleValue();
    if (d != DType.BOOL && v == Math.rint(v) && Math.abs(v) <= Integer.MAX_VALUE && v != 0) {
      String size = sizes.literal((long) v);
      if (!size.equals(Sizes.NUMERIC.of((long) v))) {
        String cast = switch (d) {
          case F32 -> "(float) ";
          case F64 -> "(double) ";
          case I64 -> "(long) ";
          default -> "";
        };
        return cast.isEmpty() ? size : cast + Sizes.atomic(size);
      }
    }
    return switch (d) {
      case F32 -> floatLiteral((float) lit.doubleValue());
      case F64 -> doubleLiteral(lit.doubleValue());
      case I64 -> longLiteral(lit.longValue());
      default -> intLiteral((int) lit.longValue());
    };
  }

  static String floatLiteral(float f) {
    if (Float.isNaN(f)) return "Float.NaN";
    if (Float.isInfinite(f)) return f > 0 ? "Float.POSITIVE_INFINITY" : "Float.NEGATIVE_INFINITY";
    return Float.toString(f) + "f";
  }

  static String doubleLiteral(double v) {
    if (Double.isNaN(v)) return "Double.NaN";
    if (Double.isInfinite(v)) return v > 0 ? "Double.POSITIVE_INFINITY" : "Double.NEGATIVE_INFINITY";
    return Double.toString(v);
  }

  static String longLiteral(long v) {
    return v == Long.MIN_VALUE ? "Long.MIN_VALUE" : v == Long.MAX_VALUE ? "Long.MAX_VALUE" : v + "L";
  }

  static String intLiteral(int v) {
    return v == Integer.MIN_VALUE ? "Integer.MIN_VALUE" : v == Integer.MAX_VALUE ? "Integer.MAX_VALUE"
        : Integer.toString(v);
  }
}
