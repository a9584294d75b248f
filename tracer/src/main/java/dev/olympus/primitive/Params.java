package dev.olympus.primitive;

import dev.olympus.DType;
import dev.olympus.types.Shape;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A primitive's static parameters (JAX's {@code eqn.params}): immutable, sorted by name so the IR prints
 * deterministically, and compared by value (int arrays deeply) so equations and cache keys can be compared.
 */
public final class Params {
  public static final Params NONE = new Params(new TreeMap<>());

  private final TreeMap<String, Object> values;

  private Params(TreeMap<String, Object> values) {
    this.values = values;
  }

  /** Alternating names and values: {@code Params.of("axes", new int[]{0})}. */
  public static Params of(Object... namesAndValues) {
    if (namesAndValues.length % 2 != 0) throw new IllegalArgumentException("odd number of name/value items");
    TreeMap<String, Object> m = new TreeMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      Object v = namesAndValues[i + 1];
      m.put((String) namesAndValues[i], v instanceof int[] a ? a.clone() : v);
    }
    return new Params(m);
  }

  public Params with(String name, Object value) {
    TreeMap<String, Object> m = new TreeMap<>(values);
    m.put(name, value instanceof int[] a ? a.clone() : value);
    return new Params(m);
  }

  public Map<String, Object> asMap() { return Collections.unmodifiableMap(values); }

  public boolean isEmpty() { return values.isEmpty(); }

  public Object get(String name) {
    Object v = values.get(name);
    if (v == null && !values.containsKey(name)) throw new IllegalArgumentException("missing parameter " + name);
    return v;
  }

  public int[] ints(String name) { return ((int[]) get(name)).clone(); }

  public int integer(String name) { return (Integer) get(name); }

  public DType dtype(String name) { return (DType) get(name); }

  public boolean flag(String name) { return (Boolean) get(name); }

  public Shape shape(String name) { return (Shape) get(name); }

  @SuppressWarnings("unchecked")
  public <T> T as(String name) { return (T) get(name); }

  /** {@code name=value} pairs separated by spaces, values rendered by {@code render}. */
  public String render(Function<Object, String> render) {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, Object> e : values.entrySet()) {
      if (sb.length() > 0) sb.append(' ');
      sb.append(e.getKey()).append('=').append(render.apply(e.getValue()));
    }
    return sb.toString();
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Params p) || !p.values.keySet().equals(values.keySet())) return false;
    for (Map.Entry<String, Object> e : values.entrySet()) {
      if (!Objects.deepEquals(e.getValue(), p.values.get(e.getKey()))) return false;
    }
    return true;
  }

  @Override
  public int hashCode() {
    int h = 1;
    for (Map.Entry<String, Object> e : values.entrySet()) {
      Object v = e.getValue();
      h = 31 * h + e.getKey().hashCode();
      h = 31 * h + (v instanceof int[] a ? Arrays.hashCode(a) : Objects.hashCode(v));
    }
    return h;
  }

  @Override
  public String toString() { return render(String::valueOf); }
}
