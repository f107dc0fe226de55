package io.github.kestimator.runtime;

/** tf.estimator.EvalSpec. SKELETON. */
public final class EvalSpec<F, L, M> {
  public static <F, L> EvalSpec<F, L, Object> of(Input<F, L> input) {
    throw new UnsupportedOperationException("skeleton");
  }

  public EvalSpec<F, L, M> steps(long steps) {
    throw new UnsupportedOperationException("skeleton");
  }

  @SafeVarargs
  public final <N> EvalSpec<F, L, N> exporters(Exporter<N>... exporters) {
    throw new UnsupportedOperationException("skeleton");
  }
}
