package org.modulardiffusion.processor;

import java.util.ArrayList;
import java.util.List;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * The errors and warnings found on one element, each with where it belongs — the element, and
 * the annotation and value where there is one — as Dagger's {@code ValidationReport}: code is
 * generated only from a report without errors.
 */
final class Report {
  private final List<Entry> entries = new ArrayList<>();

  private record Entry(
      Diagnostic.Kind kind, String text, Element element, AnnotationMirror annotation, AnnotationValue value) {}

  /** An error on {@code element}. */
  void error(Element element, Message message, Object... arguments) {
    error(element, null, null, message, arguments);
  }

  /** An error on an annotation of {@code element}, on {@code value} of it when not null. */
  void error(
      Element element, AnnotationMirror annotation, AnnotationValue value, Message message, Object... arguments) {
    entries.add(new Entry(Diagnostic.Kind.ERROR, message.format(arguments), element, annotation, value));
  }

  /** A warning on {@code element}: it does not stop code generation. */
  void warning(Element element, Message message, Object... arguments) {
    entries.add(new Entry(Diagnostic.Kind.WARNING, message.format(arguments), element, null, null));
  }

  /** An error on {@code element} for a rule of the model that it belongs to. */
  void error(Element element, String text) {
    entries.add(new Entry(Diagnostic.Kind.ERROR, text, element, null, null));
  }

  /** Whether no error was found. */
  boolean isClean() {
    return entries.stream().noneMatch(entry -> entry.kind() == Diagnostic.Kind.ERROR);
  }

  /** Prints the errors, after which compilation fails, and the warnings. */
  void printTo(Messager messager) {
    for (Entry entry : entries) {
      messager.printMessage(entry.kind(), entry.text(), entry.element(), entry.annotation(), entry.value());
    }
  }
}
