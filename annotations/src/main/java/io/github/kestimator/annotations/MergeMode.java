package io.github.kestimator.annotations;

/** Keras {@code Bidirectional(merge_mode=...)}. */
public enum MergeMode {
  CONCAT,
  SUM,
  MUL,
  AVE
}
