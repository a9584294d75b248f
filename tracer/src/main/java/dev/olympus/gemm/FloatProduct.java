package dev.olympus.gemm;

import java.util.Arrays;

/**
 * A float32 product's packing and micro-kernel loops. Packing reads A and B through their {@link Strides}, so a
 * transposed operand costs nothing extra: the loop reads along whichever dimension is contiguous. Packed A
 * holds, per micro-panel of MR rows, MR values for each k; packed B, per micro-panel of up to nr columns, that
 * many values for each k (the micro-panel starting at column j of a panel that is K deep begins at j * K);
 * both are zero-padded to whole micro-panels, whose extra rows and columns are
 * computed into a scratch tile and dropped.
 */
final class FloatProduct extends BlockedProduct<FloatProduct.Scratch> {
  /** A thread's packed A block, edge tile and B panel, reused across products (they grow to at most a panel). */
  static final class Scratch {
    float[] a = new float[0];
    float[] b = new float[0];
    float[] tile = new float[0];
  }

  /** Holds a thread's scratch while it is not in use: {@link #take} empties it, so nested products get their own. */
  private static final ThreadLocal<Scratch> SCRATCH = new ThreadLocal<>();

  private final float[] a, b, c;
  private final Strides as, bs;
  private final int cOff;
  private final FloatMicroKernel kernel;

  FloatProduct(int batch, int m, int k, int n, float[] a, Strides as, float[] b, Strides bs, float[] c, int cOff,
      FloatMicroKernel kernel, Epilogue done) {
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
  Scratch take() {
    Scratch s = SCRATCH.get();
    if (s == null) s = new Scratch();
    else SCRATCH.set(null);
    int aSize = blocking.mc() * blocking.kc(), tileSize = blocking.mr() * blocking.nr();
    if (s.a.length < aSize) s.a = new float[aSize];
    if (s.tile.length < tileSize) s.tile = new float[tileSize];
    return s;
  }

  @Override
  void giveBack(Scratch s) {
    SCRATCH.set(s);
  }

  @Override
  void reservePanel(Scratch s, int elements) {
    if (s.b.length < elements) s.b = new float[elements];
  }

  @Override
  void packA(Scratch s, int bt, int i0, int rows, int p0, int kc) {
    int mr = blocking.mr(), rowStride = as.row(), colStride = as.col();
    float[] dst = s.a;
    int base = as.offset() + bt * as.batch() + i0 * rowStride + p0 * colStride;
    for (int ip = 0; ip < rows; ip += mr) {
      int h = Math.min(mr, rows - ip), d = ip * kc, src = base + ip * rowStride;
      if (h == mr) {
        copy8(a, src, rowStride, colStride, kc, dst, d, mr);
        continue;
      }
      for (int r = 0; r < h; r++) {
        for (int p = 0, at = src + r * rowStride, to = d + r; p < kc; p++, at += colStride, to += mr) dst[to] = a[at];
      }
      for (int r = h; r < mr; r++) {
        for (int p = 0, to = d + r; p < kc; p++, to += mr) dst[to] = 0f;
      }
    }
  }

  @Override
  void packB(Scratch panel, int at, int bt, int j0, int cols, int p0, int kc) {
    int nr = blocking.nr(), rowStride = bs.row(), colStride = bs.col();
    float[] dst = panel.b;
    int base = bs.offset() + bt * bs.batch() + p0 * rowStride + j0 * colStride;
    for (int jp = 0; jp < cols; jp += nr) {
      int w = Math.min(nr, cols - jp), width = blocking.panelWidth(w), d = at + jp * kc,
          src = base + jp * colStride;
      if (colStride == 1) {
        for (int p = 0; p < kc; p++) {
          System.arraycopy(b, src + p * rowStride, dst, d + p * width, w);
          if (w < width) Arrays.fill(dst, d + p * width + w, d + (p + 1) * width, 0f);
        }
        continue;
      }
      int q = 0;
      for (; q + 8 <= w; q += 8) copy8(b, src + q * colStride, colStride, rowStride, kc, dst, d + q, width);
      for (; q < w; q++) {
        for (int p = 0, from = src + q * colStride, to = d + q; p < kc; p++, from += rowStride, to += width) {
          dst[to] = b[from];
        }
      }
      for (q = w; q < width; q++) {
        for (int p = 0, to = d + q; p < kc; p++, to += width) dst[to] = 0f;
      }
    }
  }

  /**
   * {@code dst[d + p * dstStep + r] = src[from + r * streamStride + p * step]} for 8 streams r and {@code count}
   * steps p: eight reads that each walk their own stream and eight writes next to each other per step, which is
   * faster than a stream at a time (strided writes) whichever of the source's strides is 1.
   */
  private static void copy8(float[] src, int from, int streamStride, int step, int count, float[] dst, int d,
      int dstStep) {
    int s0 = from, s1 = s0 + streamStride, s2 = s1 + streamStride, s3 = s2 + streamStride, s4 = s3 + streamStride,
        s5 = s4 + streamStride, s6 = s5 + streamStride, s7 = s6 + streamStride;
    for (int p = 0, at = 0, to = d; p < count; p++, at += step, to += dstStep) {
      dst[to] = src[s0 + at];
      dst[to + 1] = src[s1 + at];
      dst[to + 2] = src[s2 + at];
      dst[to + 3] = src[s3 + at];
      dst[to + 4] = src[s4 + at];
      dst[to + 5] = src[s5 + at];
      dst[to + 6] = src[s6 + at];
      dst[to + 7] = src[s7 + at];
    }
  }

  @Override
  void multiply(Scratch s, Scratch panel, int at, int panelK, int p, int bt, int i0, int rows, int j0, int cols,
      int kc, boolean accumulate) {
    int mr = blocking.mr(), nr = blocking.nr();
    int corner = cOff + (bt * m + i0) * n + j0;
    for (int jp = 0; jp < cols; jp += nr) {
      int w = Math.min(nr, cols - jp), width = blocking.panelWidth(w), bOff = at + jp * panelK + p * width;
      for (int ip = 0; ip < rows; ip += mr) {
        int h = Math.min(mr, rows - ip), to = corner + ip * n + jp;
        if (h == mr && w == width) {
          kernel.tile(width, kc, s.a, ip * kc, panel.b, bOff, c, to, n, accumulate);
        } else {
          edge(s, panel, h, w, width, kc, ip * kc, bOff, to, accumulate);
        }
      }
    }
  }

  /** A tile that overhangs C's last rows or columns: computed in the scratch tile, then its real part copied. */
  private void edge(Scratch s, Scratch panel, int h, int w, int width, int kc, int aOff, int bOff, int to,
      boolean accumulate) {
    float[] t = s.tile;
    if (accumulate) {
      for (int r = 0; r < h; r++) System.arraycopy(c, to + r * n, t, r * width, w);
    }
    kernel.tile(width, kc, s.a, aOff, panel.b, bOff, t, 0, width, accumulate);
    for (int r = 0; r < h; r++) System.arraycopy(t, r * width, c, to + r * n, w);
  }

  @Override
  void zeroRows(int from, int to) {
    Arrays.fill(c, cOff + from * n, cOff + to * n, 0f);
  }
}
