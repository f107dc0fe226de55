package io.github.kestimator.runtime;

import java.nio.file.Path;
import java.util.List;

/**
 * Loads an exported SavedModel and predicts from typed features. Safe to share between threads.
 * SKELETON: implemented by the runtime work.
 */
public class Predictor<F, P> implements AutoCloseable {
  protected Predictor(ModelBinding<F, ?, P, ?> binding, Path savedModelDir) {
    throw new UnsupportedOperationException("skeleton");
  }

  public P predict(F features) {
    throw new UnsupportedOperationException("skeleton");
  }

  public List<P> predict(List<F> features) {
    throw new UnsupportedOperationException("skeleton");
  }

  @Override
  public void close() {}
}
