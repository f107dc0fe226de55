package io.github.kestimator.annotations;

/** Keras learning-rate schedules ({@code keras.optimizers.schedules}). */
public enum ScheduleType {
  /** A constant learning rate. */
  NONE,
  EXPONENTIAL_DECAY,
  INVERSE_TIME_DECAY,
  PIECEWISE_CONSTANT_DECAY,
  POLYNOMIAL_DECAY,
  COSINE_DECAY
}
