package io.github.kestimator.annotations;

/** Keras losses, as passed to {@code model.compile(loss=...)}. */
public enum Loss {
  BINARY_CROSSENTROPY,
  CATEGORICAL_CROSSENTROPY,
  SPARSE_CATEGORICAL_CROSSENTROPY,
  MEAN_SQUARED_ERROR,
  MEAN_ABSOLUTE_ERROR,
  HUBER,
  HINGE,
  KL_DIVERGENCE,
  POISSON,
  LOG_COSH
}
