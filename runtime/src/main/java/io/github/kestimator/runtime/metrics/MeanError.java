package io.github.kestimator.runtime.metrics;

/** Keras' mean squared, mean absolute and root mean squared error over every value seen. */
final class MeanError implements MetricAccumulator {
  enum Kind {
    SQUARED,
    ABSOLUTE,
    ROOT_SQUARED
  }

  private final Kind kind;
  private double sum;
  private long count;

  MeanError(Kind kind) {
    this.kind = kind;
  }

  @Override
  public void update(float[] predictions, float[] labels, int rows) {
    MetricAccumulator.checkLengths(predictions, labels, rows);
    if (predictions.length != labels.length) {
      throw new IllegalArgumentException(
          "predictions and labels differ in length: "
              + predictions.length
              + " vs "
              + labels.length);
    }
    for (int i = 0; i < predictions.length; i++) {
      double d = (double) predictions[i] - labels[i];
      sum += kind == Kind.ABSOLUTE ? Math.abs(d) : d * d;
    }
    count += predictions.length;
  }

  @Override
  public double result() {
    if (count == 0) {
      return 0;
    }
    double mean = sum / count;
    return kind == Kind.ROOT_SQUARED ? Math.sqrt(mean) : mean;
  }
}
