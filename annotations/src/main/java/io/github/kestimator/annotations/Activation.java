package io.github.kestimator.annotations;

/**
 * Keras activation functions ({@code keras.activations}); the constant is Keras' identifier in
 * upper snake case.
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
  /** Keras 3's {@code relu6(x + 3) / 6}. */
  HARD_SIGMOID,
  /** Keras 1, Keras 2 and tf.keras 2's {@code hard_sigmoid}: {@code clip(0.2 * x + 0.5, 0, 1)}. */
  HARD_SIGMOID_KERAS2,
  LEAKY_RELU
}
