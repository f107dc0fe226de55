package io.github.kestimator.annotations;

/**
 * Keras initializers ({@code keras.initializers}), chosen with {@link Initializer}: {@code
 * kernelInitializer = @Initializer(HE_NORMAL)}. The Glorot, He and LeCun initializers are {@code
 * VARIANCE_SCALING} presets; {@code RANDOM_UNIFORM} with its defaults is Embedding's "uniform",
 * [-0.05, 0.05].
 */
public enum InitializerType {
  GLOROT_UNIFORM,
  GLOROT_NORMAL,
  HE_UNIFORM,
  HE_NORMAL,
  LECUN_UNIFORM,
  LECUN_NORMAL,
  VARIANCE_SCALING,
  RANDOM_NORMAL,
  RANDOM_UNIFORM,
  TRUNCATED_NORMAL,
  ORTHOGONAL,
  IDENTITY,
  CONSTANT,
  ZEROS,
  ONES
}
