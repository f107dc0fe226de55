package io.github.kestimator.processor;

import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * Every error about one model class goes through here, as precisely placed as the caller knows: the
 * element, the annotation on it, the annotation value. It remembers whether there were errors,
 * because code is generated only for a clean model.
 */
final class Report {
  private final Messager messager;
  private int errors;

  Report(Messager messager) {
    this.messager = messager;
  }

  void error(String message, Element element) {
    error(message, element, null, null);
  }

  void error(String message, Element element, AnnotationMirror annotation) {
    error(message, element, annotation, null);
  }

  void error(String message, Element element, AnnotationMirror annotation, AnnotationValue value) {
    errors++;
    messager.printMessage(Diagnostic.Kind.ERROR, message, element, annotation, value);
  }

  boolean hasErrors() {
    return errors > 0;
  }
}
