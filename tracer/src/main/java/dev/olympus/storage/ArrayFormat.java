package dev.olympus.storage;

import dev.olympus.DType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** Renders concrete arrays the way NumPy's repr does, e.g. {@code Array([1., 2.], dtype=float32)}. */
public final class ArrayFormat {
  private static final int SUMMARY_THRESHOLD = 1000;
  private static final int EDGE_ITEMS = 3;
  private static final int MAX_FRACTION_DIGITS = 8;

  private ArrayFormat() {}

  public static String repr(Storage s, boolean weak) {
    String prefix = "Array(";
    String body = body(s, prefix.length());
    StringBuilder sb = new StringBuilder(prefix).append(body).append(", dtype=").append(s.dtype().numpyName());
    if (weak) sb.append(", weak_type=True");
    return sb.append(')').toString();
  }

  /** The bracketed body NumPy prints, with continuation lines indented by {@code indent}. */
  public static String body(Storage s, int indent) {
    int n = s.length();
    boolean summarize = n > SUMMARY_THRESHOLD;
    List<Integer> shown = new ArrayList<>();
    collectShown(s.shape().dims(), 0, 0, s.shape().strides(), summarize, shown);
    String[] texts = formatElements(s, shown);
    int width = 0;
    for (String t : texts) width = Math.max(width, t.length());
    StringBuilder sb = new StringBuilder();
    int[] cursor = {0};
    render(sb, s.shape().dims(), 0, summarize, texts, width, cursor, indent);
    return sb.toString();
  }

  private static void collectShown(int[] dims, int axis, int offset, int[] strides, boolean summarize,
      List<Integer> out) {
    if (axis == dims.length) {
      out.add(offset);
      return;
    }
    for (int i : indices(dims[axis], summarize)) {
      collectShown(dims, axis + 1, offset + i * strides[axis], strides, summarize, out);
    }
  }

  private static int[] indices(int len, boolean summarize) {
    if (!summarize || len <= 2 * EDGE_ITEMS) {
      int[] all = new int[len];
      for (int i = 0; i < len; i++) all[i] = i;
      return all;
    }
    int[] idx = new int[2 * EDGE_ITEMS];
    for (int i = 0; i < EDGE_ITEMS; i++) {
      idx[i] = i;
      idx[EDGE_ITEMS + i] = len - EDGE_ITEMS + i;
    }
    return idx;
  }

  private static void render(StringBuilder sb, int[] dims, int axis, boolean summarize, String[] texts, int width,
      int[] cursor, int indent) {
    if (axis == dims.length) {
      String t = texts[cursor[0]++];
      sb.append(" ".repeat(width - t.length())).append(t);
      return;
    }
    sb.append('[');
    int len = dims[axis];
    boolean cut = summarize && len > 2 * EDGE_ITEMS;
    int count = cut ? 2 * EDGE_ITEMS : len;
    for (int k = 0; k < count; k++) {
      if (k > 0) {
        sb.append(',');
        separator(sb, dims.length - axis - 1, indent + axis + 1);
      }
      if (cut && k == EDGE_ITEMS) {
        sb.append("...,");
        separator(sb, dims.length - axis - 1, indent + axis + 1);
      }
      render(sb, dims, axis + 1, summarize, texts, width, cursor, indent);
    }
    sb.append(']');
  }

  private static void separator(StringBuilder sb, int innerRank, int indent) {
    if (innerRank == 0) {
      sb.append(' ');
    } else {
      sb.append("\n".repeat(innerRank)).append(" ".repeat(indent));
    }
  }

  private static String[] formatElements(Storage s, List<Integer> shown) {
    String[] out = new String[shown.size()];
    DType d = s.dtype();
    if (d == DType.BOOL) {
      for (int i = 0; i < out.length; i++) out[i] = s.getBool(shown.get(i)) ? "True" : "False";
      return out;
    }
    if (d.isInteger()) {
      for (int i = 0; i < out.length; i++) out[i] = Long.toString(s.getLong(shown.get(i)));
      return out;
    }
    double[] v = new double[out.length];
    for (int i = 0; i < v.length; i++) v[i] = s.getDouble(shown.get(i));
    return formatFloats(v, d == DType.F32);
  }

  /** NumPy's default float mode ('maxprec', precision 8): shortest unique digits, padded to a common width. */
  static String[] formatFloats(double[] v, boolean single) {
    double maxAbs = 0, minAbs = Double.POSITIVE_INFINITY;
    boolean anyNegative = false;
    for (double x : v) {
      if (Double.isFinite(x)) {
        double a = Math.abs(x);
        maxAbs = Math.max(maxAbs, a);
        if (a != 0) minAbs = Math.min(minAbs, a);
      }
      if (x < 0 || (x == 0 && 1 / x < 0)) anyNegative = true;
    }
    boolean scientific = maxAbs >= 1e16 || (minAbs < 1e-4 && minAbs != Double.POSITIVE_INFINITY)
        || (minAbs != Double.POSITIVE_INFINITY && maxAbs / minAbs > 1e3 && maxAbs >= 1e8);
    String[] out = new String[v.length];
    if (scientific) {
      for (int i = 0; i < v.length; i++) out[i] = scientific(v[i], single);
    } else {
      int frac = 0;
      BigDecimal[] dec = new BigDecimal[v.length];
      for (int i = 0; i < v.length; i++) {
        if (!Double.isFinite(v[i])) continue;
        dec[i] = shortest(v[i], single);
        BigDecimal rounded = dec[i].setScale(Math.min(Math.max(dec[i].scale(), 0), MAX_FRACTION_DIGITS),
            java.math.RoundingMode.HALF_EVEN).stripTrailingZeros();
        dec[i] = rounded;
        frac = Math.max(frac, Math.max(rounded.scale(), 0));
      }
      for (int i = 0; i < v.length; i++) {
        String t;
        if (Double.isNaN(v[i])) {
          t = "nan";
        } else if (Double.isInfinite(v[i])) {
          t = v[i] > 0 ? "inf" : "-inf";
        } else {
          BigDecimal d = dec[i];
          String plain = d.scale() <= 0 ? d.toBigInteger().toString() + "." : d.toPlainString();
          if (d.signum() == 0 && 1 / v[i] < 0) plain = "-" + plain.replace("-", "");
          int have = plain.length() - plain.indexOf('.') - 1;
          t = plain + " ".repeat(Math.max(0, frac - have));
        }
        out[i] = t;
      }
    }
    if (anyNegative) {
      for (int i = 0; i < out.length; i++) if (!out[i].startsWith("-")) out[i] = " " + out[i];
    }
    return out;
  }

  private static BigDecimal shortest(double x, boolean single) {
    return new BigDecimal(single ? Float.toString((float) x) : Double.toString(x));
  }

  private static String scientific(double x, boolean single) {
    if (Double.isNaN(x)) return "nan";
    if (Double.isInfinite(x)) return x > 0 ? "inf" : "-inf";
    if (x == 0) return "0.e+00";
    BigDecimal d = shortest(x, single);
    int exp = d.precision() - d.scale() - 1;
    BigDecimal mant = d.movePointLeft(exp).stripTrailingZeros();
    String m = mant.scale() <= 0 ? mant.toBigInteger() + "." : mant.toPlainString();
    return m + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
  }

  /** A scalar as jaxpr literals print it: {@code 2.0}, {@code 3}, {@code True}, {@code nan}, {@code -inf}. */
  public static String literal(Storage s) {
    DType d = s.dtype();
    if (d == DType.BOOL) return s.getBool(0) ? "True" : "False";
    if (d.isInteger()) return Long.toString(s.getLong(0));
    double x = s.getDouble(0);
    if (Double.isNaN(x)) return "nan";
    if (Double.isInfinite(x)) return x > 0 ? "inf" : "-inf";
    BigDecimal b = shortest(x, d == DType.F32);
    double a = Math.abs(x);
    if (a != 0 && (a >= 1e16 || a < 1e-4)) return scientific(x, d == DType.F32).replace(".e", ".0e");
    String plain = b.stripTrailingZeros().toPlainString();
    if (!plain.contains(".")) plain = plain + ".0";
    return plain;
  }
}
