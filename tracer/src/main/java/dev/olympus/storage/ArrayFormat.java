package dev.olympus.storage;

import dev.olympus.DType;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders concrete arrays the way JAX's {@code repr} does: {@code Array(} + NumPy's {@code array2string} body
 * ({@code separator=', '}, 75-column lines, summaries of more than 1000 elements with {@code ...}, NumPy's
 * default {@code maxprec} float mode with 8 digits) + {@code , dtype=float32)}. The algorithm is NumPy's
 * ({@code numpy/_core/arrayprint.py}), transcribed so the text matches character for character.
 */
public final class ArrayFormat {
  private static final int LINE_WIDTH = 75;
  private static final int SUMMARY_THRESHOLD = 1000;
  private static final int EDGE_ITEMS = 3;
  private static final int PRECISION = 8;
  private static final String SEPARATOR = ", ";
  private static final String PREFIX = "Array(";
  private static final String SUFFIX = ",";

  private ArrayFormat() {}

  /** JAX's {@code Array.__repr__}, e.g. {@code Array([1., 2.], dtype=float32)}. */
  public static String repr(Storage s, boolean weak) {
    String dtype = "dtype=" + s.dtype().numpyName() + (weak ? ", weak_type=True)" : ")");
    String body = s.length() == 0 ? "[], shape=" + s.shape().tuple() : array2string(s);
    // JAX's own arithmetic (it counts two characters too many when there is no newline), kept to match it.
    int lastLineLength = body.length() - body.lastIndexOf('\n') + 1;
    String sep = lastLineLength + dtype.length() + 1 > LINE_WIDTH ? " ".repeat(PREFIX.length()) : " ";
    return PREFIX + body + SUFFIX + sep + dtype;
  }

  /**
   * NumPy's {@code str} of an array, which is what {@code jax.debug.print} shows for each {@code {}}: a 0-d
   * array prints as its scalar ({@code 1.5}, {@code 3}, {@code True}), others as
   * {@code array2string(a, separator=' ')} ({@code [1. 2. 3.]}, {@code [[1 2]\n [3 4]]}).
   */
  public static String str(Storage s) {
    if (s.shape().rank() == 0) return literal(s, false);
    if (s.length() == 0) return "[]";
    return array2string(s, " ", "", "");
  }

  /** NumPy's {@code array2string(a, prefix='Array(', suffix=',', separator=', ')} for a non-empty array. */
  static String array2string(Storage s) {
    return array2string(s, SEPARATOR, PREFIX, SUFFIX);
  }

  private static String array2string(Storage s, String separator, String prefix, String suffix) {
    int[] dims = s.shape().dims();
    boolean summarize = s.length() > SUMMARY_THRESHOLD;
    List<Integer> shown = new ArrayList<>();
    collectShown(dims, 0, 0, s.shape().strides(), summarize, shown);
    ElementFormat format = ElementFormat.of(s, shown);
    return new Layout(s, format, summarize, separator).recurse(0, 0, " " + " ".repeat(prefix.length()),
        LINE_WIDTH - suffix.length());
  }

  // ---- layout: NumPy's _formatArray --------------------------------------------------------------------

  private static final class Layout {
    private final int[] dims;
    private final int[] strides;
    private final ElementFormat format;
    private final boolean summarize;
    private final String separator;
    private final StringBuilder out = new StringBuilder();
    private String line;

    Layout(Storage s, ElementFormat format, boolean summarize, String separator) {
      this(s.shape().dims(), s.shape().strides(), format, summarize, separator);
    }

    String recurse(int axis, int offset, String hanging, int width) {
      int axesLeft = dims.length - axis;
      if (axesLeft == 0) return format.apply(offset);
      String nextHanging = hanging + " ";
      int nextWidth = width - 1;
      int len = dims[axis];
      boolean showSummary = summarize && 2 * EDGE_ITEMS < len;
      int leading = showSummary ? EDGE_ITEMS : 0;
      int trailing = showSummary ? EDGE_ITEMS : len;
      int stride = strides[axis];
      StringBuilder s = new StringBuilder();
      if (axesLeft == 1) {
        int elemWidth = width - Math.max(separator.strip().length(), 1);
        Layout row = new Layout(this);
        row.line = hanging;
        for (int i = 0; i < leading; i++) {
          row.extend(recurse(axis + 1, offset + i * stride, nextHanging, nextWidth), elemWidth, hanging);
          row.line += separator;
        }
        if (showSummary) {
          row.extend("...", elemWidth, hanging);
          row.line += separator;
        }
        for (int i = trailing; i > 1; i--) {
          row.extend(recurse(axis + 1, offset + (len - i) * stride, nextHanging, nextWidth), elemWidth, hanging);
          row.line += separator;
        }
        row.extend(recurse(axis + 1, offset + (len - 1) * stride, nextHanging, nextWidth), elemWidth, hanging);
        s.append(row.out).append(row.line);
      } else {
        String lineSep = separator.stripTrailing() + "\n".repeat(axesLeft - 1);
        for (int i = 0; i < leading; i++) {
          s.append(hanging).append(recurse(axis + 1, offset + i * stride, nextHanging, nextWidth)).append(lineSep);
        }
        if (showSummary) s.append(hanging).append("...").append(lineSep);
        for (int i = trailing; i > 1; i--) {
          s.append(hanging).append(recurse(axis + 1, offset + (len - i) * stride, nextHanging, nextWidth))
              .append(lineSep);
        }
        s.append(hanging).append(recurse(axis + 1, offset + (len - 1) * stride, nextHanging, nextWidth));
      }
      return "[" + s.substring(hanging.length()) + "]";
    }

    private Layout(Layout parent) {
      this(parent.dims, parent.strides, parent.format, parent.summarize, parent.separator);
    }

    private Layout(int[] dims, int[] strides, ElementFormat format, boolean summarize, String separator) {
      this.dims = dims;
      this.strides = strides;
      this.format = format;
      this.summarize = summarize;
      this.separator = separator;
    }

    /** NumPy's {@code _extendLine}: wrap before {@code word} if it would pass {@code width}, unless that cannot help. */
    void extend(String word, int width, String nextLinePrefix) {
      boolean wrap = line.length() + word.length() > width && line.length() > nextLinePrefix.length();
      if (wrap) {
        out.append(line.stripTrailing()).append('\n');
        line = nextLinePrefix;
      }
      line += word;
    }
  }

  private static void collectShown(int[] dims, int axis, int offset, int[] strides, boolean summarize,
      List<Integer> out) {
    if (axis == dims.length) {
      out.add(offset);
      return;
    }
    int len = dims[axis];
    boolean cut = summarize && len > 2 * EDGE_ITEMS;
    for (int i = 0; i < len; i++) {
      if (cut && i == EDGE_ITEMS) i = len - EDGE_ITEMS;
      collectShown(dims, axis + 1, offset + i * strides[axis], strides, summarize, out);
    }
  }

  // ---- elements: NumPy's BoolFormat, IntegerFormat, FloatingFormat ------------------------------------

  /** Formats element {@code offset}; fitted to the elements that will be shown, as NumPy fits its formatter. */
  private interface ElementFormat {
    String apply(int offset);

    static ElementFormat of(Storage s, List<Integer> shown) {
      DType d = s.dtype();
      if (d == DType.BOOL) {
        // An extra space so " True" lines up with "False", except in 0-d arrays.
        String trueText = s.shape().rank() == 0 ? "True" : " True";
        return i -> s.getBool(i) ? trueText : "False";
      }
      if (d.isInteger()) {
        int width = 0;
        for (int i : shown) width = Math.max(width, Long.toString(s.getLong(i)).length());
        int w = width;
        return i -> pad(Long.toString(s.getLong(i)), w);
      }
      if (d == DType.BF16) {
        // NumPy has no bfloat16 of its own: ml_dtypes' scalars print through Python's %g, unpadded, as JAX shows.
        return i -> percentG(s.getDouble(i));
      }
      double[] values = new double[shown.size()];
      for (int k = 0; k < values.length; k++) values[k] = s.getDouble(shown.get(k));
      FloatFormat f = new FloatFormat(values, d);
      return i -> f.format(s.getDouble(i));
    }
  }

  /** C's {@code %g}: 6 significant digits, trailing zeros dropped, scientific below 1e-4 and from 1e6. */
  static String percentG(double x) {
    if (Double.isNaN(x)) return "nan";
    if (Double.isInfinite(x)) return x > 0 ? "inf" : "-inf";
    if (x == 0) return negativeZero(x) ? "-0" : "0";
    BigDecimal b = new BigDecimal(x).round(new MathContext(6, RoundingMode.HALF_EVEN));
    int exponent = b.precision() - b.scale() - 1;
    if (exponent < -4 || exponent >= 6) {
      BigDecimal mantissa = b.movePointLeft(exponent).stripTrailingZeros();
      String e = Integer.toString(Math.abs(exponent));
      return mantissa.toPlainString() + "e" + (exponent < 0 ? "-" : "+") + (e.length() < 2 ? "0" : "") + e;
    }
    b = b.stripTrailingZeros();
    return b.scale() < 0 ? b.setScale(0).toPlainString() : b.toPlainString();
  }

  private static String pad(String text, int width) {
    return text.length() >= width ? text : " ".repeat(width - text.length()) + text;
  }

  /** NumPy's FloatingFormat in 'maxprec' mode with precision 8 and sign '-'. */
  private static final class FloatFormat {
    private final DType floatType;
    private boolean scientific;
    private int padLeft;
    private int padRight;
    private int expDigits = 2;
    private int precision;

    FloatFormat(double[] values, DType floatType) {
      this.floatType = floatType;
      double max = 0, min = Double.POSITIVE_INFINITY;
      boolean anyFinite = false, anyNonFinite = false, negInf = false;
      for (double x : values) {
        if (!Double.isFinite(x)) {
          anyNonFinite = true;
          negInf |= x == Double.NEGATIVE_INFINITY;
          continue;
        }
        anyFinite = true;
        double a = Math.abs(x);
        if (a != 0) {
          max = Math.max(max, a);
          min = Math.min(min, a);
        }
      }
      if (min != Double.POSITIVE_INFINITY) scientific = max >= 1e8 || min < 1e-4 || max / min > 1e3;
      if (anyFinite) {
        for (double x : values) {
          if (!Double.isFinite(x)) continue;
          if (scientific) {
            Scientific sc = Scientific.of(x, floatType);
            padLeft = Math.max(padLeft, sc.intPart.length());
            precision = Math.max(precision, sc.fraction.length());
            expDigits = Math.max(expDigits, sc.exponentDigits().length());
          } else {
            String p = positional(x, floatType);
            int dot = p.indexOf('.');
            padLeft = Math.max(padLeft, dot);
            padRight = Math.max(padRight, p.length() - dot - 1);
          }
        }
        if (scientific) padRight = expDigits + 2 + precision;
      }
      if (anyNonFinite) {
        int offset = padRight + 1;
        padLeft = Math.max(padLeft, Math.max(3 - offset, 3 + (negInf ? 1 : 0) - offset));
      }
    }

    String format(double x) {
      if (!Double.isFinite(x)) {
        String t = Double.isNaN(x) ? "nan" : x > 0 ? "inf" : "-inf";
        return pad(t, padLeft + padRight + 1);
      }
      if (scientific) {
        Scientific sc = Scientific.of(x, floatType).withFractionDigits(precision);
        String exp = sc.exponentDigits();
        exp = "0".repeat(Math.max(0, expDigits - exp.length())) + exp;
        return pad(sc.intPart, padLeft) + "." + sc.fraction + "e" + (sc.exponent < 0 ? "-" : "+") + exp;
      }
      String p = positional(x, floatType);
      int dot = p.indexOf('.');
      String left = pad(p.substring(0, dot), padLeft);
      String right = p.substring(dot + 1);
      return left + "." + right + " ".repeat(padRight - right.length());
    }
  }

  /** Dragon4 positional, unique digits, at most 8 fractional digits, trailing zeros trimmed but not the point. */
  private static String positional(double x, DType floatType) {
    BigDecimal d = shortest(x, floatType);
    if (d.scale() > PRECISION) d = new BigDecimal(x).setScale(PRECISION, RoundingMode.HALF_EVEN);
    d = d.stripTrailingZeros();
    String plain = d.scale() <= 0 ? d.toBigInteger().toString() + "." : d.toPlainString();
    if (d.signum() == 0 && negativeZero(x)) plain = "-" + plain;
    return plain;
  }

  private static boolean negativeZero(double x) {
    return x == 0 && Double.doubleToRawLongBits(x) != 0;
  }

  /** A number in scientific notation: sign and leading digit, fraction digits, decimal exponent. */
  private record Scientific(String intPart, String fraction, int exponent, double value, DType floatType) {
    static Scientific of(double x, DType floatType) {
      BigDecimal d = shortest(x, floatType);
      if (d.signum() == 0) return new Scientific(negativeZero(x) ? "-0" : "0", "", 0, x, floatType);
      if (d.precision() > PRECISION + 1) d = new BigDecimal(x).round(new MathContext(PRECISION + 1));
      d = d.stripTrailingZeros();
      return split(d, x, floatType);
    }

    private static Scientific split(BigDecimal d, double x, DType floatType) {
      String digits = d.unscaledValue().abs().toString();
      int exponent = d.precision() - d.scale() - 1;
      String sign = d.signum() < 0 ? "-" : "";
      return new Scientific(sign + digits.charAt(0), digits.substring(1), exponent, x, floatType);
    }

    /** More digits than needed for uniqueness: the exact value rounded half-even, as Dragon4's min_digits. */
    Scientific withFractionDigits(int n) {
      if (fraction.length() >= n || value == 0) {
        return new Scientific(intPart, fraction + "0".repeat(n - fraction.length()), exponent, value, floatType);
      }
      BigDecimal exact = new BigDecimal(value).round(new MathContext(n + 1, RoundingMode.HALF_EVEN));
      Scientific r = split(exact, value, floatType);
      String f = r.fraction + "0".repeat(Math.max(0, n - r.fraction.length()));
      return new Scientific(r.intPart, f, r.exponent, value, floatType);
    }

    String exponentDigits() { return Integer.toString(Math.abs(exponent)); }
  }

  /**
   * The shortest decimal that reads back as {@code x} in its own precision (float32 or float64). Searched
   * directly rather than taken from {@code Float.toString}, which is not always shortest before JDK 19.
   */
  static BigDecimal shortest(double x, DType floatType) {
    if (x == 0) return BigDecimal.ZERO;
    BigDecimal exact = new BigDecimal(x);
    int max = switch (floatType) {
      case F64 -> 17;
      case F32 -> 9;
      case F16 -> 5;
      default -> 4;
    };
    for (int p = 1; p < max; p++) {
      BigDecimal candidate = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
      boolean roundTrips = switch (floatType) {
        case F64 -> candidate.doubleValue() == x;
        case F32 -> candidate.floatValue() == (float) x;
        default -> Storage.scalar(floatType, candidate.doubleValue()).getDouble(0) == x;
      };
      if (roundTrips) return candidate;
    }
    return exact.round(new MathContext(max, RoundingMode.HALF_EVEN));
  }

  /**
   * A scalar as jaxpr literals print it: {@code 2.0}, {@code 0.1}, {@code 1e-05}, {@code 3}, {@code True},
   * {@code nan}, {@code -inf}. A weak literal stands for a Python scalar and prints as Python's {@code repr}
   * (scientific below 1e-4 and from 1e16); a strong one is a NumPy scalar and prints as NumPy's {@code str},
   * which for float32 turns scientific from 1e6. Digits are the shortest that read back in the dtype.
   */
  public static String literal(Storage s, boolean weak) {
    DType d = s.dtype();
    if (d == DType.BOOL) return s.getBool(0) ? "True" : "False";
    if (d.isInteger()) return Long.toString(s.getLong(0));
    double x = s.getDouble(0);
    // The shortest-digits search below costs microseconds; a program repeats few distinct literals many times.
    FloatLiteralKey key = new FloatLiteralKey(Double.doubleToRawLongBits(x), d, weak);
    String known = FLOAT_LITERALS.get(key);
    if (known != null) return known;
    String text = floatLiteral(x, d, weak);
    if (FLOAT_LITERALS.size() >= 4096) FLOAT_LITERALS.clear();
    FLOAT_LITERALS.put(key, text);
    return text;
  }

  private record FloatLiteralKey(long bits, DType floatType, boolean weak) {}

  private static final java.util.concurrent.ConcurrentHashMap<FloatLiteralKey, String> FLOAT_LITERALS =
      new java.util.concurrent.ConcurrentHashMap<>();

  private static String floatLiteral(double x, DType floatType, boolean weak) {
    if (Double.isNaN(x)) return "nan";
    if (Double.isInfinite(x)) return x > 0 ? "inf" : "-inf";
    if (x == 0) return negativeZero(x) ? "-0.0" : "0.0";
    BigDecimal b = shortest(x, floatType).stripTrailingZeros();
    double upper = floatType != DType.F64 && !weak ? 1e6 : 1e16;
    // A weak literal compares the decimal the user wrote; a NumPy scalar its exact binary value.
    double a = Math.abs(weak ? b.doubleValue() : x);
    if (a < 1e-4 || a >= upper) {
      Scientific sc = Scientific.split(b, x, floatType);
      String mantissa = sc.intPart + (sc.fraction.isEmpty() ? "" : "." + sc.fraction);
      String e = sc.exponentDigits();
      return mantissa + "e" + (sc.exponent < 0 ? "-" : "+") + (e.length() < 2 ? "0" : "") + e;
    }
    String plain = b.toPlainString();
    return plain.contains(".") ? plain : plain + ".0";
  }
}
