package io.github.kestimator.model;

/** Keras {@code padding} for convolutions and pooling. */
public enum Padding {
  VALID,
  SAME
}
