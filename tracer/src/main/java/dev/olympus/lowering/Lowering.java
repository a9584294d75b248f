package dev.olympus.lowering;

import dev.olympus.ir.Atom;
import dev.olympus.ir.ClosedIr;
import dev.olympus.ir.Equation;
import dev.olympus.ir.Ir;
import dev.olympus.ir.Literal;
import dev.olympus.ir.Var;
import dev.olympus.primitive.BinaryPrimitive;
import dev.olympus.primitive.BroadcastInDim;
import dev.olympus.primitive.ConvertElementType;
import dev.olympus.primitive.IntegerPow;
import dev.olympus.primitive.Params;
import dev.olympus.primitive.Primitive;
import dev.olympus.primitive.Reduce;
import dev.olympus.primitive.SelectN;
import dev.olympus.primitive.UnaryPrimitive;
import dev.olympus.types.AbstractValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lowers an IR to a {@link KernelPlan} by deciding which values are <em>materialized</em> (written to a
 * buffer) and fusing everything else into the loops that use it, as XLA's and tinygrad's fusers do:
 * <ul>
 *   <li>a value is materialized when it is a result, when a non-fusible primitive reads it, when it is
 *       broadcast (read at other indices than its own), or when more than a single reduction would read
 *       it;</li>
 *   <li>each materialized elementwise value is a root of a loop over its shape; consecutive roots of one
 *       shape share a loop, so common subexpressions are computed once per element;</li>
 *   <li>a reduction folds its operand's expression directly, without materializing it;</li>
 *   <li>everything else runs as its primitive.</li>
 * </ul>
 * A non-materialized value read by two loops is recomputed by each, which costs arithmetic, never memory.
 *
 * <p>Equations whose results nothing reads and that have no effects are dropped first, as XLA does with the
 * HLO it is given: {@code make_jaxpr(grad(f))} keeps the forward pass's value of {@code f} (printed as
 * {@code _}), which the compiled gradient must not spend a pass over the data computing. A 0-d value
 * broadcast into a loop is read as that one value (a hoisted scalar, or the literal itself), not gathered
 * element by element.
 */
public final class Lowering {
  private final Ir ir;
  private final Map<Var, Equation> definedBy = new IdentityHashMap<>();
  private final Map<Var, List<Equation>> users = new IdentityHashMap<>();
  private final Map<Var, Boolean> outputs = new IdentityHashMap<>();
  private final Map<Var, Integer> slotOf = new IdentityHashMap<>();
  private final List<AbstractValue> slotAvals = new ArrayList<>();
  private final Map<Integer, Literal> literalSlots = new LinkedHashMap<>();
  private final Map<Literal, Integer> literalSlotOf = new HashMap<>();
  private final List<Step> steps = new ArrayList<>();
  /** Nodes a non-materialized value would inline into its consumer's loop (0 once it has a buffer). */
  private final Map<Var, Integer> inlineSize = new IdentityHashMap<>();
  private LoopBuilder open;

  /**
   * The most nodes one value may inline, and one loop may hold. Past it a value gets a buffer: a long chain
   * becomes several loops, so building a loop body never recurses deeper than this and no generated method
   * outgrows what javac and the JIT accept. (Counting a shared operand once per use only materializes earlier.)
   */
  static final int MAX_INLINE_NODES = 256;

  private Lowering(Ir ir) {
    this.ir = ir;
  }

  public static KernelPlan lower(ClosedIr closed) {
    Lowering l = new Lowering(closed.ir());
    return l.run(closed);
  }

  /** Whether {@code p} computes each output element from the same-index elements of its operands. */
  public static boolean isElementwise(Primitive p) {
    return p instanceof UnaryPrimitive || p instanceof BinaryPrimitive || p instanceof SelectN
        || p instanceof ConvertElementType || p instanceof IntegerPow;
  }

  /** Elementwise, and with at most three operands (the tile loops' limit; select_n may have more). */
  private static boolean isFusible(Equation e) {
    return isElementwise(e.primitive()) && e.inputs().size() <= 3;
  }

  private KernelPlan run(ClosedIr closed) {
    for (Var v : ir.constvars()) newSlot(v);
    for (Var v : ir.invars()) newSlot(v);
    List<Equation> live = liveEquations(ir);
    for (Equation e : live) {
      for (Var o : e.outputs()) definedBy.put(o, e);
      for (Atom a : e.inputs()) if (a instanceof Var v) users.computeIfAbsent(v, k -> new ArrayList<>()).add(e);
    }
    for (Atom a : ir.outputs()) if (a instanceof Var v) outputs.put(v, true);

    for (Equation e : live) {
      Primitive p = e.primitive();
      if (isFusible(e) || p == BroadcastInDim.BROADCAST_IN_DIM) {
        Var out = e.outputs().get(0);
        int size = 1;
        for (Atom a : e.inputs()) if (a instanceof Var v) size += inlineSize.getOrDefault(v, 0);
        if (materialized(out) || size > MAX_INLINE_NODES) {
          addRoot(out);
          size = 0;
        }
        inlineSize.put(out, size);
      } else if (p instanceof Reduce r && isFusibleReductionOperand(e)) {
        addReduction(e, r);
      } else {
        addPrimitive(e);
      }
    }
    closeLoop();
    int[] outSlots = new int[ir.outputs().size()];
    for (int i = 0; i < outSlots.length; i++) outSlots[i] = slotFor(ir.outputs().get(i));
    return new KernelPlan(closed, ir.constvars().size(), ir.invars().size(), slotAvals.size(), slotAvals,
        literalSlots, steps, outSlots);
  }

  /**
   * The equations an output depends on, plus those with effects (a debug print runs whether or not its
   * result is read), in program order: one backward sweep, as JAX's {@code dce_jaxpr}.
   */
  static List<Equation> liveEquations(Ir ir) {
    Set<Var> needed = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Atom a : ir.outputs()) if (a instanceof Var v) needed.add(v);
    List<Equation> eqs = ir.equations();
    boolean[] keep = new boolean[eqs.size()];
    for (int i = eqs.size() - 1; i >= 0; i--) {
      Equation e = eqs.get(i);
      boolean used = e.primitive().hasEffects(e.params());
      for (Var o : e.outputs()) used |= needed.contains(o);
      if (!used) continue;
      keep[i] = true;
      for (Atom a : e.inputs()) if (a instanceof Var v) needed.add(v);
    }
    List<Equation> live = new ArrayList<>();
    for (int i = 0; i < keep.length; i++) if (keep[i]) live.add(eqs.get(i));
    return live;
  }

  private boolean isFusibleReductionOperand(Equation e) {
    return e.inputs().get(0) instanceof Var v || e.inputs().get(0) instanceof Literal;
  }

  /** See the class comment: which values get a buffer. */
  private boolean materialized(Var v) {
    if (outputs.containsKey(v)) return true;
    Equation def = definedBy.get(v);
    if (def == null) return true;
    List<Equation> uses = users.getOrDefault(v, List.of());
    int reductions = 0;
    for (Equation u : uses) {
      Primitive p = u.primitive();
      if (p == BroadcastInDim.BROADCAST_IN_DIM) return true;
      if (p instanceof Reduce) {
        reductions++;
        continue;
      }
      if (!isFusible(u)) return true;
      if (!u.outputs().get(0).aval().shape().equals(v.aval().shape())) return true;
    }
    if (reductions > 0 && uses.size() > 1) return true;
    return def.primitive() == BroadcastInDim.BROADCAST_IN_DIM && reductions > 0;
  }

  private void addRoot(Var out) {
    if (open == null || !open.domain.equals(out.aval().shape()) || open.nodes.size() >= MAX_INLINE_NODES) {
      closeLoop();
      open = new LoopBuilder(out.aval().shape());
    }
    int node = open.node(out);
    open.roots.add(node);
    int slot = newSlot(out);
    open.rootSlots.add(slot);
  }

  private void addReduction(Equation e, Reduce r) {
    closeLoop();
    Atom operand = e.inputs().get(0);
    LoopBuilder loop = new LoopBuilder(operand.aval().shape());
    int value = loop.node(operand);
    Var out = e.outputs().get(0);
    int slot = newSlot(out);
    steps.add(new Step.Reduction(loop.domain, loop.nodes, value, r, e.params().ints("axes"), slot, out.aval()));
  }

  private void addPrimitive(Equation e) {
    closeLoop();
    int[] in = new int[e.inputs().size()];
    for (int i = 0; i < in.length; i++) in[i] = slotFor(e.inputs().get(i));
    int[] out = new int[e.outputs().size()];
    for (int i = 0; i < out.length; i++) out[i] = newSlot(e.outputs().get(i));
    steps.add(new Step.Primitive(e, in, out));
  }

  private void closeLoop() {
    if (open == null) return;
    steps.add(new Step.Elementwise(open.domain, open.nodes, toArray(open.roots), toArray(open.rootSlots)));
    open = null;
  }

  private int newSlot(Var v) {
    int s = slotAvals.size();
    slotAvals.add(v.aval());
    slotOf.put(v, s);
    return s;
  }

  private int slotFor(Atom a) {
    if (a instanceof Var v) {
      Integer s = slotOf.get(v);
      if (s == null) throw new IllegalStateException("lowering read " + v + " before it was materialized");
      return s;
    }
    Literal lit = (Literal) a;
    return literalSlotOf.computeIfAbsent(lit, k -> {
      int s = slotAvals.size();
      slotAvals.add(k.aval());
      literalSlots.put(s, k);
      return s;
    });
  }

  private static int[] toArray(List<Integer> xs) {
    return xs.stream().mapToInt(Integer::intValue).toArray();
  }

  /** Builds one loop body: inlines non-materialized producers, loads the rest, each value once. */
  private final class LoopBuilder {
    final dev.olympus.types.Shape domain;
    final List<Node> nodes = new ArrayList<>();
    final List<Integer> roots = new ArrayList<>();
    final List<Integer> rootSlots = new ArrayList<>();
    final Map<Object, Integer> memo = new HashMap<>();

    LoopBuilder(dev.olympus.types.Shape domain) {
      this.domain = domain;
    }

    int node(Atom a) {
      Object key = a instanceof Var v ? (Object) new VarKey(v) : a;
      Integer known = memo.get(key);
      if (known != null) return known;
      Node n = build(a);
      // Two equations computing the same op of the same values (jnp converts an int input once per use, as
      // JAX does) become one local: common subexpressions inside a loop are computed once per element.
      Object same = n instanceof Node.Op op
          ? new OpKey(op.primitive(), op.params(), java.util.Arrays.toString(op.operands()))
          : n instanceof Node.Constant ? null : n;
      Integer existing = same == null ? null : memo.get(same);
      if (existing != null) {
        memo.put(key, existing);
        return existing;
      }
      nodes.add(n);
      int idx = nodes.size() - 1;
      memo.put(key, idx);
      if (same != null) memo.put(same, idx);
      return idx;
    }

    private Node build(Atom a) {
      if (a instanceof Literal lit) return new Node.Constant(lit);
      Var v = (Var) a;
      Integer slot = slotOf.get(v);
      if (slot != null) return new Node.Load(slot, v.aval());
      Equation def = definedBy.get(v);
      if (def.primitive() == BroadcastInDim.BROADCAST_IN_DIM) {
        Atom operand = def.inputs().get(0);
        if (operand instanceof Literal lit) return new Node.Constant(lit);
        if (operand.aval().shape().rank() == 0) return new Node.Load(slotFor(operand), operand.aval());
        return new Node.BroadcastLoad(slotFor(operand), operand.aval().shape(),
            def.params().ints("broadcast_dimensions"), v.aval());
      }
      int[] operands = new int[def.inputs().size()];
      dev.olympus.DType[] dtypes = new dev.olympus.DType[operands.length];
      for (int i = 0; i < operands.length; i++) {
        operands[i] = node(def.inputs().get(i));
        dtypes[i] = def.inputs().get(i).aval().dtype();
      }
      return new Node.Op(def.primitive(), def.params(), operands, dtypes, v.aval());
    }
  }

  /** An op node by what it computes: primitive, parameters and operand nodes. */
  private record OpKey(Primitive primitive, Params params, String operands) {}

  /** Identity key for a var inside a hash map shared with literals (which compare by value). */
  private record VarKey(Var v) {
    @Override
    public boolean equals(Object o) { return o instanceof VarKey k && k.v == v; }

    @Override
    public int hashCode() { return System.identityHashCode(v); }
  }
}
