package dev.olympus.numpy;

import static dev.olympus.Numerics.assertClose;
import static dev.olympus.Numerics.assertShape;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.Array;
import dev.olympus.DType;
import dev.olympus.Numerics;
import dev.olympus.errors.ShapeException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** NumPy semantics of {@link Jnp}: broadcasting, composites built from primitives, empty and 0-d arrays. */
class JnpTest {
  private static float[] iota(int n) {
    float[] f = new float[n];
    for (int i = 0; i < n; i++) f[i] = i;
    return f;
  }

  /** NumPy broadcasting against an explicit loop: out[i][j][k] = x[i][0][k] + y[j][0] (shapes (2,1,4)+(3,1)). */
  @Test
  void broadcastingAgainstIndexLoop() {
    float[] xs = iota(8), ys = {100, 200, 300};
    Array x = Jnp.array(xs, 2, 1, 4), y = Jnp.array(ys, 3, 1);
    Array out = Jnp.add(x, y);
    assertShape(out, DType.F32, 2, 3, 4);
    float[] got = out.toFloatArray();
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 3; j++) {
        for (int k = 0; k < 4; k++) assertEquals(xs[i * 4 + k] + ys[j], got[(i * 3 + j) * 4 + k]);
      }
    }
    assertShape(Jnp.multiply(Jnp.zeros(DType.F32, 0, 3), Numerics.f32(1, 2, 3)), DType.F32, 0, 3);
    assertShape(Jnp.add(Jnp.zeros(DType.F32, 1, 0), Jnp.zeros(DType.F32, 5, 1)), DType.F32, 5, 0);
    assertShape(Jnp.add(Jnp.scalar(1f), Jnp.scalar(2f)), DType.F32);
    assertArrayEquals(new float[] {11, 12}, Jnp.add(Jnp.scalar(10f), Numerics.f32(1, 2)).toFloatArray());
    ShapeException e = assertThrows(ShapeException.class, () -> Jnp.add(Numerics.f32(1, 2, 3), Numerics.f32(1, 2)));
    assertTrue(e.getMessage().startsWith("add: shapes (3,) and (2,) cannot be broadcast together"), e.getMessage());
    assertThrows(ShapeException.class, () -> Jnp.broadcastTo(Numerics.f32(1, 2), 2, 3));
    assertSame(x, Jnp.broadcastTo(x, 2, 1, 4), "broadcasting to the same shape is the identity");
  }

  @Test
  void meanSumMaxMinIncludingEmptyAnd0d() {
    Array m = Jnp.array(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
    assertArrayEquals(new float[] {2.5f, 3.5f, 4.5f}, Jnp.mean(m, 0).toFloatArray());
    assertArrayEquals(new float[] {2, 5}, Jnp.mean(m, -1).toFloatArray());
    assertEquals(3.5f, Jnp.mean(m).floatValue());
    assertEquals(21f, Jnp.sum(m).floatValue());
    assertArrayEquals(new float[] {3, 6}, Jnp.max(m, 1).toFloatArray());
    assertArrayEquals(new float[] {1, 2, 3}, Jnp.min(m, 0).toFloatArray());
    // Integer mean is float32; bool sums count as int32.
    assertEquals(DType.F32, Jnp.mean(Numerics.i32(1, 2)).dtype());
    assertEquals(1.5f, Jnp.mean(Numerics.i32(1, 2)).floatValue());
    assertEquals(DType.I32, Jnp.sum(Numerics.bools(true, true, false)).dtype());
    assertEquals(2, Jnp.sum(Numerics.bools(true, true, false)).intValue());
    // Empty: sum is 0, mean is nan (0/0), max/min raise like NumPy's "zero-size array to reduction".
    assertEquals(0f, Jnp.sum(Jnp.zeros(DType.F32, 0)).floatValue());
    assertTrue(Float.isNaN(Jnp.mean(Jnp.zeros(DType.F32, 0)).floatValue()));
    ShapeException e = assertThrows(ShapeException.class, () -> Jnp.max(Jnp.zeros(DType.F32, 0)));
    assertTrue(e.getMessage().contains("zero-size array to reduction operation max which has no identity"),
        e.getMessage());
    assertThrows(ShapeException.class, () -> Jnp.min(Jnp.zeros(DType.I32, 2, 0), 1));
    assertArrayEquals(new float[0], Jnp.max(Jnp.zeros(DType.F32, 0, 2), 1).toFloatArray(), "no reduced axis empty");
    // 0-d arrays reduce to themselves; an axis on a 0-d array is out of range.
    assertEquals(4f, Jnp.sum(Jnp.scalar(4f)).floatValue());
    assertEquals(4f, Jnp.mean(Jnp.scalar(4f)).floatValue());
    assertEquals(4f, Jnp.max(Jnp.scalar(4f)).floatValue());
    ShapeException axis = assertThrows(ShapeException.class, () -> Jnp.sum(Jnp.scalar(4f), 0));
    assertTrue(axis.getMessage().contains("axis 0 is out of bounds for an array of rank 0"), axis.getMessage());
    ShapeException axis2 = assertThrows(ShapeException.class, () -> Jnp.mean(m, 2));
    assertTrue(axis2.getMessage().startsWith("mean: axis 2 is out of bounds for an array of rank 2"), axis2.getMessage());
    assertThrows(ShapeException.class, () -> Jnp.sum(m, 0, -2));
    assertTrue(Jnp.any(Numerics.bools(false, true)).bool());
    assertEquals(false, Jnp.all(Numerics.i32(1, 0)).bool());
  }

  @Test
  void log2AndFriends() {
    Array x = Numerics.f32(1, 2, 8, 0.5, 3);
    float[] got = Jnp.log2(x).toFloatArray();
    double[] in = {1, 2, 8, 0.5, 3};
    for (int i = 0; i < in.length; i++) {
      // log(x) and log(2) each round once to f32 and the division rounds again: within 2 ulp of log2.
      assertClose("log2(" + in[i] + ")", (float) (StrictMath.log(in[i]) / StrictMath.log(2)), got[i], 2, DType.F32);
    }
    assertEquals(DType.F32, Jnp.log2(Numerics.i32(4)).dtype());
    assertEquals(Float.NEGATIVE_INFINITY, Jnp.log2(0.0).floatValue());
    assertEquals(3f, Jnp.sqrt(9.0).floatValue());
    assertEquals(DType.F32, Jnp.sqrt(9.0).dtype());
    assertArrayEquals(new float[] {4, 9}, Jnp.square(Numerics.f32(2, 3)).toFloatArray());
    assertArrayEquals(new int[] {4, 9}, Jnp.square(Numerics.i32(-2, 3)).toIntArray());
    assertArrayEquals(new float[] {0, 0.5f, 1}, Jnp.clip(Numerics.f32(-1, 0.5, 7), 0, 1).toFloatArray());
    assertArrayEquals(new float[] {0.5f, (float) (1 / (1 + Math.exp(-2)))},
        Jnp.logistic(Numerics.f32(0, 2)).toFloatArray());
    assertArrayEquals(new float[] {1, 0, 1}, Jnp.abs(Numerics.f32(-1, -0.0, 1)).toFloatArray());
    assertArrayEquals(new int[] {-1, 0, 1}, Jnp.sign(Numerics.i32(-5, 0, 5)).toIntArray());
    assertArrayEquals(new float[] {-1, 2}, Jnp.negative(Numerics.f32(1, -2)).toFloatArray());
  }

  /** NumPy's % has the sign of the divisor; // rounds toward negative infinity (Python semantics). */
  @Test
  void remainderAndFloorDivideFollowPython() {
    int[] a = {7, -7, 7, -7, 0, 6, Integer.MIN_VALUE};
    int[] b = {3, 3, -3, -3, 3, 3, -1};
    int[] rem = Jnp.remainder(Numerics.i32(a), Numerics.i32(b)).toIntArray();
    int[] fdiv = Jnp.floorDivide(Numerics.i32(a), Numerics.i32(b)).toIntArray();
    for (int i = 0; i < a.length; i++) {
      assertEquals(Math.floorMod(a[i], b[i]), rem[i], "rem " + a[i] + " % " + b[i]);
      assertEquals(Math.floorDiv(a[i], b[i]), fdiv[i], "floor_divide " + a[i] + " // " + b[i]);
    }
    assertEquals(0, Jnp.remainder(Numerics.i32(5), Numerics.i32(0)).intValue(), "int x % 0 is 0, as in JAX");
    // JAX's integer floor_divide on XLA's x / 0 == -1: -2 where x != 0, -1 for 0 // 0.
    assertArrayEquals(new int[] {-2, -2, -1}, Jnp.floorDivide(Numerics.i32(5, -5, 0), Numerics.i32(0, 0, 0))
        .toIntArray());
    double[] fa = {7.5, -7.5, 7.5, -7.5, -0.0};
    double[] fb = {2, 2, -2, -2, 2};
    float[] frem = Jnp.remainder(Numerics.f32(fa), Numerics.f32(fb)).toFloatArray();
    float[] ffd = Jnp.floorDivide(Numerics.f32(fa), Numerics.f32(fb)).toFloatArray();
    for (int i = 0; i < fa.length; i++) {
      double pyMod = fa[i] - Math.floor(fa[i] / fb[i]) * fb[i];
      assertEquals(pyMod, frem[i], 0.0, "rem " + fa[i] + " % " + fb[i]);
      assertEquals(Math.floor(fa[i] / fb[i]), ffd[i], 0.0, "floor_divide " + fa[i] + " // " + fb[i]);
    }
    // Broadcast divisor.
    assertArrayEquals(new int[] {1, 2, 0, 1}, Jnp.remainder(Numerics.i32(-5, -4, 3, 4), Jnp.scalar(3)).toIntArray());
  }

  @Test
  void divideIsTrueDivision() {
    Array q = Jnp.divide(Numerics.i32(1, -1, 0), Numerics.i32(2, 0, 0));
    assertEquals(DType.F32, q.dtype());
    assertEquals(0.5f, q.toFloatArray()[0]);
    assertEquals(Float.NEGATIVE_INFINITY, q.toFloatArray()[1]);
    assertTrue(Float.isNaN(q.toFloatArray()[2]));
    assertEquals(DType.F64, Jnp.divide(Numerics.f64(1), Numerics.i32(3)).dtype());
  }

  @Test
  void powerForms() {
    assertArrayEquals(new float[] {8, 0.25f}, Jnp.power(Numerics.f32(2, 2), Numerics.f32(3, -2)).toFloatArray());
    assertArrayEquals(new float[] {1, 1.4142135f}, Jnp.power(Numerics.f32(1, 2), 0.5).toFloatArray());
    assertArrayEquals(new int[] {1, 8, -27}, Jnp.power(Numerics.i32(1, 2, -3), 3).toIntArray());
    assertArrayEquals(new float[] {0.5f}, Numerics.f32(2).pow(-1).toFloatArray());
    assertThrows(ShapeException.class, () -> Jnp.power(Numerics.i32(2), -1), "int ** negative int is an error");
  }

  @Test
  void whereBroadcastsAndPromotes() {
    Array c = Numerics.bools(true, false, true);
    Array w = Jnp.where(c, Numerics.f32(1, 2, 3), 0.0);
    assertArrayEquals(new float[] {1, 0, 3}, w.toFloatArray());
    Array grid = Jnp.where(Jnp.array(new boolean[] {true, false}, 2, 1), Numerics.i32(1, 2, 3), Jnp.scalar(-1));
    assertShape(grid, DType.I32, 2, 3);
    assertArrayEquals(new int[] {1, 2, 3, -1, -1, -1}, grid.toIntArray());
    Array ints = Jnp.where(Numerics.i32(0, 5), 1.0, 2.0);
    assertArrayEquals(new float[] {2, 1}, ints.toFloatArray(), "a numeric condition is compared with 0");
    assertShape(Jnp.where(Jnp.scalar(true), 1.0, 2.0), DType.F32);
    // An int literal is a weak int32, so an int32 array stays int32; a float literal makes it float32.
    Array relu = Jnp.where(Numerics.i32(-2, 3).gt(0), Numerics.i32(-2, 3), 0);
    assertShape(relu, DType.I32, 2);
    assertArrayEquals(new int[] {0, 3}, relu.toIntArray());
    assertEquals(DType.F32, Jnp.where(Numerics.i32(-2, 3).gt(0), Numerics.i32(-2, 3), 0.0).dtype());
    assertEquals(DType.I32, Jnp.where(Numerics.bools(true), 1, 2).dtype());
    assertThrows(ShapeException.class, () -> Jnp.where(Numerics.bools(true, false), Numerics.f32(1, 2, 3), 0.0));
  }

  @Test
  void creation() {
    assertArrayEquals(new float[] {0, 0.25f, 0.5f, 0.75f, 1}, Jnp.linspace(0, 1, 5).toFloatArray());
    float[] ls = Jnp.linspace(-1, 2, 7).toFloatArray();
    for (int i = 0; i < 7; i++) assertClose("linspace[" + i + "]", (float) (-1 + 0.5 * i), ls[i], 1, DType.F32);
    assertEquals(2f, ls[6], "the last element is exactly stop");
    assertShape(Jnp.linspace(0, 1, 0), DType.F32, 0);
    assertArrayEquals(new float[] {3}, Jnp.linspace(3, 5, 1).toFloatArray());
    assertArrayEquals(new int[] {0, 1, 2}, Jnp.arange(3).toIntArray());
    assertArrayEquals(new int[] {5, 3, 1}, Jnp.arange(5, 0, -2).toIntArray());
    assertShape(Jnp.arange(0), DType.I32, 0);
    assertArrayEquals(new double[] {1, 0, 0, 1}, Jnp.eye(DType.F64, 2).toDoubleArray());
    assertArrayEquals(new float[] {7, 7}, Jnp.full(DType.F32, 7, 2).toFloatArray());
    assertShape(Jnp.ones(DType.BOOL, 2, 2), DType.BOOL, 2, 2);
    assertShape(Jnp.zeros(DType.I64), DType.I64);
    assertShape(Jnp.scalar(1.5), DType.F32);
    assertEquals(false, Jnp.scalar(1.5).weakType());
    assertShape(Jnp.array(1.0, 2.0), DType.F32, 2);
    ShapeException e = assertThrows(ShapeException.class, () -> Jnp.array(new float[] {1, 2, 3}, 2, 2));
    assertTrue(e.getMessage().contains("argument data has 3 values, which cannot fill shape (2, 2)"), e.getMessage());
    assertThrows(ShapeException.class, () -> Jnp.array(new float[0], -1));
    assertThrows(ShapeException.class, () -> Jnp.arange(-1));
    assertThrows(ShapeException.class, () -> Jnp.zeros(DType.F32, -1));
    assertThrows(ShapeException.class, () -> Jnp.full(DType.F32, 1, 2, -3));
    assertShape(Jnp.eye(DType.F32, 0), DType.F32, 0, 0);
  }

  @Test
  void shapeManipulation() {
    Array x = Jnp.array(iota(6), 2, 3);
    assertShape(Jnp.reshape(x, 3, -1), DType.F32, 3, 2);
    assertShape(x.reshape(6), DType.F32, 6);
    assertShape(Jnp.reshape(Jnp.scalar(1f), 1), DType.F32, 1);
    assertShape(Jnp.reshape(Numerics.f32(1), new int[0]), DType.F32);
    ShapeException e = assertThrows(ShapeException.class, () -> x.reshape(4, 2));
    assertTrue(e.getMessage().contains("cannot reshape f32[2,3] (6 elements) into shape (4, 2) (8 elements)"),
        e.getMessage());
    assertThrows(ShapeException.class, () -> x.reshape(-1, -1));
    assertThrows(ShapeException.class, () -> x.reshape(4, -1));
    assertArrayEquals(new float[] {0, 3, 1, 4, 2, 5}, x.T().toFloatArray());
    assertArrayEquals(new float[] {0, 3, 1, 4, 2, 5}, x.transpose(-1, 0).toFloatArray());
    assertShape(Jnp.scalar(1f).T(), DType.F32);
    ShapeException t = assertThrows(ShapeException.class, () -> x.transpose(0, 0));
    assertTrue(t.getMessage().contains("(0, 0) is not a permutation of the axes of f32[2,3]"), t.getMessage());
    ShapeException far = assertThrows(ShapeException.class, () -> x.transpose(-5, 0));
    assertTrue(far.getMessage().startsWith("transpose: axis -5 is out of bounds for an array of rank 2"),
        far.getMessage());
    assertShape(Jnp.expandDims(x, 1), DType.F32, 2, 1, 3);
    assertShape(Jnp.expandDims(x, -1), DType.F32, 2, 3, 1);
    assertShape(Jnp.expandDims(Jnp.scalar(1f), 0), DType.F32, 1);
    assertThrows(ShapeException.class, () -> Jnp.expandDims(x, 3));
    assertShape(Jnp.squeeze(Jnp.zeros(DType.F32, 1, 2, 1)), DType.F32, 2);
    assertThrows(ShapeException.class, () -> Jnp.squeeze(x, 0));
    Array cat = Jnp.concatenate(List.of(x, Jnp.array(new float[] {9, 9, 9}, 1, 3)), 0);
    assertShape(cat, DType.F32, 3, 3);
    assertEquals(DType.F32, Jnp.concatenate(List.of(Numerics.i32(1), Numerics.f32(2)), 0).dtype(), "promotes");
    assertThrows(ShapeException.class, () -> Jnp.concatenate(List.of(x, Numerics.f32(1, 2)), 0));
    assertThrows(ShapeException.class, () -> Jnp.concatenate(List.of(x, x), 2));
    assertShape(Jnp.stack(List.of(Numerics.f32(1, 2), Numerics.f32(3, 4)), 1), DType.F32, 2, 2);
    assertArrayEquals(new float[] {1, 3, 5}, Jnp.slice(Jnp.array(iota(7)), 0, 1, 7, 2).toFloatArray());
    assertArrayEquals(new float[] {2, 4},
        Jnp.booleanIndex(Numerics.f32(1, 2, 3, 4), Numerics.bools(false, true, false, true)).toFloatArray());
    assertShape(Jnp.booleanIndex(Numerics.f32(1, 2), Numerics.bools(false, false)), DType.F32, 0);
    assertThrows(ShapeException.class, () -> Jnp.booleanIndex(Numerics.f32(1, 2), Numerics.bools(true)));
    assertEquals(DType.I32, Jnp.astype(Numerics.f32(1.7), DType.I32).dtype());
  }

  /** dot and matmul against double loops, including matmul's batch broadcasting and 1-d promotion. */
  @Test
  void dotAndMatmul() {
    Array a = Jnp.array(iota(6), 2, 3), b = Jnp.array(iota(12), 3, 4);
    Array ab = Jnp.matmul(a, b);
    assertShape(ab, DType.F32, 2, 4);
    float[] got = ab.toFloatArray();
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 4; j++) {
        double acc = 0;
        for (int p = 0; p < 3; p++) acc += (i * 3 + p) * (p * 4 + j);
        assertEquals(acc, got[i * 4 + j], 0.0, "small integers are exact in f32");
      }
    }
    assertArrayEquals(got, Jnp.dot(a, b).toFloatArray());
    // Batch broadcasting: (2,1,2,3) @ (4,3,1) -> (2,4,2,1).
    Array ba = Jnp.array(iota(12), 2, 1, 2, 3), bb = Jnp.array(iota(12), 4, 3, 1);
    Array bm = Jnp.matmul(ba, bb);
    assertShape(bm, DType.F32, 2, 4, 2, 1);
    float[] g = bm.toFloatArray();
    for (int s = 0; s < 2; s++) {
      for (int t = 0; t < 4; t++) {
        for (int i = 0; i < 2; i++) {
          double acc = 0;
          for (int p = 0; p < 3; p++) acc += (s * 6 + i * 3 + p) * (t * 3 + p);
          assertEquals(acc, g[(s * 4 + t) * 2 + i], 0.0);
        }
      }
    }
    assertEquals(14f, Jnp.matmul(Numerics.f32(1, 2, 3), Numerics.f32(1, 2, 3)).floatValue());
    assertShape(Jnp.matmul(Numerics.f32(1, 2), a), DType.F32, 3);
    assertShape(Jnp.matmul(a, Numerics.f32(1, 2, 3)), DType.F32, 2);
    assertEquals(DType.F64, Jnp.matmul(Numerics.i32(1, 2), Numerics.f64(1, 2)).dtype());
    assertShape(Jnp.dot(Jnp.scalar(2f), a), DType.F32, 2, 3);
    assertEquals(14f, Jnp.dot(Numerics.f32(1, 2, 3), Numerics.f32(1, 2, 3)).floatValue());
    ShapeException e = assertThrows(ShapeException.class, () -> Jnp.matmul(a, a));
    assertTrue(e.getMessage().startsWith("matmul: shapes (2, 3) and (2, 3) are not aligned"), e.getMessage());
    ShapeException d = assertThrows(ShapeException.class, () -> Jnp.dot(a, a));
    assertTrue(d.getMessage().startsWith("dot: shapes (2, 3) and (2, 3) are not aligned"), d.getMessage());
    assertThrows(ShapeException.class, () -> Jnp.matmul(Jnp.scalar(1f), a));
    assertThrows(ShapeException.class, () -> Jnp.matmul(Jnp.zeros(DType.F32, 2, 2, 3), Jnp.zeros(DType.F32, 3, 3, 1)));
  }

  /** A product of operands stored the other way round says which transpose fits, and the hint is right. */
  @Test
  void misalignedProductsSuggestTheTransposeThatFits() {
    Array x = Jnp.zeros(DType.F32, 4, 3);
    Array w = Jnp.zeros(DType.F32, 5, 3);
    ShapeException e = assertThrows(ShapeException.class, () -> Jnp.matmul(x, w));
    assertTrue(e.getMessage().contains("Did you mean matmul(a, b.T())? b with its last two axes swapped has shape "
        + "(3, 5) and aligns with a"), e.getMessage());
    assertShape(Jnp.matmul(x, w.T()), DType.F32, 4, 5);

    Array col = Jnp.zeros(DType.F32, 3, 4);
    ShapeException left = assertThrows(ShapeException.class, () -> Jnp.dot(col, Jnp.zeros(DType.F32, 3, 2)));
    assertTrue(left.getMessage().contains("Did you mean dot(a.T(), b)?"), left.getMessage());
    assertShape(Jnp.dot(col.T(), Jnp.zeros(DType.F32, 3, 2)), DType.F32, 4, 2);

    Array stack = Jnp.zeros(DType.F32, 2, 4, 3);
    ShapeException batched = assertThrows(ShapeException.class, () -> Jnp.matmul(stack, stack));
    assertTrue(batched.getMessage().contains("Did you mean matmul(a, b.transpose(0, 2, 1))?"), batched.getMessage());
    assertShape(Jnp.matmul(stack, stack.transpose(0, 2, 1)), DType.F32, 2, 4, 4);

    // No transpose helps: the message says what must agree instead of guessing.
    ShapeException none = assertThrows(ShapeException.class,
        () -> Jnp.matmul(Jnp.zeros(DType.F32, 2, 3), Jnp.zeros(DType.F32, 4, 5)));
    assertFalse(none.getMessage().contains("Did you mean"), none.getMessage());
    assertTrue(none.getMessage().contains("the last axis of the first must have the size of the second-last axis of "
        + "the second"), none.getMessage());
  }
}
