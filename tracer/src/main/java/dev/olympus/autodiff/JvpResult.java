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

  /** Results that do not depend differentiably on the inputs (comparisons, rounding, integer outputs). */
  public static JvpResult zeroTangents(List<Array> primals) {
    List<Tangent> zeros = new ArrayList<>(primals.size());
    for (Array p : primals) zeros.add(Tangent.zero(p.aval()));
    return new JvpResult(primals, zeros);
  }
}
