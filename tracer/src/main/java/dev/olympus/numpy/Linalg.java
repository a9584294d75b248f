package dev.olympus.numpy;

import dev.olympus.Array;
import dev.olympus.DType;
import dev.olympus.errors.ArgumentCheck;
import dev.olympus.errors.ShapeException;
import dev.olympus.errors.SourceLocation;
import dev.olympus.lax.Lax;
import dev.olympus.primitive.Cholesky;
import dev.olympus.primitive.Lu;
import dev.olympus.primitive.Qr;
import dev.olympus.primitive.TriangularSolve;
import java.util.List;

/**
 * {@code jnp.linalg}, built as jax.numpy builds it on three primitives ({@code cholesky}, {@code lu},
 * {@code triangular_solve}): solves, inverses and determinants go through the LU factors, so their
 * derivatives come from those primitives' rules. Every function acts on the last two axes and runs over any
 * leading (batch) axes; f32 and f64.
 */
final class Linalg {
  private Linalg() {}

  static Array cholesky(Array a) {
    ArgumentCheck.array("Jnp.linalg.cholesky", "a", a);
    requireSquare("Jnp.linalg.cholesky", a);
    // As jnp's (symmetrize_input=True): the factor of (a + a^T) / 2, so the tangent is symmetric too.
    Array symmetric = a.add(Jnp.swapaxes(a, -1, -2)).div(2);
    return Cholesky.CHOLESKY.bind1(dev.olympus.primitive.Params.NONE, symmetric);
  }

  static Array triangularSolve(Array a, Array b, boolean leftSide, boolean lower, boolean transposeA,
      boolean unitDiagonal) {
    String op = "Jnp.linalg.triangularSolve";
    ArgumentCheck.array(op, "a", a, "b", b);
    requireSquare(op, a);
    return TriangularSolve.TRIANGULAR_SOLVE.bind1(TriangularSolve.params(leftSide, lower, transposeA, unitDiagonal),
        floating(a), floating(b));
  }

  /** {@code lu, pivots, permutation} of {@code a}. */
  static List<Array> lu(Array a) {
    ArgumentCheck.array("Jnp.linalg.lu", "a", a);
    requireSquare("Jnp.linalg.lu", a);
    return Lu.LU.bind(dev.olympus.primitive.Params.NONE, List.of(floating(a)));
  }

  /**
   * {@code x} with {@code a x = b}: {@code b} a vector per matrix ({@code [..., n]}) or a matrix of right-hand
   * sides ({@code [..., n, k]}), as jnp decides since NumPy 2 (a vector only when it has one axis).
   */
  static Array solve(Array a, Array b) {
    String op = "Jnp.linalg.solve";
    ArgumentCheck.array(op, "a", a, "b", b);
    requireSquare(op, a);
    boolean vector = b.ndim() == 1;
    Array rhs = vector ? Jnp.expandDims(b, -1) : b;
    int n = a.shape()[a.ndim() - 1];
    if (rhs.ndim() < 2 || rhs.shape()[rhs.ndim() - 2] != n) {
      throw new ShapeException(op + ": b " + b.aval() + " does not fit a " + a.aval() + ": it needs " + n
          + " rows (or, as a vector, " + n + " elements)" + SourceLocation.suffix());
    }
    List<Array> factors = lu(a);
    Array x = luSolve(factors.get(0), factors.get(2), floating(rhs).astype(factors.get(0).dtype()));
    return vector ? Lax.reshape(x, b.shape()) : x;
  }

  /** Solves {@code L U x = P b} with the factors of {@code lu} (rows of b gathered by the permutation). */
  private static Array luSolve(Array lu, Array permutation, Array b) {
    Array broadcastB = Jnp.broadcastTo(b, batchOf(lu, b));
    Array permuted = Jnp.takeAlongAxis(broadcastB, Jnp.expandDims(Jnp.broadcastTo(permutation,
        batchShape(broadcastB)), -1), -2);
    Array y = TriangularSolve.TRIANGULAR_SOLVE.bind1(TriangularSolve.params(true, true, false, true),
        Jnp.broadcastTo(lu, squareOf(lu, broadcastB)), permuted);
    return TriangularSolve.TRIANGULAR_SOLVE.bind1(TriangularSolve.params(true, false, false, false),
        Jnp.broadcastTo(lu, squareOf(lu, broadcastB)), y);
  }

  static List<Array> qr(Array a, boolean fullMatrices) {
    ArgumentCheck.array("Jnp.linalg.qr", "a", a);
    if (a.ndim() < 2) {
      throw new ShapeException("Jnp.linalg.qr: needs matrices ([..., m, n]), got " + a.aval() + SourceLocation.suffix());
    }
    return Qr.QR.bind(Qr.params(fullMatrices), List.of(floating(a)));
  }

  static Array inv(Array a) {
    ArgumentCheck.array("Jnp.linalg.inv", "a", a);
    requireSquare("Jnp.linalg.inv", a);
    int n = a.shape()[a.ndim() - 1];
    Array eye = Jnp.broadcastTo(Jnp.eye(floating(a).dtype(), n), a.shape());
    return solve(a, eye);
  }

  /** The determinant: the product of U's diagonal, negated for an odd number of row swaps. */
  static Array det(Array a) {
    ArgumentCheck.array("Jnp.linalg.det", "a", a);
    requireSquare("Jnp.linalg.det", a);
    List<Array> factors = lu(a);
    Array lu = factors.get(0);
    int n = lu.shape()[lu.ndim() - 1];
    Array diagonal = Jnp.sum(lu.mul(Jnp.eye(lu.dtype(), n)), -1);
    Array swaps = Jnp.sum(Jnp.notEqual(factors.get(1), Jnp.arange(n)).astype(DType.I32), -1);
    Array sign = Jnp.literal(1).sub(Jnp.remainder(swaps, Jnp.literal(2)).mul(2)).astype(lu.dtype());
    return Jnp.prod(diagonal, -1).mul(sign);
  }

  private static int[] batchShape(Array b) {
    return java.util.Arrays.copyOf(b.shape(), b.ndim() - 1);
  }

  /** b's shape with the batch axes of lu and b broadcast together. */
  private static int[] batchOf(Array lu, Array b) {
    int[] lb = java.util.Arrays.copyOf(lu.shape(), lu.ndim() - 2), bb = java.util.Arrays.copyOf(b.shape(), b.ndim() - 2);
    int[] batch = broadcast(lb, bb);
    int[] out = java.util.Arrays.copyOf(batch, batch.length + 2);
    out[batch.length] = b.shape()[b.ndim() - 2];
    out[batch.length + 1] = b.shape()[b.ndim() - 1];
    return out;
  }

  private static int[] squareOf(Array lu, Array broadcastB) {
    int[] out = java.util.Arrays.copyOf(broadcastB.shape(), broadcastB.ndim());
    out[out.length - 1] = lu.shape()[lu.ndim() - 1];
    return out;
  }

  private static int[] broadcast(int[] a, int[] b) {
    int rank = Math.max(a.length, b.length);
    int[] out = new int[rank];
    for (int i = 0; i < rank; i++) {
      int x = i - (rank - a.length) >= 0 ? a[i - (rank - a.length)] : 1;
      int y = i - (rank - b.length) >= 0 ? b[i - (rank - b.length)] : 1;
      if (x != y && x != 1 && y != 1) {
        throw new ShapeException("Jnp.linalg: batch axes " + java.util.Arrays.toString(a) + " and "
            + java.util.Arrays.toString(b) + " do not broadcast" + SourceLocation.suffix());
      }
      out[i] = Math.max(x, y);
    }
    return out;
  }

  private static Array floating(Array x) {
    return x.dtype().isFloating() ? x : x.astype(DType.F32);
  }

  private static void requireSquare(String op, Array a) {
    if (a.ndim() < 2 || a.shape()[a.ndim() - 1] != a.shape()[a.ndim() - 2]) {
      throw new ShapeException(op + ": needs square matrices ([..., n, n]), got " + a.aval() + SourceLocation.suffix());
    }
  }
}
