package io.github.kestimator.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Keras {@code BatchNormalization} over the last axis: batch statistics while training, moving
 * averages at inference.
 */
@Documented
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.FIELD)
public @interface BatchNormalization {
  /** Keras {@code axis}; only the last axis (-1) is supported. */
  int axis() default -1;

  /** Keras {@code momentum} of the moving averages. */
  double momentum() default 0.99;

  /** Keras {@code epsilon}. */
  double epsilon() default 1e-3;

  /** Keras {@code center}: learn beta. */
  boolean center() default true;

  /** Keras {@code scale}: learn gamma. */
  boolean scale() default true;

  /** Keras {@code beta_initializer}. */
  Initializer betaInitializer() default @Initializer(InitializerType.ZEROS);

  /** Keras {@code gamma_initializer}. */
  Initializer gammaInitializer() default @Initializer(InitializerType.ONES);

  /** Keras {@code moving_mean_initializer}. */
  Initializer movingMeanInitializer() default @Initializer(InitializerType.ZEROS);

  /** Keras {@code moving_variance_initializer}. */
  Initializer movingVarianceInitializer() default @Initializer(InitializerType.ONES);

  /** Keras {@code beta_constraint}: applied after every update; default none. */
  Constraint betaConstraint() default @Constraint;

  /** Keras {@code gamma_constraint}: applied after every update; default none. */
  Constraint gammaConstraint() default @Constraint;

  /** The layer's name; default: the field's name. Keras: {@code name}. */
  String name() default "";

  /**
   * The layers feeding this one, by name; default: the previous field (Keras' functional API:
   * {@code layer([a, b])}).
   */
  String[] from() default {};

  /**
   * Keras {@code input_shape}: the shape of one example; only the first layer of a sequential model
   * takes it.
   */
  int[] inputShape() default {};

  /**
   * The feature that feeds this layer, which must be the model's first; default {@code
   * <name>_input}, as Keras names the implicit input. Set it to keep a Keras model's own input
   * name.
   */
  String inputName() default "";
}
