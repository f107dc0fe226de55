package io.github.kestimator.runtime.layers;

/**
 * Keras' {@code Normalization.adapt} along the last axis, streaming: the mean and the population
 * variance ({@code np.var}) of each of {@code width} features over every value seen, accumulated in
 * double (Welford's update) and given as float32, as Keras stores them.
 */
public final class MomentsBuilder {
  private final int width;
  private final double[] mean;
  private final double[] m2;
  private long count;

  public MomentsBuilder(int width) {
    this.width = width;
    this.mean = new double[width];
    this.m2 = new double[width];
  }

  /** Values of one or more examples, row-major, {@code width} per row. */
  public void add(float[] values) {
    if (values.length % width != 0) {
      throw new IllegalArgumentException(
          "expected a multiple of " + width + " values, got " + values.length);
    }
    for (int i = 0; i < values.length; i += width) {
      count++;
      for (int j = 0; j < width; j++) {
        double x = values[i + j];
        double d = x - mean[j];
        mean[j] += d / count;
        m2[j] += d * (x - mean[j]);
      }
    }
  }

  public long count() {
    return count;
  }

  public float[] mean() {
    float[] out = new float[width];
    for (int j = 0; j < width; j++) {
      out[j] = (float) mean[j];
    }
    return out;
  }

  public float[] variance() {
    float[] out = new float[width];
    for (int j = 0; j < width; j++) {
      out[j] = count == 0 ? 0f : (float) (m2[j] / count);
    }
    return out;
  }
}
