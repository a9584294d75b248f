package dev.olympus.edge;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import dev.olympus.Array;
import dev.olympus.DType;
import dev.olympus.errors.OlympusException;
import dev.olympus.numpy.Jnp;
import dev.olympus.storage.Storage;
import java.util.List;
import java.util.function.Function;

/** One case of the edge tables checked on one way of computing it (eager, jitted, a kernel tier...). */
public final class EdgeVerdict {
  private EdgeVerdict() {}

  /**
   * Fails unless {@code run}, the case's function computed on some path, agrees with JAX: the same values
   * within {@code ulps} (see {@link EdgeCheck}), or an {@link OlympusException} where JAX raised, except for
   * the named exceptions of {@link EdgeExpectations}, which are checked as they are documented.
   */
  public static void assertAgrees(EdgeTable.Case c, Function<Array[], Array> run, int ulps, String path) {
    String where = c + " (" + path + ")";
    if (c.jaxRejects()) {
      Array[] probe = probe(c);
      String accepts = EdgeExpectations.whyOlympusAccepts(c.function(), c.dtype());
      if (accepts == null) {
        assertThrows(OlympusException.class, () -> run.apply(probe), where + ": JAX rejects it (" + c.jaxError()
            + "), so must Olympus");
        return;
      }
      Array r;
      try {
        r = run.apply(probe);
      } catch (OlympusException e) {
        throw new AssertionError(where + " is the named exception ACCEPTS_WHAT_JAX_REJECTS (" + accepts
            + "), but Olympus now rejects it as JAX does: drop the exception", e);
      }
      if (c.function().equals("lax.pow")) {
        for (EdgeTable.Case p : EdgeTable.cases("jnp.power")) {
          if (p.dtype() == c.dtype()) report(where + " against jnp.power's rows", EdgeCheck.mismatches(p,
              run.apply(p.arrays()), 0));
        }
      }
      return;
    }
    Array got = run.apply(c.arrays());
    if (EdgeExpectations.int64InexactIsF32(c, got.dtype())) {
      EdgeTable.Case exact = exactInF32(c);
      report(where + " (INT64_INEXACT_IS_F32)", EdgeCheck.mismatches(exact, exact.expected().convert(DType.F32),
          run.apply(exact.arrays()), ulps + 1));
      return;
    }
    report(where, EdgeCheck.mismatches(c, got, ulps));
  }

  /**
   * The case restricted to the rows whose int64 operands are exact in float32: on the others Olympus computes
   * on the operand rounded to float32 (sin(2^31 - 1) is sin(2^31)), which is the exception itself.
   */
  private static EdgeTable.Case exactInF32(EdgeTable.Case c) {
    List<Integer> keep = new java.util.ArrayList<>();
    for (int k = 0; k < c.rows(); k++) {
      boolean exact = true;
      for (Storage s : c.operands()) exact &= s.dtype() != DType.I64 || (long) (float) s.i64()[k] == s.i64()[k];
      if (exact) keep.add(k);
    }
    return c.select(keep);
  }

  private static void report(String where, List<String> mismatches) {
    if (!mismatches.isEmpty()) fail(where + " differs from JAX:\n  " + String.join("\n  ", mismatches));
  }

  /** Operands of the case's dtype for a dtype JAX rejects (the tables hold no rows for it). */
  private static Array[] probe(EdgeTable.Case c) {
    int arity = EdgeFunctions.get(c.function()).arity();
    Array[] a = new Array[arity];
    for (int i = 0; i < arity; i++) {
      a[i] = arity == 3 && i == 0 ? Jnp.array(true, false) : Jnp.zeros(c.dtype(), 2);
    }
    return a;
  }
}
