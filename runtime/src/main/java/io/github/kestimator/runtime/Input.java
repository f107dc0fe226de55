package io.github.kestimator.runtime;

/**
 * An input function: where examples come from and how they are shuffled, batched, repeated and
 * prefetched. SKELETON: implemented by the runtime work.
 */
public class Input<F, L> {
  public static <F, L> Input<F, L> of(Iterable<Example<F, L>> examples) {
    throw new UnsupportedOperationException("skeleton");
  }

  public Input<F, L> shuffle(int bufferSize, long seed) {
    throw new UnsupportedOperationException("skeleton");
  }

  public Input<F, L> batch(int batchSize) {
    throw new UnsupportedOperationException("skeleton");
  }

  public Input<F, L> repeat() {
    throw new UnsupportedOperationException("skeleton");
  }

  public Input<F, L> prefetch(int batches) {
    throw new UnsupportedOperationException("skeleton");
  }
}
