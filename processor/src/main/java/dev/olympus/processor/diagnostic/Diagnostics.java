package dev.olympus.processor.diagnostic;

import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;

/**
 * Reports catalog messages on elements and annotation values, and counts errors. Messages on tree nodes (the
 * exact line and column of an expression) go through {@code dev.olympus.processor.javac.TreeReporter}, which
 * needs the compiler's Trees API.
 */
public final class Diagnostics {
  private final Messager messager;
  private int errors;

  public Diagnostics(Messager messager) {
    this.messager = messager;
  }

  public Messager messager() { return messager; }

  public void report(Message message, Element element, Object... args) {
    count(message);
    messager.printMessage(message.kind(), message.format(args), element);
  }

  /** On one value of an annotation, so javac underlines e.g. the misspelled name inside {@code staticArgs}. */
  public void report(Message message, Element element, AnnotationMirror annotation, AnnotationValue value,
      Object... args) {
    count(message);
    messager.printMessage(message.kind(), message.format(args), element, annotation, value);
  }

  /** A message with no element (e.g. about the compiler environment). */
  public void report(Message message, Object... args) {
    count(message);
    messager.printMessage(message.kind(), message.format(args));
  }

  public void count(Message message) {
    if (message.kind() == javax.tools.Diagnostic.Kind.ERROR) errors++;
  }

  public int errorCount() { return errors; }
}
