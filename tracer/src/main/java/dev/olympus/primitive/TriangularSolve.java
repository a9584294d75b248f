package dev.olympus.primitive;

import dev.olympus.Array;
import dev.olympus.autodiff.JvpResult;
import dev.olympus.autodiff.LinearInputs;
import dev.olympus.autodiff.Tangent;
import dev.olympus.batching.Batched;
import dev.olympus.numpy.Jnp;
import dev.olympus.storage.Storage;
import dev.olympus.types.AbstractValue;
import dev.olympus.types.Shape;
import java.util.List;

/**
 * {@code triangular_solve[conjugate_a left_side lower transpose_a unit_diagonal] a b}: {@code x} with
 * {@code op(a) x = b} ({@code left_side}) or {@code x op(a) = b}, where {@code op(a)} is {@code a} or its
 * transpose and only the {@code lower} (or upper) triangle of {@code a} is read, its diagonal taken as ones with
 * {@code unit_diagonal} (XLA's TriangularSolve, JAX's {@code triangular_solve_p}); over a batch of matrices.
 * Substitution in double, rounded once.
 *
 * <p>Rules, as JAX's: linear in {@code b}, its transpose the solve with {@code op(a)} transposed; the JVP in
 * {@code a} is {@code -op(a)^-1 d(op(a)) x} (or {@code -x d(op(a)) op(a)^-1}), in the cheaper order.
 */
public final class TriangularSolve extends Primitive {
  public static final TriangularSolve TRIANGULAR_SOLVE = new TriangularSolve();

  private TriangularSolve() {
    super("triangular_solve");
  }

  public static Params params(boolean leftSide, boolean lower, boolean transposeA, boolean unitDiagonal) {
    return Params.of("conjugate_a", false, "left_side", leftSide, "lower", lower, "transpose_a", transposeA,
        "unit_diagonal", unitDiagonal);
  }

  static Array solve(Array a, Array b, boolean leftSide, boolean lower, boolean transposeA, boolean unitDiagonal) {
    return TRIANGULAR_SOLVE.bind1(params(leftSide, lower, transposeA, unitDiagonal), a, b);
  }

  @Override
  public List<AbstractValue> abstractEval(List<AbstractValue> in, Params params) {
    ShapeRules.arity(this, in, 2);
    AbstractValue a = in.get(0), b = in.get(1);
    MatrixBatch.requireSquare(name(), a);
    MatrixBatch.requireMatrix(name(), b);
    ShapeRules.sameDtype(this, in);
    int m = a.shape().dim(a.rank() - 1);
    int along = params.flag("left_side") ? b.shape().dim(b.rank() - 2) : b.shape().dim(b.rank() - 1);
    Shape aBatch = Shape.of(java.util.Arrays.copyOf(a.shape().dims(), a.rank() - 2));
    Shape bBatch = Shape.of(java.util.Arrays.copyOf(b.shape().dims(), b.rank() - 2));
    if (along != m || !aBatch.equals(bBatch)) {
      throw ShapeRules.error(name(), "b " + b + " does not fit a " + a + " (" + (params.flag("left_side") ? "rows" : "columns")
          + " of b must number " + m + ", and the batch axes must agree)");
    }
    return List.of(b.strong());
  }

  @Override
  public List<Storage> evaluate(List<Storage> in, Params params) {
    Storage a = in.get(0), b = in.get(1);
    boolean left = params.flag("left_side"), lower = params.flag("lower"), transpose = params.flag("transpose_a");
    boolean unit = params.flag("unit_diagonal");
    int[] bShape = b.shape().dims();
    int rows = bShape[bShape.length - 2], cols = bShape[bShape.length - 1];
    int m = left ? rows : cols;
    Storage out = Storage.allocate(b.dtype(), b.shape());
    // op(a) as a dense matrix of its triangle; a right-side solve x op(a) = b is op(a)^T x^T = b^T.
    double[] t = new double[m * m];
    double[] x = new double[m];
    for (int batch = 0, count = MatrixBatch.count(bShape); batch < count; batch++) {
      int aBase = batch * m * m, bBase = batch * rows * cols;
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < m; j++) {
          boolean inTriangle = lower ? j <= i : j >= i;
          double v = !inTriangle ? 0 : i == j && unit ? 1 : a.getDouble(aBase + i * m + j);
          // Element (r, c) of the system matrix: op(a) on the left, op(a)^T on the right.
          boolean flip = transpose ^ !left;
          if (flip) t[j * m + i] = v;
          else t[i * m + j] = v;
        }
      }
      boolean systemLower = lower ^ (transpose ^ !left);
      int systems = left ? cols : rows;
      for (int s = 0; s < systems; s++) {
        for (int k = 0; k < m; k++) {
          int i = systemLower ? k : m - 1 - k;
          double v = b.getDouble(bBase + (left ? i * cols + s : s * cols + i));
          for (int q = 0; q < k; q++) {
            int j = systemLower ? q : m - 1 - q;
            v -= t[i * m + j] * x[j];
          }
          x[i] = v / t[i * m + i];
        }
        for (int i = 0; i < m; i++) out.setDouble(bBase + (left ? i * cols + s : s * cols + i), x[i]);
      }
    }
    return List.of(out);
  }

  @Override
  public JvpResult jvp(List<Array> primals, List<Tangent> tangents, Params params) {
    Array a = primals.get(0), b = primals.get(1);
    Array ans = bind1(params, a, b);
    Tangent ga = tangents.get(0), gb = tangents.get(1);
    Tangent fromB = gb.isZero() ? gb : Tangent.of(bind1(params, a, gb.value()));
    Tangent fromA = ga.isZero() ? ga : Tangent.of(tangentInA(ga.value(), ans, a, params));
    return JvpResult.of(ans, Tangent.sum(ans.aval(), fromA, fromB));
  }

  /** JAX's {@code _triangular_solve_jvp_rule_a}. */
  private Array tangentInA(Array ga, Array ans, Array a, Params params) {
    boolean left = params.flag("left_side"), lower = params.flag("lower"), transpose = params.flag("transpose_a");
    int k = params.flag("unit_diagonal") ? 1 : 0;
    Array g = lower ? Jnp.tril(ga, -k) : Jnp.triu(ga, k);
    g = g.neg();
    if (transpose) g = Jnp.swapaxes(g, -1, -2);
    int m = ans.shape()[ans.ndim() - 2], n = ans.shape()[ans.ndim() - 1];
    if (left) {
      return m > n ? bind1(params, a, Jnp.matmul(g, ans)) : Jnp.matmul(bind1(params, a, g), ans);
    }
    return m < n ? bind1(params, a, Jnp.matmul(ans, g)) : Jnp.matmul(ans, bind1(params, a, g));
  }

  @Override
  public List<Tangent> transpose(List<Tangent> cotangents, LinearInputs in, Params params) {
    if (in.isUndefined(0)) throw new IllegalStateException("triangular_solve is not linear in a");
    Tangent ct = cotangents.get(0);
    if (ct.isZero()) return List.of(Tangent.zero(in.aval(0)), Tangent.zero(in.aval(1)));
    Params flipped = params.with("transpose_a", !params.flag("transpose_a"));
    return List.of(Tangent.zero(in.aval(0)), Tangent.of(bind1(flipped, in.value(0), ct.value())));
  }

  @Override
  public Batched batch(List<Array> args, int[] dims, Params params) {
    return MatrixBatch.front(this, args, dims, params);
  }
}
