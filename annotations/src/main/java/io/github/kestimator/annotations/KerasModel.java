package io.github.kestimator.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class whose {@link Layer} fields, in declaration order, are the layers of a Keras-style
 * model. The annotation processor validates it and generates {@code <Name>Features}, {@code
 * <Name>Labels}, {@code <Name>Predictions}, {@code <Name>Metrics}, {@code <Name>Estimator} and
 * {@code <Name>Predictor} beside it. The class needs {@link Compile} too.
 */
@Documented
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.TYPE)
public @interface KerasModel {
  /**
   * The model's name in summaries and exports; default: the class's simple name. Keras: {@code
   * Model(name=...)}.
   */
  String name() default "";

  /**
   * A class path resource holding the model's starting weights; default: none (the layers'
   * initializers). Resolved against the model class as {@link Class#getResource} does: a plain name
   * ({@code "Cnn.weights"}) lies in the class's package, one with a leading {@code /} is absolute.
   *
   * <p>On a model directory without a checkpoint, the estimator saves these weights as the
   * checkpoint of step 0 and starts from them (tf.estimator's warm start, as {@code
   * model_to_estimator} starts from the Keras model's weights); a directory with a checkpoint
   * resumes from it. The format is kestimator's own, small and dependency-free ({@code
   * io.github.kestimator.model.format.WeightsFile}); the Maven plugin's {@code generate} goal
   * writes it, and sets this, for {@code .h5} and {@code .keras} files that carry weights.
   */
  String weights() default "";
}
