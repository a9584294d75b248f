package dev.olympus.ir;

import dev.olympus.DType;
import dev.olympus.types.Shape;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Collections;

/**
 * Prints IR in JAX's jaxpr grammar. Variables are named {@code a .. z, ba, bb, ..} in order of definition,
 * continuing into nested IRs (as jaxprs do); a result that nothing reads prints as {@code _} and takes no name.
 */
public final class IrPrinter {
  private final Map<Var, String> names = new IdentityHashMap<>();
  private int next;

  private IrPrinter() {}

  public static String print(Ir ir) {
    StringBuilder sb = new StringBuilder();
    new IrPrinter().ir(sb, ir, 0);
    return sb.toString();
  }

  /** The n-th variable name: bijective over {@code a..z, ba..bz, ca..}, like JAX's counter. */
  static String nameFor(int n) {
    StringBuilder sb = new StringBuilder();
    do {
      sb.append((char) ('a' + n % 26));
      n /= 26;
    } while (n > 0);
    return sb.reverse().toString();
  }

  private String define(Var v) {
    String name = nameFor(next++);
    names.put(v, name);
    return name;
  }

  private void ir(StringBuilder sb, Ir ir, int indent) {
    Set<Var> used = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Equation e : ir.equations()) for (Atom a : e.inputs()) if (a instanceof Var v) used.add(v);
    for (Atom a : ir.outputs()) if (a instanceof Var v) used.add(v);

    sb.append("{ lambda ");
    binders(sb, ir.constvars());
    sb.append("; ");
    binders(sb, ir.invars());
    sb.append(". let");
    String pad = " ".repeat(indent);
    if (ir.equations().isEmpty()) {
      sb.append("  in ");
    } else {
      for (Equation e : ir.equations()) {
        sb.append('\n').append(pad).append("    ");
        equation(sb, e, used, indent + 4);
      }
      sb.append('\n').append(pad).append("  in ");
    }
    sb.append('(');
    for (int i = 0; i < ir.outputs().size(); i++) {
      if (i > 0) sb.append(", ");
      sb.append(atom(ir.outputs().get(i)));
    }
    if (ir.outputs().size() == 1) sb.append(',');
    sb.append(") }");
  }

  private void binders(StringBuilder sb, List<Var> vars) {
    for (int i = 0; i < vars.size(); i++) {
      if (i > 0) sb.append(' ');
      Var v = vars.get(i);
      sb.append(define(v)).append(':').append(v.aval());
    }
  }

  private void equation(StringBuilder sb, Equation e, Set<Var> used, int indent) {
    // Operands are named before outputs are defined, but nested IRs in params are printed after the outputs
    // are named, matching jaxpr numbering (outputs first, then the sub-jaxprs' variables).
    StringBuilder outs = new StringBuilder();
    for (int i = 0; i < e.outputs().size(); i++) {
      if (i > 0) outs.append(' ');
      Var v = e.outputs().get(i);
      // An unread result prints as JAX's DropVar, "_", and like it takes no name from the sequence.
      outs.append(used.contains(v) ? define(v) : "_").append(':').append(v.aval());
    }
    sb.append(outs).append(" = ").append(e.primitive().name());
    if (!e.params().isEmpty()) params(sb, e, indent);
    for (Atom a : e.inputs()) sb.append(' ').append(atom(a));
  }

  private void params(StringBuilder sb, Equation e, int indent) {
    boolean nested = e.params().asMap().values().stream().anyMatch(IrPrinter::isNested);
    if (!nested) {
      sb.append('[').append(e.params().render(IrPrinter::value)).append(']');
      return;
    }
    String pad = " ".repeat(indent);
    sb.append('[');
    for (Map.Entry<String, Object> p : e.params().asMap().entrySet()) {
      sb.append('\n').append(pad).append("  ").append(p.getKey()).append('=');
      Object v = p.getValue();
      if (v instanceof List<?> list && isNested(v)) {
        sb.append('(');
        for (Object item : list) {
          sb.append('\n').append(pad).append("    ");
          ir(sb, irOf(item), indent + 4);
        }
        sb.append('\n').append(pad).append("  )");
      } else if (isNested(v)) {
        ir(sb, irOf(v), indent + 2);
      } else {
        sb.append(value(v));
      }
    }
    sb.append('\n').append(pad).append(']');
  }

  private static boolean isNested(Object v) {
    if (v instanceof Ir || v instanceof ClosedIr) return true;
    return v instanceof List<?> l && !l.isEmpty() && l.stream().allMatch(x -> x instanceof Ir || x instanceof ClosedIr);
  }

  private static Ir irOf(Object v) {
    return v instanceof ClosedIr c ? c.ir() : (Ir) v;
  }

  private String atom(Atom a) {
    if (a instanceof Literal l) return l.toString();
    String n = names.get((Var) a);
    if (n == null) throw new IllegalStateException("IR uses a variable before defining it: " + a);
    return n;
  }

  /** Parameter values the way JAX prints them: tuples, numpy dtype names, True/False, None. */
  public static String value(Object v) {
    if (v == null) return "None";
    if (v instanceof int[] a) return Shape.tuple(a);
    if (v instanceof DType d) return d.numpyName();
    if (v instanceof Boolean b) return b ? "True" : "False";
    if (v instanceof Shape s) return s.tuple();
    if (v instanceof List<?> l) {
      StringBuilder sb = new StringBuilder("(");
      for (int i = 0; i < l.size(); i++) {
        if (i > 0) sb.append(", ");
        sb.append(value(l.get(i)));
      }
      if (l.size() == 1) sb.append(',');
      return sb.append(')').toString();
    }
    return String.valueOf(v);
  }
}
