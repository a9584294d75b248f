package dev.olympus.loopnest;

import dev.olympus.DType;
import java.util.Arrays;
import java.util.List;

/**
 * A fused kernel as a loop nest: for each row of {@code rows} (a multi-index, row-major), the values of
 * {@code nodes} over the row's columns {@code cols}. A reduction folds a value over the columns into one value
 * per row, which later values of the row may use (a row's softmax: its maximum, then the sum of exponentials,
 * then the quotients, all while the row is in cache). Outputs are written row-major: an element output as a
 * buffer of shape {@code rows ++ cols}, a row output as one of shape {@code rows}.
 */
public record LoopNest(int[] rows, int[] cols, List<Expr> nodes, List<Output> outputs) {
  public LoopNest {
    rows = rows.clone();
    cols = cols.clone();
    nodes = List.copyOf(nodes);
    outputs = List.copyOf(outputs);
  }

  /** Node {@code node} written to buffer {@code slot}, per element or ({@code perRow}) per row. */
  public record Output(int node, int slot, boolean perRow) {}

  public long rowCount() { return product(rows); }

  public long colCount() { return product(cols); }

  /** The shape of an output buffer. */
  public int[] outputShape(Output o) {
    if (o.perRow()) return rows.clone();
    int[] s = Arrays.copyOf(rows, rows.length + cols.length);
    System.arraycopy(cols, 0, s, rows.length, cols.length);
    return s;
  }

  public DType dtype(int node) { return nodes.get(node).dtype(); }

  static long product(int[] dims) {
    long p = 1;
    for (int d : dims) p *= d;
    return p;
  }

  @Override
  public String toString() { return LoopNestPrinter.print(this); }
}
