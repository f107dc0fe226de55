package io.github.kestimator.runtime.metrics;

/**
 * Keras' {@code Precision()} and {@code Recall()}: predicted positive when strictly above 0.5,
 * label positive when not 0; 0 when undefined (no predicted or no actual positives).
 */
final class PrecisionRecall implements MetricAccumulator {
  private final boolean precision;
  private long tp;
  private long fp;
  private long fn;

  PrecisionRecall(boolean precision) {
    this.precision = precision;
  }

  @Override
  public void update(float[] predictions, float[] labels, int rows) {
    MetricAccumulator.checkLengths(predictions, labels, rows);
    for (int i = 0; i < predictions.length; i++) {
      boolean predicted = predictions[i] > Accuracy.THRESHOLD;
      boolean positive = labels[i] != 0;
      if (predicted && positive) {
        tp++;
      } else if (predicted) {
        fp++;
      } else if (positive) {
        fn++;
      }
    }
  }

  @Override
  public double result() {
    long denominator = precision ? tp + fp : tp + fn;
    return denominator == 0 ? 0 : (double) tp / denominator;
  }
}
