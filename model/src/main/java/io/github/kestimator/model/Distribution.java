package io.github.kestimator.model;

/**
 * Keras {@code VarianceScaling(distribution=...)}: what is drawn ({@code "truncated_normal"},
 * {@code "untruncated_normal"}, {@code "uniform"}; Keras 2's {@code "normal"} is truncated).
 */
public enum Distribution {
  TRUNCATED_NORMAL,
  UNTRUNCATED_NORMAL,
  UNIFORM
}
