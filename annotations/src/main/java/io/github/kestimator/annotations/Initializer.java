package io.github.kestimator.annotations;

/**
 * Keras initializers with Keras' default arguments ({@code RANDOM_UNIFORM} is Embedding's
 * "uniform", [-0.05, 0.05]).
 */
public enum Initializer {
  GLOROT_UNIFORM,
  GLOROT_NORMAL,
  HE_UNIFORM,
  HE_NORMAL,
  LECUN_UNIFORM,
  LECUN_NORMAL,
  ORTHOGONAL,
  ZEROS,
  ONES,
  RANDOM_UNIFORM,
  RANDOM_NORMAL,
  TRUNCATED_NORMAL
}
