package io.github.kestimator.annotations;

/**
 * Keras {@code TextVectorization(split=...)}: "whitespace", "character"; NONE is Keras' {@code
 * None} (the whole text).
 */
public enum Split {
  WHITESPACE,
  CHARACTER,
  NONE
}
