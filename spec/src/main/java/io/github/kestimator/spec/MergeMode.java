package io.github.kestimator.spec;

/** Keras {@code Bidirectional(merge_mode=...)}. */
public enum MergeMode {
  CONCAT, SUM, MUL, AVE
}
