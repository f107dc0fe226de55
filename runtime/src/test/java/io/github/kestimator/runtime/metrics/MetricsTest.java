package io.github.kestimator.runtime.metrics;

import static io.github.kestimator.runtime.graph.TestModels.adam;
import static io.github.kestimator.runtime.graph.TestModels.layer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.kestimator.model.Activation;
import io.github.kestimator.model.CompiledMetric;
import io.github.kestimator.model.DType;
import io.github.kestimator.model.LayerKind;
import io.github.kestimator.model.Loss;
import io.github.kestimator.model.Metric;
import io.github.kestimator.model.Model;
import io.github.kestimator.model.Output;
import io.github.kestimator.model.Shape;
import io.github.kestimator.runtime.graph.TestModels;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsTest {
  static final Output BINARY =
      new Output("score", Shape.of(1), Activation.SIGMOID, DType.FLOAT32, Shape.of(1));
  static final Output SIX_CLASSES =
      new Output("cls", Shape.of(6), Activation.SOFTMAX, DType.FLOAT32, Shape.of(6));
  static final Output SPARSE_SIX =
      new Output("cls", Shape.of(6), Activation.SOFTMAX, DType.INT32, Shape.scalar());

  static MetricAccumulator of(Metric m, Output o) {
    return MetricAccumulator.of(new CompiledMetric(m.keras(), m, o.layer()), o);
  }

  @Test
  void aucMatchesThePairwiseProbabilityOverBatches() {
    // positives {0.35, 0.8, 0.93}, negatives {0.1, 0.4, 0.62}: 7 of 9 pairs are ordered right.
    MetricAccumulator auc = of(Metric.AUC, BINARY);
    auc.update(new float[] {0.1f, 0.35f, 0.4f}, new float[] {0, 1, 0}, 3);
    auc.update(new float[] {0.62f, 0.8f, 0.93f}, new float[] {0, 1, 1}, 3);
    assertEquals(7.0 / 9, auc.result(), 1e-9);
    MetricAccumulator perfect = of(Metric.AUC, BINARY);
    perfect.update(new float[] {0.2f, 0.9f}, new float[] {0, 1}, 2);
    assertEquals(1.0, perfect.result(), 1e-9);
  }

  @Test
  void aucCountsTiesAsHalf() {
    MetricAccumulator auc = of(Metric.AUC, BINARY);
    auc.update(new float[] {0.5f, 0.5f}, new float[] {0, 1}, 2);
    assertEquals(0.5, auc.result(), 1e-9);
  }

  @Test
  void binaryAccuracyPrecisionRecall() {
    float[] p = {0.9f, 0.2f, 0.6f, 0.4f, 0.5f};
    float[] y = {1, 0, 0, 1, 1};
    // predicted positive (> 0.5): 0.9, 0.6 -> tp 1, fp 1; missed positives: 0.4, 0.5 -> fn 2
    MetricAccumulator acc = of(Metric.BINARY_ACCURACY, BINARY);
    MetricAccumulator precision = of(Metric.PRECISION, BINARY);
    MetricAccumulator recall = of(Metric.RECALL, BINARY);
    for (MetricAccumulator m : List.of(acc, precision, recall)) {
      m.update(p, y, 5);
    }
    assertEquals(2.0 / 5, acc.result(), 1e-12);
    assertEquals(1.0 / 2, precision.result(), 1e-12);
    assertEquals(1.0 / 3, recall.result(), 1e-12);
  }

  @Test
  void categoricalSparseAndTopK() {
    float[] p = {
      0.1f, 0.5f, 0.1f, 0.1f, 0.1f, 0.1f, // argmax 1
      0.30f, 0.25f, 0.2f, 0.15f, 0.06f, 0.04f, // class 5 is 6th: not in top 5
      0.0f, 0.0f, 0.0f, 0.0f, 0.1f, 0.9f
    }; // argmax 5
    int[] ids = {1, 5, 4};
    float[] oneHot = new float[18];
    for (int r = 0; r < 3; r++) {
      oneHot[r * 6 + ids[r]] = 1;
    }
    MetricAccumulator cat = of(Metric.CATEGORICAL_ACCURACY, SIX_CLASSES);
    cat.update(p, oneHot, 3);
    assertEquals(1.0 / 3, cat.result(), 1e-12);
    MetricAccumulator sparse = of(Metric.SPARSE_CATEGORICAL_ACCURACY, SPARSE_SIX);
    sparse.update(p, ids, 3);
    assertEquals(1.0 / 3, sparse.result(), 1e-12);
    MetricAccumulator top5 = of(Metric.TOP_K_CATEGORICAL_ACCURACY, SIX_CLASSES);
    top5.update(p, oneHot, 3);
    assertEquals(2.0 / 3, top5.result(), 1e-12);
    MetricAccumulator sparseTop5 = of(Metric.SPARSE_TOP_K_CATEGORICAL_ACCURACY, SPARSE_SIX);
    sparseTop5.update(p, ids, 3);
    assertEquals(2.0 / 3, sparseTop5.result(), 1e-12);
    assertThrows(IllegalArgumentException.class, () -> sparse.update(p, new int[] {1, 2, 6}, 3));
  }

  @Test
  void errors() {
    Output reg = new Output("y", Shape.of(2), Activation.LINEAR, DType.FLOAT32, Shape.of(2));
    float[] p = {1, 2, 3, 4};
    float[] y = {1, 0, 5, 4}; // errors 0, 2, -2, 0
    MetricAccumulator mse = of(Metric.MEAN_SQUARED_ERROR, reg);
    MetricAccumulator mae = of(Metric.MEAN_ABSOLUTE_ERROR, reg);
    MetricAccumulator rmse = of(Metric.ROOT_MEAN_SQUARED_ERROR, reg);
    for (MetricAccumulator m : List.of(mse, mae, rmse)) {
      m.update(p, y, 2);
    }
    assertEquals(2.0, mse.result(), 1e-12);
    assertEquals(1.0, mae.result(), 1e-12);
    assertEquals(Math.sqrt(2), rmse.result(), 1e-12);
  }

  @Test
  void metricsKeyedByModelMetricsWithExampleWeightedLoss() {
    Model m =
        TestModels.model(
            Loss.BINARY_CROSSENTROPY,
            false,
            adam(0.01),
            List.of(Metric.ACCURACY, Metric.AUC),
            layer(
                "score",
                LayerKind.DENSE,
                "units",
                1,
                "activation",
                "sigmoid",
                "inputShape",
                List.of(3)));
    Metrics metrics = Metrics.of(m);
    metrics.update(0, new float[] {0.9f, 0.1f}, new float[] {1, 1}, 2);
    metrics.update(0, new float[] {0.7f}, new float[] {0}, 1);
    metrics.addLoss(0.3, 2);
    metrics.addLoss(0.6, 1);
    Map<String, Double> r = metrics.results();
    assertEquals(List.of("loss", "accuracy", "auc"), List.copyOf(r.keySet()));
    assertEquals(0.4, r.get("loss"), 1e-12);
    assertEquals(1.0 / 3, r.get("accuracy"), 1e-12);
    assertEquals(0.5, r.get("auc"), 1e-9); // positive 0.9 beats negative 0.7, positive 0.1 does not
  }
}
