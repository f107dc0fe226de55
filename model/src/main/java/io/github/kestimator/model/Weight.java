package io.github.kestimator.model;

/**
 * One variable of a layer, named as Keras names it ({@code kernel}, {@code recurrent_kernel},
 * {@code bias}, {@code embeddings}, {@code gamma}, {@code beta}, {@code moving_mean}, {@code
 * moving_variance}; a Bidirectional layer's carry {@code forward_} and {@code backward_}), with its
 * initializer, regularizer and constraint (Keras applies the constraint after every update of a
 * trainable weight).
 */
public record Weight(
    String name,
    Shape shape,
    Initializer initializer,
    boolean trainable,
    Regularizer regularizer,
    Constraint constraint) {
  /** A weight without constraint. */
  public Weight(
      String name,
      Shape shape,
      Initializer initializer,
      boolean trainable,
      Regularizer regularizer) {
    this(name, shape, initializer, trainable, regularizer, Constraint.NONE);
  }

  public long size() {
    return shape.size();
  }
}
