package io.github.kestimator.model;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The shape of one example, without the batch dimension: Keras' {@code input_shape}. Every
 * dimension is known; the batch dimension is always {@code None} and is not stored.
 */
public record Shape(List<Integer> dims) {
  public Shape {
    dims = List.copyOf(dims);
  }

  public static Shape of(int... dims) {
    return new Shape(java.util.Arrays.stream(dims).boxed().toList());
  }

  public static Shape scalar() {
    return new Shape(List.of());
  }

  public int rank() {
    return dims.size();
  }

  public int dim(int i) {
    return dims.get(i < 0 ? dims.size() + i : i);
  }

  /**
   * The most values one example (or one weight) may hold: TensorFlow Java indexes them with an int.
   */
  public static final long MAX_SIZE = Integer.MAX_VALUE;

  /**
   * Number of values in one example: the product of the dimensions (1 for a scalar).
   *
   * @throws IllegalArgumentException when that is more than {@link #MAX_SIZE} (the analyzer reports
   *     such a layer before anything else asks: {@link #exactSize()})
   */
  public int size() {
    long n = exactSize();
    if (n > MAX_SIZE) {
      throw new IllegalArgumentException(
          "shape " + keras() + " holds " + n + " values, more than " + MAX_SIZE);
    }
    return (int) n;
  }

  /** The product of the dimensions, saturated at {@code Long.MAX_VALUE}: never overflows. */
  public long exactSize() {
    long n = 1;
    for (int d : dims) {
      if (d != 0 && n > Long.MAX_VALUE / Math.abs(d)) {
        return Long.MAX_VALUE;
      }
      n *= d;
    }
    return n;
  }

  public Shape append(int d) {
    var l = new java.util.ArrayList<>(dims);
    l.add(d);
    return new Shape(l);
  }

  public Shape withLast(int d) {
    var l = new java.util.ArrayList<>(dims);
    l.set(l.size() - 1, d);
    return new Shape(l);
  }

  public Shape dropLast() {
    return new Shape(dims.subList(0, dims.size() - 1));
  }

  /** The dims with the batch dimension first, as TensorFlow wants them ({@code -1} = unknown). */
  public long[] withBatch(long batch) {
    long[] out = new long[dims.size() + 1];
    out[0] = batch;
    for (int i = 0; i < dims.size(); i++) {
      out[i + 1] = dims.get(i);
    }
    return out;
  }

  /** Keras' notation: {@code (None, 100, 64)}. */
  public String keras() {
    return dims.stream()
        .map(String::valueOf)
        .collect(Collectors.joining(", ", "(None" + (dims.isEmpty() ? "" : ", "), ")"));
  }

  /** Compact notation for messages: {@code 28x28x1}, or {@code scalar}. */
  @Override
  public String toString() {
    return dims.isEmpty()
        ? "scalar"
        : dims.stream().map(String::valueOf).collect(Collectors.joining("x"));
  }
}
