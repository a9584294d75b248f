package dev.olympus.processor.model;

import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeMirror;

/** A validated parameter of a {@code @Jit} method. */
public record Parameter(VariableElement element, String name, TypeMirror type, ArgTree tree) {
  public boolean isStatic() { return tree instanceof ArgTree.Static; }
}
