package dev.olympus.processor;

import java.util.HashSet;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Whether a class's {@code @Jit} methods refer to a type that does not exist yet in this round: a parameter,
 * result, type argument or record component whose class another annotation processor has still to generate.
 */
final class MissingTypes {
  private MissingTypes() {}

  static boolean anyIn(TypeElement owner, TypeElement jit) {
    Set<TypeMirror> seen = new HashSet<>();
    for (Element e : owner.getEnclosedElements()) {
      if (e.getKind() != ElementKind.METHOD || e.getAnnotationMirrors().stream()
          .noneMatch(a -> a.getAnnotationType().asElement().equals(jit))) {
        continue;
      }
      ExecutableElement m = (ExecutableElement) e;
      if (missing(m.getReturnType(), seen)) return true;
      for (VariableElement p : m.getParameters()) if (missing(p.asType(), seen)) return true;
    }
    return false;
  }

  private static boolean missing(TypeMirror t, Set<TypeMirror> seen) {
    if (t.getKind() == TypeKind.ERROR) return true;
    if (!seen.add(t)) return false;
    if (t instanceof ArrayType a) return missing(a.getComponentType(), seen);
    if (t instanceof DeclaredType d) {
      for (TypeMirror arg : d.getTypeArguments()) if (missing(arg, seen)) return true;
      if (d.asElement() instanceof TypeElement te && te.getKind() == ElementKind.RECORD) {
        for (RecordComponentElement c : te.getRecordComponents()) if (missing(c.asType(), seen)) return true;
      }
    }
    return false;
  }
}
