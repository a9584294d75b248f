package dev.olympus.primitive;

import dev.olympus.Array;
import dev.olympus.autodiff.JvpResult;
import dev.olympus.autodiff.Tangent;
import dev.olympus.batching.Batched;
import dev.olympus.numpy.Jnp;
import dev.olympus.storage.Storage;
import dev.olympus.types.AbstractValue;
import java.util.List;

/**
 * {@code cholesky}: the lower-triangular {@code L} with {@code L L^T = a} of each symmetric positive-definite
 * matrix of a batch (JAX's {@code cholesky_p}), read from the lower triangle; a matrix that is not positive
 * definite gives NaNs, as JAX's CPU kernel does. Computed in double (Cholesky-Banachiewicz), rounded once.
 *
 * <p>JVP from Murray, "Differentiation of the Cholesky decomposition" (JAX's rule):
 * {@code dL = L phi(L^-1 dA L^-T)}, {@code phi} taking the lower triangle with half the diagonal; it is made of
 * triangular solves and products, so reverse mode transposes those.
 */
public final class Cholesky extends Primitive {
  public static final Cholesky CHOLESKY = new Cholesky();

  private Cholesky() {
    super("cholesky");
  }

  @Override
  public List<AbstractValue> abstractEval(List<AbstractValue> in, Params params) {
    ShapeRules.arity(this, in, 1);
    MatrixBatch.requireSquare(name(), in.get(0));
    return List.of(in.get(0).strong());
  }

  @Override
  public List<Storage> evaluate(List<Storage> in, Params params) {
    Storage a = in.get(0);
    int[] shape = a.shape().dims();
    int n = shape[shape.length - 1];
    Storage out = Storage.allocate(a.dtype(), a.shape());
    double[] l = new double[n * n];
    for (int b = 0, count = MatrixBatch.count(shape); b < count; b++) {
      int base = b * n * n;
      java.util.Arrays.fill(l, 0);
      boolean ok = true;
      for (int i = 0; i < n && ok; i++) {
        for (int j = 0; j <= i; j++) {
          double s = a.getDouble(base + i * n + j);
          for (int k = 0; k < j; k++) s -= l[i * n + k] * l[j * n + k];
          if (i == j) {
            if (!(s > 0)) {
              ok = false;
              break;
            }
            l[i * n + i] = Math.sqrt(s);
          } else {
            l[i * n + j] = s / l[j * n + j];
          }
        }
      }
      for (int i = 0; i < n * n; i++) out.setDouble(base + i, ok ? l[i] : Double.NaN);
    }
    return List.of(out);
  }

  @Override
  public JvpResult jvp(List<Array> primals, List<Tangent> tangents, Params params) {
    Array l = bind1(params, primals.get(0));
    Tangent t = tangents.get(0);
    if (t.isZero()) return JvpResult.of(l, Tangent.zero(l.aval()));
    Array tmp = TriangularSolve.solve(l, t.value(), false, true, true, false);
    Array inner = TriangularSolve.solve(l, tmp, true, true, false, false);
    int n = l.shape()[l.ndim() - 1];
    Array phi = Jnp.tril(inner, 0).div(Jnp.eye(l.dtype(), n).add(1));
    return JvpResult.of(l, Tangent.of(Jnp.matmul(l, phi)));
  }

  @Override
  public Batched batch(List<Array> args, int[] dims, Params params) {
    return MatrixBatch.front(this, args, dims, params);
  }
}
