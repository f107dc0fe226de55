package io.github.kestimator.runtime;

import java.util.Objects;

/** tf.estimator.TrainSpec: the training input and the global step to stop at. */
public final class TrainSpec<F, L> {
  private final Input<F, L> input;
  private final long maxSteps;

  private TrainSpec(Input<F, L> input, long maxSteps) {
    this.input = Objects.requireNonNull(input, "input");
    this.maxSteps = maxSteps;
  }

  /** Trains on {@code input} until it ends (give it {@code repeat()} and {@link #maxSteps} to train longer). */
  public static <F, L> TrainSpec<F, L> of(Input<F, L> input) {
    return new TrainSpec<>(input, Long.MAX_VALUE);
  }

  /** Stops when the global step reaches {@code maxSteps}. */
  public TrainSpec<F, L> maxSteps(long maxSteps) {
    if (maxSteps < 1) {
      throw new IllegalArgumentException("maxSteps must be > 0, got " + maxSteps);
    }
    return new TrainSpec<>(input, maxSteps);
  }

  public Input<F, L> input() {
    return input;
  }

  public long maxSteps() {
    return maxSteps;
  }
}
