package io.github.kestimator.runtime.input;

import java.util.List;

/**
 * One batch in host memory, ready to become tensors: per feature slot and per label slot a flat
 * row-major array of {@code rows() x size} values, {@code float[]}, {@code int[]}, {@code long[]}
 * or {@code String[]} as the slot's dtype says. Prediction batches have no labels.
 */
public final class HostBatch {
  private final int rows;
  private final List<Slot> featureSlots;
  private final Object[] features;
  private final List<Slot> labelSlots;
  private final Object[] labels;

  public HostBatch(
      int rows,
      List<Slot> featureSlots,
      Object[] features,
      List<Slot> labelSlots,
      Object[] labels) {
    this.rows = rows;
    this.featureSlots = featureSlots;
    this.features = features;
    this.labelSlots = labelSlots;
    this.labels = labels;
  }

  public int rows() {
    return rows;
  }

  public boolean hasLabels() {
    return labels != null;
  }

  public List<Slot> featureSlots() {
    return featureSlots;
  }

  public List<Slot> labelSlots() {
    return labelSlots;
  }

  /** A feature's values: {@code float[]}, {@code int[]}, {@code long[]} or {@code String[]}. */
  public Object feature(int slot) {
    return features[slot];
  }

  public float[] floatFeature(int slot) {
    return cast(features[slot], float[].class, featureSlots.get(slot));
  }

  public int[] intFeature(int slot) {
    return cast(features[slot], int[].class, featureSlots.get(slot));
  }

  public long[] longFeature(int slot) {
    return cast(features[slot], long[].class, featureSlots.get(slot));
  }

  public String[] stringFeature(int slot) {
    return cast(features[slot], String[].class, featureSlots.get(slot));
  }

  /** A label's values: {@code float[]} or {@code int[]}. */
  public Object label(int slot) {
    if (labels == null) {
      throw new IllegalStateException("this batch is for prediction and has no labels");
    }
    return labels[slot];
  }

  public float[] floatLabel(int slot) {
    return cast(label(slot), float[].class, labelSlots.get(slot));
  }

  public int[] intLabel(int slot) {
    return cast(label(slot), int[].class, labelSlots.get(slot));
  }

  private static <T> T cast(Object array, Class<T> type, Slot slot) {
    if (!type.isInstance(array)) {
      throw new IllegalStateException(
          slot.describe()
              + " holds "
              + slot.dtype().keras()
              + " values, not "
              + type.getComponentType()
              + "[]");
    }
    return type.cast(array);
  }
}
