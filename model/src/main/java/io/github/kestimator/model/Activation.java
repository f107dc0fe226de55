package io.github.kestimator.model;

/**
 * Keras activation identifiers ({@code keras.activations}). {@link #HARD_SIGMOID} is Keras 3's
 * {@code relu6(x + 3) / 6}; {@link #HARD_SIGMOID_KERAS2} is the {@code hard_sigmoid} of Keras 1,
 * Keras 2 and tf.keras 2, {@code clip(0.2 * x + 0.5, 0, 1)}, which models saved by those versions
 * were trained with.
 */
public enum Activation {
  LINEAR,
  RELU,
  SIGMOID,
  TANH,
  SOFTMAX,
  ELU,
  SELU,
  GELU,
  SWISH,
  SOFTPLUS,
  SOFTSIGN,
  HARD_SIGMOID,
  HARD_SIGMOID_KERAS2,
  LEAKY_RELU
}
