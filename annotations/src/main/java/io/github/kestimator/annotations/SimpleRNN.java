package io.github.kestimator.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Keras {@code SimpleRNN}. */
@Documented
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.FIELD)
public @interface SimpleRNN {
  /** Keras {@code units}: size of the output and state, > 0. */
  int units();

  /** Keras {@code activation}. */
  Activation activation() default Activation.TANH;

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

  /** Keras {@code recurrent_initializer}. */
  Initializer recurrentInitializer() default @Initializer(InitializerType.ORTHOGONAL);

  /** Keras {@code recurrent_regularizer}. */
  Regularizer recurrentRegularizer() default @Regularizer;

  /** Keras {@code recurrent_constraint}: applied after every update; default none. */
  Constraint recurrentConstraint() default @Constraint;

  /** Keras {@code return_sequences}: output every time step, not only the last. */
  boolean returnSequences() default false;

  /** Keras {@code dropout}: fraction of the inputs dropped while training, in [0, 1). */
  double dropout() default 0;

  /**
   * Keras {@code recurrent_dropout}: fraction of the recurrent state dropped while training, in [0,
   * 1).
   */
  double recurrentDropout() default 0;

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
