package dev.olympus.primitive;

import dev.olympus.Array;
import dev.olympus.DType;
import dev.olympus.autodiff.JvpResult;
import dev.olympus.autodiff.Tangent;
import dev.olympus.batching.Batched;
import dev.olympus.numpy.Jnp;
import dev.olympus.storage.Storage;
import dev.olympus.types.AbstractValue;
import dev.olympus.types.Shape;
import java.util.List;

/**
 * {@code lu}: the LU decomposition with partial pivoting of each square matrix of a batch (JAX's {@code lu_p},
 * LAPACK's getrf): results {@code lu} (the unit-lower {@code L} below the diagonal, {@code U} on and above it),
 * {@code pivots} (row {@code i} was swapped with row {@code pivots[i]}, i32) and {@code permutation} (i32, so
 * that {@code a[permutation] = L U}). The pivot of each column is its first largest magnitude. Computed in
 * double, rounded once.
 *
 * <p>JVP from de Hoog, Anderssen and Lukas (JAX's rule), for square matrices:
 * {@code X = L^-1 P dA U^-1}, {@code dL = L tril(X, -1)}, {@code dU = triu(X) U}; pivots and permutation are
 * piecewise constant.
 */
public final class Lu extends Primitive {
  public static final Lu LU = new Lu();

  private Lu() {
    super("lu");
  }

  @Override
  public List<AbstractValue> abstractEval(List<AbstractValue> in, Params params) {
    ShapeRules.arity(this, in, 1);
    AbstractValue a = in.get(0);
    MatrixBatch.requireSquare(name(), a);
    int[] batch = java.util.Arrays.copyOf(a.shape().dims(), a.rank() - 1);
    return List.of(a.strong(), new AbstractValue(DType.I32, Shape.of(batch), false),
        new AbstractValue(DType.I32, Shape.of(batch), false));
  }

  @Override
  public List<Storage> evaluate(List<Storage> in, Params params) {
    Storage a = in.get(0);
    int[] shape = a.shape().dims();
    int n = shape[shape.length - 1];
    int[] batch = java.util.Arrays.copyOf(shape, shape.length - 1);
    Storage lu = Storage.allocate(a.dtype(), a.shape());
    Storage pivots = Storage.allocate(DType.I32, Shape.of(batch));
    Storage permutation = Storage.allocate(DType.I32, Shape.of(batch));
    double[] m = new double[n * n];
    int[] perm = new int[n];
    for (int b = 0, count = MatrixBatch.count(shape); b < count; b++) {
      int base = b * n * n;
      for (int i = 0; i < n * n; i++) m[i] = a.getDouble(base + i);
      for (int i = 0; i < n; i++) perm[i] = i;
      for (int j = 0; j < n; j++) {
        int p = j;
        double best = Math.abs(m[j * n + j]);
        for (int i = j + 1; i < n; i++) {
          double v = Math.abs(m[i * n + j]);
          if (v > best) {
            best = v;
            p = i;
          }
        }
        pivots.setLong(b * n + j, p);
        if (p != j) {
          for (int c = 0; c < n; c++) {
            double t = m[j * n + c];
            m[j * n + c] = m[p * n + c];
            m[p * n + c] = t;
          }
          int t = perm[j];
          perm[j] = perm[p];
          perm[p] = t;
        }
        double pivot = m[j * n + j];
        if (pivot == 0) continue;
        for (int i = j + 1; i < n; i++) {
          double f = m[i * n + j] / pivot;
          m[i * n + j] = f;
          for (int c = j + 1; c < n; c++) m[i * n + c] -= f * m[j * n + c];
        }
      }
      for (int i = 0; i < n * n; i++) lu.setDouble(base + i, m[i]);
      for (int i = 0; i < n; i++) permutation.setLong(b * n + i, perm[i]);
    }
    return List.of(lu, pivots, permutation);
  }

  @Override
  public JvpResult jvp(List<Array> primals, List<Tangent> tangents, Params params) {
    List<Array> outs = bind(params, primals);
    Array lu = outs.get(0), permutation = outs.get(2);
    Tangent t = tangents.get(0);
    Tangent pivotsZero = Tangent.zero(outs.get(1).aval()), permutationZero = Tangent.zero(permutation.aval());
    if (t.isZero()) return new JvpResult(outs, List.of(Tangent.zero(lu.aval()), pivotsZero, permutationZero));
    int n = lu.shape()[lu.ndim() - 1];
    Array l = Jnp.tril(lu, -1).add(Jnp.eye(lu.dtype(), n));
    Array u = Jnp.triu(lu, 0);
    Array x = Jnp.takeAlongAxis(t.value(), Jnp.expandDims(permutation, -1), -2);
    Array la = TriangularSolve.solve(l, x, true, true, false, true);
    Array lau = TriangularSolve.solve(u, la, false, false, false, false);
    Array luDot = Jnp.matmul(l, Jnp.tril(lau, -1)).add(Jnp.matmul(Jnp.triu(lau, 0), u));
    return new JvpResult(outs, List.of(Tangent.of(luDot), pivotsZero, permutationZero));
  }

  @Override
  public Batched batch(List<Array> args, int[] dims, Params params) {
    return MatrixBatch.front(this, args, dims, params);
  }
}
