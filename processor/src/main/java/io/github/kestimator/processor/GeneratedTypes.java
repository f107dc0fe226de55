package io.github.kestimator.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import io.github.kestimator.model.DType;
import io.github.kestimator.model.Shape;
import java.util.List;

/**
 * The names of the types generated for model class {@code Foo}, all in its package, and the Java
 * type of a record component: one value ({@code float}, {@code int}, {@code String}, {@code long})
 * when an example holds exactly one, else a flat row-major array.
 */
record GeneratedTypes(
    ClassName features,
    ClassName labels,
    ClassName predictions,
    ClassName metrics,
    ClassName binding,
    ClassName estimator,
    ClassName predictor) {

  static GeneratedTypes of(String packageName, String model) {
    return new GeneratedTypes(
        ClassName.get(packageName, model + "Features"),
        ClassName.get(packageName, model + "Labels"),
        ClassName.get(packageName, model + "Predictions"),
        ClassName.get(packageName, model + "Metrics"),
        ClassName.get(packageName, model + "Binding"),
        ClassName.get(packageName, model + "Estimator"),
        ClassName.get(packageName, model + "Predictor"));
  }

  List<ClassName> all() {
    return List.of(features, labels, predictions, metrics, binding, estimator, predictor);
  }

  /** Whether one example of this shape is a single value (a scalar, or one value on one axis). */
  static boolean single(Shape shape) {
    return shape.size() == 1 && shape.rank() <= 1;
  }

  static TypeName component(DType dtype, Shape shape) {
    TypeName element =
        switch (dtype) {
          case INT32 -> TypeName.INT;
          case INT64 -> TypeName.LONG;
          case STRING -> TypeName.get(String.class);
          case FLOAT32 -> TypeName.FLOAT;
        };
    return single(shape) ? element : com.palantir.javapoet.ArrayTypeName.of(element);
  }
}
