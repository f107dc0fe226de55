package io.github.kestimator.annotations;

/** Keras weight constraints ({@code keras.constraints}), chosen with {@link Constraint}. */
public enum ConstraintType {
  /** No constraint: Keras' {@code None}. */
  NONE,
  MAX_NORM,
  NON_NEG,
  UNIT_NORM,
  MIN_MAX_NORM
}
