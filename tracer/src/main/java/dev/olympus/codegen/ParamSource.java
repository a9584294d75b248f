package dev.olympus.codegen;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import dev.olympus.DType;
import dev.olympus.primitive.Params;
import dev.olympus.primitive.Primitive;
import dev.olympus.types.Shape;
import java.lang.reflect.Field;
import java.util.Map;

/**
 * A primitive call as Java: the public static field that holds the primitive and its parameters rebuilt as
 * expressions, sizes written through {@link Sizes} so a symbolic kernel passes its own shapes.
 */
final class ParamSource {
  private static final ClassName PARAMS = ClassName.get("dev.olympus.primitive", "Params");

  private ParamSource() {}

  /** {@code DotGeneral.DOT_GENERAL}: the public static field holding {@code p}. */
  static CodeBlock primitive(Primitive p) {
    for (Field f : p.getClass().getFields()) {
      if (java.lang.reflect.Modifier.isStatic(f.getModifiers()) && f.getType().isInstance(p)) {
        try {
          if (f.get(null) == p) return CodeBlock.of("$T.$L", ClassName.get(p.getClass()), f.getName());
        } catch (IllegalAccessException e) {
          // not public after all: keep looking
        }
      }
    }
    throw new PlanSource.NotRenderableException("primitive " + p.name() + " has no public static field to call it by");
  }

  static CodeBlock params(Params params, Sizes sizes) {
    if (params.isEmpty()) return CodeBlock.of("$T.NONE", PARAMS);
    CodeBlock.Builder b = CodeBlock.builder().add("$T.of(", PARAMS);
    boolean first = true;
    for (Map.Entry<String, Object> e : params.asMap().entrySet()) {
      if (!first) b.add(", ");
      first = false;
      b.add("$S, ", e.getKey()).add(value(e.getKey(), e.getValue(), sizes));
    }
    return b.add(")").build();
  }

  static CodeBlock value(String name, Object v, Sizes sizes) {
    if (v == null) return CodeBlock.of("null");
    if (v instanceof int[] a) {
      StringBuilder sb = new StringBuilder("new int[] {");
      for (int i = 0; i < a.length; i++) sb.append(i > 0 ? ", " : "").append(sizes.of(a[i]));
      return CodeBlock.of("$L", sb.append('}'));
    }
    if (v instanceof Integer i) return CodeBlock.of("$L", sizes.of(i));
    if (v instanceof Boolean) return CodeBlock.of("$L", v);
    if (v instanceof DType d) return CodeBlock.of("$T.$L", ClassName.get(DType.class), d.name());
    if (v instanceof Primitive p) return primitive(p);
    if (v instanceof Shape s) return PlanSource.shapeOf(s, sizes);
    if (v instanceof String s) return CodeBlock.of("$S", s);
    if (v instanceof Double d) {
      if (d.isNaN()) return CodeBlock.of("$T.NaN", Double.class);
      if (d.isInfinite()) return CodeBlock.of("$T.$L", Double.class, d > 0 ? "POSITIVE_INFINITY" : "NEGATIVE_INFINITY");
      return CodeBlock.of("$L", d + "");
    }
    if (v instanceof Enum<?> e && java.lang.reflect.Modifier.isPublic(e.getDeclaringClass().getModifiers())) {
      return CodeBlock.of("$T.$L", ClassName.get(e.getDeclaringClass()), e.name());
    }
    if (v instanceof Record r && java.lang.reflect.Modifier.isPublic(r.getClass().getModifiers())) {
      // Parameter records (dot_general's dimension numbers) are rebuilt from their components.
      CodeBlock.Builder b = CodeBlock.builder().add("new $T(", ClassName.get(r.getClass()));
      var components = r.getClass().getRecordComponents();
      for (int i = 0; i < components.length; i++) {
        if (i > 0) b.add(", ");
        try {
          b.add(value(name, components[i].getAccessor().invoke(r), sizes));
        } catch (ReflectiveOperationException e) {
          throw new PlanSource.NotRenderableException("cannot read " + name + "." + components[i].getName());
        }
      }
      return b.add(")").build();
    }
    throw new PlanSource.NotRenderableException("parameter " + name + "=" + v + " has no Java rendering");
  }
}
