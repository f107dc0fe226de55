package io.github.kestimator.model;

/** Keras initializer identifiers with Keras' default arguments. */
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
  /** Keras {@code RandomUniform(-0.05, 0.05)}, the Embedding default ("uniform"). */
  RANDOM_UNIFORM,
  /** Keras {@code RandomNormal(0, 0.05)}. */
  RANDOM_NORMAL,
  /** Keras {@code TruncatedNormal(0, 0.05)}. */
  TRUNCATED_NORMAL
}
