package dev.olympus.processor.trace;

import dev.olympus.ir.Atom;
import dev.olympus.ir.ClosedIr;
import dev.olympus.ir.Equation;
import dev.olympus.ir.Ir;
import dev.olympus.ir.IrPrinter;
import dev.olympus.ir.Literal;
import dev.olympus.ir.Var;
import dev.olympus.types.AbstractValue;
import dev.olympus.types.Shape;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.LongFunction;

/**
 * A layout-independent description of an IR in which every size is written through a function, so two traces
 * with different representative sizes can be compared after reading the sizes back as symbols. (Printed IR
 * text is no good for that: the printer's line breaking depends on how wide the numbers are.)
 */
final class IrSignature {
  private final IntFunction<String> size;
  private final LongFunction<String> literal;
  private final Function<Shape, String> wholeShape;
  private final Map<Var, Integer> vars = new IdentityHashMap<>();
  private final StringBuilder out = new StringBuilder();

  private IrSignature(IntFunction<String> size, LongFunction<String> literal, Function<Shape, String> wholeShape) {
    this.size = size;
    this.literal = literal;
    this.wholeShape = wholeShape;
  }

  /**
   * The signature of {@code ir} with each dimension and size-like parameter written by {@code size}, and each
   * integral scalar literal by {@code literal} ({@code mean}'s divisor is the product of the sizes it averages
   * over, written through the same symbols, so a method generic in that size reads the same from both traces).
   */
  static String of(ClosedIr ir, IntFunction<String> size, LongFunction<String> literal) {
    IrSignature s = new IrSignature(size, literal, shape -> null);
    s.ir(ir.ir());
    return s.out.toString();
  }

  /**
   * As {@link #of(ClosedIr, IntFunction, LongFunction)} with literals as numbers, but an abstract value's whole shape is written as
   * {@code wholeShape} says when it says anything (non-null): comparing traces at several ranks.
   */
  static String withShapes(ClosedIr ir, IntFunction<String> size, Function<Shape, String> wholeShape) {
    IrSignature s = new IrSignature(size, Long::toString, wholeShape);
    s.ir(ir.ir());
    return s.out.toString();
  }

  private void ir(Ir ir) {
    out.append("{consts");
    for (Var v : ir.constvars()) define(v);
    out.append(" in");
    for (Var v : ir.invars()) define(v);
    for (Equation e : ir.equations()) {
      out.append("\n").append(e.primitive().name()).append('[');
      for (Map.Entry<String, Object> p : e.params().asMap().entrySet()) {
        out.append(p.getKey()).append('=');
        value(p.getValue());
        out.append(' ');
      }
      out.append(']');
      for (Atom a : e.inputs()) atom(a);
      out.append(" ->");
      for (Var v : e.outputs()) define(v);
    }
    out.append("\nout");
    for (Atom a : ir.outputs()) atom(a);
    out.append('}');
  }

  private void define(Var v) {
    vars.put(v, vars.size());
    out.append(" v").append(vars.size() - 1).append(':');
    aval(v.aval());
  }

  private void atom(Atom a) {
    if (a instanceof Var v) {
      Integer n = vars.get(v);
      out.append(" v").append(n == null ? "?" : n);
    } else {
      Literal l = (Literal) a;
      double v = l.doubleValue();
      boolean integral = l.aval().rank() == 0 && l.aval().dtype() != dev.olympus.DType.BOOL && v == Math.rint(v)
          && Math.abs(v) < 0x1p53;
      out.append(' ').append(integral ? "=" + literal.apply((long) v) : l.text()).append(':');
      aval(a.aval());
    }
  }

  private void aval(AbstractValue a) {
    out.append(a.dtype().shortName()).append(a.weak() ? "~" : "").append('[');
    shape(a.shape());
    out.append(']');
  }

  private void shape(Shape s) {
    String whole = wholeShape.apply(s);
    if (whole != null) {
      out.append(whole);
      return;
    }
    for (int i = 0; i < s.rank(); i++) out.append(i > 0 ? "," : "").append(size.apply(s.dim(i)));
  }

  private void value(Object v) {
    if (v instanceof ClosedIr c) {
      ir(c.ir());
    } else if (v instanceof Ir i) {
      ir(i);
    } else if (v instanceof int[] a) {
      out.append('(');
      for (int i = 0; i < a.length; i++) out.append(i > 0 ? "," : "").append(size.apply(a[i]));
      out.append(')');
    } else if (v instanceof Integer i) {
      out.append(size.apply(i));
    } else if (v instanceof Shape s) {
      out.append('(');
      shape(s);
      out.append(')');
    } else if (v instanceof List<?> l) {
      out.append('(');
      for (Object o : l) {
        value(o);
        out.append(',');
      }
      out.append(')');
    } else if (v instanceof Record r) {
      out.append(r.getClass().getSimpleName()).append('(');
      for (var c : r.getClass().getRecordComponents()) {
        try {
          value(c.getAccessor().invoke(r));
        } catch (ReflectiveOperationException | RuntimeException e) {
          out.append(IrPrinter.value(r));
        }
        out.append(',');
      }
      out.append(')');
    } else {
      out.append(IrPrinter.value(v));
    }
  }
}
