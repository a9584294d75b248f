package dev.olympus.loopnest;

import dev.olympus.DType;
import dev.olympus.simd.HalfStrips;
import dev.olympus.simd.NarrowIntStrips;
import dev.olympus.simd.StripOp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The order and places in which a {@link LoopNest} computes its values, shared by every back end (the run-time
 * kernel runs it, the javac-time kernel is rendered from it), so both compute the same operations in the same
 * order. Per row, phase by phase: first the row values that phase needs ({@link Phase#rowNodes}), then a loop
 * over the row's columns in strips of {@link #STRIP} computing the element values ({@link Phase#stripNodes})
 * and folding the phase's reductions; a reduction's result is available from the next phase on.
 *
 * <p>Where values live ({@link Place}): an element read in place from its buffer, a strip-long scratch array,
 * a row-long scratch array (an element value read again by a later phase), the output buffer itself, or a
 * scalar register (values that do not vary along the row). Places are per compute dtype: bools live in the
 * int32 registers and strips, as 0/1.
 */
public final class Schedule {
  /** Elements per strip: 4 KB of float32, so a phase's live strips stay in L1. A multiple of the lane count. */
  public static final int STRIP = 1024;

  /** How often a value changes: never (a literal), once per row, or per element. */
  public enum Level { CONST, ROW, ELEM }

  /** Where a node's value is kept. */
  public sealed interface Place {}

  /** Read in place: a contiguous {@link Expr.Load}, at the row's base plus the strip's first column. */
  public record Direct(int node) implements Place {}

  /** Strip scratch {@code index} of the node's dtype (indices per dtype, reused once a value is dead). */
  public record Strip(DType dtype, int index) implements Place {}

  /** Row-long scratch {@code index} of the node's dtype: computed in one phase, read in a later one. */
  public record RowScratch(DType dtype, int index) implements Place {}

  /** Written straight into output buffer {@code slot} (row-major), read back from there if needed. */
  public record Out(int slot) implements Place {}

  /** Scalar register {@code index} of the node's dtype. */
  public record Reg(DType dtype, int index) implements Place {}

  /**
   * One phase: {@code rowNodes} computed once per row before the strip loop, {@code stripNodes} per strip in
   * order, {@code folds} the reductions whose operand is computed in this phase (their results, in registers,
   * are ready when the phase ends), {@code stores} element outputs that need a copy after their node.
   */
  public record Phase(List<Integer> rowNodes, List<Integer> stripNodes, List<Integer> folds, List<Store> stores) {}

  /** Copies node {@code node} into output {@code slot} (element outputs not computed in place). */
  public record Store(int node, int slot) {}

  private final LoopNest nest;
  private final Level[] level;
  private final int[] phase;
  private final Place[] place;
  private final List<Phase> phases;
  private final List<Integer> constNodes;
  private final List<Integer> finalRowNodes;
  private final Strip[] fillStrip = new Strip[DType.values().length];
  private final List<LoopNest.Output> rowOutputs;
  private final List<LoopNest.Output> filledOutputs;
  private final int[] stripCount = new int[DType.values().length];
  private final int[] rowScratchCount = new int[DType.values().length];
  private final int[] regCount = new int[DType.values().length];

  private Schedule(LoopNest nest) {
    this.nest = nest;
    List<Expr> nodes = nest.nodes();
    int n = nodes.size();
    level = new Level[n];
    phase = new int[n];
    for (int i = 0; i < n; i++) levelAndPhase(i);

    boolean[] needed = new boolean[n];
    for (LoopNest.Output o : nest.outputs()) needed[o.node()] = true;
    for (int i = n - 1; i >= 0; i--) if (needed[i]) for (int a : nodes.get(i).operands()) needed[a] = true;

    // The phase in which each element value is last read, to tell strip values from row-scratch values.
    int[] lastPhase = new int[n];
    Arrays.fill(lastPhase, -1);
    for (int i = 0; i < n; i++) {
      if (!needed[i]) continue;
      int usePhase = level[i] == Level.ELEM ? phase[i] : nodes.get(i) instanceof Expr.Reduce ? phase[i] - 1 : phase[i];
      for (int a : nodes.get(i).operands()) lastPhase[a] = Math.max(lastPhase[a], usePhase);
    }
    int phaseCount = 1;
    for (int i = 0; i < n; i++) if (needed[i] && level[i] == Level.ELEM) phaseCount = Math.max(phaseCount, phase[i] + 1);
    for (int i = 0; i < n; i++) {
      if (needed[i] && nodes.get(i) instanceof Expr.Reduce) phaseCount = Math.max(phaseCount, phase[i]);
    }

    place = new Place[n];
    rowOutputs = new ArrayList<>();
    filledOutputs = new ArrayList<>();
    List<List<Store>> stores = new ArrayList<>();
    for (int p = 0; p < phaseCount; p++) stores.add(new ArrayList<>());
    boolean[] inPlaceOutput = new boolean[n];
    for (LoopNest.Output o : nest.outputs()) {
      int i = o.node();
      if (o.perRow()) {
        rowOutputs.add(o);
      } else if (level[i] != Level.ELEM) {
        filledOutputs.add(o);
      } else if (!inPlaceOutput[i] && level[i] == Level.ELEM && !(nodes.get(i) instanceof Expr.Load l
          && l.map().access(nest.cols()) == IndexMap.Access.CONTIGUOUS) && !widened(nodes.get(i).dtype())) {
        place[i] = new Out(o.slot());
        inPlaceOutput[i] = true;
      } else {
        stores.get(phase[i]).add(new Store(i, o.slot()));
      }
    }
    List<List<Integer>> rowNodes = new ArrayList<>(), stripNodes = new ArrayList<>(), folds = new ArrayList<>();
    for (int p = 0; p < phaseCount; p++) {
      rowNodes.add(new ArrayList<>());
      stripNodes.add(new ArrayList<>());
      folds.add(new ArrayList<>());
    }
    constNodes = new ArrayList<>();
    finalRowNodes = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (!needed[i]) continue;
      Expr e = nodes.get(i);
      switch (level[i]) {
        case CONST -> {
          constNodes.add(i);
          place[i] = reg(e.dtype());
        }
        case ROW -> {
          place[i] = reg(e.dtype());
          if (e instanceof Expr.Reduce) {
            // Folded per strip, in node order, so its operand's strip is still live; finished when the phase ends.
            folds.get(phase[i] - 1).add(i);
            stripNodes.get(phase[i] - 1).add(i);
          } else if (phase[i] < phaseCount) {
            rowNodes.get(phase[i]).add(i);
          } else {
            finalRowNodes.add(i);
          }
        }
        case ELEM -> {
          stripNodes.get(phase[i]).add(i);
          if (place[i] != null) continue;
          if (e instanceof Expr.Load l && l.map().access(nest.cols()) == IndexMap.Access.CONTIGUOUS
              && !widened(e.dtype())) {
            place[i] = new Direct(i);
          } else if (lastPhase[i] > phase[i]) {
            DType c = computeType(e.dtype());
            place[i] = new RowScratch(c, rowScratchCount[c.ordinal()]++);
          }
        }
      }
    }
    allocateStrips(nodes, needed, stripNodes);
    for (int i = 0; i < n; i++) {
      // A reduction of a value that does not vary along the row folds a strip filled with it.
      if (needed[i] && nodes.get(i) instanceof Expr.Reduce r && level[r.x()] != Level.ELEM) {
        DType d = computeType(nodes.get(r.x()).dtype());
        if (fillStrip[d.ordinal()] == null) fillStrip[d.ordinal()] = new Strip(d, stripCount[d.ordinal()]++);
      }
    }
    phases = new ArrayList<>();
    for (int p = 0; p < phaseCount; p++) {
      phases.add(new Phase(List.copyOf(rowNodes.get(p)), List.copyOf(stripNodes.get(p)), List.copyOf(folds.get(p)),
          List.copyOf(stores.get(p))));
    }
  }

  public static Schedule of(LoopNest nest) {
    return new Schedule(nest);
  }

  private void levelAndPhase(int i) {
    Expr e = nest.nodes().get(i);
    int[] rows = nest.rows(), cols = nest.cols();
    if (e instanceof Expr.Constant) {
      level[i] = Level.CONST;
    } else if (e instanceof Expr.Load l) {
      IndexMap.Access a = l.map().access(cols);
      level[i] = a != IndexMap.Access.CONSTANT ? Level.ELEM : l.map().rowInvariant(rows) ? Level.CONST : Level.ROW;
    } else if (e instanceof Expr.Index x) {
      level[i] = nonZero(x.colCoeffs(), cols) ? Level.ELEM : nonZero(x.rowCoeffs(), rows) ? Level.ROW : Level.CONST;
    } else if (e instanceof Expr.Reduce r) {
      level[i] = Level.ROW;
      phase[i] = (level[r.x()] == Level.ELEM ? phase[r.x()] : phase[r.x()]) + 1;
      return;
    } else {
      Level l = Level.CONST;
      int p = 0;
      for (int a : e.operands()) {
        if (level[a].compareTo(l) > 0) l = level[a];
        p = Math.max(p, phase[a]);
      }
      level[i] = l;
      phase[i] = p;
      return;
    }
    phase[i] = 0;
  }

  private static boolean nonZero(int[] coeffs, int[] dims) {
    for (int k = 0; k < coeffs.length; k++) if (coeffs[k] != 0 && dims[k] != 1) return true;
    return false;
  }

  private Reg reg(DType d) {
    DType c = computeType(d);
    return new Reg(c, regCount[c.ordinal()]++);
  }

  /**
   * The dtype a value is computed and kept in: bools are 0/1 ints, bf16 and f16 are f32 rounded to them, the 8- and
   * 16-bit integers are i32 and u32 is i64, wrapped to them ({@link DType#computeType()}).
   */
  public static DType computeType(DType d) {
    return d == DType.BOOL ? DType.I32 : d.computeType();
  }

  /**
   * How a node's result, computed in {@link #computeType}, is brought back to a value of its narrow type at once,
   * as {@code Primitive.run} converts each op's result: the method of {@code HalfStrips} or {@code NarrowIntStrips}
   * of that name, on a strip or on one value.
   */
  public enum Narrowing {
    /** Already a value of the type: loads, selects, constants, or a type that is not narrow. */
    NONE(null),
    /** bf16 and f16: to nearest even. */
    ROUND("round"),
    /** Integers: the low bits, two's complement, as integer arithmetic and integer conversion wrap. */
    WRAP("wrap"),
    /** A float converted to a narrow integer: clamped to the type's bounds, as {@code Storage.setDouble} does. */
    SATURATE("saturate");

    private final String method;

    Narrowing(String method) {
      this.method = method;
    }

    public String method() { return method; }
  }

  /**
   * How node {@code e} of {@code nest} is narrowed. An op, a conversion from another type or a reduction may leave
   * its compute type's result outside its own type; a reduction is narrowed once, after its last combination (the
   * primitive reduces the widened operand and narrows the result). A maximum or minimum of values of the type is
   * one of them, and so is a conversion from a bool.
   */
  public static Narrowing narrowing(LoopNest nest, Expr e) {
    DType d = e.dtype();
    if (HalfStrips.isHalf(d)) {
      if (e instanceof Expr.Convert c) return nest.dtype(c.x()) != d ? Narrowing.ROUND : Narrowing.NONE;
      return e instanceof Expr.Unary || e instanceof Expr.Binary || e instanceof Expr.IntegerPow
          || e instanceof Expr.Reduce ? Narrowing.ROUND : Narrowing.NONE;
    }
    if (!NarrowIntStrips.isNarrowInt(d)) return Narrowing.NONE;
    if (e instanceof Expr.Convert c) {
      DType from = nest.dtype(c.x());
      if (from == d || from == DType.BOOL) return Narrowing.NONE;
      return from.isFloating() ? Narrowing.SATURATE : Narrowing.WRAP;
    }
    if (e instanceof Expr.Binary b && (b.op() == StripOp.Binary.MAX
        || b.op() == StripOp.Binary.MIN)) {
      return Narrowing.NONE;
    }
    if (e instanceof Expr.Reduce r && (r.op() == StripOp.Monoid.MAX
        || r.op() == StripOp.Monoid.MIN)) {
      return Narrowing.NONE;
    }
    return e instanceof Expr.Unary || e instanceof Expr.Binary || e instanceof Expr.IntegerPow
        || e instanceof Expr.Reduce ? Narrowing.WRAP : Narrowing.NONE;
  }

  /**
   * Whether values of {@code d} are computed in another type than their buffers hold, so a load converts and a
   * store converts back: never read or written in place.
   */
  public static boolean widened(DType d) {
    return computeType(d) != d;
  }

  /**
   * Gives each element value computed per strip a strip of its own dtype, reusing a strip once the value in it
   * is dead (operands are released before the result is placed, so an op may write over its operand in place).
   */
  private void allocateStrips(List<Expr> nodes, boolean[] needed, List<List<Integer>> stripNodes) {
    int n = nodes.size();
    int[] lastUse = new int[n];
    Arrays.fill(lastUse, -1);
    for (int i = 0; i < n; i++) {
      if (!needed[i]) continue;
      for (int a : nodes.get(i).operands()) lastUse[a] = Math.max(lastUse[a], i);
    }
    for (List<Integer> phaseNodes : stripNodes) {
      List<List<Integer>> free = new ArrayList<>();
      for (int d = 0; d < DType.values().length; d++) free.add(new ArrayList<>());
      List<Integer> live = new ArrayList<>();
      for (int i : phaseNodes) {
        for (int k = live.size() - 1; k >= 0; k--) {
          int v = live.get(k);
          if (lastUse[v] <= i && !storedLater(v, i)) {
            Strip s = (Strip) place[v];
            free.get(s.dtype().ordinal()).add(s.index());
            live.remove(k);
          }
        }
        if (place[i] != null) continue;
        DType d = computeType(nodes.get(i).dtype());
        List<Integer> pool = free.get(d.ordinal());
        int index = pool.isEmpty() ? stripCount[d.ordinal()]++ : pool.remove(pool.size() - 1);
        place[i] = new Strip(d, index);
        live.add(i);
      }
    }
  }

  /** Whether node {@code v} is copied to an output after node {@code i}: then its strip must survive until then. */
  private boolean storedLater(int v, int i) {
    for (LoopNest.Output o : nest.outputs()) if (o.node() == v && !o.perRow() && !(place[v] instanceof Out)) return true;
    return false;
  }

  public LoopNest nest() { return nest; }

  public Level level(int node) { return level[node]; }

  public Place place(int node) { return place[node]; }

  public List<Phase> phases() { return phases; }

  /** Literals and row-invariant values, computed once per call. */
  public List<Integer> constNodes() { return constNodes; }

  /** Row values that need the last phase's reductions: computed after it, before the row outputs. */
  public List<Integer> finalRowNodes() { return finalRowNodes; }

  /** The strip a reduction of a row value is filled into before folding. */
  public Strip fillStrip(DType d) { return fillStrip[computeType(d).ordinal()]; }

  /** Outputs written once per row, after the last phase. */
  public List<LoopNest.Output> rowOutputs() { return rowOutputs; }

  /** Element outputs of values that do not vary along the row: each row of the output is filled with one value. */
  public List<LoopNest.Output> filledOutputs() { return filledOutputs; }

  public int stripCount(DType d) { return stripCount[d.ordinal()]; }

  public int rowScratchCount(DType d) { return rowScratchCount[d.ordinal()]; }

  public int regCount(DType d) { return regCount[d.ordinal()]; }

  /** Whether any phase folds a reduction (then strips are grouped into {@link dev.olympus.simd.Lanes#BLOCK}s). */
  public boolean reduces() {
    for (Phase p : phases) if (!p.folds().isEmpty()) return true;
    return false;
  }
}
