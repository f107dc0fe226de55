package io.github.kestimator.spec;

/** Keras {@code padding} for convolutions and pooling. */
public enum Padding {
  VALID, SAME
}
