package io.github.kestimator.annotations;

/** Keras activation functions ({@code keras.activations}); the constant is Keras' identifier in upper snake case. */
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
  LEAKY_RELU
}
