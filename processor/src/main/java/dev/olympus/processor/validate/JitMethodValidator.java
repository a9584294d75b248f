package dev.olympus.processor.validate;

import dev.olympus.processor.diagnostic.Diagnostics;
import dev.olympus.processor.diagnostic.Message;
import dev.olympus.processor.model.ArgTree;
import dev.olympus.processor.model.JitMethod;
import dev.olympus.processor.model.Parameter;
import dev.olympus.processor.model.ShapeSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Checks a {@code @Jit} method before anything is traced or generated (validate, then generate, as AutoValue
 * and MapStruct do), reporting every problem at the most precise spot: the method, the parameter, or the very
 * annotation value that is wrong.
 */
public final class JitMethodValidator {
  static final String JIT = "dev.olympus.annotations.Jit";
  static final String SHAPE = "dev.olympus.annotations.Shape";

  private final Elements elements;
  private final Types types;
  private final Diagnostics diagnostics;
  private final TypeElement array;
  private final TypeElement list;
  private final TypeMirror runtimeException;
  private final TypeMirror error;

  public JitMethodValidator(ProcessingEnvironment env, Diagnostics diagnostics, TypeElement array) {
    this.elements = env.getElementUtils();
    this.types = env.getTypeUtils();
    this.diagnostics = diagnostics;
    this.array = array;
    this.list = elements.getTypeElement("java.util.List");
    this.runtimeException = elements.getTypeElement("java.lang.RuntimeException").asType();
    this.error = elements.getTypeElement("java.lang.Error").asType();
  }

  /** The simple name of the class generated for methods declared in {@code owner}: {@code Outer_Inner_Jit}. */
  public static String generatedClassName(TypeElement owner) {
    StringBuilder name = new StringBuilder(owner.getSimpleName());
    for (Element e = owner.getEnclosingElement(); e instanceof TypeElement t; e = t.getEnclosingElement()) {
      name.insert(0, t.getSimpleName() + "_");
    }
    return name + "_Jit";
  }

  /** The validated method, or {@code null} after reporting why it cannot be jitted. */
  public JitMethod validate(ExecutableElement method) {
    int errorsBefore = diagnostics.errorCount();
    TypeElement owner = (TypeElement) method.getEnclosingElement();
    String generated = generatedClassName(owner);
    String display = owner.getSimpleName() + "." + method.getSimpleName();

    if (!method.getModifiers().contains(Modifier.STATIC)) {
      diagnostics.report(Message.NOT_STATIC, method, display, generated);
    }
    if (method.getModifiers().contains(Modifier.PRIVATE)) {
      diagnostics.report(Message.PRIVATE_METHOD, method, display, generated);
    }
    String unreachable = unreachable(owner);
    if (unreachable != null) {
      diagnostics.report(Message.INACCESSIBLE_CLASS, method, display, owner.getQualifiedName(), generated,
          unreachable);
    }
    if (!method.getTypeParameters().isEmpty()) {
      diagnostics.report(Message.GENERIC_METHOD, method, display, method.getTypeParameters());
    }
    for (TypeMirror thrown : method.getThrownTypes()) {
      if (!types.isSubtype(thrown, runtimeException) && !types.isSubtype(thrown, error)) {
        diagnostics.report(Message.CHECKED_EXCEPTION, method, display, thrown);
      }
    }
    int arity = method.getParameters().size();
    if (arity < 1 || arity > 4) {
      diagnostics.report(Message.ARITY, method, display, arity, arity == 0
          ? "Give it the arrays it computes on as parameters."
          : "Group the arrays in a record (a pytree), as JAX code passes a dict of parameters.");
    }

    Set<String> staticNames = staticArgs(method, display);
    List<Parameter> parameters = new ArrayList<>();
    for (VariableElement p : method.getParameters()) {
      String name = p.getSimpleName().toString();
      TypeMirror type = p.asType();
      checkShapeTarget(p, type);
      ArgTree tree;
      if (staticNames.contains(name)) {
        String why = withoutValueEquality(type);
        if (why != null) diagnostics.report(Message.STATIC_ARG_WITHOUT_EQUALITY, p, name, display, type, why);
        tree = new ArgTree.Static(type);
      } else {
        tree = traceable(type, p, new HashSet<>());
        if (tree == null) {
          diagnostics.report(Message.NOT_STATIC_PARAMETER, p, name, display, describe(type), name, hint(type));
        }
      }
      parameters.add(new Parameter(p, name, type, tree));
    }

    TypeMirror resultType = method.getReturnType();
    ArgTree result = traceable(resultType, null, new HashSet<>());
    if (result == null) diagnostics.report(Message.BAD_RESULT, method, display, resultType);

    if (diagnostics.errorCount() > errorsBefore) return null;
    return new JitMethod(method, owner, generated, parameters, result);
  }

  /** Why {@code owner} cannot be named from another class of its package, or null if it can. */
  private static String unreachable(TypeElement owner) {
    for (Element e = owner; e instanceof TypeElement t; e = t.getEnclosingElement()) {
      if (t.getNestingKind() == NestingKind.LOCAL || t.getNestingKind() == NestingKind.ANONYMOUS) {
        return "it is a local or anonymous class; move the method to a top-level or static nested class";
      }
      if (t.getModifiers().contains(Modifier.PRIVATE)) {
        return t.getSimpleName() + " is private; make it package-private";
      }
    }
    return null;
  }

  private Set<String> staticArgs(ExecutableElement method, String display) {
    AnnotationMirror jit = mirror(method, JIT);
    Set<String> names = new HashSet<>();
    if (jit == null) return names;
    AnnotationValue value = explicitValue(jit, "staticArgs");
    if (value == null) return names;
    List<String> parameterNames = method.getParameters().stream()
        .map(p -> p.getSimpleName().toString()).collect(Collectors.toList());
    @SuppressWarnings("unchecked")
    List<? extends AnnotationValue> values = value.getValue() instanceof List<?> l
        ? (List<? extends AnnotationValue>) l : List.of(value);
    for (AnnotationValue v : values) {
      String name = String.valueOf(v.getValue());
      if (!parameterNames.contains(name)) {
        diagnostics.report(Message.UNKNOWN_STATIC_ARG, method, jit, v, name, display,
            String.join(", ", parameterNames), suggestion(name, parameterNames));
      } else if (!names.add(name)) {
        diagnostics.report(Message.DUPLICATE_STATIC_ARG, method, jit, v, name);
      }
    }
    return names;
  }

  private static String suggestion(String name, List<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String c : candidates) {
      int d = editDistance(name.toLowerCase(java.util.Locale.ROOT), c.toLowerCase(java.util.Locale.ROOT));
      if (d < bestDistance) {
        bestDistance = d;
        best = c;
      }
    }
    return best != null && bestDistance <= Math.max(1, name.length() / 3) ? " Did you mean \"" + best + "\"?" : "";
  }

  private static int editDistance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) prev[j] = j;
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  /**
   * The pytree structure of {@code type} if javac can trace it: an Array, a record of such, or a List of
   * Arrays; null otherwise. {@code declaredOn} carries the {@code @Shape} of an Array parameter.
   */
  private ArgTree traceable(TypeMirror type, Element declaredOn, Set<TypeElement> enclosingRecords) {
    if (type.getKind() != TypeKind.DECLARED) return null;
    TypeElement element = (TypeElement) ((DeclaredType) type).asElement();
    if (element.equals(array)) return new ArgTree.Leaf(declaredShape(declaredOn));
    if (element.equals(list)) {
      List<? extends TypeMirror> args = ((DeclaredType) type).getTypeArguments();
      return args.size() == 1 && isArray(args.get(0)) ? new ArgTree.ListNode() : null;
    }
    if (element.getKind() == ElementKind.RECORD && element.getTypeParameters().isEmpty()
        && enclosingRecords.add(element)) {
      List<ArgTree.Component> components = new ArrayList<>();
      for (RecordComponentElement c : element.getRecordComponents()) {
        ArgTree t = traceable(c.asType(), c, enclosingRecords);
        if (t == null || t instanceof ArgTree.Static) {
          enclosingRecords.remove(element);
          return null;
        }
        components.add(new ArgTree.Component(c.getAccessor().getSimpleName().toString(), t));
      }
      enclosingRecords.remove(element);
      return new ArgTree.RecordNode(element, components);
    }
    return null;
  }

  private boolean isArray(TypeMirror t) {
    return t.getKind() == TypeKind.DECLARED && ((DeclaredType) t).asElement().equals(array);
  }

  private ShapeSpec declaredShape(Element on) {
    if (on == null) return ShapeSpec.DEFAULT;
    AnnotationMirror shape = mirror(on, SHAPE);
    if (shape == null) return ShapeSpec.DEFAULT;
    AnnotationValue value = explicitValue(shape, "value");
    String text = value == null ? "" : String.valueOf(value.getValue());
    try {
      return ShapeSpec.parse(text);
    } catch (ShapeSpec.SyntaxException e) {
      Element reportOn = on instanceof RecordComponentElement ? on.getEnclosingElement() : on;
      diagnostics.report(Message.BAD_SHAPE, reportOn, shape, value, text, describeTarget(on), e.getMessage());
      return ShapeSpec.DEFAULT;
    }
  }

  private void checkShapeTarget(VariableElement p, TypeMirror type) {
    AnnotationMirror shape = mirror(p, SHAPE);
    if (shape != null && !isArray(type)) {
      diagnostics.report(Message.SHAPE_ON_NON_ARRAY, p, shape, null, describeTarget(p), describe(type));
    }
  }

  private static String describeTarget(Element on) {
    return (on instanceof RecordComponentElement ? "record component " : "parameter ") + on.getSimpleName();
  }

  /** Why a static argument of this type would recompile on every call, or null if it has value equality. */
  private String withoutValueEquality(TypeMirror type) {
    if (isArray(type)) {
      return "and an Array has no value equality (JAX: 'Non-hashable static arguments are not supported'). "
          + "Remove it from staticArgs: arrays are traced.";
    }
    if (type.getKind() == TypeKind.ARRAY) {
      return "and a Java array's equals() is identity, so every call would compile anew. Pass a List "
          + "(List.of(...)) or a record instead.";
    }
    return null;
  }

  /** {@code an int}, {@code a double}, {@code a java.lang.String}. */
  private static String describe(TypeMirror type) {
    String name = type.toString();
    return ("aeiouAEIOU".indexOf(name.charAt(0)) >= 0 ? "an " : "a ") + name;
  }

  private String hint(TypeMirror type) {
    if (type.getKind() == TypeKind.ARRAY) {
      return " A Java array is not a pytree: pass a List<Array>, or a record of Arrays.";
    }
    if (type.getKind() == TypeKind.DECLARED
        && ((DeclaredType) type).asElement().getKind() == ElementKind.RECORD) {
      return " A record parameter is traced when every component is an Array, a record of Arrays or a "
          + "List<Array>.";
    }
    return "";
  }

  static AnnotationMirror mirror(Element element, String annotationType) {
    for (AnnotationMirror m : element.getAnnotationMirrors()) {
      TypeElement t = (TypeElement) m.getAnnotationType().asElement();
      if (t.getQualifiedName().contentEquals(annotationType)) return m;
    }
    return null;
  }

  private static AnnotationValue explicitValue(AnnotationMirror mirror, String name) {
    Map<ExecutableElement, AnnotationValue> values = new LinkedHashMap<>(mirror.getElementValues());
    for (Map.Entry<ExecutableElement, AnnotationValue> e : values.entrySet()) {
      if (e.getKey().getSimpleName().contentEquals(name)) return e.getValue();
    }
    return null;
  }
}
