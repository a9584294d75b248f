package dev.olympus.numpy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.Array;
import dev.olympus.DType;
import dev.olympus.Fn1;
import dev.olympus.Fn2;
import dev.olympus.Olympus;
import dev.olympus.errors.ShapeException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code Jnp.linalg} against the values JAX 0.10.2 computes in float64
 * ({@code tracer/src/test/python/make_linalg_values.py} writes {@code linalg/values.txt}): cholesky, solve
 * (vector, matrix, batched), inv, det (with row swaps), lu and every mode of triangularSolve; gradients and vmap,
 * eagerly and under jit. In f64 the factorizations agree to 1e-12; in f32 (inputs exact, results rounded through
 * a few dozen operations on numbers of order 10) to 1e-4 absolute.
 */
class LinalgTest {
  static final JaxValues WANT = JaxValues.load("/dev/olympus/linalg/values.txt");
  static final Array A = Jnp.array(new float[] {0.5f, 2, -1, 3, 1, 0.25f, -1, 0.5f, 2}, 3, 3);
  static final Array BATCH = Jnp.stack(List.of(A, Jnp.swapaxes(A, 0, 1).add(Jnp.eye(DType.F32, 3)),
      Jnp.array(new float[] {2, 0, 1, 1, -3, 0.5f, 0, 1, 1}, 3, 3)), 0);
  static final Array SPD = Jnp.matmul(A, Jnp.swapaxes(A, 0, 1)).add(Jnp.eye(DType.F32, 3));
  static final Array B = Jnp.array(new float[] {1, -2, 0.5f});
  static final Array BM = Jnp.array(new float[] {1, 0, -2, 1, 0.5f, 3}, 3, 2);
  static final Array W = Jnp.array(new float[] {1, -1, 0.5f, 2, 3, 0.25f}, 3, 2);

  static void f32(String name, Array got) { WANT.check(name, got, 1e-4f); }

  static void f64(String name, Array got) {
    assertEquals(DType.F64, got.dtype(), name);
    WANT.check(name, got, 1e-6f);
  }

  static Array d(Array x) { return x.astype(DType.F64); }

  @Test
  void factorizationsSolvesInversesAndDeterminants() {
    for (boolean jit : new boolean[] {false, true}) {
      Fn1<Array, Array> chol = jit ? Olympus.jit(Jnp.linalg::cholesky) : Jnp.linalg::cholesky;
      f32("cholesky", chol.apply(SPD));
      f64("cholesky", chol.apply(d(SPD)));
      Fn2<Array, Array, Array> solve = jit ? Olympus.jit(Jnp.linalg::solve) : Jnp.linalg::solve;
      f32("solve vector", solve.apply(A, B));
      f32("solve matrix", solve.apply(A, BM));
      f32("solve batch", solve.apply(BATCH, BM));
      f64("solve matrix", solve.apply(d(A), d(BM)));
      f32("inv", (jit ? Olympus.jit(Jnp.linalg::inv) : (Fn1<Array, Array>) Jnp.linalg::inv).apply(A));
      Fn1<Array, Array> det = jit ? Olympus.jit(Jnp.linalg::det) : Jnp.linalg::det;
      f32("det", det.apply(A));
      f32("det batch", det.apply(BATCH));
    }
    List<Array> lu = Jnp.linalg.lu(d(A));
    f64("lu", lu.get(0));
    assertArrayEquals(new int[] {1, 1, 2}, lu.get(1).toIntArray());
    assertArrayEquals(new int[] {1, 0, 2}, lu.get(2).toIntArray());
  }

  @Test
  void triangularSolveInEveryMode() {
    for (boolean left : new boolean[] {true, false}) {
      for (boolean lower : new boolean[] {true, false}) {
        for (boolean transpose : new boolean[] {false, true}) {
          for (boolean unit : new boolean[] {false, true}) {
            String name = "trsm " + cap(left) + " " + cap(lower) + " " + cap(transpose) + " " + cap(unit);
            Array rhs = left ? BM : Jnp.swapaxes(BM, 0, 1);
            f64(name, Jnp.linalg.triangularSolve(d(A), d(rhs), left, lower, transpose, unit));
          }
        }
      }
    }
    assertArrayEquals(Jnp.linalg.triangularSolve(A, BM, true, true, false, false).toFloatArray(),
        Jnp.linalg.triangularSolve(A, BM, true).toFloatArray());
  }

  private static String cap(boolean b) { return b ? "True" : "False"; }

  @Test
  void gradientsThroughTheFactorizations() {
    Array ones = Jnp.tril(Jnp.ones(DType.F32, 3, 3), 0);
    f32("grad cholesky", Olympus.grad((Array s) -> Jnp.sum(Jnp.linalg.cholesky(s).mul(ones.add(s)))).apply(SPD));
    f32("grad solve a", Olympus.grad((Array m) -> Jnp.sum(Jnp.linalg.solve(m, BM).mul(W))).apply(A));
    f32("grad solve b", Olympus.jit(Olympus.grad((Array v) -> Jnp.sum(Jnp.linalg.solve(A, v).mul(W)))).apply(BM));
    f32("grad det", Olympus.grad(Jnp.linalg::det).apply(A));
    f64("grad det", Olympus.grad(Jnp.linalg::det).apply(d(A)));
    f32("grad inv", Olympus.grad((Array m) -> Jnp.sum(Jnp.linalg.inv(m).mul(A))).apply(A));
    f32("grad trsm", Olympus.grad((Array m) -> Jnp.sum(Jnp.linalg.triangularSolve(m, BM, true, false, true, false)
        .mul(W))).apply(A));
  }

  static final Array TALL = Jnp.concatenate(List.of(A, Jnp.ones(DType.F32, 1, 3)), 0);

  @Test
  void qrWithLapackSignsAndItsGradient() {
    Jnp.linalg.QR f = Jnp.linalg.qr(d(TALL));
    f64("qr q", f.q());
    f64("qr r", f.r());
    Jnp.linalg.QR full = Jnp.linalg.qr(Jnp.swapaxes(d(TALL), 0, 1), true);
    f64("qr wide full q", full.q());
    f64("qr wide full r", full.r());
    Array wq = Jnp.arange(12).astype(DType.F32).reshape(4, 3).div(4).sub(1);
    Fn1<Array, Array> loss = m -> Jnp.sum(Jnp.linalg.qr(m).q().mul(wq)).add(Jnp.sum(Jnp.linalg.qr(m).r().mul(A)));
    f32("grad qr", Olympus.grad(loss).apply(TALL));
    f32("grad qr", Olympus.jit(Olympus.grad(loss)).apply(TALL));
    f32("vmap qr r", Olympus.vmap((Array m) -> Jnp.linalg.qr(m).r()).apply(BATCH));
  }

  @Test
  void vmapRunsOverTheBatch() {
    f32("vmap det", Olympus.vmap(Jnp.linalg::det).apply(BATCH));
    f32("vmap solve", Olympus.vmap((Array m) -> Jnp.linalg.solve(m, B)).apply(BATCH));
    f32("vmap grad det", Olympus.jit(Olympus.vmap(Olympus.grad(Jnp.linalg::det))).apply(BATCH));
  }

  @Test
  void printsTheJaxprsAndRejectsNonSquare() {
    String ir = Olympus.makeIr((Array m) -> Jnp.linalg.triangularSolve(m, BM, true, false, false, false), A).toString();
    assertTrue(ir.contains("triangular_solve[\n      conjugate_a=False\n      left_side=True\n      lower=False\n"
        + "      transpose_a=False\n      unit_diagonal=False\n    ] b a"), ir);
    assertTrue(Olympus.makeIr(Jnp.linalg::cholesky, SPD).toString().contains("= cholesky "));
    assertTrue(Double.isNaN(Jnp.linalg.cholesky(A.neg()).toFloatArray()[0]), "not positive definite: NaN, as JAX");
    ShapeException e = assertThrows(ShapeException.class, () -> Jnp.linalg.det(BM));
    assertTrue(e.getMessage().contains("square"), e.getMessage());
  }
}
