package io.github.kestimator.runtime.input;

/**
 * An element with where it came from, so that a problem found later (when it is batched, after
 * shuffling) can still name its file and line: {@code where + " " + index}, e.g. {@code train.csv
 * line 17}, {@code a.tfrecord record 3}, {@code example 12}.
 */
public record Located<T>(T value, String where, long index) {
  @Override
  public String toString() {
    return where + " " + index;
  }
}
