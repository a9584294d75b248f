package dev.olympus.primitive;

import dev.olympus.Array;
import dev.olympus.autodiff.JvpResult;
import dev.olympus.autodiff.LinearInputs;
import dev.olympus.autodiff.Tangent;
import dev.olympus.batching.BatchAxis;
import dev.olympus.batching.Batched;
import dev.olympus.lax.Lax;
import dev.olympus.storage.Storage;
import dev.olympus.types.AbstractValue;
import dev.olympus.types.Shape;
import java.util.Arrays;
import java.util.List;

/**
 * {@code dot_general[dimension_numbers]}: contracts {@code lhs} and {@code rhs} over paired contracting
 * dimensions, with paired batch dimensions. The result's dimensions are batch, then lhs free, then rhs free —
 * XLA's convention, which {@code Jnp.dot}/{@code matmul} build on.
 *
 * <p>Bilinear: the tangent is {@code dot(dl, r) + dot(l, dr)}, and each side transposes to another
 * {@code dot_general} of the cotangent with the other side, followed by a transpose (JAX's rules).
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
    return List.of(new AbstractValue(l.dtype(), Shape.of(name(), "the result's shape", dims), l.weak() && r.weak()));
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

  /**
   * Operands rearranged for one batched matrix product: lhs as (batch, m, k) and rhs as (batch, k, n), both
   * row-major (copied only when the layout differs). Compiled kernels share this with the eager loop.
   */
  public record Canonical(Storage lhs, Storage rhs, int batch, int m, int k, int n) {}

  public static Canonical canonical(Storage l, Storage r, DimensionNumbers dn) {
    int[] lf = free(l.shape().rank(), dn.lhsContract(), dn.lhsBatch());
    int[] rf = free(r.shape().rank(), dn.rhsContract(), dn.rhsBatch());
    Storage lc = permute(l, concat(concat(dn.lhsBatch(), lf), dn.lhsContract()));
    Storage rc = permute(r, concat(concat(dn.rhsBatch(), dn.rhsContract()), rf));
    return new Canonical(lc, rc, prod(l.shape(), dn.lhsBatch()), prod(l.shape(), lf), prod(l.shape(), dn.lhsContract()),
        prod(r.shape(), rf));
  }

  @Override
  public List<Storage> evaluate(List<Storage> in, Params params) {
    Storage l = in.get(0), r = in.get(1);
    DimensionNumbers dn = params.as("dimension_numbers");
    // Canonicalise to lhs (B, M, K) and rhs (B, K, N), then run one batched i-k-j loop.
    Canonical c = canonical(l, r, dn);
    Storage lc = c.lhs(), rc = c.rhs();
    int batch = c.batch(), m = c.m(), k = c.k(), n = c.n();
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

  @Override
  public JvpResult jvp(List<Array> primals, List<Tangent> tangents, Params params) {
    Array l = primals.get(0), r = primals.get(1);
    Array out = bind1(params, l, r);
    Tangent gl = tangents.get(0), gr = tangents.get(1);
    Tangent dl = gl.isZero() ? gl : Tangent.of(bind1(params, gl.value(), r));
    Tangent dr = gr.isZero() ? gr : Tangent.of(bind1(params, l, gr.value()));
    return JvpResult.of(out, Tangent.sum(out.aval(), dl, dr));
  }

  @Override
  public List<Tangent> transpose(List<Tangent> cotangents, LinearInputs in, Params params) {
    Array ct = cotangents.get(0).value();
    DimensionNumbers dn = params.as("dimension_numbers");
    boolean linearL = in.isUndefined(0), linearR = in.isUndefined(1);
    if (linearL == linearR) return super.transpose(cotangents, in, params);
    if (linearL) {
      return List.of(Tangent.of(transposeLhs(ct, in.aval(0).rank(), in.value(1), dn, false)), Tangent.zero(in.aval(1)));
    }
    DimensionNumbers swapped = new DimensionNumbers(dn.rhsContract(), dn.lhsContract(), dn.rhsBatch(), dn.lhsBatch());
    return List.of(Tangent.zero(in.aval(0)), Tangent.of(transposeLhs(ct, in.aval(1).rank(), in.value(0), swapped, true)));
  }

  /**
   * The cotangent of the lhs {@code x} (of rank {@code xRank}) of {@code dot_general(x, y)}: contract the result
   * cotangent with {@code y} over y's free dimensions, then permute into x's layout. With {@code swapAns} the
   * roles were swapped to transpose the rhs, so y's free dimensions come first in the result.
   */
  private static Array transposeLhs(Array g, int xRank, Array y, DimensionNumbers dn, boolean swapAns) {
    int[] xContract = dn.lhsContract(), yContract = dn.rhsContract(), xBatch = dn.lhsBatch(), yBatch = dn.rhsBatch();
    int[] xKept = free(xRank, xContract, xBatch);
    int[] yKept = free(y.ndim(), yContract, yBatch);
    int nb = xBatch.length;
    int[] ansBatch = ShapeRules.range(nb);
    int[] ansY = new int[yKept.length];
    int yStart = swapAns ? nb : nb + xKept.length;
    for (int i = 0; i < ansY.length; i++) ansY[i] = yStart + i;
    Array xBar = Lax.dotGeneral(g, y, ansY, yKept, ansBatch, yBatch);
    // The product's dimensions are x's batch, x's kept, then y's contracting dimensions in ascending order,
    // which pair with x's contracting dimensions taken in that same order.
    Integer[] byY = new Integer[yContract.length];
    for (int i = 0; i < byY.length; i++) byY[i] = i;
    Arrays.sort(byY, (a, b) -> Integer.compare(yContract[a], yContract[b]));
    int[] layout = new int[xRank];
    int k = 0;
    for (int d : xBatch) layout[k++] = d;
    for (int d : xKept) layout[k++] = d;
    for (int i : byY) layout[k++] = xContract[i];
    int[] perm = new int[xRank];
    for (int i = 0; i < xRank; i++) perm[layout[i]] = i;
    boolean identity = true;
    for (int i = 0; i < xRank; i++) identity &= perm[i] == i;
    return identity ? xBar : Lax.transpose(xBar, perm);
  }

  /**
   * Both sides batched: the batch axes become a new leading batch dimension of the product. One side batched:
   * its batch axis is a free dimension, and the result carries the batch where that dimension lands.
   */
  @Override
  public Batched batch(List<Array> args, int[] dims, Params params) {
    DimensionNumbers dn = params.as("dimension_numbers");
    Array l = args.get(0), r = args.get(1);
    int ld = dims[0], rd = dims[1];
    if (ld != BatchAxis.NOT_BATCHED && rd != BatchAxis.NOT_BATCHED) {
      l = BatchAxis.moveAxis(l, ld, 0);
      r = BatchAxis.moveAxis(r, rd, 0);
      DimensionNumbers b = new DimensionNumbers(BatchAxis.afterFront(dn.lhsContract()),
          BatchAxis.afterFront(dn.rhsContract()), BatchAxis.prepend(0, BatchAxis.afterFront(dn.lhsBatch())),
          BatchAxis.prepend(0, BatchAxis.afterFront(dn.rhsBatch())));
      return Batched.of(bind1(params(b), l, r), 0);
    }
    int nb = dn.lhsBatch().length;
    if (ld != BatchAxis.NOT_BATCHED) {
      DimensionNumbers b = new DimensionNumbers(BatchAxis.batchedAxes(dn.lhsContract(), ld), dn.rhsContract(),
          BatchAxis.batchedAxes(dn.lhsBatch(), ld), dn.rhsBatch());
      int[] lFree = free(l.ndim(), b.lhsContract(), b.lhsBatch());
      return Batched.of(bind1(params(b), l, r), nb + indexOf(lFree, ld));
    }
    DimensionNumbers b = new DimensionNumbers(dn.lhsContract(), BatchAxis.batchedAxes(dn.rhsContract(), rd),
        dn.lhsBatch(), BatchAxis.batchedAxes(dn.rhsBatch(), rd));
    int lFree = l.ndim() - dn.lhsContract().length - nb;
    int[] rFree = free(r.ndim(), b.rhsContract(), b.rhsBatch());
    return Batched.of(bind1(params(b), l, r), nb + lFree + indexOf(rFree, rd));
  }

  private static int indexOf(int[] a, int v) {
    for (int i = 0; i < a.length; i++) if (a[i] == v) return i;
    throw new IllegalArgumentException(v + " not in " + Arrays.toString(a));
  }
}
