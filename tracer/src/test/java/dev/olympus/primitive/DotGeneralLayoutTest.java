package dev.olympus.primitive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.olympus.Array;
import dev.olympus.lax.Lax;
import dev.olympus.numpy.Jnp;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@code dot_general} over operand layouts that the GEMM reads in place through strides (transposed
 * operands, batch axes anywhere, several contracting axes) and layouts that need a copy first (free axes
 * interleaved with contracting ones, contracting axes paired in another order). Every element is the same
 * fused multiply-add chain over the contraction whatever the layout, so each result must equal, to the bit, the
 * product of the operands transposed explicitly into the canonical (batch, free, contracting) order; and it
 * must be within the float32 dot-product error bound of a double-precision reference that follows the
 * dimension numbers directly.
 */
class DotGeneralLayoutTest {
  /** {@code copies}: which operands cannot be described by strides and must be copied (lhs, rhs). */
  record Case(int[] lhs, int[] rhs, int[] lc, int[] rc, int[] lb, int[] rb, boolean... copies) {}

  private static final Case[] CASES = {
      new Case(new int[] {20, 30}, new int[] {30, 40}, new int[] {1}, new int[] {0}, new int[0], new int[0]),
      new Case(new int[] {30, 20}, new int[] {30, 40}, new int[] {0}, new int[] {0}, new int[0], new int[0]),
      new Case(new int[] {20, 30}, new int[] {40, 30}, new int[] {1}, new int[] {1}, new int[0], new int[0]),
      new Case(new int[] {30, 20}, new int[] {40, 30}, new int[] {0}, new int[] {1}, new int[0], new int[0]),
      // Batch axis in the middle of both operands.
      new Case(new int[] {9, 2, 13}, new int[] {13, 2, 17}, new int[] {2}, new int[] {0}, new int[] {1}, new int[] {1}),
      // Batch last on the lhs, first on the rhs, lhs contracted over its first axis.
      new Case(new int[] {13, 9, 3}, new int[] {3, 13, 5}, new int[] {0}, new int[] {1}, new int[] {2}, new int[] {0}),
      // Two contracting axes, adjacent and in order: one stride.
      new Case(new int[] {7, 4, 6}, new int[] {4, 6, 11}, new int[] {1, 2}, new int[] {0, 1}, new int[0], new int[0]),
      // Two contracting axes paired in reverse order: the lhs's (2, 1) is copied, the rhs's (0, 1) read in place.
      new Case(new int[] {7, 4, 6}, new int[] {6, 4, 11}, new int[] {2, 1}, new int[] {0, 1}, new int[0], new int[0],
          true, false),
      new Case(new int[] {7, 6, 4}, new int[] {4, 6, 11}, new int[] {1, 2}, new int[] {1, 0}, new int[0], new int[0],
          false, true),
      // Free axes of the lhs on both sides of its contracting axis: the lhs is copied, the rhs read in place.
      new Case(new int[] {3, 10, 5}, new int[] {12, 10}, new int[] {1}, new int[] {1}, new int[0], new int[0],
          true, false),
      // Unit axes anywhere do not need a copy.
      new Case(new int[] {1, 8, 1, 33}, new int[] {33, 1, 19}, new int[] {3}, new int[] {0}, new int[0], new int[0]),
      // A vector times a matrix, and an outer product.
      new Case(new int[] {50}, new int[] {50, 70}, new int[] {0}, new int[] {0}, new int[0], new int[0]),
      new Case(new int[] {5, 1}, new int[] {1, 9}, new int[] {1}, new int[] {0}, new int[0], new int[0])};

  @Test
  void stridedReadsGiveTheBitsOfExplicitTransposesAndStayWithinTheErrorBound() {
    Random random = new Random(5);
    for (Case c : CASES) {
      String what = Arrays.toString(c.lhs()) + " . " + Arrays.toString(c.rhs()) + " over " + Arrays.toString(c.lc())
          + "/" + Arrays.toString(c.rc()) + ", batch " + Arrays.toString(c.lb()) + "/" + Arrays.toString(c.rb());
      float[] a = gaussian(random, size(c.lhs())), b = gaussian(random, size(c.rhs()));
      Array lhs = Jnp.array(a, c.lhs()), rhs = Jnp.array(b, c.rhs());
      Array got = Lax.dotGeneral(lhs, rhs, c.lc(), c.rc(), c.lb(), c.rb());
      DotGeneral.Canonical read = DotGeneral.canonical(lhs.storage(), rhs.storage(),
          new DotGeneral.DimensionNumbers(c.lc(), c.rc(), c.lb(), c.rb()));
      boolean copyL = c.copies().length > 0 && c.copies()[0], copyR = c.copies().length > 0 && c.copies()[1];
      assertEquals(copyL, read.lhs() != lhs.storage(), what + ": lhs copied");
      assertEquals(copyR, read.rhs() != rhs.storage(), what + ": rhs copied");

      int nb = c.lb().length, nc = c.lc().length;
      int[] lf = DotGeneral.free(c.lhs().length, c.lc(), c.lb()), rf = DotGeneral.free(c.rhs().length, c.rc(), c.rb());
      Array lt = Lax.transpose(lhs, DotGeneral.concat(DotGeneral.concat(c.lb(), lf), c.lc()));
      Array rt = Lax.transpose(rhs, DotGeneral.concat(DotGeneral.concat(c.rb(), c.rc()), rf));
      Array canonical = Lax.dotGeneral(lt, rt, range(nb + lf.length, nc), range(nb, nc), range(0, nb), range(0, nb));
      assertArrayEquals(canonical.shape(), got.shape(), what);
      assertArrayEquals(canonical.toFloatArray(), got.toFloatArray(), what);

      checkAgainstReference(c, a, b, lf, rf, got.toFloatArray(), what);
    }
  }

  /** Walks the output and the contraction as multi-indices, straight from the dimension numbers. */
  private static void checkAgainstReference(Case c, float[] a, float[] b, int[] lf, int[] rf, float[] got,
      String what) {
    int nb = c.lb().length;
    int[] outDims = new int[nb + lf.length + rf.length];
    for (int i = 0; i < nb; i++) outDims[i] = c.lhs()[c.lb()[i]];
    for (int i = 0; i < lf.length; i++) outDims[nb + i] = c.lhs()[lf[i]];
    for (int i = 0; i < rf.length; i++) outDims[nb + lf.length + i] = c.rhs()[rf[i]];
    int[] kDims = new int[c.lc().length];
    for (int i = 0; i < kDims.length; i++) kDims[i] = c.lhs()[c.lc()[i]];
    int k = size(kDims);
    int[] li = new int[c.lhs().length], ri = new int[c.rhs().length];
    for (int o = 0; o < got.length; o++) {
      int[] out = unravel(o, outDims);
      for (int i = 0; i < nb; i++) {
        li[c.lb()[i]] = out[i];
        ri[c.rb()[i]] = out[i];
      }
      for (int i = 0; i < lf.length; i++) li[lf[i]] = out[nb + i];
      for (int i = 0; i < rf.length; i++) ri[rf[i]] = out[nb + lf.length + i];
      double exact = 0, magnitude = 0;
      for (int p = 0; p < k; p++) {
        int[] kk = unravel(p, kDims);
        for (int i = 0; i < kk.length; i++) {
          li[c.lc()[i]] = kk[i];
          ri[c.rc()[i]] = kk[i];
        }
        double prod = (double) a[ravel(li, c.lhs())] * b[ravel(ri, c.rhs())];
        exact += prod;
        magnitude += Math.abs(prod);
      }
      // k fused multiply-adds round k times: |error| <= k 2^-24 / (1 - k 2^-24) sum|a_p b_p|; the double
      // reference's own error is at most about k 2^-53 of the same sum.
      double tol = (k * 0x1p-24 / (1 - k * 0x1p-24) + k * 0x1p-52) * magnitude;
      assertEquals(exact, got[o], tol, what + " at output " + Arrays.toString(out));
    }
  }

  private static int[] unravel(int flat, int[] dims) {
    int[] idx = new int[dims.length];
    for (int d = dims.length - 1; d >= 0; d--) {
      idx[d] = flat % dims[d];
      flat /= dims[d];
    }
    return idx;
  }

  private static int ravel(int[] idx, int[] dims) {
    int flat = 0;
    for (int d = 0; d < dims.length; d++) flat = flat * dims[d] + idx[d];
    return flat;
  }

  private static int[] range(int from, int count) {
    int[] r = new int[count];
    for (int i = 0; i < count; i++) r[i] = from + i;
    return r;
  }

  private static int size(int[] dims) {
    int s = 1;
    for (int d : dims) s *= d;
    return s;
  }

  private static float[] gaussian(Random r, int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) v[i] = (float) r.nextGaussian();
    return v;
  }
}
