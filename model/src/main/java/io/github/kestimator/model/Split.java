package io.github.kestimator.model;

/** Keras {@code TextVectorization(split=...)}: how standardized text becomes tokens. */
public enum Split {
  /** Runs of whitespace separate tokens; no empty tokens. */
  WHITESPACE("whitespace"),
  /** Every Unicode character (UTF-8 code point) is a token. */
  CHARACTER("character"),
  /** Keras' {@code None}: the whole text is one token. */
  NONE(null);

  private final String keras;

  Split(String keras) {
    this.keras = keras;
  }

  /** Keras' spelling, e.g. {@code whitespace}; null for {@link #NONE}. */
  public String keras() {
    return keras;
  }
}
