package dev.olympus.processor.model;

import dev.olympus.DType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A declared abstract value, {@code f32[b,784]}: a dtype and dimensions that are sizes or symbolic names, or
 * {@code f32[...]} for any shape. Parsed from {@link dev.olympus.annotations.Shape}.
 */
public record ShapeSpec(DType dtype, List<Dim> dims) {
  /** One dimension: a fixed size, or a name standing for one size across a call. */
  public sealed interface Dim permits Size, Symbol {}

  public record Size(int value) implements Dim {
    @Override
    public String toString() { return Integer.toString(value); }
  }

  public record Symbol(String name) implements Dim {
    @Override
    public String toString() { return name; }
  }

  /** The default for an Array parameter without {@code @Shape}: float32, any shape. */
  public static final ShapeSpec DEFAULT = new ShapeSpec(DType.F32, null);

  public ShapeSpec {
    if (dims != null) dims = List.copyOf(dims);
  }

  /** {@code f32[...]}: any shape (all such parameters of one method share it). */
  public boolean anyShape() { return dims == null; }

  public List<String> symbols() {
    Set<String> names = new LinkedHashSet<>();
    if (dims != null) for (Dim d : dims) if (d instanceof Symbol s) names.add(s.name());
    return List.copyOf(names);
  }

  /** Thrown with what is wrong in the text; the caller reports it on the annotation. */
  public static final class SyntaxException extends Exception {
    private static final long serialVersionUID = 1L;

    public SyntaxException(String message) {
      super(message);
    }
  }

  public static ShapeSpec parse(String text) throws SyntaxException {
    String s = text.strip();
    int open = s.indexOf('[');
    if (open < 0 || !s.endsWith("]")) {
      throw new SyntaxException("expected a dtype followed by dimensions in brackets");
    }
    String dtypeName = s.substring(0, open).strip();
    DType dtype = null;
    for (DType d : DType.values()) if (d.shortName().equals(dtypeName)) dtype = d;
    if (dtype == null) {
      throw new SyntaxException("unknown dtype \"" + dtypeName + "\"");
    }
    String inside = s.substring(open + 1, s.length() - 1).strip();
    if (inside.equals("...")) return new ShapeSpec(dtype, null);
    List<Dim> dims = new ArrayList<>();
    if (!inside.isEmpty()) {
      for (String part : inside.split(",", -1)) {
        String p = part.strip();
        if (p.isEmpty()) throw new SyntaxException("an empty dimension");
        if (p.chars().allMatch(Character::isDigit)) {
          try {
            dims.add(new Size(Integer.parseInt(p)));
          } catch (NumberFormatException e) {
            throw new SyntaxException("the size " + p + " does not fit an int");
          }
        } else if (Character.isJavaIdentifierStart(p.charAt(0))
            && p.chars().skip(1).allMatch(Character::isJavaIdentifierPart)) {
          dims.add(new Symbol(p));
        } else if (p.equals("...")) {
          throw new SyntaxException("\"...\" stands for the whole shape (f32[...]); it cannot be one dimension");
        } else {
          throw new SyntaxException("\"" + p + "\" is neither a size nor a dimension name");
        }
      }
    }
    return new ShapeSpec(dtype, dims);
  }

  @Override
  public String toString() {
    if (dims == null) return dtype.shortName() + "[...]";
    StringBuilder sb = new StringBuilder(dtype.shortName()).append('[');
    for (int i = 0; i < dims.size(); i++) {
      if (i > 0) sb.append(',');
      sb.append(dims.get(i));
    }
    return sb.append(']').toString();
  }
}
