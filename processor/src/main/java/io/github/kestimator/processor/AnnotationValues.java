package io.github.kestimator.processor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.SimpleAnnotationValueVisitor14;

/**
 * Turns annotation values into the plain Java values the model description takes as raw arguments:
 * numbers, Boolean, String, an enum constant's name, a List for an array, and a Map of every
 * element (defaults included) for a nested annotation such as {@code @Regularizer}, or of {@code
 * value} and the written elements for {@code @Initializer} and {@code @Constraint}.
 */
final class AnnotationValues {
  /**
   * Nested annotations whose elements each belong to some of their types only
   * ({@code @Initializer(value = RANDOM_NORMAL, stddev = 0.3)}): only the written elements (and
   * {@code value}) are read, so that one the type does not take is reported.
   */
  private static final java.util.Set<String> GIVEN_ONLY =
      java.util.Set.of(
          "io.github.kestimator.annotations.Initializer",
          "io.github.kestimator.annotations.Constraint");

  private final Elements elements;

  AnnotationValues(Elements elements) {
    this.elements = elements;
  }

  /** The plain value; null for a value javac could not attribute (javac reports that itself). */
  Object toJava(AnnotationValue value) {
    return value == null ? null : value.accept(visitor, null);
  }

  /** The value explicitly written for {@code element} (defaults are not written), or null. */
  static AnnotationValue given(AnnotationMirror annotation, String element) {
    if (annotation == null) {
      return null;
    }
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e :
        annotation.getElementValues().entrySet()) {
      if (e.getKey().getSimpleName().contentEquals(element)) {
        return e.getValue();
      }
    }
    return null;
  }

  private final SimpleAnnotationValueVisitor14<Object, Void> visitor =
      new SimpleAnnotationValueVisitor14<>() {
        @Override
        protected Object defaultAction(Object o, Void p) {
          return o;
        }

        @Override
        public Object visitEnumConstant(VariableElement c, Void p) {
          return c.getSimpleName().toString();
        }

        @Override
        public Object visitArray(List<? extends AnnotationValue> values, Void p) {
          List<Object> out = new ArrayList<>();
          for (AnnotationValue v : values) {
            out.add(toJava(v));
          }
          return out;
        }

        @Override
        public Object visitAnnotation(AnnotationMirror a, Void p) {
          // Declared order, not javac's (given values first), so that output does not depend on how
          // it was written.
          Map<? extends ExecutableElement, ? extends AnnotationValue> values =
              elements.getElementValuesWithDefaults(a);
          boolean givenOnly =
              GIVEN_ONLY.contains(
                  ((javax.lang.model.element.TypeElement) a.getAnnotationType().asElement())
                      .getQualifiedName()
                      .toString());
          Map<String, Object> out = new LinkedHashMap<>();
          for (ExecutableElement e :
              ElementFilter.methodsIn(a.getAnnotationType().asElement().getEnclosedElements())) {
            String name = e.getSimpleName().toString();
            if (givenOnly && !name.equals("value") && !a.getElementValues().containsKey(e)) {
              continue;
            }
            out.put(name, toJava(values.get(e)));
          }
          return out;
        }

        @Override
        public Object visitType(TypeMirror t, Void p) {
          return t.toString();
        }

        @Override
        public Object visitUnknown(AnnotationValue av, Void p) {
          return null;
        }
      };
}
