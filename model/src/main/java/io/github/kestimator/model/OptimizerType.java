package io.github.kestimator.model;

/** Keras optimizer identifiers. */
public enum OptimizerType {
  SGD(0.01), ADAM(0.001), ADAMW(0.001), RMSPROP(0.001), ADAGRAD(0.001), ADADELTA(0.001), ADAMAX(0.001),
  NADAM(0.001), FTRL(0.001);

  private final double defaultLearningRate;

  OptimizerType(double defaultLearningRate) {
    this.defaultLearningRate = defaultLearningRate;
  }

  /** Keras' default {@code learning_rate} for this optimizer. */
  public double defaultLearningRate() {
    return defaultLearningRate;
  }
}
