package io.github.kestimator.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Keras {@code Conv2D}, channels last. */
@Documented
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.FIELD)
public @interface Conv2D {
  /** Keras {@code filters}: number of output channels, > 0. */
  int filters();

  /** Keras {@code kernel_size}: {rows, cols}, or one value for both. */
  int[] kernelSize();

  /** Keras {@code strides}. */
  int[] strides() default {1, 1};

  /** Keras {@code padding}. */
  Padding padding() default Padding.VALID;

  /** Keras {@code dilation_rate}. */
  int[] dilationRate() default {1, 1};

  /** Keras {@code activation}. */
  Activation activation() default Activation.LINEAR;

  /** Keras {@code use_bias}. */
  boolean useBias() default true;

  /** Keras {@code kernel_initializer}. */
  Initializer kernelInitializer() default @Initializer(InitializerType.GLOROT_UNIFORM);

  /** Keras {@code bias_initializer}. */
  Initializer biasInitializer() default @Initializer(InitializerType.ZEROS);

  /** Keras {@code kernel_regularizer}. */
  Regularizer kernelRegularizer() default @Regularizer;

  /** Keras {@code kernel_constraint}: applied after every update; default none. */
  Constraint kernelConstraint() default @Constraint;

  /** Keras {@code bias_regularizer}. */
  Regularizer biasRegularizer() default @Regularizer;

  /** Keras {@code bias_constraint}: applied after every update; default none. */
  Constraint biasConstraint() default @Constraint;

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
