package dev.olympus.primitive;

import java.util.Arrays;

/**
 * Padding before and after each spatial axis of a windowed op (a convolution's or reduce_window's
 * {@code padding}); negative amounts crop. Printed as JAX prints it: {@code ((1, 1), (0, 2))}.
 */
public record WindowPadding(int[] low, int[] high) {
  public WindowPadding {
    if (low.length != high.length) throw new IllegalArgumentException("padding needs a (low, high) pair per axis");
    low = low.clone();
    high = high.clone();
  }

  @Override public int[] low() { return low.clone(); }
  @Override public int[] high() { return high.clone(); }

  public int rank() { return low.length; }

  public static WindowPadding none(int rank) { return new WindowPadding(new int[rank], new int[rank]); }

  /**
   * {@code jax.lax.padtype_to_pads}: "VALID" pads nothing; "SAME" (and "SAME_LOWER") pads so that the output
   * has {@code ceil(in / stride)} positions, splitting the padding evenly with the extra one after (before).
   */
  public static WindowPadding of(String padding, int[] in, int[] window, int[] strides) {
    int n = in.length;
    if ("VALID".equals(padding)) return none(n);
    if (!"SAME".equals(padding) && !"SAME_LOWER".equals(padding)) {
      throw new IllegalArgumentException("padding must be \"SAME\", \"SAME_LOWER\" or \"VALID\", got " + padding);
    }
    int[] low = new int[n], high = new int[n];
    for (int i = 0; i < n; i++) {
      // The padding depends on the size through (in - 1) % stride alone, which no shape of the IR shows.
      if (strides[i] > 1) dev.olympus.trace.SizeCondition.require(new dev.olympus.trace.SizeCondition.Residue(in[i], strides[i]));
      int out = (in[i] + strides[i] - 1) / strides[i];
      int total = Math.max(0, (out - 1) * strides[i] + window[i] - in[i]);
      int small = total / 2, large = total - small;
      low[i] = "SAME".equals(padding) ? small : large;
      high[i] = total - low[i];
    }
    return new WindowPadding(low, high);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WindowPadding p && Arrays.equals(low, p.low) && Arrays.equals(high, p.high);
  }

  @Override
  public int hashCode() { return 31 * Arrays.hashCode(low) + Arrays.hashCode(high); }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("(");
    for (int i = 0; i < low.length; i++) {
      if (i > 0) sb.append(", ");
      sb.append('(').append(low[i]).append(", ").append(high[i]).append(')');
    }
    if (low.length == 1) sb.append(',');
    return sb.append(')').toString();
  }
}
