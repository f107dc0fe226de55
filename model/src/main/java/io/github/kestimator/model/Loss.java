package io.github.kestimator.model;

/** Keras loss identifiers. */
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
  LOG_COSH;

  /** Losses whose labels are class indices or one-hot classes over the output's last axis. */
  public boolean isMultiClass() {
    return this == CATEGORICAL_CROSSENTROPY || this == SPARSE_CATEGORICAL_CROSSENTROPY;
  }

  public String keras() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
