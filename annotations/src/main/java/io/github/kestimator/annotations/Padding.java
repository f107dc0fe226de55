package io.github.kestimator.annotations;

/** Keras {@code padding}: "valid" or "same". */
public enum Padding {
  VALID,
  SAME
}
