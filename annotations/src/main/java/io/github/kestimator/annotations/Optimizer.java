package io.github.kestimator.annotations;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A Keras optimizer with its arguments. Each optimizer takes only its own parameters, as in Keras;
 * a parameter the chosen optimizer does not take, or a value out of range, is a compile error on
 * that value ({@code @Optimizer(value = SGD, beta1 = 0.5)}: {@code [KerasUnknownParam]}).
 *
 * <table>
 *   <caption>The parameters each optimizer takes</caption>
 *   <tr><th>optimizer</th><th>its own parameters</th></tr>
 *   <tr><td>SGD</td><td>momentum, nesterov</td></tr>
 *   <tr><td>ADAM</td><td>beta1, beta2, epsilon, amsgrad</td></tr>
 *   <tr><td>ADAMW</td><td>weightDecay, beta1, beta2, epsilon, amsgrad</td></tr>
 *   <tr><td>RMSPROP</td><td>rho, momentum, epsilon</td></tr>
 *   <tr><td>ADAGRAD</td><td>initialAccumulatorValue, epsilon</td></tr>
 *   <tr><td>ADADELTA</td><td>rho, epsilon</td></tr>
 *   <tr><td>ADAMAX, NADAM</td><td>beta1, beta2, epsilon</td></tr>
 *   <tr><td>FTRL</td><td>learningRatePower, initialAccumulatorValue, l1RegularizationStrength,
 *       l2RegularizationStrength</td></tr>
 * </table>
 *
 * <p>Every optimizer also takes {@code learningRate}, {@code clipNorm}, {@code clipValue}, {@code
 * decay} and {@code schedule}. An element's default here is only documentation: a parameter that is
 * not written takes Keras' default for the chosen optimizer.
 */
@Retention(RetentionPolicy.SOURCE)
@Target({})
public @interface Optimizer {
  /** Which optimizer. Keras: {@code optimizer="adam"}. */
  OptimizerType value() default OptimizerType.ADAM;

  /**
   * Keras {@code learning_rate}, > 0 (with a {@code schedule}, its initial rate: >= 0); not given:
   * Keras' default, 0.01 for SGD, 0.001 for the others. Every optimizer.
   */
  double learningRate() default Double.NaN;

  /** Keras {@code momentum}: SGD (in [0, 1]) and RMSPROP (in [0, 1)). */
  double momentum() default 0;

  /** Keras {@code nesterov}: SGD. */
  boolean nesterov() default false;

  /** Keras {@code beta_1}, in [0, 1): ADAM, ADAMW, ADAMAX, NADAM. */
  double beta1() default 0.9;

  /** Keras {@code beta_2}, in [0, 1): ADAM, ADAMW, ADAMAX, NADAM. */
  double beta2() default 0.999;

  /**
   * Keras {@code epsilon}, > 0 (Keras' 1e-7, not TensorFlow's 1e-8): every optimizer but SGD and
   * FTRL.
   */
  double epsilon() default 1e-7;

  /** Keras {@code amsgrad}: ADAM, ADAMW. */
  boolean amsgrad() default false;

  /** Keras {@code weight_decay}, >= 0: ADAMW. */
  double weightDecay() default 0.004;

  /**
   * Keras {@code rho}, in [0, 1): RMSPROP and ADADELTA; not given: Keras' default, 0.9 for RMSPROP,
   * 0.95 for ADADELTA.
   */
  double rho() default Double.NaN;

  /** Keras {@code initial_accumulator_value}, >= 0: ADAGRAD, FTRL. */
  double initialAccumulatorValue() default 0.1;

  /** Keras {@code learning_rate_power}, at most 0: FTRL. */
  double learningRatePower() default -0.5;

  /** Keras {@code l1_regularization_strength}, >= 0: FTRL. */
  double l1RegularizationStrength() default 0;

  /** Keras {@code l2_regularization_strength}, >= 0: FTRL. */
  double l2RegularizationStrength() default 0;

  /**
   * Keras {@code clipnorm}: clip each gradient to this norm, > 0; not given: no clipping. Every
   * optimizer.
   */
  double clipNorm() default 0;

  /**
   * Keras {@code clipvalue}: clip each gradient element to [-v, v], > 0; not given: no clipping.
   * Every optimizer.
   */
  double clipValue() default 0;

  /**
   * Keras 2's {@code decay}, >= 0: the learning rate is {@code lr / (1 + decay * iterations)}; 0
   * means none. Every optimizer.
   */
  double decay() default 0;

  /**
   * A Keras 3 learning-rate schedule starting from {@code learningRate}: at most one, written
   * {@code schedule = @LearningRateSchedule(...)}; none by default. (An array, so that the default
   * needs no nested annotation value, which javac cannot read back from a class file here.) Every
   * optimizer.
   */
  LearningRateSchedule[] schedule() default {};
}
