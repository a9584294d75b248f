package dev.olympus.fusion;

import dev.olympus.DType;
import dev.olympus.ir.Literal;
import dev.olympus.loopnest.Expr;
import dev.olympus.loopnest.IndexMap;
import dev.olympus.loopnest.LoopNest;
import dev.olympus.lowering.Step;
import dev.olympus.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The loop nest the fuser is filling: values over {@link #domain}, each node once (equal nodes are shared, so
 * a common subexpression is computed once per element). Loads are kept as strides over the domain's dims until
 * {@link #build}, which splits the domain into rows and columns: at the reductions' axes when the nest reduces,
 * else where the most loads read columns contiguously.
 */
final class NestBuilder {
  final Shape domain;
  /** Domain dims before this index are rows; -1 until a reduction fixes it. */
  int split = -1;
  private final List<Object> nodes = new ArrayList<>();
  private final Map<Object, Integer> memo = new HashMap<>();
  private final List<Integer> planSlots = new ArrayList<>();
  private final Map<Integer, Integer> localSlot = new HashMap<>();

  /** A load before the split is known: element {@code i} of the domain reads {@code offset + strides . i}. */
  private record LoadSpec(int slot, DType dtype, long offset, List<Integer> strides) {}

  NestBuilder(Shape domain) {
    this.domain = domain;
  }

  int size() { return nodes.size(); }

  /** The shape of a row value: the domain's row dims. */
  Shape rowShape() { return Shape.of(Arrays.copyOf(domain.dims(), split)); }

  int add(Expr e) {
    return intern(e);
  }

  int constant(Literal lit) {
    return intern(new Expr.Constant(lit));
  }

  /** Reads view {@code v} per element ({@code v} has the domain's shape) or per row (the row shape, up to unit dims). */
  int load(Sym.View v, boolean row) {
    int[] strides = new int[domain.rank()];
    if (!row) {
      for (int d = 0; d < domain.rank(); d++) strides[d] = domain.dim(d) == 1 ? 0 : v.strides()[d];
    } else {
      int d = 0;
      for (int j = 0; j < v.shape().rank(); j++) {
        if (v.shape().dim(j) == 1) continue;
        while (domain.dim(d) == 1) d++;
        strides[d++] = v.strides()[j];
      }
    }
    int local = localSlot.computeIfAbsent(v.slot(), s -> {
      planSlots.add(s);
      return planSlots.size() - 1;
    });
    List<Integer> st = new ArrayList<>();
    for (int s : strides) st.add(s);
    return intern(new LoadSpec(local, v.dtype(), v.offset(), st));
  }

  /** Whether row view {@code v} maps onto this nest's rows: its dims longer than one are the row dims, in order. */
  boolean fitsRows(Shape shape) {
    return split >= 0 && Arrays.equals(Sym.squeezed(shape), Sym.squeezed(rowShape()));
  }

  private int intern(Object node) {
    Integer known = memo.get(node);
    if (known != null) return known;
    nodes.add(node);
    memo.put(node, nodes.size() - 1);
    return nodes.size() - 1;
  }

  /** An output of node {@code node} into plan slot {@code slot}, per element or per row. */
  record Output(int node, int slot, boolean perRow) {}

  /** The finished nest as a plan step. */
  Step.Nest build(List<Output> outputs) {
    int k = split >= 0 ? split : chooseSplit();
    int[] rows = Arrays.copyOf(domain.dims(), k);
    int[] cols = Arrays.copyOfRange(domain.dims(), k, domain.rank());
    List<Expr> exprs = new ArrayList<>();
    for (Object n : nodes) {
      if (n instanceof LoadSpec l) {
        int[] st = l.strides().stream().mapToInt(Integer::intValue).toArray();
        exprs.add(new Expr.Load(l.slot(), l.dtype(),
            new IndexMap(l.offset(), Arrays.copyOf(st, k), Arrays.copyOfRange(st, k, st.length))));
      } else {
        exprs.add((Expr) n);
      }
    }
    List<LoopNest.Output> outs = new ArrayList<>();
    for (Output o : outputs) {
      planSlots.add(o.slot());
      outs.add(new LoopNest.Output(o.node(), planSlots.size() - 1, o.perRow()));
    }
    int[] slots = planSlots.stream().mapToInt(Integer::intValue).toArray();
    return new Step.Nest(new LoopNest(rows, cols, exprs, outs), slots);
  }

  /**
   * Without reductions any split is correct: the one with the fewest loads that must be gathered (not read in
   * place nor once per row), and among those the longest rows.
   */
  private int chooseSplit() {
    int rank = domain.rank();
    int best = 0, bestGathers = Integer.MAX_VALUE;
    for (int k = 0; k <= Math.max(0, rank - 1); k++) {
      int[] cols = Arrays.copyOfRange(domain.dims(), k, rank);
      int gathers = 0;
      for (Object n : nodes) {
        if (!(n instanceof LoadSpec l)) continue;
        int[] st = l.strides().stream().mapToInt(Integer::intValue).toArray();
        IndexMap m = new IndexMap(0, Arrays.copyOf(st, k), Arrays.copyOfRange(st, k, rank));
        if (m.access(cols) == IndexMap.Access.STRIDED) gathers++;
      }
      if (gathers < bestGathers) {
        best = k;
        bestGathers = gathers;
      }
    }
    return best;
  }
}
