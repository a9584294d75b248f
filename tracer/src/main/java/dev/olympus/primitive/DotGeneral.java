package dev.olympus.primitive;

import dev.olympus.Array;
import dev.olympus.autodiff.JvpResult;
import dev.olympus.autodiff.LinearInputs;
import dev.olympus.autodiff.Tangent;
import dev.olympus.batching.BatchAxis;
import dev.olympus.batching.Batched;
import dev.olympus.gemm.Epilogue;
import dev.olympus.gemm.Gemm;
import dev.olympus.gemm.Strides;
import dev.olympus.lax.Lax;
import dev.olympus.storage.Storage;
import dev.olympus.types.AbstractValue;
import dev.olympus.types.Shape;
import java.util.Arrays;
import java.util.List;

/**
 * {@code dot_general[dimension_numbers]}: contracts {@code lhs} and {@code rhs} over paired contracting
 * dimensions, with paired batch dimensions. The result's dimensions are batch, then lhs free, then rhs free —
 * XLA's convention, which {@code Jnp.dot}/{@code matmul} build on. Floats are multiplied by {@link Gemm} (whose
 * class comment gives the summation order), in eager and compiled code alike.
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
   * The operands as one batched matrix product: lhs read as (batch, m, k) and rhs as (batch, k, n) through
   * {@link Strides} into their own storage, so transposed operands are read in place. An operand is copied into
   * that layout only when one of its groups of axes (batch, free, contracting), flattened in order, does not step
   * through memory with a single stride (free axes that interleave with contracting ones, say). Compiled kernels
   * share this with eager evaluation.
   */
  public record Canonical(Storage lhs, Strides lhsStrides, Storage rhs, Strides rhsStrides, int batch, int m, int k,
      int n) {}

  public static Canonical canonical(Storage l, Storage r, DimensionNumbers dn) {
    int[] lf = free(l.shape().rank(), dn.lhsContract(), dn.lhsBatch());
    int[] rf = free(r.shape().rank(), dn.rhsContract(), dn.rhsBatch());
    int batch = prod(l.shape(), dn.lhsBatch()), m = prod(l.shape(), lf), k = prod(l.shape(), dn.lhsContract()),
        n = prod(r.shape(), rf);
    Strides ls = strides(l.shape(), dn.lhsBatch(), lf, dn.lhsContract());
    Strides rs = strides(r.shape(), dn.rhsBatch(), dn.rhsContract(), rf);
    if (ls == null) {
      l = permute(l, concat(concat(dn.lhsBatch(), lf), dn.lhsContract()));
      ls = new Strides(0, m * k, k, 1);
    }
    if (rs == null) {
      r = permute(r, concat(concat(dn.rhsBatch(), dn.rhsContract()), rf));
      rs = new Strides(0, k * n, n, 1);
    }
    return new Canonical(l, ls, r, rs, batch, m, k, n);
  }

  /** Strides of a row-major array of {@code shape} read as (batch, row, col) groups of axes, or null if not possible. */
  private static Strides strides(Shape shape, int[] batch, int[] rows, int[] cols) {
    int[] dims = shape.dims();
    int[] rowMajor = new int[dims.length];
    for (int d = dims.length - 1, s = 1; d >= 0; s *= dims[d], d--) rowMajor[d] = s;
    int b = groupStride(dims, rowMajor, batch), i = groupStride(dims, rowMajor, rows),
        j = groupStride(dims, rowMajor, cols);
    return b < 0 || i < 0 || j < 0 ? null : new Strides(0, b, i, j);
  }

  /**
   * The one stride that steps through {@code axes} flattened in order (their last non-unit axis's stride), or -1
   * if the group is not evenly spaced. Unit axes do not matter; a group of only unit axes has stride 0.
   */
  private static int groupStride(int[] dims, int[] strides, int[] axes) {
    int stride = 0;
    long next = -1;
    for (int i = axes.length - 1; i >= 0; i--) {
      int size = dims[axes[i]], st = strides[axes[i]];
      if (size == 1) continue;
      if (next < 0) stride = st;
      else if (st != next) return -1;
      next = (long) st * size;
    }
    return stride;
  }

  /**
   * {@code out} (row-major, shape batch x m x n) = the product {@code c}: {@link Gemm} for float32 and float64, a
   * plain loop for integers and bools. {@code done} hears each block of rows as soon as it is final.
   */
  public static void multiply(Canonical c, Storage out, Gemm gemm, Epilogue done) {
    int batch = c.batch(), m = c.m(), k = c.k(), n = c.n();
    Strides ls = c.lhsStrides(), rs = c.rhsStrides();
    switch (out.dtype()) {
      case F32 -> gemm.f32(batch, m, k, n, c.lhs().f32(), ls, c.rhs().f32(), rs, out.f32(), 0, done);
      case F64 -> gemm.f64(batch, m, k, n, c.lhs().f64(), ls, c.rhs().f64(), rs, out.f64(), 0, done);
      default -> {
        Storage l = c.lhs(), r = c.rhs();
        boolean bool = out.dtype().isBool();
        for (int bt = 0; bt < batch; bt++) {
          for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
              long acc = 0;
              for (int p = 0; p < k; p++) {
                acc += l.getLong(bt * ls.batch() + i * ls.row() + p * ls.col())
                    * r.getLong(bt * rs.batch() + p * rs.row() + j * rs.col());
              }
              out.setLong((bt * m + i) * n + j, bool ? (acc != 0 ? 1 : 0) : acc);
            }
          }
        }
        if (batch * m > 0 && n > 0) done.rowsDone(0, batch * m);
      }
    }
  }

  @Override
  public List<Storage> evaluate(List<Storage> in, Params params) {
    Storage l = in.get(0), r = in.get(1);
    AbstractValue outAval = abstractEval(List.of(new AbstractValue(l.dtype(), l.shape(), false),
        new AbstractValue(r.dtype(), r.shape(), false)), params).get(0);
    Storage out = Storage.allocate(l.dtype(), outAval.shape());
    multiply(canonical(l, r, params.as("dimension_numbers")), out, Gemm.standard(), Epilogue.NONE);
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
