package dev.olympus.loopnest;

import java.util.Arrays;

/** The text of a loop nest, one value per line, for kernel dumps, javadoc of generated kernels and tests. */
final class LoopNestPrinter {
  private LoopNestPrinter() {}

  static String print(LoopNest nest) {
    StringBuilder sb = new StringBuilder();
    sb.append("for r in ").append(Arrays.toString(nest.rows())).append(", c in ").append(Arrays.toString(nest.cols()))
        .append(":\n");
    for (int i = 0; i < nest.nodes().size(); i++) {
      Expr e = nest.nodes().get(i);
      sb.append("  v").append(i).append(':').append(e.dtype().shortName()).append(" = ").append(describe(e)).append('\n');
    }
    for (LoopNest.Output o : nest.outputs()) {
      sb.append("  out s").append(o.slot()).append(o.perRow() ? "[r]" : "[r, c]").append(" = v").append(o.node())
          .append('\n');
    }
    return sb.toString();
  }

  static String describe(Expr e) {
    if (e instanceof Expr.Load l) return "s" + l.slot() + "[" + l.map() + "]";
    if (e instanceof Expr.Constant c) return c.literal().toString();
    if (e instanceof Expr.Index x) {
      return "index " + x.offset() + "+" + Arrays.toString(x.rowCoeffs()) + "r+" + Arrays.toString(x.colCoeffs()) + "c";
    }
    if (e instanceof Expr.Unary u) return u.op().method() + " v" + u.x();
    if (e instanceof Expr.Binary b) return b.op().method() + " v" + b.x() + " v" + b.y();
    if (e instanceof Expr.Compare c) return c.op().method() + " v" + c.x() + " v" + c.y();
    if (e instanceof Expr.Where w) return "v" + w.pred() + " ? v" + w.onTrue() + " : v" + w.onFalse();
    if (e instanceof Expr.Convert c) return "convert v" + c.x();
    if (e instanceof Expr.IntegerPow p) return "integer_pow[" + p.y() + "] v" + p.x();
    Expr.Reduce r = (Expr.Reduce) e;
    return "reduce_" + r.op().method() + " v" + r.x() + " over c";
  }
}
