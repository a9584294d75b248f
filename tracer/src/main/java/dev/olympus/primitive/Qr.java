package dev.olympus.primitive;

import dev.olympus.Array;
import dev.olympus.autodiff.JvpResult;
import dev.olympus.autodiff.Tangent;
import dev.olympus.batching.Batched;
import dev.olympus.errors.OlympusException;
import dev.olympus.numpy.Jnp;
import dev.olympus.storage.Storage;
import dev.olympus.trace.SizeCondition;
import dev.olympus.types.AbstractValue;
import dev.olympus.types.Shape;
import java.util.List;

/**
 * {@code qr[full_matrices pivoting=False use_magma=None]}: {@code a = Q R} for each matrix of a batch, Q with
 * orthonormal columns and R upper triangular (JAX's {@code qr_p}): reduced ({@code [m, k]} and {@code [k, n]},
 * {@code k = min(m, n)}) or, with {@code full_matrices}, {@code [m, m]} and {@code [m, n]}. Householder
 * reflections with LAPACK's signs (geqrf: {@code R[j, j] = -sign(a) |column|}), in double, rounded once, so the
 * factors are the ones JAX's CPU kernel returns.
 *
 * <p>JVP from Townsend's derivation (JAX's rule, reduced and {@code m >= n} only, as there):
 * {@code C = Q^T dA R^-1}, {@code dΩ = tril(C, -1) - tril(C, -1)^T}, {@code dQ = Q (dΩ - C) + dA R^-1},
 * {@code dR = (C - dΩ) R}.
 */
public final class Qr extends Primitive {
  public static final Qr QR = new Qr();

  private Qr() {
    super("qr");
  }

  public static Params params(boolean fullMatrices) {
    return Params.of("full_matrices", fullMatrices, "pivoting", false, "use_magma", null);
  }

  @Override
  public List<AbstractValue> abstractEval(List<AbstractValue> in, Params params) {
    ShapeRules.arity(this, in, 1);
    AbstractValue a = in.get(0);
    MatrixBatch.requireMatrix(name(), a);
    int[] dims = a.shape().dims();
    boolean full = params.flag("full_matrices");
    int m = dims[dims.length - 2], n = dims[dims.length - 1], k = full ? Math.min(m, n) : SizeCondition.min(m, n);
    int[] q = dims.clone(), r = dims.clone();
    q[q.length - 1] = full ? m : k;
    r[r.length - 2] = full ? m : k;
    return List.of(new AbstractValue(a.dtype(), Shape.of(q), false), new AbstractValue(a.dtype(), Shape.of(r), false));
  }

  @Override
  public List<Storage> evaluate(List<Storage> in, Params params) {
    Storage a = in.get(0);
    List<AbstractValue> outs = abstractEval(List.of(new AbstractValue(a.dtype(), a.shape(), false)), params);
    Storage qOut = Storage.allocate(a.dtype(), outs.get(0).shape()), rOut = Storage.allocate(a.dtype(), outs.get(1).shape());
    int[] dims = a.shape().dims();
    int m = dims[dims.length - 2], n = dims[dims.length - 1], k = Math.min(m, n);
    int qCols = outs.get(0).shape().dim(dims.length - 1), rRows = outs.get(1).shape().dim(dims.length - 2);
    double[] w = new double[m * n], tau = new double[k], q = new double[m * qCols];
    for (int b = 0, count = MatrixBatch.count(dims); b < count; b++) {
      for (int i = 0; i < m * n; i++) w[i] = a.getDouble(b * m * n + i);
      for (int j = 0; j < k; j++) {
        double alpha = w[j * n + j], norm = 0;
        for (int i = j + 1; i < m; i++) norm = Math.hypot(norm, w[i * n + j]);
        if (norm == 0) {
          tau[j] = 0;
          continue;
        }
        double beta = -Math.copySign(Math.hypot(alpha, norm), alpha);
        tau[j] = (beta - alpha) / beta;
        double scale = 1 / (alpha - beta);
        for (int i = j + 1; i < m; i++) w[i * n + j] *= scale;
        w[j * n + j] = beta;
        // Apply H = I - tau v v^T (v = [1, w[j+1.., j]]) to the remaining columns.
        for (int c = j + 1; c < n; c++) {
          double dot = w[j * n + c];
          for (int i = j + 1; i < m; i++) dot += w[i * n + j] * w[i * n + c];
          dot *= tau[j];
          w[j * n + c] -= dot;
          for (int i = j + 1; i < m; i++) w[i * n + c] -= dot * w[i * n + j];
        }
      }
      // Q = H_0 ... H_{k-1} applied to the first qCols columns of the identity, last reflection first.
      java.util.Arrays.fill(q, 0);
      for (int i = 0; i < Math.min(m, qCols); i++) q[i * qCols + i] = 1;
      for (int j = k - 1; j >= 0; j--) {
        if (tau[j] == 0) continue;
        for (int c = 0; c < qCols; c++) {
          double dot = q[j * qCols + c];
          for (int i = j + 1; i < m; i++) dot += w[i * n + j] * q[i * qCols + c];
          dot *= tau[j];
          q[j * qCols + c] -= dot;
          for (int i = j + 1; i < m; i++) q[i * qCols + c] -= dot * w[i * n + j];
        }
      }
      for (int i = 0; i < m * qCols; i++) qOut.setDouble(b * m * qCols + i, q[i]);
      for (int i = 0; i < rRows; i++) {
        for (int c = 0; c < n; c++) rOut.setDouble(b * rRows * n + i * n + c, c >= i ? w[i * n + c] : 0);
      }
    }
    return List.of(qOut, rOut);
  }

  @Override
  public JvpResult jvp(List<Array> primals, List<Tangent> tangents, Params params) {
    Array x = primals.get(0);
    int m = x.shape()[x.ndim() - 2], n = x.shape()[x.ndim() - 1];
    if (m < n || (params.flag("full_matrices") && m != n)) {
      throw new OlympusException("the derivative of a QR decomposition is defined here (as in JAX) only for reduced "
          + "factors of matrices with at least as many rows as columns; got " + x.aval());
    }
    List<Array> outs = bind(params.with("full_matrices", false), primals);
    Array q = outs.get(0), r = outs.get(1);
    Tangent t = tangents.get(0);
    if (t.isZero()) return JvpResult.zeroTangents(outs);
    Array dxRinv = TriangularSolve.solve(r, t.value(), false, false, false, false);
    Array c = Jnp.matmul(Jnp.swapaxes(q, -1, -2), dxRinv);
    Array lower = Jnp.tril(c, -1);
    Array omega = lower.sub(Jnp.swapaxes(lower, -1, -2));
    Array dq = Jnp.matmul(q, omega.sub(c)).add(dxRinv);
    Array dr = Jnp.matmul(c.sub(omega), r);
    return new JvpResult(outs, List.of(Tangent.of(dq), Tangent.of(dr)));
  }

  @Override
  public Batched batch(List<Array> args, int[] dims, Params params) {
    return MatrixBatch.front(this, args, dims, params);
  }
}
