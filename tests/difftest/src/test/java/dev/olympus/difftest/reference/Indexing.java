package dev.olympus.difftest.reference;

import java.util.ArrayList;
import java.util.List;

/** Row-major index arithmetic of the structural ops: for each output element, which input element(s) it reads. */
final class Indexing {
  private Indexing() {}

  static int size(int[] shape) {
    int n = 1;
    for (int d : shape) n *= d;
    return n;
  }

  static int flat(int[] idx, int[] strides) {
    int f = 0;
    for (int i = 0; i < idx.length; i++) f += idx[i] * strides[i];
    return f;
  }

  /** {@code out[o] = in[o permuted]}: output axis {@code k} is input axis {@code perm[k]}. */
  static int[] transpose(int[] in, int[] perm) {
    int[] outShape = new int[in.length];
    for (int k = 0; k < in.length; k++) outShape[k] = in[perm[k]];
    int[] inStrides = RefArray.strides(in);
    int n = size(outShape);
    int[] map = new int[n];
    for (int f = 0; f < n; f++) {
      int[] o = RefArray.unravel(f, outShape);
      int src = 0;
      for (int k = 0; k < o.length; k++) src += o[k] * inStrides[perm[k]];
      map[f] = src;
    }
    return map;
  }

  /** NumPy broadcasting of {@code in} to {@code out}: trailing axes aligned, size-1 axes repeated. */
  static int[] broadcast(int[] in, int[] out) {
    int[] inStrides = RefArray.strides(in);
    int n = size(out);
    int[] map = new int[n];
    int shift = out.length - in.length;
    for (int f = 0; f < n; f++) {
      int[] o = RefArray.unravel(f, out);
      int src = 0;
      for (int i = 0; i < in.length; i++) src += (in[i] == 1 ? 0 : o[i + shift]) * inStrides[i];
      map[f] = src;
    }
    return map;
  }

  static int[] slice(int[] in, int axis, int start, int step, int[] out) {
    int[] inStrides = RefArray.strides(in);
    int n = size(out);
    int[] map = new int[n];
    for (int f = 0; f < n; f++) {
      int[] o = RefArray.unravel(f, out);
      o[axis] = start + o[axis] * step;
      map[f] = flat(o, inStrides);
    }
    return map;
  }

  /** For each output element of a reduction over {@code axes}: its input elements, in row-major order. */
  static int[][] reductionGroups(int[] in, int[] axes) {
    boolean[] reduced = new boolean[in.length];
    for (int a : axes) reduced[a] = true;
    List<Integer> kept = new ArrayList<>();
    for (int i = 0; i < in.length; i++) if (!reduced[i]) kept.add(in[i]);
    int[] outShape = kept.stream().mapToInt(Integer::intValue).toArray();
    int m = size(outShape);
    List<List<Integer>> groups = new ArrayList<>();
    for (int k = 0; k < m; k++) groups.add(new ArrayList<>());
    int[] outStrides = RefArray.strides(outShape);
    int n = size(in);
    for (int f = 0; f < n; f++) {
      int[] idx = RefArray.unravel(f, in);
      int o = 0;
      for (int i = 0, k = 0; i < in.length; i++) if (!reduced[i]) o += idx[i] * outStrides[k++];
      groups.get(o).add(f);
    }
    int[][] out = new int[m][];
    for (int k = 0; k < m; k++) out[k] = groups.get(k).stream().mapToInt(Integer::intValue).toArray();
    return out;
  }

  /** For each output element of a dot_general: the lhs and rhs elements multiplied, in contraction order. */
  record Contraction(int[][] lhs, int[][] rhs) {}

  static Contraction contraction(int[] a, int[] b, int[] ca, int[] cb, int[] ba, int[] bb) {
    List<Integer> freeA = free(a.length, ca, ba), freeB = free(b.length, cb, bb);
    int[] outShape = new int[ba.length + freeA.size() + freeB.size()];
    int k = 0;
    for (int d : ba) outShape[k++] = a[d];
    for (int d : freeA) outShape[k++] = a[d];
    for (int d : freeB) outShape[k++] = b[d];
    int[] cShape = new int[ca.length];
    for (int i = 0; i < ca.length; i++) cShape[i] = a[ca[i]];
    int[] sa = RefArray.strides(a), sb = RefArray.strides(b);
    int n = size(outShape), kn = size(cShape);
    int[][] lhs = new int[n][kn], rhs = new int[n][kn];
    for (int f = 0; f < n; f++) {
      int[] o = RefArray.unravel(f, outShape);
      int[] ia = new int[a.length], ib = new int[b.length];
      int p = 0;
      for (int i = 0; i < ba.length; i++, p++) {
        ia[ba[i]] = o[p];
        ib[bb[i]] = o[p];
      }
      for (int d : freeA) ia[d] = o[p++];
      for (int d : freeB) ib[d] = o[p++];
      for (int c = 0; c < kn; c++) {
        int[] ci = RefArray.unravel(c, cShape);
        for (int i = 0; i < ca.length; i++) {
          ia[ca[i]] = ci[i];
          ib[cb[i]] = ci[i];
        }
        lhs[f][c] = flat(ia, sa);
        rhs[f][c] = flat(ib, sb);
      }
    }
    return new Contraction(lhs, rhs);
  }

  private static List<Integer> free(int rank, int[] contract, int[] batch) {
    List<Integer> out = new ArrayList<>();
    outer:
    for (int d = 0; d < rank; d++) {
      for (int c : contract) if (c == d) continue outer;
      for (int c : batch) if (c == d) continue outer;
      out.add(d);
    }
    return out;
  }

  /** For each output element of a concatenation: {operand, element of that operand}. */
  static int[][] concatenate(int[][] shapes, int axis) {
    int[] out = shapes[0].clone();
    out[axis] = 0;
    int[] offsets = new int[shapes.length];
    for (int i = 0; i < shapes.length; i++) {
      offsets[i] = out[axis];
      out[axis] += shapes[i][axis];
    }
    int n = size(out);
    int[][] src = new int[n][];
    for (int f = 0; f < n; f++) {
      int[] o = RefArray.unravel(f, out);
      int which = shapes.length - 1;
      while (offsets[which] > o[axis]) which--;
      o[axis] -= offsets[which];
      src[f] = new int[] {which, flat(o, RefArray.strides(shapes[which]))};
    }
    return src;
  }
}
