package io.github.kestimator.model;

/**
 * One variable of a layer, named as Keras names it ({@code kernel}, {@code recurrent_kernel},
 * {@code bias}, {@code embeddings}, {@code gamma}, {@code beta}, {@code moving_mean}, {@code
 * moving_variance}; a Bidirectional layer's carry {@code forward_} and {@code backward_}).
 */
public record Weight(
    String name, Shape shape, Initializer initializer, boolean trainable, Regularizer regularizer) {
  public long size() {
    return shape.size();
  }
}
