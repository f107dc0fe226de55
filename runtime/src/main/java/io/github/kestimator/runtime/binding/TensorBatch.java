package io.github.kestimator.runtime.binding;

/**
 * A batch being filled, one flat primitive array per slot (a feature or a label), so that values
 * go into tensors without boxing. Slot {@code i} holds {@code rows x size(i)} values, row-major.
 * Generated bindings call the {@code put} methods; every put checks the length and names the slot.
 */
public interface TensorBatch {
  void put(int slot, int row, float[] values);

  void put(int slot, int row, int[] values);

  void put(int slot, int row, float value);

  void put(int slot, int row, int value);
}
