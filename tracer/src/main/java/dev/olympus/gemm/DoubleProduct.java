package dev.olympus.gemm;

import java.util.Arrays;

/**
 * A float64 product's packing and micro-kernel loops. Packing reads A and B through their {@link Strides}, so a
 * transposed operand costs nothing extra: the loop reads along whichever dimension is contiguous. Packed A
 * holds, per micro-panel of MR rows, MR values for each k; packed B, per micro-panel of up to nr columns, that
 * many values for each k; both are zero-padded to whole micro-panels, whose extra rows and columns are
 * computed into a scratch tile and dropped.
 */
final class DoubleProduct extends BlockedProduct<DoubleProduct.Scratch> {
  /** A thread's packed blocks and edge tile, reused across products (they only grow). */
  static final class Scratch {
    double[] a = new double[0];
    double[] b = new double[0];
    double[] tile = new double[0];
  }

  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  private final double[] a, b, c;
  private final Strides as, bs;
  private final int cOff;
  private final DoubleMicroKernel kernel;

  DoubleProduct(int batch, int m, int k, int n, double[] a, Strides as, double[] b, Strides bs, double[] c, int cOff,
      DoubleMicroKernel kernel, Epilogue done) {
    super(batch, m, k, n, Blocking.of(kernel.lanes()), done);
    this.a = a;
    this.b = b;
    this.c = c;
    this.as = as;
    this.bs = bs;
    this.cOff = cOff;
    this.kernel = kernel;
  }

  @Override
  Scratch scratch(int kc, int mc, int nc) {
    Scratch s = SCRATCH.get();
    if (s.a.length < kc * mc) s.a = new double[kc * mc];
    if (s.b.length < kc * nc) s.b = new double[kc * nc];
    if (s.tile.length < blocking.mr() * blocking.nr()) s.tile = new double[blocking.mr() * blocking.nr()];
    return s;
  }

  @Override
  void packA(Scratch s, int bt, int i0, int rows, int p0, int kc) {
    int mr = blocking.mr(), rowStride = as.row(), colStride = as.col();
    double[] dst = s.a;
    int base = as.offset() + bt * as.batch() + i0 * rowStride + p0 * colStride;
    for (int ip = 0; ip < rows; ip += mr) {
      int h = Math.min(mr, rows - ip), d = ip * kc, src = base + ip * rowStride;
      if (rowStride == 1 && h == mr) {
        // A read transposed: for each k, the panel's rows are next to each other.
        for (int p = 0, at = src, to = d; p < kc; p++, at += colStride, to += mr) {
          for (int r = 0; r < mr; r++) dst[to + r] = a[at + r];
        }
        continue;
      }
      for (int r = 0; r < h; r++) {
        for (int p = 0, at = src + r * rowStride, to = d + r; p < kc; p++, at += colStride, to += mr) dst[to] = a[at];
      }
      for (int r = h; r < mr; r++) {
        for (int p = 0, to = d + r; p < kc; p++, to += mr) dst[to] = 0d;
      }
    }
  }

  @Override
  void packB(Scratch s, int bt, int j0, int cols, int p0, int kc) {
    int nr = blocking.nr(), rowStride = bs.row(), colStride = bs.col();
    double[] dst = s.b;
    int base = bs.offset() + bt * bs.batch() + p0 * rowStride + j0 * colStride;
    for (int jp = 0; jp < cols; jp += nr) {
      int w = Math.min(nr, cols - jp), width = blocking.panelWidth(w), d = jp * kc, src = base + jp * colStride;
      if (colStride == 1) {
        for (int p = 0; p < kc; p++) {
          System.arraycopy(b, src + p * rowStride, dst, d + p * width, w);
          if (w < width) Arrays.fill(dst, d + p * width + w, d + (p + 1) * width, 0d);
        }
        continue;
      }
      // B read transposed: walk each column along k, where it is contiguous.
      for (int q = 0; q < w; q++) {
        for (int p = 0, at = src + q * colStride, to = d + q; p < kc; p++, at += rowStride, to += width) dst[to] = b[at];
      }
      for (int q = w; q < width; q++) {
        for (int p = 0, to = d + q; p < kc; p++, to += width) dst[to] = 0d;
      }
    }
  }

  @Override
  void multiply(Scratch s, int bt, int i0, int rows, int j0, int cols, int kc, boolean accumulate) {
    int mr = blocking.mr(), nr = blocking.nr();
    int corner = cOff + (bt * m + i0) * n + j0;
    for (int jp = 0; jp < cols; jp += nr) {
      int w = Math.min(nr, cols - jp), width = blocking.panelWidth(w), bOff = jp * kc;
      for (int ip = 0; ip < rows; ip += mr) {
        int h = Math.min(mr, rows - ip), at = corner + ip * n + jp;
        if (h == mr && w == width) {
          kernel.tile(width, kc, s.a, ip * kc, s.b, bOff, c, at, n, accumulate);
        } else {
          edge(s, h, w, width, kc, ip * kc, bOff, at, accumulate);
        }
      }
    }
  }

  /** A tile that overhangs C's last rows or columns: computed in the scratch tile, then its real part copied. */
  private void edge(Scratch s, int h, int w, int width, int kc, int aOff, int bOff, int at, boolean accumulate) {
    double[] t = s.tile;
    if (accumulate) {
      for (int r = 0; r < h; r++) System.arraycopy(c, at + r * n, t, r * width, w);
    }
    kernel.tile(width, kc, s.a, aOff, s.b, bOff, t, 0, width, accumulate);
    for (int r = 0; r < h; r++) System.arraycopy(t, r * width, c, at + r * n, w);
  }

  @Override
  void zeroRows(int from, int to) {
    Arrays.fill(c, cOff + from * n, cOff + to * n, 0d);
  }
}
