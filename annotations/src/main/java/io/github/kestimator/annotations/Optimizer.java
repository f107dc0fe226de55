package io.github.kestimator.annotations;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A Keras optimizer with its arguments. Each optimizer reads the arguments Keras gives it and
 * ignores the others.
 */
@Retention(RetentionPolicy.SOURCE)
@Target({})
public @interface Optimizer {
  /** Which optimizer. Keras: {@code optimizer="adam"}. */
  OptimizerType value() default OptimizerType.ADAM;

  /** Keras {@code learning_rate}; negative means Keras' default (0.01 for SGD, else 0.001). */
  double learningRate() default -1;

  /** SGD {@code momentum}. */
  double momentum() default 0;

  /** SGD {@code nesterov}. */
  boolean nesterov() default false;

  /** Adam-family {@code beta_1}. */
  double beta1() default 0.9;

  /** Adam-family {@code beta_2}. */
  double beta2() default 0.999;

  /** Keras {@code epsilon} (Keras' 1e-7, not TensorFlow's 1e-8). */
  double epsilon() default 1e-7;

  /** Adam / AdamW {@code amsgrad}. */
  boolean amsgrad() default false;

  /** AdamW {@code weight_decay}. */
  double weightDecay() default 0.004;

  /** RMSprop / Adadelta {@code rho}; negative means Keras' default (0.9 RMSprop, 0.95 Adadelta). */
  double rho() default -1;

  /** Adagrad {@code initial_accumulator_value}. */
  double initialAccumulatorValue() default 0.1;

  /** Ftrl {@code learning_rate_power}. */
  double learningRatePower() default -0.5;

  /** Ftrl {@code l1_regularization_strength}. */
  double l1RegularizationStrength() default 0;

  /** Ftrl {@code l2_regularization_strength}. */
  double l2RegularizationStrength() default 0;

  /** Keras {@code clipnorm}: clip each gradient to this norm; 0 means no clipping. */
  double clipNorm() default 0;

  /** Keras {@code clipvalue}: clip each gradient element to [-v, v]; 0 means no clipping. */
  double clipValue() default 0;

  /** Keras 2's {@code decay}: the learning rate is {@code lr / (1 + decay * iterations)}; 0 means none. */
  double decay() default 0;

  /**
   * A Keras 3 learning-rate schedule starting from {@code learningRate}: at most one, written
   * {@code schedule = @LearningRateSchedule(...)}; none by default. (An array, so that the default
   * needs no nested annotation value, which javac cannot read back from a class file here.)
   */
  LearningRateSchedule[] schedule() default {};
}
