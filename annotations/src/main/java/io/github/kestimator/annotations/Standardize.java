package io.github.kestimator.annotations;

/**
 * Keras {@code TextVectorization(standardize=...)}; NONE is Keras' {@code None}. ASCII
 * lower-casing, as Keras.
 */
public enum Standardize {
  LOWER_AND_STRIP_PUNCTUATION,
  LOWER,
  STRIP_PUNCTUATION,
  NONE
}
