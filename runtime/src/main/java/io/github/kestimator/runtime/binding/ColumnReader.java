package io.github.kestimator.runtime.binding;

/**
 * Named values of one example as files hold them: a CSV row (one column per feature or label, array
 * values separated by spaces) or a tf.train.Example (one key per feature or label). A missing name
 * or a wrong number of values is an error naming the column.
 *
 * <p>Strings: a CSV cell is one string as it stands (quotes removed, spaces kept); several strings
 * ({@link #getStrings}) are separated by spaces. A tf.train.Example gives them from a {@code
 * bytes_list}, decoded as UTF-8 (malformed bytes become U+FFFD). Longs come from an int64 list or
 * integer cells. The string and long methods are default methods that refuse, so that a reader
 * written before they existed still compiles; every reader of the runtime implements them.
 */
public interface ColumnReader {
  float getFloat(String name);

  int getInt(String name);

  /** Exactly {@code size} floats. */
  float[] getFloats(String name, int size);

  /** Exactly {@code size} ints. */
  int[] getInts(String name, int size);

  /** One string: a whole CSV cell, or the one value of a {@code bytes_list}. */
  default String getString(String name) {
    throw new UnsupportedOperationException(
        getClass().getName() + " reads no strings ('" + name + "')");
  }

  /** Exactly {@code size} strings. */
  default String[] getStrings(String name, int size) {
    throw new UnsupportedOperationException(
        getClass().getName() + " reads no strings ('" + name + "')");
  }

  default long getLong(String name) {
    throw new UnsupportedOperationException(
        getClass().getName() + " reads no int64 values ('" + name + "')");
  }

  /** Exactly {@code size} longs. */
  default long[] getLongs(String name, int size) {
    throw new UnsupportedOperationException(
        getClass().getName() + " reads no int64 values ('" + name + "')");
  }
}
