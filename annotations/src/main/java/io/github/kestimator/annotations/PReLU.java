package io.github.kestimator.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Keras {@code PReLU}: {@code x} for {@code x >= 0}, else {@code alpha * x} with a learned {@code
 * alpha} of the shape of one example (1 along {@code sharedAxes}).
 */
@Documented
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.FIELD)
public @interface PReLU {
  /** Keras {@code alpha_initializer}. */
  Initializer alphaInitializer() default @Initializer(InitializerType.ZEROS);

  /** Keras {@code alpha_regularizer}. */
  Regularizer alphaRegularizer() default @Regularizer;

  /** Keras {@code alpha_constraint}: applied after every update; default none. */
  Constraint alphaConstraint() default @Constraint;

  /**
   * Keras {@code shared_axes}: axes along which one slope is shared, 1 being the first after the
   * batch (e.g. {@code {1, 2}} for one slope per channel of a Conv2D output); empty: none.
   */
  int[] sharedAxes() default {};

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
