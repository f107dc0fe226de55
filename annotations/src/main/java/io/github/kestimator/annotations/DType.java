package io.github.kestimator.annotations;

/**
 * Input element types: Keras' {@code dtype="float32"}, {@code "int32"} (token ids for an
 * Embedding), {@code "string"} (raw text or categories for a TextVectorization, StringLookup or
 * Hashing) or {@code "int64"} (integer categories for an IntegerLookup).
 */
public enum DType {
  FLOAT32,
  INT32,
  STRING,
  INT64
}
