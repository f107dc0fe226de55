package io.github.kestimator.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class whose {@link Layer} fields, in declaration order, are the layers of a Keras-style
 * model. The annotation processor validates it and generates {@code <Name>Features},
 * {@code <Name>Labels}, {@code <Name>Predictions}, {@code <Name>Metrics}, {@code <Name>Estimator}
 * and {@code <Name>Predictor} beside it. The class needs {@link Compile} too.
 */
@Documented
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.TYPE)
public @interface KerasModel {
  /** The model's name in summaries and exports; default: the class's simple name. Keras: {@code Model(name=...)}. */
  String name() default "";
}
