package io.github.kestimator.model;

/** Keras {@code L1L2(l1, l2)}: a penalty added to the loss. {@link #NONE} adds nothing. */
public record Regularizer(double l1, double l2) {
  public static final Regularizer NONE = new Regularizer(0, 0);

  public boolean isNone() {
    return l1 == 0 && l2 == 0;
  }
}
