package io.github.kestimator.annotations;

/**
 * Keras {@code VarianceScaling(distribution=...)}: {@code "truncated_normal"}, {@code
 * "untruncated_normal"}, {@code "uniform"}.
 */
public enum Distribution {
  TRUNCATED_NORMAL,
  UNTRUNCATED_NORMAL,
  UNIFORM
}
