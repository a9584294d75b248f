package dev.olympus.primitive;

import dev.olympus.storage.Storage;
import dev.olympus.types.AbstractValue;
import dev.olympus.types.Shape;
import java.util.Arrays;
import java.util.List;

/**
 * {@code dot_general[dimension_numbers]}: contracts {@code lhs} and {@code rhs} over paired contracting
 * dimensions, with paired batch dimensions. The result's dimensions are batch, then lhs free, then rhs free —
 * XLA's convention, which {@code Jnp.dot}/{@code matmul} build on.
 */
public final class DotGeneral extends Primitive {
  public static final DotGeneral DOT_GENERAL = new DotGeneral();

  /** {@code ((lhs_contract, rhs_contract), (lhs_batch, rhs_batch))}, printed as JAX prints it. */
  public record DimensionNumbers(int[] lhsContract, int[] rhsContract, int[] lhsBatch, int[] rhsBatch) {
    @Override
    public boolean equals(Object o) {
      return o instanceof DimensionNumbers d && Arrays.equals(lhsContract, d.lhsContract)
          && Arrays.equals(rhsContract, d.rhsContract) && Arrays.equals(lhsBatch, d.lhsBatch)
          && Arrays.equals(rhsBatch, d.rhsBatch);
    }

    @Override
    public int hashCode() {
      return Arrays.deepHashCode(new Object[] {lhsContract, rhsContract, lhsBatch, rhsBatch});
    }

    @Override
    public String toString() {
      return "((" + list(lhsContract) + ", " + list(rhsContract) + "), (" + list(lhsBatch) + ", "
          + list(rhsBatch) + "))";
    }

    private static String list(int[] a) {
      StringBuilder sb = new StringBuilder("[");
      for (int i = 0; i < a.length; i++) {
        if (i > 0) sb.append(", ");
        sb.append(a[i]);
      }
      return sb.append(']').toString();
    }
  }

  private DotGeneral() {
    super("dot_general");
  }

  public static Params params(DimensionNumbers dn) {
    return Params.of("dimension_numbers", dn);
  }

  static int[] free(int rank, int[] contract, int[] batch) {
    int[] out = new int[rank - contract.length - batch.length];
    int k = 0;
    for (int d = 0; d < rank; d++) {
      final int dd = d;
      if (Arrays.stream(contract).noneMatch(c -> c == dd) && Arrays.stream(batch).noneMatch(b -> b == dd)) {
        out[k++] = d;
      }
    }
    return out;
  }

  @Override
  public List<AbstractValue> abstractEval(List<AbstractValue> in, Params params) {
    ShapeRules.arity(this, in, 2);
    AbstractValue l = in.get(0), r = in.get(1);
    ShapeRules.sameDtype(this, in);
    DimensionNumbers dn = params.as("dimension_numbers");
    if (dn.lhsContract().length != dn.rhsContract().length || dn.lhsBatch().length != dn.rhsBatch().length) {
      throw ShapeRules.error(name(), "contracting and batch dimensions must pair up, got " + dn);
    }
    checkAxes(l, concat(dn.lhsContract(), dn.lhsBatch()), "lhs", dn);
    checkAxes(r, concat(dn.rhsContract(), dn.rhsBatch()), "rhs", dn);
    for (int i = 0; i < dn.lhsContract().length; i++) {
      int a = l.shape().dim(dn.lhsContract()[i]), b = r.shape().dim(dn.rhsContract()[i]);
      if (a != b) {
        throw ShapeRules.error(name(), "contracting dimensions differ in size: " + l + " dimension "
            + dn.lhsContract()[i] + " has " + a + ", " + r + " dimension " + dn.rhsContract()[i] + " has " + b);
      }
    }
    for (int i = 0; i < dn.lhsBatch().length; i++) {
      if (l.shape().dim(dn.lhsBatch()[i]) != r.shape().dim(dn.rhsBatch()[i])) {
        throw ShapeRules.error(name(), "batch dimensions differ in size between " + l + " and " + r);
      }
    }
    int[] lf = free(l.rank(), dn.lhsContract(), dn.lhsBatch());
    int[] rf = free(r.rank(), dn.rhsContract(), dn.rhsBatch());
    int[] dims = new int[dn.lhsBatch().length + lf.length + rf.length];
    int k = 0;
    for (int b : dn.lhsBatch()) dims[k++] = l.shape().dim(b);
    for (int f : lf) dims[k++] = l.shape().dim(f);
    for (int f : rf) dims[k++] = r.shape().dim(f);
    return List.of(new AbstractValue(l.dtype(), Shape.of(dims), l.weak() && r.weak()));
  }

  private void checkAxes(AbstractValue a, int[] axes, String side, DimensionNumbers dn) {
    boolean[] seen = new boolean[a.rank()];
    for (int ax : axes) {
      if (ax < 0 || ax >= a.rank() || seen[ax]) {
        throw ShapeRules.error(name(), "invalid " + side + " dimensions in " + dn + " for " + a);
      }
      seen[ax] = true;
    }
  }

  static int[] concat(int[] a, int[] b) {
    int[] r = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }

  @Override
  public List<Storage> evaluate(List<Storage> in, Params params) {
    Storage l = in.get(0), r = in.get(1);
    DimensionNumbers dn = params.as("dimension_numbers");
    int[] lf = free(l.shape().rank(), dn.lhsContract(), dn.lhsBatch());
    int[] rf = free(r.shape().rank(), dn.rhsContract(), dn.rhsBatch());
    // Canonicalise to lhs (B, M, K) and rhs (B, K, N), then run one batched i-k-j loop.
    Storage lc = permute(l, concat(concat(dn.lhsBatch(), lf), dn.lhsContract()));
    Storage rc = permute(r, concat(concat(dn.rhsBatch(), dn.rhsContract()), rf));
    int batch = prod(l.shape(), dn.lhsBatch()), m = prod(l.shape(), lf), k = prod(l.shape(), dn.lhsContract());
    int n = prod(r.shape(), rf);
    AbstractValue outAval = abstractEval(List.of(new AbstractValue(l.dtype(), l.shape(), false),
        new AbstractValue(r.dtype(), r.shape(), false)), params).get(0);
    Storage out = Storage.allocate(l.dtype(), outAval.shape());
    switch (l.dtype()) {
      case F32 -> {
        float[] a = lc.f32(), b = rc.f32(), o = out.f32();
        for (int bt = 0; bt < batch; bt++) {
          for (int i = 0; i < m; i++) {
            int oRow = (bt * m + i) * n;
            for (int p = 0; p < k; p++) {
              float av = a[(bt * m + i) * k + p];
              int bRow = (bt * k + p) * n;
              for (int j = 0; j < n; j++) o[oRow + j] += av * b[bRow + j];
            }
          }
        }
      }
      case F64 -> {
        double[] a = lc.f64(), b = rc.f64(), o = out.f64();
        for (int bt = 0; bt < batch; bt++) {
          for (int i = 0; i < m; i++) {
            int oRow = (bt * m + i) * n;
            for (int p = 0; p < k; p++) {
              double av = a[(bt * m + i) * k + p];
              int bRow = (bt * k + p) * n;
              for (int j = 0; j < n; j++) o[oRow + j] += av * b[bRow + j];
            }
          }
        }
      }
      default -> {
        boolean bool = l.dtype().isBool();
        for (int bt = 0; bt < batch; bt++) {
          for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
              long acc = 0;
              for (int p = 0; p < k; p++) {
                acc += lc.getLong((bt * m + i) * k + p) * rc.getLong((bt * k + p) * n + j);
              }
              out.setLong((bt * m + i) * n + j, bool ? (acc != 0 ? 1 : 0) : acc);
            }
          }
        }
      }
    }
    return List.of(out);
  }

  private static int prod(Shape s, int[] axes) {
    int p = 1;
    for (int a : axes) p *= s.dim(a);
    return p;
  }

  private static Storage permute(Storage s, int[] perm) {
    boolean identity = true;
    for (int i = 0; i < perm.length; i++) identity &= perm[i] == i;
    if (identity) return s;
    return Transpose.TRANSPOSE.evaluate(List.of(s), Params.of("permutation", perm)).get(0);
  }
}
