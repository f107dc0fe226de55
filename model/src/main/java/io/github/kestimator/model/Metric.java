package io.github.kestimator.model;

import java.util.Locale;

/** Keras metric identifiers. */
public enum Metric {
  /** Keras resolves "accuracy" by the loss: binary, categorical or sparse categorical. */
  ACCURACY,
  BINARY_ACCURACY,
  CATEGORICAL_ACCURACY,
  SPARSE_CATEGORICAL_ACCURACY,
  AUC,
  PRECISION,
  RECALL,
  /** Keras {@code TopKCategoricalAccuracy(k=5)}. */
  TOP_K_CATEGORICAL_ACCURACY,
  /** Keras {@code SparseTopKCategoricalAccuracy(k=5)}. */
  SPARSE_TOP_K_CATEGORICAL_ACCURACY,
  MEAN_SQUARED_ERROR,
  MEAN_ABSOLUTE_ERROR,
  ROOT_MEAN_SQUARED_ERROR;

  /** The name Keras reports the metric under, e.g. {@code auc}, {@code accuracy}. */
  public String keras() {
    return name().toLowerCase(Locale.ROOT);
  }
}
