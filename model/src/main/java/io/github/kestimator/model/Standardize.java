package io.github.kestimator.model;

/**
 * Keras {@code TextVectorization(standardize=...)}: what is done to the text before it is split.
 * Lower-casing is ASCII only and the punctuation is Keras' ASCII set, as Keras does it.
 */
public enum Standardize {
  LOWER_AND_STRIP_PUNCTUATION("lower_and_strip_punctuation"),
  LOWER("lower"),
  STRIP_PUNCTUATION("strip_punctuation"),
  /** Keras' {@code None}: the text as it is. */
  NONE(null);

  private final String keras;

  Standardize(String keras) {
    this.keras = keras;
  }

  /** Keras' spelling, e.g. {@code lower_and_strip_punctuation}; null for {@link #NONE}. */
  public String keras() {
    return keras;
  }
}
