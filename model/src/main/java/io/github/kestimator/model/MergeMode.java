package io.github.kestimator.model;

/** Keras {@code Bidirectional(merge_mode=...)}. */
public enum MergeMode {
  CONCAT,
  SUM,
  MUL,
  AVE
}
