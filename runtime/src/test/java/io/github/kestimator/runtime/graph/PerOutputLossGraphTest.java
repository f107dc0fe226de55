package io.github.kestimator.runtime.graph;

import static io.github.kestimator.runtime.graph.TestModels.layer;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.kestimator.model.CompileSpec;
import io.github.kestimator.model.LayerKind;
import io.github.kestimator.model.LayerSpec;
import io.github.kestimator.model.Loss;
import io.github.kestimator.model.Metric;
import io.github.kestimator.model.Model;
import io.github.kestimator.model.ModelAnalyzer;
import io.github.kestimator.model.ModelSpec;
import io.github.kestimator.model.OutputLoss;
import io.github.kestimator.runtime.metrics.Metrics;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.op.Op;

/**
 * A two-output model with a loss and a loss weight per output: the graph's loss is Keras' sum of
 * {@code weight * loss} over outputs, each output's loss (unweighted) is fetchable by its Keras
 * name, and an evaluation reports them by those names.
 */
class PerOutputLossGraphTest {
  private static final LayerSpec[] LAYERS = {
    layer("x", LayerKind.INPUT, "shape", List.of(3)),
    layer("trunk", LayerKind.DENSE, "units", 4, "activation", "tanh"),
    layer("price", LayerKind.DENSE, "units", 1).from("trunk"),
    layer("churn", LayerKind.DENSE, "units", 1, "activation", "sigmoid").from("trunk")
  };

  private static final float[] X = {0.5f, -1f, 2f, 1.5f, 0.2f, -0.7f, -2f, 0.3f, 0.9f};
  private static final float[] PRICE = {1.5f, -0.5f, 0.25f};
  private static final float[] CHURN = {1f, 0f, 1f};

  private static Model model(double churnWeight) {
    return ModelAnalyzer.analyze(
            new ModelSpec(
                "two",
                List.of(LAYERS),
                CompileSpec.perOutput(
                    TestModels.adam(0.01),
                    List.of(
                        new OutputLoss(
                            "price",
                            Loss.MEAN_SQUARED_ERROR,
                            false,
                            1.0,
                            List.of(Metric.MEAN_ABSOLUTE_ERROR)),
                        new OutputLoss(
                            "churn", Loss.BINARY_CROSSENTROPY, false, churnWeight, List.of())))))
        .orThrow();
  }

  /** Runs {@code fetch} on the fixed batch. */
  private static float[] run(
      GraphRunner r, ModelGraph g, org.tensorflow.Operand<?> fetch, Op... t) {
    return r.feed(g.feature(0), X, 3, 3)
        .feed(g.label(0), PRICE, 3, 1)
        .feed(g.label(1), CHURN, 3, 1)
        .run(fetch, t);
  }

  @Test
  void theLossIsTheWeightedSumOfEachOutputsKerasLoss() {
    Model m = model(0.5);
    assertEquals(List.of("price_loss", "churn_loss"), m.outputLossKeys());
    try (ModelGraph g = ModelGraph.build(m, Mode.EVAL, 7);
        GraphRunner r = new GraphRunner(g)) {
      float[] price = run(r, g, g.output(0));
      float[] churn = run(r, g, g.output(1));
      double mse = 0;
      double bce = 0;
      for (int i = 0; i < 3; i++) {
        mse += (price[i] - PRICE[i]) * (price[i] - PRICE[i]) / 3;
        bce -= (CHURN[i] * Math.log(churn[i]) + (1 - CHURN[i]) * Math.log(1 - churn[i])) / 3;
      }
      assertEquals(2, g.outputLosses().size());
      assertEquals("loss_terms/price_loss", g.outputLosses().get(0).op().name());
      assertEquals(mse, run(r, g, g.outputLosses().get(0))[0], 1e-6);
      assertEquals(bce, run(r, g, g.outputLosses().get(1))[0], 1e-6);
      assertEquals(mse + 0.5 * bce, run(r, g, g.loss())[0], 1e-6);
    }
  }

  @Test
  void aZeroWeightLeavesThatOutputUntrained() {
    try (ModelGraph g = ModelGraph.build(model(0.0), Mode.TRAIN, 7);
        GraphRunner r = new GraphRunner(g)) {
      float[] churnKernel = r.variable("churn/kernel");
      float[] priceKernel = r.variable("price/kernel");
      for (int step = 0; step < 3; step++) {
        run(r, g, g.loss(), g.trainOp());
      }
      org.junit.jupiter.api.Assertions.assertArrayEquals(churnKernel, r.variable("churn/kernel"));
      org.junit.jupiter.api.Assertions.assertNotEquals(
          priceKernel[0], r.variable("price/kernel")[0]);
    }
  }

  @Test
  void anEvaluationReportsTheTotalThenEachOutputsLossThenTheMetrics() {
    Metrics metrics = Metrics.of(model(0.5));
    metrics.addLoss(1.0, new float[] {0.5f, 1.0f}, 2);
    metrics.addLoss(4.0, new float[] {2.0f, 4.0f}, 1);
    metrics.update(0, new float[] {1f, 2f}, new float[] {1.5f, 2f}, 2);
    metrics.update(1, new float[] {0.9f, 0.1f}, new float[] {1f, 0f}, 2);
    Map<String, Double> results = metrics.results();
    assertEquals(
        List.of("loss", "price_loss", "churn_loss", "price_mean_absolute_error"),
        List.copyOf(results.keySet()));
    assertEquals(2.0, results.get("loss"), 1e-12); // (1 * 2 + 4 * 1) / 3
    assertEquals(1.0, results.get("price_loss"), 1e-12); // (0.5 * 2 + 2) / 3
    assertEquals(2.0, results.get("churn_loss"), 1e-12);
    assertEquals(0.25, results.get("price_mean_absolute_error"), 1e-6);

    IllegalArgumentException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class, () -> metrics.addLoss(1.0, 2));
    assertEquals(
        "expected the losses of outputs [price_loss, churn_loss], got 0 values", e.getMessage());
  }
}
