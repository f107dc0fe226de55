package io.github.kestimator.runtime.graph;

/** What a {@link ModelGraph} is built for, as tf.estimator's {@code ModeKeys}. */
public enum Mode {
  /** Outputs, loss (with regularization), one optimizer step per run of the train op. */
  TRAIN,
  /** Outputs and loss; dropout off, batch normalization uses its moving statistics. */
  EVAL,
  /** Outputs only: no label placeholders, no loss. */
  PREDICT;

  public boolean training() {
    return this == TRAIN;
  }
}
