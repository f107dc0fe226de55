package io.github.kestimator.runtime.binding;

/**
 * Named values of one example as files hold them: a CSV row (one column per feature or label,
 * array values separated by spaces) or a tf.train.Example (one key per feature or label). A
 * missing name or a wrong number of values is an error naming the column.
 */
public interface ColumnReader {
  float getFloat(String name);

  int getInt(String name);

  /** Exactly {@code size} floats. */
  float[] getFloats(String name, int size);

  /** Exactly {@code size} ints. */
  int[] getInts(String name, int size);
}
