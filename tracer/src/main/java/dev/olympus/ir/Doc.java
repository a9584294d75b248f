package dev.olympus.ir;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A document for the Wadler-Lindig pretty printer that JAX prints jaxprs with: text, breaks (a space or a
 * newline), nesting and groups. A group prints on one line when all of it fits in the remaining width, and
 * otherwise turns its own breaks into newlines (nested groups decide for themselves). Using the same layout
 * rules as JAX is what makes a short sub-IR print inline ({@code { lambda ; a:f32[]. let b:f32[] = neg a in (b,) }})
 * and a long one across lines, exactly as {@code jax.make_jaxpr} does.
 */
sealed interface Doc {
  record Text(String text) implements Doc {}

  /** Prints {@code text} when its group is flat, else a newline indented to the current nesting. */
  record Break(String text) implements Doc {}

  record Concat(List<Doc> parts) implements Doc {}

  record Group(Doc child) implements Doc {}

  record Nest(int indent, Doc child) implements Doc {}

  Doc NIL = new Concat(List.of());

  static Doc text(String s) { return new Text(s); }

  static Doc brk() { return new Break(" "); }

  static Doc brk(String s) { return new Break(s); }

  static Doc group(Doc d) { return new Group(d); }

  static Doc nest(int n, Doc d) { return new Nest(n, d); }

  static Doc concat(Doc... parts) { return new Concat(List.of(parts)); }

  static Doc join(Doc separator, List<Doc> docs) {
    List<Doc> parts = new ArrayList<>();
    for (int i = 0; i < docs.size(); i++) {
      if (i > 0) parts.add(separator);
      parts.add(docs.get(i));
    }
    return new Concat(parts);
  }

  /** One pending piece of work for the layout loop: a document with its indentation and mode. */
  record Pending(int indent, boolean flat, Doc doc) {}

  /**
   * Lays out {@code doc} in {@code width} columns. Like JAX's printer (and unlike Lindig's original), whether
   * a group goes flat depends only on the group itself fitting, not on the text that follows it.
   */
  static String format(Doc doc, int width) {
    StringBuilder out = new StringBuilder();
    int column = 0;
    Deque<Pending> agenda = new ArrayDeque<>();
    agenda.push(new Pending(0, false, doc));
    while (!agenda.isEmpty()) {
      Pending p = agenda.pop();
      if (p.doc instanceof Text t) {
        out.append(t.text);
        column += t.text.length();
      } else if (p.doc instanceof Concat c) {
        for (int i = c.parts.size() - 1; i >= 0; i--) agenda.push(new Pending(p.indent, p.flat, c.parts.get(i)));
      } else if (p.doc instanceof Break b) {
        if (p.flat) {
          out.append(b.text);
          column += b.text.length();
        } else {
          out.append('\n').append(" ".repeat(p.indent));
          column = p.indent;
        }
      } else if (p.doc instanceof Nest n) {
        agenda.push(new Pending(p.indent + n.indent, p.flat, n.child));
      } else if (p.doc instanceof Group g) {
        agenda.push(new Pending(p.indent, fits(g.child, width - column), g.child));
      }
    }
    return out.toString();
  }

  /** Whether {@code doc} printed flat takes at most {@code room} columns. */
  private static boolean fits(Doc doc, int room) {
    Deque<Doc> agenda = new ArrayDeque<>();
    agenda.push(doc);
    while (room >= 0 && !agenda.isEmpty()) {
      Doc d = agenda.pop();
      if (d instanceof Text t) {
        room -= t.text.length();
      } else if (d instanceof Break b) {
        room -= b.text.length();
      } else if (d instanceof Concat c) {
        for (int i = c.parts.size() - 1; i >= 0; i--) agenda.push(c.parts.get(i));
      } else if (d instanceof Nest n) {
        agenda.push(n.child);
      } else if (d instanceof Group g) {
        agenda.push(g.child);
      }
    }
    return room >= 0;
  }
}
