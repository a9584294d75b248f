package dev.olympus.fusion;

import dev.olympus.loopnest.Schedule;

import dev.olympus.DType;
import dev.olympus.ir.Atom;
import dev.olympus.ir.ClosedIr;
import dev.olympus.ir.Equation;
import dev.olympus.ir.Ir;
import dev.olympus.ir.Literal;
import dev.olympus.ir.Var;
import dev.olympus.loopnest.Expr;
import dev.olympus.lowering.KernelPlan;
import dev.olympus.lowering.Step;
import dev.olympus.primitive.BinaryPrimitive;
import dev.olympus.primitive.BroadcastInDim;
import dev.olympus.primitive.Checkpoint;
import dev.olympus.primitive.ConvertElementType;
import dev.olympus.primitive.DotGeneral;
import dev.olympus.primitive.IntegerPow;
import dev.olympus.primitive.Params;
import dev.olympus.primitive.Primitive;
import dev.olympus.primitive.Reduce;
import dev.olympus.primitive.Reshape;
import dev.olympus.primitive.SelectN;
import dev.olympus.primitive.Slice;
import dev.olympus.primitive.Squeeze;
import dev.olympus.primitive.Transpose;
import dev.olympus.primitive.UnaryPrimitive;
import dev.olympus.simd.StripOp;
import dev.olympus.types.AbstractValue;
import dev.olympus.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lowers an IR to a {@link KernelPlan} of loop nests, as XLA's CPU fuser does, in one forward walk:
 * <ul>
 *   <li>elementwise ops join the nest being built when their shape is its domain (or its row shape, for
 *       values computed once per row);</li>
 *   <li>a reduction over the domain's trailing axes folds inside the nest, and its result is a row value
 *       that later ops of the same rows may use: a softmax's maximum, sum and quotients are one nest, each
 *       row in cache;</li>
 *   <li>reshapes, transposes, slices and broadcasts of materialized values are strided views, read where
 *       they are (broadcast = stride 0) and copied only when a non-fusible op needs them whole;</li>
 *   <li>a reduction over other axes starts a nest of its own whose columns are the reduced axes;</li>
 *   <li>everything else (matrix products, gathers, control flow...) runs as its primitive.</li>
 * </ul>
 * A nest ends when a value of it is needed elsewhere in another shape; its values read later become buffers.
 */
public final class NestLowering {
  /** The most nodes one nest holds, so no kernel outgrows what javac and the JIT compile well. */
  static final int MAX_NODES = 256;

  private final Ir ir;
  private final Map<Var, Integer> lastUse = new IdentityHashMap<>();
  private final Map<Var, List<Equation>> users = new IdentityHashMap<>();
  /** Transposes computed by their operand's matrix product with its operands swapped: skipped when reached. */
  private final Set<Equation> absorbed = Collections.newSetFromMap(new IdentityHashMap<>());
  private final Map<Var, Sym> syms = new IdentityHashMap<>();
  private final List<AbstractValue> slotAvals = new ArrayList<>();
  private final Map<Integer, Literal> literalSlots = new LinkedHashMap<>();
  private final Map<Literal, Integer> literalSlotOf = new HashMap<>();
  private final List<Step> steps = new ArrayList<>();
  private NestBuilder open;
  /** Vars whose value lives in {@link #open}: the candidates for its outputs. */
  private final List<Var> openVars = new ArrayList<>();
  private int position;

  private NestLowering(Ir ir) {
    this.ir = ir;
  }

  public static KernelPlan lower(ClosedIr closed) {
    // A checkpoint only steers what autodiff saves; kernels run its IR inline.
    return new NestLowering(Checkpoint.inlined(closed.ir())).run(closed);
  }

  private KernelPlan run(ClosedIr closed) {
    for (Var v : ir.constvars()) syms.put(v, Sym.View.of(newSlot(v.aval()), v.aval().dtype(), v.aval().shape()));
    for (Var v : ir.invars()) syms.put(v, Sym.View.of(newSlot(v.aval()), v.aval().dtype(), v.aval().shape()));
    List<Equation> live = ir.liveEquations();
    for (int i = 0; i < live.size(); i++) {
      for (Atom a : live.get(i).inputs()) {
        if (!(a instanceof Var v)) continue;
        lastUse.put(v, i);
        users.computeIfAbsent(v, k -> new ArrayList<>()).add(live.get(i));
      }
    }
    for (Atom a : ir.outputs()) if (a instanceof Var v) lastUse.put(v, Integer.MAX_VALUE);
    for (position = 0; position < live.size(); position++) lowerEquation(live.get(position));
    position = Integer.MAX_VALUE;
    flush();
    int[] outSlots = new int[ir.outputs().size()];
    for (int i = 0; i < outSlots.length; i++) outSlots[i] = slotOf(ir.outputs().get(i));
    return new KernelPlan(closed, ir.constvars().size(), ir.invars().size(), slotAvals.size(), slotAvals,
        literalSlots, steps, outSlots);
  }

  private void lowerEquation(Equation e) {
    Primitive p = e.primitive();
    if (absorbed.contains(e)) return;
    if (touchesNarrowType(e)) {
      primitive(e);
      return;
    }
    if (p == DotGeneral.DOT_GENERAL) e = withTransposeAbsorbed(e);
    if (p == BroadcastInDim.BROADCAST_IN_DIM) {
      broadcast(e);
    } else if (p == Reshape.RESHAPE || p == Squeeze.SQUEEZE) {
      reshape(e);
    } else if (p == Transpose.TRANSPOSE) {
      transpose(e);
    } else if (p == Slice.SLICE) {
      slice(e);
    } else if (p instanceof Reduce r && reduce(e, r)) {
      return;
    } else if (!(Elementwise.isElementwise(p) && elementwise(e))) {
      primitive(e);
    }
  }

  /**
   * Whether {@code e} must run as its primitive, which widens, evaluates and narrows, because it reads or writes
   * a narrow type (bf16, f16, the 8- and 16-bit integers, u32) in anything but an elementwise op, a reduction or
   * a view. Nests compute those types widened ({@link Schedule#computeType}) and narrow each op's result to its
   * type at once ({@link Schedule#narrowing}) as the primitive does; a reduction folds the widened values in the
   * order of the wide reductions, which is the primitive's order over its widened operand, and narrows once.
   * Primitives that see bit widths (shifts, bitcasts) have no node, so they never reach a nest.
   */
  private static boolean touchesNarrowType(Equation e) {
    boolean narrow = false;
    for (Atom a : e.inputs()) narrow |= a.aval().dtype().isNarrow();
    for (Var v : e.outputs()) narrow |= v.aval().dtype().isNarrow();
    if (!narrow) return false;
    Primitive p = e.primitive();
    boolean view = p == BroadcastInDim.BROADCAST_IN_DIM || p == Reshape.RESHAPE || p == Squeeze.SQUEEZE
        || p == Transpose.TRANSPOSE || p == Slice.SLICE;
    return !(view || p instanceof Reduce || Elementwise.isElementwise(p));
  }

  // ---- elementwise ----------------------------------------------------------------------------------------

  private boolean elementwise(Equation e) {
    Var out = e.outputs().get(0);
    Shape shape = out.aval().shape();
    if (!Elementwise.fusible(e)) return false;
    boolean row = open != null && !shape.equals(open.domain) && open.fitsRows(shape);
    if (open == null || open.size() >= MAX_NODES || !(row || shape.equals(open.domain)) || !operandsFit(e, row)) {
      flush();
      open = new NestBuilder(shape);
      row = false;
    }
    int[] operands = new int[e.inputs().size()];
    for (int i = 0; i < operands.length; i++) operands[i] = node(e.inputs().get(i), row);
    Expr x = Elementwise.expr(e, operands);
    bind(out, open.add(x), row, shape);
    return true;
  }

  /** Whether every operand of {@code e} can be read inside {@link #open} at the given level. */
  private boolean operandsFit(Equation e, boolean row) {
    for (Atom a : e.inputs()) {
      if (a instanceof Literal) continue;
      Sym s = syms.get((Var) a);
      if (s instanceof Sym.Node n && (n.nest() != open || n.row() != row)) return false;
      if (s instanceof Sym.View v && row && v.shape().size() != 1 && !open.fitsRows(v.shape())) return false;
    }
    return true;
  }

  /** The node of {@link #open} holding atom {@code a}, loading it when it lives in a buffer. */
  private int node(Atom a, boolean row) {
    if (a instanceof Literal lit) return open.constant(lit);
    Sym s = syms.get((Var) a);
    if (s instanceof Sym.Node n) return n.node();
    if (s instanceof Sym.Const c) return open.constant(c.literal());
    Sym.View v = (Sym.View) s;
    if (v.shape().size() == 1) {
      // One element read by every element of the nest: a per-call value.
      return open.load(new Sym.View(v.slot(), v.dtype(), open.domain, v.offset(), new int[open.domain.rank()]), false);
    }
    return open.load(v, row);
  }

  private void bind(Var v, int node, boolean row, Shape shape) {
    syms.put(v, new Sym.Node(open, node, row, shape));
    openVars.add(v);
  }

  // ---- views ----------------------------------------------------------------------------------------------

  private void broadcast(Equation e) {
    Var out = e.outputs().get(0);
    Shape shape = out.aval().shape();
    int[] dims = e.params().ints("broadcast_dimensions");
    Atom in = e.inputs().get(0);
    Sym s = in instanceof Literal lit ? new Sym.Const(lit, in.aval().shape()) : syms.get((Var) in);
    if (s instanceof Sym.Const c) {
      syms.put(out, new Sym.Const(c.literal(), shape));
      return;
    }
    if (s instanceof Sym.Node n) {
      if (!n.row() && shape.equals(n.shape())) {
        syms.put(out, n);
        return;
      }
      if (n.row() && Arrays.equals(Sym.squeezed(shape), Sym.squeezed(n.shape()))) {
        bind(out, n.node(), true, shape);
        return;
      }
      if (n.row() && shape.equals(open.domain) && broadcastsOntoRows(n.shape(), dims)) {
        bind(out, n.node(), false, shape);
        return;
      }
      s = materialize((Var) in);
    }
    Sym.View v = (Sym.View) s;
    int[] strides = new int[shape.rank()];
    for (int j = 0; j < dims.length; j++) strides[dims[j]] = v.shape().dim(j) == 1 ? 0 : v.strides()[j];
    syms.put(out, new Sym.View(v.slot(), v.dtype(), shape, v.offset(), strides));
  }

  /** Whether broadcasting a row value of {@code from} by {@code dims} puts its dims onto the open nest's row dims. */
  private boolean broadcastsOntoRows(Shape from, int[] dims) {
    if (open.split < 0) return false;
    List<Integer> targets = new ArrayList<>();
    for (int j = 0; j < from.rank(); j++) if (from.dim(j) != 1) targets.add(dims[j]);
    List<Integer> rowDims = new ArrayList<>();
    for (int d = 0; d < open.split; d++) if (open.domain.dim(d) != 1) rowDims.add(d);
    return targets.equals(rowDims);
  }

  private void reshape(Equation e) {
    Var out = e.outputs().get(0);
    Shape shape = out.aval().shape();
    Atom in = e.inputs().get(0);
    Sym s = in instanceof Literal lit ? new Sym.Const(lit, in.aval().shape()) : syms.get((Var) in);
    if (s instanceof Sym.Const c) {
      syms.put(out, new Sym.Const(c.literal(), shape));
      return;
    }
    if (shape.equals(s.shape())) {
      syms.put(out, s);
      if (s instanceof Sym.Node) openVars.add(out);
      return;
    }
    boolean unitDimsOnly = Arrays.equals(Sym.squeezed(shape), Sym.squeezed(s.shape()));
    if (s instanceof Sym.Node n) {
      if (n.row() && unitDimsOnly) {
        bind(out, n.node(), true, shape);
        return;
      }
      s = materialize((Var) in);
    }
    Sym.View v = (Sym.View) s;
    if (v.isRowMajor()) {
      syms.put(out, new Sym.View(v.slot(), v.dtype(), shape, 0, Sym.rowMajor(shape)));
    } else if (unitDimsOnly) {
      int[] strides = new int[shape.rank()];
      int j = 0;
      for (int d = 0; d < shape.rank(); d++) {
        if (shape.dim(d) == 1) continue;
        while (v.shape().dim(j) == 1) j++;
        strides[d] = v.strides()[j++];
      }
      syms.put(out, new Sym.View(v.slot(), v.dtype(), shape, v.offset(), strides));
    } else {
      Sym.View copy = copyView(v);
      syms.put(out, new Sym.View(copy.slot(), copy.dtype(), shape, 0, Sym.rowMajor(shape)));
    }
  }

  private void transpose(Equation e) {
    Var out = e.outputs().get(0);
    int[] perm = e.params().ints("permutation");
    Sym.View v = view(e.inputs().get(0));
    if (v == null) {
      syms.put(out, new Sym.Const(((Sym.Const) sym(e.inputs().get(0))).literal(), out.aval().shape()));
      return;
    }
    int[] strides = new int[perm.length];
    for (int d = 0; d < perm.length; d++) strides[d] = v.strides()[perm[d]];
    syms.put(out, new Sym.View(v.slot(), v.dtype(), out.aval().shape(), v.offset(), strides));
  }

  private void slice(Equation e) {
    Var out = e.outputs().get(0);
    Sym.View v = view(e.inputs().get(0));
    if (v == null) {
      syms.put(out, new Sym.Const(((Sym.Const) sym(e.inputs().get(0))).literal(), out.aval().shape()));
      return;
    }
    int[] start = e.params().ints("start_indices");
    Object st = e.params().get("strides");
    int[] step = st == null ? null : (int[]) st;
    long offset = v.offset();
    int[] strides = v.strides().clone();
    for (int d = 0; d < strides.length; d++) {
      offset += (long) start[d] * strides[d];
      if (step != null) strides[d] *= step[d];
    }
    syms.put(out, new Sym.View(v.slot(), v.dtype(), out.aval().shape(), offset, strides));
  }

  private Sym sym(Atom a) {
    return a instanceof Literal lit ? new Sym.Const(lit, a.aval().shape()) : syms.get((Var) a);
  }

  /** Atom {@code a} as a view of a buffer (materializing a nest value), or null for a broadcast literal. */
  private Sym.View view(Atom a) {
    Sym s = sym(a);
    if (s instanceof Sym.Const) return null;
    if (s instanceof Sym.Node) return materialize((Var) a);
    return (Sym.View) s;
  }

  // ---- reductions -----------------------------------------------------------------------------------------

  private boolean reduce(Equation e, Reduce r) {
    Atom in = e.inputs().get(0);
    Var out = e.outputs().get(0);
    int[] axes = e.params().ints("axes");
    StripOp.Monoid op = r.stripOp();
    if (in.aval().dtype() == DType.BOOL || in instanceof Literal) return false;
    Shape inShape = in.aval().shape();
    int rank = inShape.rank();
    if (axes.length == 0) {
      syms.put(out, syms.get((Var) in));
      if (syms.get(out) instanceof Sym.Node) openVars.add(out);
      return true;
    }
    boolean trailing = true;
    for (int j = 0; j < axes.length; j++) trailing &= axes[j] == rank - axes.length + j;
    Sym s = syms.get((Var) in);
    int k = rank - axes.length;
    if (s instanceof Sym.Node n && !n.row() && trailing && (open.split < 0 || open.split == k)
        && open.size() < MAX_NODES) {
      open.split = k;
      int node = open.add(new Expr.Reduce(op, out.aval().dtype(), n.node()));
      bind(out, node, true, out.aval().shape());
      return true;
    }
    if (s instanceof Sym.Const) return false;
    Sym.View v = s instanceof Sym.Node ? materialize((Var) in) : (Sym.View) s;
    flush();
    // The kept axes are the rows, the reduced ones the columns: the view is read through permuted strides.
    int[] dims = new int[rank], strides = new int[rank];
    int d = 0;
    for (int j = 0; j < rank; j++) {
      if (Arrays.binarySearch(axes, j) >= 0) continue;
      dims[d] = inShape.dim(j);
      strides[d++] = v.strides()[j];
    }
    for (int j : axes) {
      dims[d] = inShape.dim(j);
      strides[d++] = v.strides()[j];
    }
    Shape domain = Shape.of(dims);
    open = new NestBuilder(domain);
    open.split = k;
    int load = open.load(new Sym.View(v.slot(), v.dtype(), domain, v.offset(), strides), false);
    bind(out, open.add(new Expr.Reduce(op, out.aval().dtype(), load)), true, out.aval().shape());
    return true;
  }

  /**
   * A matrix product whose only reader transposes it (reverse mode writes a weight gradient as {@code (g^T x)^T})
   * becomes the product with its operands swapped, which is that transpose: the result is written in the layout
   * its consumers read, instead of being read through a transposed view.
   */
  private Equation withTransposeAbsorbed(Equation dot) {
    Var out = dot.outputs().get(0);
    List<Equation> readers = users.getOrDefault(out, List.of());
    DotGeneral.DimensionNumbers dn = dot.params().as("dimension_numbers");
    if (readers.size() != 1 || lastUse.get(out) == Integer.MAX_VALUE || out.aval().shape().rank() != 2
        || dn.lhsBatch().length != 0 || dot.inputs().get(0).aval().shape().rank() != 2
        || dot.inputs().get(1).aval().shape().rank() != 2) {
      return dot;
    }
    Equation t = readers.get(0);
    if (t.primitive() != Transpose.TRANSPOSE || !Arrays.equals(t.params().ints("permutation"), new int[] {1, 0})) {
      return dot;
    }
    absorbed.add(t);
    DotGeneral.DimensionNumbers swapped = new DotGeneral.DimensionNumbers(dn.rhsContract(), dn.lhsContract(),
        dn.rhsBatch(), dn.lhsBatch());
    return new Equation(DotGeneral.DOT_GENERAL, List.of(dot.inputs().get(1), dot.inputs().get(0)),
        Params.of("dimension_numbers", swapped), List.of(t.outputs().get(0)));
  }

  // ---- everything else ------------------------------------------------------------------------------------

  private void primitive(Equation e) {
    boolean readsOpen = false;
    for (Atom a : e.inputs()) readsOpen |= a instanceof Var v && syms.get(v) instanceof Sym.Node;
    if (readsOpen) flush();
    int[] in = new int[e.inputs().size()];
    for (int i = 0; i < in.length; i++) in[i] = slotOf(e.inputs().get(i));
    int[] out = new int[e.outputs().size()];
    for (int i = 0; i < out.length; i++) {
      Var v = e.outputs().get(i);
      out[i] = newSlot(v.aval());
      syms.put(v, Sym.View.of(out[i], v.aval().dtype(), v.aval().shape()));
    }
    steps.add(new Step.Primitive(e, in, out));
  }

  /** The slot holding atom {@code a} whole, in row-major order: copying a view or broadcast literal if need be. */
  private int slotOf(Atom a) {
    if (a instanceof Literal lit) {
      return literalSlotOf.computeIfAbsent(lit, k -> {
        int s = newSlot(k.aval());
        literalSlots.put(s, k);
        return s;
      });
    }
    Var var = (Var) a;
    Sym s = syms.get(var);
    if (s instanceof Sym.Node) s = materialize(var);
    if (s instanceof Sym.Const c) {
      NestBuilder b = new NestBuilder(c.shape());
      int node = b.constant(c.literal());
      int slot = newSlot(var.aval());
      steps.add(b.build(List.of(new NestBuilder.Output(node, slot, false))));
      syms.put(var, Sym.View.of(slot, var.aval().dtype(), var.aval().shape()));
      return slot;
    }
    Sym.View v = (Sym.View) s;
    // A view is its buffer only when it reads all of it in order (a slice from the start reads a prefix).
    if (!v.isRowMajor() || slotAvals.get(v.slot()).shape().size() != v.shape().size()) v = copyView(v);
    if (slotAvals.get(v.slot()).shape().equals(var.aval().shape())) return v.slot();
    // Same elements in the same order, another shape: an alias, no copy.
    int slot = newSlot(var.aval());
    Equation alias = new Equation(Reshape.RESHAPE, List.of(var), Params.of("new_sizes", var.aval().shape().dims(),
        "dimensions", null), List.of(var));
    steps.add(new Step.Primitive(alias, new int[] {v.slot()}, new int[] {slot}));
    syms.put(var, Sym.View.of(slot, var.aval().dtype(), var.aval().shape()));
    return slot;
  }

  /** Copies a strided view into a new row-major buffer: a nest of one load. */
  private Sym.View copyView(Sym.View v) {
    NestBuilder b = new NestBuilder(v.shape());
    int node = b.load(v, false);
    int slot = newSlot(new AbstractValue(v.dtype(), v.shape(), false));
    steps.add(b.build(List.of(new NestBuilder.Output(node, slot, false))));
    return Sym.View.of(slot, v.dtype(), v.shape());
  }

  /** Ends the open nest with {@code v} among its outputs, and returns {@code v}'s buffer. */
  private Sym.View materialize(Var v) {
    flush(v);
    return (Sym.View) syms.get(v);
  }

  private void flush() {
    flush(null);
  }

  /**
   * Emits the open nest, with an output for every value of it that is read later (or is {@code also}); those
   * values become buffers.
   */
  private void flush(Var also) {
    if (open == null) return;
    List<NestBuilder.Output> outs = new ArrayList<>();
    Map<String, Integer> written = new HashMap<>();
    for (Var v : openVars) {
      Sym.Node n = (Sym.Node) syms.get(v);
      if (n == null || n.nest() != open) continue;
      if (v != also && lastUse.getOrDefault(v, -1) < position) {
        syms.remove(v);
        continue;
      }
      String key = n.node() + ":" + n.row();
      Integer slot = written.get(key);
      if (slot == null) {
        slot = newSlot(v.aval());
        written.put(key, slot);
        outs.add(new NestBuilder.Output(n.node(), slot, n.row()));
      }
      syms.put(v, Sym.View.of(slot, v.aval().dtype(), v.aval().shape()));
    }
    if (!outs.isEmpty()) steps.add(open.build(outs));
    open = null;
    openVars.clear();
  }

  private int newSlot(AbstractValue aval) {
    slotAvals.add(aval);
    return slotAvals.size() - 1;
  }
}
