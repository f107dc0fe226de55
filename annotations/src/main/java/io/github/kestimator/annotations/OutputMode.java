package io.github.kestimator.annotations;

/**
 * Keras {@code output_mode} of the preprocessing layers: "int" (int64 indices), "one_hot",
 * "multi_hot", "count", "tf_idf" (float vectors with one value per index). Each layer says which it
 * takes.
 */
public enum OutputMode {
  INT,
  ONE_HOT,
  MULTI_HOT,
  COUNT,
  TF_IDF
}
