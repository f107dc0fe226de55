package io.github.kestimator.runtime.input;

import io.github.kestimator.model.DType;
import io.github.kestimator.runtime.binding.TensorBatch;
import java.util.Arrays;
import java.util.List;

/**
 * A {@link TensorBatch} over preallocated primitive arrays, one per slot, {@code capacity x size}
 * values each, row-major. Every put checks the slot's type, the number of values and, for id slots,
 * that each id is in range, and names the slot when something is wrong.
 */
public final class ArrayBatch implements TensorBatch {
  private final List<Slot> slots;
  private final int capacity;
  private final Object[] arrays;

  public ArrayBatch(List<Slot> slots, int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("batch capacity must be at least 1, got " + capacity);
    }
    this.slots = List.copyOf(slots);
    this.capacity = capacity;
    this.arrays = new Object[slots.size()];
    for (int i = 0; i < arrays.length; i++) {
      Slot s = slots.get(i);
      int n = Math.multiplyExact(capacity, s.size());
      arrays[i] = newArray(s.dtype(), n);
    }
  }

  public int capacity() {
    return capacity;
  }

  @Override
  public void put(int slot, int row, float[] values) {
    Slot s = slot(slot, row, DType.FLOAT32, values.length);
    System.arraycopy(values, 0, (float[]) arrays[slot], row * s.size(), values.length);
  }

  @Override
  public void put(int slot, int row, int[] values) {
    Slot s = slot(slot, row, DType.INT32, values.length);
    for (int i = 0; i < values.length; i++) {
      checkId(s, values[i], i);
    }
    System.arraycopy(values, 0, (int[]) arrays[slot], row * s.size(), values.length);
  }

  @Override
  public void put(int slot, int row, float value) {
    Slot s = slot(slot, row, DType.FLOAT32, 1);
    ((float[]) arrays[slot])[row * s.size()] = value;
  }

  @Override
  public void put(int slot, int row, int value) {
    Slot s = slot(slot, row, DType.INT32, 1);
    checkId(s, value, 0);
    ((int[]) arrays[slot])[row * s.size()] = value;
  }

  @Override
  public void put(int slot, int row, String[] values) {
    Slot s = slot(slot, row, DType.STRING, values.length);
    for (int i = 0; i < values.length; i++) {
      checkString(s, values[i], i);
    }
    System.arraycopy(values, 0, (String[]) arrays[slot], row * s.size(), values.length);
  }

  @Override
  public void put(int slot, int row, String value) {
    Slot s = slot(slot, row, DType.STRING, 1);
    checkString(s, value, 0);
    ((String[]) arrays[slot])[row * s.size()] = value;
  }

  @Override
  public void put(int slot, int row, long[] values) {
    Slot s = slot(slot, row, DType.INT64, values.length);
    System.arraycopy(values, 0, (long[]) arrays[slot], row * s.size(), values.length);
  }

  @Override
  public void put(int slot, int row, long value) {
    Slot s = slot(slot, row, DType.INT64, 1);
    ((long[]) arrays[slot])[row * s.size()] = value;
  }

  /**
   * A zeroed array of {@code n} values of {@code dtype}: float[], int[], long[] or String[] (empty
   * strings).
   */
  static Object newArray(DType dtype, int n) {
    return switch (dtype) {
      case FLOAT32 -> new float[n];
      case INT32 -> new int[n];
      case INT64 -> new long[n];
      case STRING -> {
        String[] a = new String[n];
        Arrays.fill(a, "");
        yield a;
      }
    };
  }

  /**
   * The filled arrays for the first {@code rows} rows: the buffers themselves when the batch is
   * full, trimmed copies for a partial last batch. The batch must not be written afterwards.
   */
  public Object[] take(int rows) {
    if (rows == capacity) {
      return arrays.clone();
    }
    Object[] out = new Object[arrays.length];
    for (int i = 0; i < arrays.length; i++) {
      int n = rows * slots.get(i).size();
      Object a = arrays[i];
      if (a instanceof int[] ints) {
        out[i] = Arrays.copyOf(ints, n);
      } else if (a instanceof long[] longs) {
        out[i] = Arrays.copyOf(longs, n);
      } else if (a instanceof String[] strings) {
        out[i] = Arrays.copyOf(strings, n);
      } else {
        out[i] = Arrays.copyOf((float[]) a, n);
      }
    }
    return out;
  }

  private Slot slot(int slot, int row, DType dtype, int count) {
    if (slot < 0 || slot >= slots.size()) {
      throw new IndexOutOfBoundsException(
          "no slot "
              + slot
              + ": this batch has "
              + slots.size()
              + " ("
              + slots.stream().map(Slot::describe).toList()
              + ")");
    }
    if (row < 0 || row >= capacity) {
      throw new IndexOutOfBoundsException(
          "row " + row + " is outside a batch of " + capacity + " rows");
    }
    Slot s = slots.get(slot);
    if (s.dtype() != dtype) {
      throw new InputException(
          s.describe() + " holds " + s.dtype().keras() + " values, got " + dtype.keras());
    }
    if (count != s.size()) {
      throw new InputException(
          s.describe()
              + " expects "
              + s.size()
              + (s.size() == 1 ? " value" : " values")
              + " (shape "
              + s.shape()
              + "), got "
              + count);
    }
    return s;
  }

  private static void checkString(Slot s, String value, int position) {
    if (value == null) {
      throw new InputException(
          s.describe() + " holds null at position " + position + "; give \"\" for an empty string");
    }
  }

  private static void checkId(Slot s, int id, int position) {
    if (s.limit() > 0 && (id < 0 || id >= s.limit())) {
      throw new InputException(
          s.describe()
              + " holds id "
              + id
              + " at position "
              + position
              + ", outside [0, "
              + s.limit()
              + ") of "
              + s.limitReason());
    }
  }
}
