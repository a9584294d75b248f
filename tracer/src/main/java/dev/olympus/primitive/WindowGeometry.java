package dev.olympus.primitive;

import dev.olympus.types.Shape;

/**
 * Where the windows of {@code reduce_window} and {@code select_and_gather_add / select_and_scatter_add} lie:
 * the operand is dilated by {@code baseDilation} (holes between elements) and padded, the window of
 * {@code dims} is dilated by {@code windowDilation} and moved by {@code strides}, on every axis.
 */
record WindowGeometry(int[] dims, int[] strides, WindowPadding padding, int[] baseDilation, int[] windowDilation) {
  WindowGeometry {
    dims = dims.clone();
    strides = strides.clone();
    baseDilation = baseDilation.clone();
    windowDilation = windowDilation.clone();
  }

  static WindowGeometry of(Params p) {
    return new WindowGeometry(p.ints("window_dimensions"), p.ints("window_strides"), p.as("padding"),
        p.ints("base_dilation"), p.ints("window_dilation"));
  }

  static Params params(int[] dims, int[] strides, WindowPadding padding, int[] baseDilation, int[] windowDilation) {
    return Params.of("base_dilation", baseDilation, "padding", padding, "window_dilation", windowDilation,
        "window_dimensions", dims, "window_strides", strides);
  }

  Params params() { return params(dims, strides, padding, baseDilation, windowDilation); }

  /** The geometry for a leading batch axis: a window of 1 there, moving by 1, unpadded. */
  WindowGeometry batched() {
    int[] low = padding.low(), high = padding.high();
    return new WindowGeometry(prepend(1, dims), prepend(1, strides),
        new WindowPadding(prepend(0, low), prepend(0, high)), prepend(1, baseDilation), prepend(1, windowDilation));
  }

  private static int[] prepend(int first, int[] rest) {
    int[] out = new int[rest.length + 1];
    out[0] = first;
    System.arraycopy(rest, 0, out, 1, rest.length);
    return out;
  }

  boolean dilated() {
    for (int i = 0; i < dims.length; i++) if (baseDilation[i] != 1 || windowDilation[i] != 1) return true;
    return false;
  }

  Shape outShape(String op, Shape in) {
    int rank = in.rank();
    for (int[] a : new int[][] {dims, strides, baseDilation, windowDilation}) {
      if (a.length != rank) {
        throw ShapeRules.error(op, "window dimensions, strides and dilations need one entry per axis of the operand "
            + in.tuple() + ", got " + Shape.tuple(a));
      }
    }
    if (padding.rank() != rank) {
      throw ShapeRules.error(op, "padding " + padding + " needs a (low, high) pair per axis of " + in.tuple());
    }
    int[] out = new int[rank], low = padding.low(), high = padding.high();
    for (int d = 0; d < rank; d++) {
      if (dims[d] < 0 || strides[d] < 1 || baseDilation[d] < 1 || windowDilation[d] < 1) {
        throw ShapeRules.error(op, "window " + Shape.tuple(dims) + " strides " + Shape.tuple(strides) + " and dilations "
            + "must be positive (axis " + d + ")");
      }
      int padded = ConvGeneralDilated.dilate(in.dim(d), baseDilation[d]) + low[d] + high[d];
      int window = ConvGeneralDilated.dilate(dims[d], windowDilation[d]);
      if (padded < 0) throw ShapeRules.error(op, "negative padding " + padding + " removes more than axis " + d + " holds");
      out[d] = padded >= window ? (padded - window) / strides[d] + 1 : 0;
    }
    return Shape.of(out);
  }

  /** Elements per window. */
  int windowSize() {
    int n = 1;
    for (int d : dims) n *= d;
    return n;
  }

  /**
   * Where output {@code o}'s window element {@code w} reads. When every window lies on operand elements (no
   * padding, no base dilation: pooling's case) that is {@code rowBases[o / cols] + (o % cols) * colStep +
   * offsets[w]}, one int per row of outputs; otherwise {@code table[o * win + w]}, -1 on padding or between
   * dilated elements.
   */
  record Reads(int[] rowBases, int cols, int colStep, int[] offsets, int[] table, int win) {
    int at(int o, int w) {
      return table != null ? table[o * win + w] : rowBases[o / cols] + (o % cols) * colStep + offsets[w];
    }
  }

  Reads reads(Shape in, Shape out) {
    boolean inside = true;
    for (int d = 0; d < dims.length; d++) {
      inside &= baseDilation[d] == 1 && padding.low()[d] == 0 && padding.high()[d] == 0;
    }
    int win = windowSize();
    if (!inside || in.rank() == 0 || out.size() == 0) return new Reads(null, 1, 0, null, sources(in, out), win);
    int last = in.rank() - 1;
    return new Reads(rowBases(in, out), out.dim(last), strides[last] * in.strides()[last], offsets(in), null, win);
  }

  /** The flat operand index of the first window element of each row of outputs (all axes but the last). */
  private int[] rowBases(Shape in, Shape out) {
    int rank = in.rank(), last = rank - 1;
    int rows = Math.toIntExact(out.size() / out.dim(last));
    int[] bases = new int[rows], inStrides = in.strides(), step = new int[rank], p = new int[rank];
    for (int d = 0; d < rank; d++) step[d] = strides[d] * inStrides[d];
    int rowBase = 0;
    for (int r = 0; r < rows; r++) {
      bases[r] = rowBase;
      for (int d = last - 1; d >= 0; d--) {
        rowBase += step[d];
        if (++p[d] < out.dim(d)) break;
        rowBase -= p[d] * step[d];
        p[d] = 0;
      }
    }
    return bases;
  }

  /** The flat offsets of a window's elements (row-major) from its first. */
  private int[] offsets(Shape in) {
    int rank = in.rank(), win = windowSize();
    int[] offsets = new int[win], inStrides = in.strides(), k = new int[rank];
    for (int w = 0; w < win; w++) {
      int at = 0;
      for (int d = 0; d < rank; d++) at += k[d] * windowDilation[d] * inStrides[d];
      offsets[w] = at;
      for (int d = rank - 1; d >= 0; d--) {
        if (++k[d] < dims[d]) break;
        k[d] = 0;
      }
    }
    return offsets;
  }

  /**
   * For each output element (row-major) and each element of its window (row-major), the flat index of the
   * operand element there, or -1 where the window lies on padding or between dilated elements; laid out as
   * {@code [out * windowSize() + k]}.
   */
  private int[] sources(Shape in, Shape out) {
    int rank = in.rank(), win = windowSize();
    int outCount = Math.toIntExact(out.size());
    int[] table = new int[Math.multiplyExact(outCount, win)];
    int[] inStrides = in.strides(), low = padding.low();
    // Per axis, the offset that output position p and window position k contribute, or -1 off the operand.
    int[][] axis = new int[rank][];
    for (int d = 0; d < rank; d++) {
      axis[d] = new int[out.dim(d) * dims[d]];
      for (int p = 0; p < out.dim(d); p++) {
        for (int k = 0; k < dims[d]; k++) {
          int pos = p * strides[d] + k * windowDilation[d] - low[d];
          boolean on = pos >= 0 && pos % baseDilation[d] == 0 && pos / baseDilation[d] < in.dim(d);
          axis[d][p * dims[d] + k] = on ? pos / baseDilation[d] * inStrides[d] : -1;
        }
      }
    }
    int[] p = new int[rank], k = new int[rank];
    for (int o = 0; o < outCount; o++) {
      java.util.Arrays.fill(k, 0);
      for (int w = 0; w < win; w++) {
        int at = 0;
        for (int d = 0; d < rank; d++) {
          int a = axis[d][p[d] * dims[d] + k[d]];
          if (a < 0) {
            at = -1;
            break;
          }
          at += a;
        }
        table[o * win + w] = at;
        for (int d = rank - 1; d >= 0; d--) {
          if (++k[d] < dims[d]) break;
          k[d] = 0;
        }
      }
      for (int d = rank - 1; d >= 0; d--) {
        if (++p[d] < out.dim(d)) break;
        p[d] = 0;
      }
    }
    return table;
  }
}
