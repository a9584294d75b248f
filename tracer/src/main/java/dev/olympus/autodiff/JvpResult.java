package dev.olympus.autodiff;

import dev.olympus.Array;
import java.util.ArrayList;
import java.util.List;

/** What a primitive's JVP rule returns: its primal results and their tangents (symbolic zeros allowed). */
public record JvpResult(List<Array> primals, List<Tangent> tangents) {
  public JvpResult {
    primals = List.copyOf(primals);
    tangents = List.copyOf(tangents);
    if (primals.size() != tangents.size()) {
      throw new IllegalArgumentException(primals.size() + " primal results but " + tangents.size() + " tangents");
    }
  }

  public static JvpResult of(Array primal, Tangent tangent) {
    return new JvpResult(List.of(primal), List.of(tangent));
  }

  /**
   * Primal results whose tangents come packed: {@code dense} holds, in order, the tangents of the results
   * marked in {@code nonzero}; the others are symbolic zeros. (A sub-IR's JVP returns tangents this way.)
   */
  public static JvpResult of(List<Array> primals, List<Array> dense, boolean[] nonzero) {
    List<Tangent> ts = new ArrayList<>(primals.size());
    for (int j = 0, k = 0; j < primals.size(); j++) {
      ts.add(nonzero[j] ? Tangent.of(dense.get(k++)) : Tangent.zero(primals.get(j).aval()));
    }
    return new JvpResult(primals, ts);
  }

  /** Results that do not depend differentiably on the inputs (comparisons, rounding, integer outputs). */
  public static JvpResult zeroTangents(List<Array> primals) {
    List<Tangent> zeros = new ArrayList<>(primals.size());
    for (Array p : primals) zeros.add(Tangent.zero(p.aval()));
    return new JvpResult(primals, zeros);
  }
}
