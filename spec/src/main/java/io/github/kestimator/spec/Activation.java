package io.github.kestimator.spec;

/** Keras activation identifiers ({@code keras.activations}). */
public enum Activation {
  LINEAR, RELU, SIGMOID, TANH, SOFTMAX, ELU, SELU, GELU, SWISH, SOFTPLUS, SOFTSIGN, HARD_SIGMOID, LEAKY_RELU
}
