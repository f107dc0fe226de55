package io.github.kestimator.model;

/**
 * Element types a model's tensors can have: Keras' {@code float32} and {@code int32}, and for raw
 * inputs of preprocessing layers {@code string} (text, categories) and {@code int64} (integer
 * categories, and the ids those layers give).
 */
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
