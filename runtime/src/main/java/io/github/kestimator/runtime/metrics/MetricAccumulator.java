package io.github.kestimator.runtime.metrics;

import io.github.kestimator.model.CompiledMetric;
import io.github.kestimator.model.Output;

/**
 * A streaming metric, like tf.estimator's metric ops: fed every evaluated batch, read once at the
 * end, so it covers the whole evaluation rather than averaging per-batch values.
 *
 * <p>Predictions are one output's values, flat and row-major ({@code rows x output size}); labels
 * are flat too ({@code rows x label size}), class ids for the sparse metrics.
 */
public interface MetricAccumulator {
  void update(float[] predictions, float[] labels, int rows);

  /** Class-id labels (sparse categorical losses). */
  default void update(float[] predictions, int[] labels, int rows) {
    float[] f = new float[labels.length];
    for (int i = 0; i < labels.length; i++) {
      f[i] = labels[i];
    }
    update(predictions, f, rows);
  }

  /** The value over everything seen so far; 0 before any update. */
  double result();

  /** The accumulator computing {@code spec} on {@code output}. */
  static MetricAccumulator of(CompiledMetric spec, Output output) {
    int classes = output.shape().rank() == 0 ? 1 : output.shape().dim(-1);
    return switch (spec.kind()) {
      case BINARY_ACCURACY -> new Accuracy(Accuracy.Kind.BINARY, classes, 1);
      case CATEGORICAL_ACCURACY -> new Accuracy(Accuracy.Kind.CATEGORICAL, classes, 1);
      case SPARSE_CATEGORICAL_ACCURACY -> new Accuracy(Accuracy.Kind.SPARSE, classes, 1);
      case TOP_K_CATEGORICAL_ACCURACY ->
          new Accuracy(Accuracy.Kind.CATEGORICAL, classes, Accuracy.TOP_K);
      case SPARSE_TOP_K_CATEGORICAL_ACCURACY ->
          new Accuracy(Accuracy.Kind.SPARSE, classes, Accuracy.TOP_K);
      case AUC -> new Auc(Auc.DEFAULT_THRESHOLDS);
      case PRECISION -> new PrecisionRecall(true);
      case RECALL -> new PrecisionRecall(false);
      case MEAN_SQUARED_ERROR -> new MeanError(MeanError.Kind.SQUARED);
      case MEAN_ABSOLUTE_ERROR -> new MeanError(MeanError.Kind.ABSOLUTE);
      case ROOT_MEAN_SQUARED_ERROR -> new MeanError(MeanError.Kind.ROOT_SQUARED);
      case ACCURACY ->
          throw new IllegalArgumentException(
              "metric '"
                  + spec.key()
                  + "': ACCURACY must be resolved by the model analyzer to a binary, categorical or sparse accuracy");
    };
  }

  /** Checks that a batch holds {@code rows} whole examples. */
  static void checkLengths(float[] predictions, float[] labels, int rows) {
    if (rows <= 0 || predictions.length % rows != 0 || labels.length % rows != 0) {
      throw new IllegalArgumentException(
          "a batch of "
              + rows
              + " rows needs whole rows of predictions and labels, got "
              + predictions.length
              + " predictions and "
              + labels.length
              + " labels");
    }
  }
}
