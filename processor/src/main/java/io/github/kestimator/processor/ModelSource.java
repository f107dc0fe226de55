package io.github.kestimator.processor;

import io.github.kestimator.model.ModelSpec;
import java.util.List;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;

/**
 * A model class as read: the spec to analyze, and where each part of it was written, so that a
 * problem found in the spec can be reported on the source that caused it.
 *
 * @param kerasModel the {@code @KerasModel} annotation
 * @param compile the {@code @Compile} annotation, or null
 * @param weights the starting weights' class path resource ({@code @KerasModel(weights = ...)}), or
 *     null
 */
record ModelSource(
    TypeElement type,
    AnnotationMirror kerasModel,
    AnnotationMirror compile,
    List<LayerSource> layers,
    ModelSpec spec,
    String weights) {

  /**
   * One layer field.
   *
   * @param name the layer's name (the field's, unless the annotation gives one)
   * @param layer the layer annotation, or null for a lone {@code @Bidirectional}
   * @param bidirectional the {@code @Bidirectional} on the same field, or null
   */
  record LayerSource(
      String name, VariableElement field, AnnotationMirror layer, AnnotationMirror bidirectional) {}
}
