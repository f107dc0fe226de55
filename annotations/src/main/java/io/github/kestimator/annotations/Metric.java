package io.github.kestimator.annotations;

/**
 * Keras metrics, as passed to {@code model.compile(metrics=[...])}. {@code ACCURACY} is resolved by
 * the loss, as Keras does; the top-k metrics use k = 5.
 */
public enum Metric {
  ACCURACY,
  BINARY_ACCURACY,
  CATEGORICAL_ACCURACY,
  SPARSE_CATEGORICAL_ACCURACY,
  AUC,
  PRECISION,
  RECALL,
  TOP_K_CATEGORICAL_ACCURACY,
  SPARSE_TOP_K_CATEGORICAL_ACCURACY,
  MEAN_SQUARED_ERROR,
  MEAN_ABSOLUTE_ERROR,
  ROOT_MEAN_SQUARED_ERROR
}
