package dev.olympus.ir;

import dev.olympus.DType;
import dev.olympus.primitive.Params;
import dev.olympus.types.Shape;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Prints IR in JAX's jaxpr grammar and layout. Variables are named {@code a .. z, ba, bb, ..} in order of
 * definition, continuing into nested IRs (as jaxprs do); a result that nothing reads prints as {@code _} and
 * takes no name. Layout is JAX's: an IR (or sub-IR in a parameter such as {@code cond}'s {@code branches})
 * that fits in 80 columns prints on one line, otherwise one equation per line with nested IRs indented.
 */
public final class IrPrinter {
  private final Map<Var, String> names = new IdentityHashMap<>();
  private int next;

  private IrPrinter() {}

  private static final int WIDTH = 80;

  /** The jaxpr text of {@code ir}, laid out in 80 columns as JAX lays it out. */
  public static String print(Ir ir) {
    return Doc.format(new IrPrinter().jaxpr(ir), WIDTH);
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

  // The documents below mirror JAX's pp_jaxpr / pp_eqn / pp_kv_pairs, and names are given in the order the
  // documents are built (binders, then each equation's outputs before its sub-IRs), as JAX's context does.

  private Doc jaxpr(Ir ir) {
    Set<Var> used = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Equation e : ir.equations()) for (Atom a : e.inputs()) if (a instanceof Var v) used.add(v);
    for (Atom a : ir.outputs()) if (a instanceof Var v) used.add(v);

    Doc constvars = binders(ir.constvars(), null);
    Doc invars = binders(ir.invars(), null);
    List<Doc> eqns = new ArrayList<>();
    for (Equation e : ir.equations()) eqns.add(equation(e, used));
    List<Doc> outs = new ArrayList<>();
    for (Atom a : ir.outputs()) outs.add(Doc.text(atom(a)));
    Doc outvars = Doc.concat(Doc.text("("), vars(outs, ","), Doc.text(ir.outputs().size() == 1 ? ",)" : ")"));
    return Doc.concat(Doc.group(Doc.nest(2, Doc.concat(
        Doc.text("{ lambda "), constvars, Doc.text("; "), invars, Doc.text(". let"),
        Doc.nest(2, Doc.concat(Doc.brk(), Doc.join(Doc.brk("; "), eqns))), Doc.brk(),
        Doc.text("in "), outvars))), Doc.text(" }"));
  }

  /** {@code a:f32[] b:i32[3]}; with {@code used}, an unread variable prints as {@code _} and takes no name. */
  private Doc binders(List<Var> vars, Set<Var> used) {
    List<Doc> docs = new ArrayList<>();
    for (Var v : vars) {
      String name = used == null || used.contains(v) ? define(v) : "_";
      docs.add(Doc.text(name + ":" + v.aval()));
    }
    return vars(docs, "");
  }

  private static Doc vars(List<Doc> docs, String separator) {
    return Doc.nest(2, Doc.group(Doc.join(Doc.concat(Doc.text(separator), Doc.group(Doc.brk())), docs)));
  }

  private Doc equation(Equation e, Set<Var> used) {
    // An unread result prints as JAX's DropVar, "_", and like it takes no name from the sequence.
    Doc lhs = binders(e.outputs(), used);
    Doc params = params(e.params());
    List<Doc> ins = new ArrayList<>();
    for (Atom a : e.inputs()) ins.add(Doc.text(atom(a)));
    Doc rhs = Doc.concat(Doc.text(e.primitive().name()), params, Doc.text(" "), vars(ins, ""));
    // An equation without results (a debug callback) prints without "=", as JAX's does.
    return e.outputs().isEmpty() ? rhs : Doc.concat(lhs, Doc.text(" = "), rhs);
  }

  private Doc params(Params params) {
    if (params.isEmpty()) return Doc.NIL;
    List<Doc> pairs = new ArrayList<>();
    for (Map.Entry<String, Object> p : params.asMap().entrySet()) {
      pairs.add(Doc.concat(Doc.text(p.getKey() + "="), paramValue(p.getValue())));
    }
    return Doc.group(Doc.concat(
        Doc.nest(2, Doc.concat(Doc.text("["), Doc.brk(""), Doc.join(Doc.brk(), pairs))),
        Doc.brk(""), Doc.text("]")));
  }

  private Doc paramValue(Object v) {
    if (v instanceof List<?> list && isNested(v)) {
      List<Doc> irs = new ArrayList<>();
      for (Object item : list) irs.add(jaxpr(irOf(item)));
      return Doc.group(Doc.concat(
          Doc.nest(2, Doc.concat(Doc.text("("), Doc.brk(""), Doc.join(Doc.brk(), irs))),
          Doc.brk(""), Doc.text(")")));
    }
    if (isNested(v)) return jaxpr(irOf(v));
    if (v instanceof PrintedAsIr p) return jaxpr(p.asIr());
    return Doc.text(value(v));
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
    if (v instanceof Double d && (d.isNaN() || d.isInfinite())) return d.isNaN() ? "nan" : d > 0 ? "inf" : "-inf";
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
