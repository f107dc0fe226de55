package io.github.kestimator.runtime.metrics;

/**
 * Keras' accuracies: binary ({@code prediction > 0.5} equals the label, per value), categorical
 * (argmax of the prediction equals argmax of the one-hot label, per position), sparse (equals the
 * class id), and their top-k forms (the true class is among the k highest predictions; as
 * TensorFlow's {@code in_top_k}, fewer than k classes score strictly higher).
 */
final class Accuracy implements MetricAccumulator {
  enum Kind {
    BINARY,
    CATEGORICAL,
    SPARSE
  }

  /** Keras' {@code TopKCategoricalAccuracy} default k. */
  static final int TOP_K = 5;

  static final float THRESHOLD = 0.5f;

  private final Kind kind;
  private final int classes;
  private final int k;
  private long correct;
  private long total;

  Accuracy(Kind kind, int classes, int k) {
    this.kind = kind;
    this.classes = classes;
    this.k = k;
  }

  @Override
  public void update(float[] predictions, float[] labels, int rows) {
    MetricAccumulator.checkLengths(predictions, labels, rows);
    if (kind == Kind.BINARY) {
      for (int i = 0; i < predictions.length; i++) {
        correct += labels[i] == (predictions[i] > THRESHOLD ? 1f : 0f) ? 1 : 0;
      }
      total += predictions.length;
      return;
    }
    int positions = predictions.length / classes;
    for (int pos = 0; pos < positions; pos++) {
      int offset = pos * classes;
      int target = kind == Kind.SPARSE ? (int) labels[pos] : argmax(labels, offset);
      if (target < 0 || target >= classes) {
        throw new IllegalArgumentException(
            "class id " + target + " is outside [0, " + classes + ")");
      }
      boolean hit;
      if (k == 1) {
        hit = argmax(predictions, offset) == target;
      } else {
        int higher = 0;
        for (int c = 0; c < classes; c++) {
          higher += predictions[offset + c] > predictions[offset + target] ? 1 : 0;
        }
        hit = higher < k;
      }
      correct += hit ? 1 : 0;
    }
    total += positions;
  }

  private int argmax(float[] v, int offset) {
    int best = 0;
    for (int c = 1; c < classes; c++) {
      if (v[offset + c] > v[offset + best]) {
        best = c;
      }
    }
    return best;
  }

  @Override
  public double result() {
    return total == 0 ? 0 : (double) correct / total;
  }
}
