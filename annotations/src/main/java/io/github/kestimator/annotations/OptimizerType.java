package io.github.kestimator.annotations;

/** Keras optimizers ({@code keras.optimizers}). */
public enum OptimizerType {
  SGD,
  ADAM,
  ADAMW,
  RMSPROP,
  ADAGRAD,
  ADADELTA,
  ADAMAX,
  NADAM,
  FTRL
}
