package io.github.kestimator.runtime;

/** tf.estimator.TrainSpec. SKELETON. */
public final class TrainSpec<F, L> {
  public static <F, L> TrainSpec<F, L> of(Input<F, L> input) {
    throw new UnsupportedOperationException("skeleton");
  }

  public TrainSpec<F, L> maxSteps(long maxSteps) {
    throw new UnsupportedOperationException("skeleton");
  }
}
