package dev.olympus.difftest.program;

import java.util.function.IntFunction;

/**
 * A program as Java source that computes it with Olympus (paste it into a test to replay a failure), each value's
 * expected type in a comment.
 */
public final class ProgramPrinter {
  private ProgramPrinter() {}

  private static final String PREFIXES = "vwuts";

  public static String print(Program p) {
    IntFunction<String> name = i -> "v" + i;
    StringBuilder sb = new StringBuilder("(");
    for (int i = 0; i < p.inputs().size(); i++) {
      sb.append(i > 0 ? ", " : "").append("Array v").append(i);
    }
    sb.append(") -> {   // ");
    for (int i = 0; i < p.inputs().size(); i++) sb.append(i > 0 ? ", " : "").append("v").append(i).append(": ").append(p.type(i));
    sb.append('\n');
    body(sb, p, name, 0);
    sb.append(returns(p, name, 0, false)).append("\n}");
    return sb.toString();
  }

  /** A body as a lambda; its captured inputs are named as in the enclosing program. */
  static String lambda(Expr.Body b, IntFunction<String> outer, int depth) {
    Program p = b.program();
    String prefix = String.valueOf(PREFIXES.charAt(Math.min(depth, PREFIXES.length() - 1)));
    int args = b.arguments();
    IntFunction<String> name = i -> i >= args && i < p.inputs().size() ? outer.apply(b.captures()[i - args]) : prefix + i;
    StringBuilder sb = new StringBuilder(OlympusCalls.indent(depth)).append('(');
    for (int i = 0; i < args; i++) sb.append(i > 0 ? ", " : "").append("Array ").append(prefix).append(i);
    sb.append(") -> {   // ");
    for (int i = 0; i < args; i++) sb.append(i > 0 ? ", " : "").append(prefix).append(i).append(": ").append(p.type(i));
    sb.append('\n');
    body(sb, p, name, depth);
    sb.append(returns(p, name, depth, p.outputs().length == 2)).append('\n').append(OlympusCalls.indent(depth)).append('}');
    return sb.toString();
  }

  private static void body(StringBuilder sb, Program p, IntFunction<String> name, int depth) {
    int base = p.inputs().size();
    for (int k = 0; k < p.nodes().size(); k++) {
      int v = base + k;
      sb.append(OlympusCalls.indent(depth)).append("Array ").append(name.apply(v)).append(" = ")
          .append(OlympusCalls.render(p.nodes().get(k), name, depth)).append(";   // ").append(p.type(v)).append('\n');
    }
  }

  private static String returns(Program p, IntFunction<String> name, int depth, boolean carry) {
    int[] out = p.outputs();
    StringBuilder sb = new StringBuilder(OlympusCalls.indent(depth)).append("return ");
    if (carry) return sb.append("Lax.carry(").append(name.apply(out[0])).append(", ").append(name.apply(out[1])).append(");").toString();
    if (depth > 0) return sb.append(name.apply(out[0])).append(';').toString();
    sb.append("List.of(");
    for (int i = 0; i < out.length; i++) sb.append(i > 0 ? ", " : "").append(name.apply(out[i]));
    return sb.append(");").toString();
  }
}
