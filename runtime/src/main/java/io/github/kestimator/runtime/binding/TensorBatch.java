package io.github.kestimator.runtime.binding;

/**
 * A batch being filled, one flat primitive array per slot (a feature or a label), so that values go
 * into tensors without boxing. Slot {@code i} holds {@code rows x size(i)} values, row-major.
 * Generated bindings call the {@code put} methods; every put checks the length and names the slot.
 * String slots ({@code DType.STRING}: raw text for {@code TextVectorization} or {@code
 * StringLookup}) hold {@code String[]}, int64 slots ({@code DType.INT64}, e.g. for {@code
 * IntegerLookup}) {@code long[]}. The string and long methods are default methods that refuse, so
 * that a batch written before they existed still compiles; every batch of the runtime implements
 * them.
 */
public interface TensorBatch {
  void put(int slot, int row, float[] values);

  void put(int slot, int row, int[] values);

  void put(int slot, int row, float value);

  void put(int slot, int row, int value);

  /** A string value (UTF-8 when it becomes a tensor); null is refused. */
  default void put(int slot, int row, String value) {
    throw new UnsupportedOperationException(
        getClass().getName() + " takes no string values (slot " + slot + ")");
  }

  default void put(int slot, int row, String[] values) {
    throw new UnsupportedOperationException(
        getClass().getName() + " takes no string values (slot " + slot + ")");
  }

  default void put(int slot, int row, long value) {
    throw new UnsupportedOperationException(
        getClass().getName() + " takes no int64 values (slot " + slot + ")");
  }

  default void put(int slot, int row, long[] values) {
    throw new UnsupportedOperationException(
        getClass().getName() + " takes no int64 values (slot " + slot + ")");
  }
}
