package io.github.kestimator.runtime.metrics;

/**
 * Keras' {@code AUC()} with its defaults: ROC curve, 200 thresholds ({@code -1e-7}, {@code i/199}
 * for i = 1..198, {@code 1 + 1e-7}), trapezoidal ("interpolation") summation. A value counts as
 * predicted positive when it is strictly above a threshold; a label is positive when it is not 0.
 */
final class Auc implements MetricAccumulator {
  static final int DEFAULT_THRESHOLDS = 200;
  private static final double EPSILON = 1e-7;

  private final double[] thresholds;
  private final long[] tp;
  private final long[] fp;
  private final long[] tn;
  private final long[] fn;

  Auc(int count) {
    thresholds = new double[count];
    thresholds[0] = -EPSILON;
    for (int i = 1; i < count - 1; i++) {
      thresholds[i] = (double) i / (count - 1);
    }
    thresholds[count - 1] = 1 + EPSILON;
    tp = new long[count];
    fp = new long[count];
    tn = new long[count];
    fn = new long[count];
  }

  @Override
  public void update(float[] predictions, float[] labels, int rows) {
    MetricAccumulator.checkLengths(predictions, labels, rows);
    for (int i = 0; i < predictions.length; i++) {
      boolean positive = labels[i] != 0;
      // Keras compares in float32: cast the thresholds like it does.
      float p = predictions[i];
      for (int t = 0; t < thresholds.length; t++) {
        boolean predicted = p > (float) thresholds[t];
        if (positive) {
          if (predicted) {
            tp[t]++;
          } else {
            fn[t]++;
          }
        } else if (predicted) {
          fp[t]++;
        } else {
          tn[t]++;
        }
      }
    }
  }

  @Override
  public double result() {
    double auc = 0;
    for (int t = 0; t < thresholds.length - 1; t++) {
      double x0 = rate(fp[t], tn[t]);
      double x1 = rate(fp[t + 1], tn[t + 1]);
      double y0 = rate(tp[t], fn[t]);
      double y1 = rate(tp[t + 1], fn[t + 1]);
      auc += (x0 - x1) * (y0 + y1) / 2;
    }
    return auc;
  }

  /** Keras' divide_no_nan: 0 when there is nothing to divide by. */
  private static double rate(long hits, long misses) {
    return hits + misses == 0 ? 0 : (double) hits / (hits + misses);
  }
}
