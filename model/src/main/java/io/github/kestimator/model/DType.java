package io.github.kestimator.model;

/** Element types a model's tensors can have. Keras' {@code float32} and {@code int32}. */
public enum DType {
  FLOAT32("float32"),
  INT32("int32"),
  STRING("string"),
  INT64("int64");

  private final String keras;

  DType(String keras) {
    this.keras = keras;
  }

  /** The Keras / NumPy spelling, e.g. {@code float32}. */
  public String keras() {
    return keras;
  }
}
