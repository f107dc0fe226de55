package io.github.kestimator.annotations;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A Keras 3 learning-rate schedule, evaluated at the optimizer's iteration count (0 at the first
 * step). It starts from the optimizer's {@code learningRate} (Keras' {@code
 * initial_learning_rate}); {@code PIECEWISE_CONSTANT_DECAY} takes its {@code values} instead. Each
 * schedule reads the arguments Keras gives it and ignores the others. Example:
 * {@code @Optimizer(value = ADAM, learningRate = 1e-3, schedule = @LearningRateSchedule(value =
 * EXPONENTIAL_DECAY, decaySteps = 1000, decayRate = 0.96))}.
 */
@Retention(RetentionPolicy.SOURCE)
@Target({})
public @interface LearningRateSchedule {
  /** Which schedule: Keras' class ({@code ExponentialDecay}, ...). */
  ScheduleType value() default ScheduleType.NONE;

  /** {@code decay_steps} (every schedule but PiecewiseConstantDecay; must be > 0). */
  double decaySteps() default 0;

  /** ExponentialDecay / InverseTimeDecay {@code decay_rate}. */
  double decayRate() default 0;

  /** ExponentialDecay / InverseTimeDecay {@code staircase}. */
  boolean staircase() default false;

  /** PolynomialDecay {@code end_learning_rate}. */
  double endLearningRate() default 0.0001;

  /** PolynomialDecay {@code power}. */
  double power() default 1;

  /** PolynomialDecay {@code cycle}. */
  boolean cycle() default false;

  /** CosineDecay {@code alpha}: the final learning rate as a fraction of the start. */
  double alpha() default 0;

  /** CosineDecay {@code warmup_target}; negative means Keras' None (no warm-up). */
  double warmupTarget() default -1;

  /** CosineDecay {@code warmup_steps}. */
  double warmupSteps() default 0;

  /** PiecewiseConstantDecay {@code boundaries} (steps). */
  double[] boundaries() default {};

  /** PiecewiseConstantDecay {@code values}: one more than boundaries. */
  double[] values() default {};
}
