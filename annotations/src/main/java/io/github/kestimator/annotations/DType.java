package io.github.kestimator.annotations;

/** Input element types: Keras' {@code dtype="float32"} or {@code "int32"} (token ids for an Embedding). */
public enum DType {
  FLOAT32,
  INT32
}
