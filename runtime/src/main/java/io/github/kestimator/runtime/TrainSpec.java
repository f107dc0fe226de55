package io.github.kestimator.runtime;

import java.util.Objects;

/**
 * tf.estimator.TrainSpec: the training input, the global step to stop at, and the data the
 * preprocessing layers adapt on before step 0 (Keras' {@code adapt}).
 */
public final class TrainSpec<F, L> {
  private final Input<F, L> input;
  private final long maxSteps;
  private final Input<F, L> adaptInput;

  private TrainSpec(Input<F, L> input, long maxSteps, Input<F, L> adaptInput) {
    this.input = Objects.requireNonNull(input, "input");
    this.maxSteps = maxSteps;
    this.adaptInput = adaptInput;
  }

  /**
   * Trains on {@code input} until it ends (give it {@code repeat()} and {@link #maxSteps} to train
   * longer).
   */
  public static <F, L> TrainSpec<F, L> of(Input<F, L> input) {
    return new TrainSpec<>(input, Long.MAX_VALUE, null);
  }

  /** Stops when the global step reaches {@code maxSteps}. */
  public TrainSpec<F, L> maxSteps(long maxSteps) {
    if (maxSteps < 1) {
      throw new IllegalArgumentException("maxSteps must be > 0, got " + maxSteps);
    }
    return new TrainSpec<>(input, maxSteps, adaptInput);
  }

  /**
   * The data a model's preprocessing layers adapt on when the model dir has neither a checkpoint
   * nor adapted state (read once, in order); by default one pass of the training input, which must
   * then end. Give one when the training input is endless or repeated.
   */
  public TrainSpec<F, L> adaptOn(Input<F, L> adaptInput) {
    return new TrainSpec<>(input, maxSteps, Objects.requireNonNull(adaptInput, "adaptInput"));
  }

  public Input<F, L> input() {
    return input;
  }

  public long maxSteps() {
    return maxSteps;
  }

  /** What adapts the preprocessing layers: {@link #adaptOn}'s input, else the training input. */
  public Input<F, L> adaptInput() {
    return adaptInput != null ? adaptInput : input;
  }
}
